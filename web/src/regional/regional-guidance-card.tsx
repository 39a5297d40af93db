import { useQuery } from '@tanstack/react-query';
import { regionalApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { formatLocalTime } from '../format/time';
import { useNow } from '../ui/use-now';
import { withinBusinessHours } from './business-hours';

export function useRegionalGuidance() {
  return useQuery({ queryKey: queryKeys.regionalGuidance, queryFn: regionalApi.list, staleTime: 5 * 60_000 });
}

/** How people in the customer's country tend to like being written to: a starting point, never a verdict. */
export function RegionalGuidanceCard({ country }: { country: string }) {
  const guidance = useRegionalGuidance();
  const now = useNow(60_000);
  const item = guidance.data?.items[country];
  if (!item) return null;
  const hours = item.businessHours;
  const open = withinBusinessHours(hours, now);
  return (
    <section
      className="regional-guidance"
      data-testid="regional-guidance"
      data-country={country}
      aria-label={`Writing to someone in ${item.countryName}`}
    >
      <h3 className="panel-subtitle">Writing to {item.countryName}</h3>
      <p className="muted small">Starting points, not rules: the customer's own tone wins.</p>
      <dl className="details">
        <dt>Formality</dt>
        <dd>{item.formality}</dd>
        <dt>Directness</dt>
        <dd>{item.directness}</dd>
        <dt>Channels</dt>
        <dd>{item.preferredChannels.join(', ')}</dd>
        <dt>Hours</dt>
        <dd data-testid="regional-hours" data-open={open === null ? 'unknown' : String(open)}>
          {hours.days}, {hours.open}–{hours.close} <span className="muted">({hours.timeZone.replace(/_/g, ' ')})</span>
          {hours.note ? <span className="muted"> {hours.note}</span> : null}
          <br />
          {open === null ? null : open ? (
            <span className="badge badge-hours-open">Within business hours now ({formatLocalTime(now, hours.timeZone)})</span>
          ) : (
            <span className="badge badge-hours-closed">Outside business hours now ({formatLocalTime(now, hours.timeZone)})</span>
          )}
        </dd>
      </dl>
      {item.holidays.length > 0 ? (
        <details>
          <summary>Holidays to mind</summary>
          <ul className="small">
            {item.holidays.map((holiday) => (
              <li key={holiday.name}>
                {holiday.name}: {holiday.when}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {item.notes.length > 0 ? (
        <ul className="regional-notes small">
          {item.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
