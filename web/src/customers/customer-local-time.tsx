import { formatLocalTime } from '../format/time';
import { useNow } from '../ui/use-now';

/** The customer's wall clock, ticking each minute. */
export function CustomerLocalTime({ timeZone, language }: { timeZone: string; language: string }) {
  const now = useNow(60_000);
  return (
    <span data-testid="customer-local-time">
      {formatLocalTime(now, timeZone)} <span className="muted">({timeZone.replace(/_/g, ' ')})</span>
      <span className="visually-hidden"> for a customer who reads {language}</span>
    </span>
  );
}
