import type { RegionalGuidance } from '../api/types';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The working days in "Monday to Friday", "Sunday to Thursday" or "Monday, Wednesday"; null when unreadable. */
export function workingDays(days: string): Set<number> | null {
  const range = /^\s*(\w+)\s+(?:to|–|-)\s+(\w+)\s*$/i.exec(days);
  const index = (name: string) => weekdays.findIndex((day) => day.toLowerCase().startsWith(name.toLowerCase().slice(0, 3)));
  if (range?.[1] && range[2]) {
    const from = index(range[1]);
    const to = index(range[2]);
    if (from < 0 || to < 0) return null;
    const result = new Set<number>();
    for (let day = from; ; day = (day + 1) % 7) {
      result.add(day);
      if (day === to) break;
    }
    return result;
  }
  const list = days.split(/[,;]|\band\b/).map((part) => index(part.trim()));
  return list.length > 0 && list.every((day) => day >= 0) ? new Set(list) : null;
}

/** Whether it is within the customer's business hours right now; null when we cannot tell. */
export function withinBusinessHours(hours: RegionalGuidance['businessHours'], now: number): boolean | null {
  const days = workingDays(hours.days);
  if (!days) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: hours.timeZone,
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
    const part = (type: string) => parts.find((each) => each.type === type)?.value ?? '';
    const day = weekdays.indexOf(part('weekday'));
    const time = `${part('hour').padStart(2, '0')}:${part('minute').padStart(2, '0')}`;
    return days.has(day) && time >= hours.open && time < hours.close;
  } catch {
    return null;
  }
}
