const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date and time in the viewer's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateTime.format(date) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateOnly.format(date) : '—';
}

/** Time only when it is today, otherwise date and time. */
export function formatMessageTime(iso: string, now: number): string {
  const date = parse(iso);
  if (!date) return '—';
  const today = new Date(now).toDateString() === date.toDateString();
  return today ? timeOnly.format(date) : dateTime.format(date);
}

/** "5 min ago", "yesterday", "3 days ago". */
export function formatRelative(iso: string | null | undefined, now: number): string {
  const date = parse(iso);
  if (!date) return '—';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 30) return relative.format(Math.round(seconds / 86400), 'day');
  return dateOnly.format(date);
}

/** Compact duration since a moment: "4m", "3h", "2d". */
export function formatWaiting(iso: string, now: number): string {
  const date = parse(iso);
  if (!date) return '';
  const minutes = Math.max(0, Math.floor((now - date.getTime()) / 60000));
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** The wall-clock time somewhere else, e.g. a customer's "14:05, Tue". */
export function formatLocalTime(now: number, timeZone: string, locale?: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(now);
  } catch {
    return '—';
  }
}
