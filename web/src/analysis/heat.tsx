import type { ConversationFlag, Trend } from '../api/types';
import { flagDescriptions, flagLabels, heatBand, heatBandWords, heatText, trendArrows, trendWords } from '../format/signals';

/** The heat number on a colour scale; screen readers hear "Heat 82 of 100" (the arrow adds ", rising"). */
export function HeatBadge({ heat, trend }: { heat: number; trend?: Trend }) {
  const band = heatBand(heat);
  return (
    <span className="heat">
      <span
        className={`heat-badge heat-${band}`}
        data-testid="heat-badge"
        data-heat={heat}
        title={`${heatText(heat, trend)}: ${heatBandWords[band]}`}
      >
        <span aria-hidden="true">{heat}</span>
        <span className="visually-hidden">{heatText(heat)}</span>
      </span>
      {trend ? <TrendArrow trend={trend} /> : null}
    </span>
  );
}

export function TrendArrow({ trend }: { trend: Trend }) {
  return (
    <span className={`trend-arrow trend-${trend}`} data-testid="trend-arrow" data-trend={trend} title={capitalized(trend)}>
      <span aria-hidden="true">{trendArrows[trend]}</span>
      <span className="visually-hidden">, {trendWords[trend]}</span>
    </span>
  );
}

function capitalized(trend: Trend): string {
  const word = trendWords[trend];
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function FlagChips({ flags }: { flags: ConversationFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <>
      {flags.map((flag) => (
        <span
          key={flag}
          className={`badge flag-chip flag-${flag}`}
          data-testid="flag-chip"
          data-flag={flag}
          title={flagDescriptions[flag]}
        >
          {flagLabels[flag] ?? flag}
        </span>
      ))}
    </>
  );
}
