import type { ConversationReading } from '../api/types';
import { heatBand, trendWords } from '../format/signals';

const width = 140;
const height = 32;
const pad = 4;

/** "Heat over 4 customer messages: 20, 35, 60, 82. Now 82, rising; peak 82." */
export function sparklineSummary(reading: ConversationReading): string {
  const heats = reading.trajectory.map((point) => point.heat);
  if (heats.length === 0) return 'No customer messages to read yet.';
  const shown = heats.length > 12 ? `…, ${heats.slice(-12).join(', ')}` : heats.join(', ');
  const count = heats.length === 1 ? '1 customer message' : `${heats.length} customer messages`;
  const peak = reading.peak ? `; peak ${reading.peak.heat}` : '';
  return `Heat over ${count}: ${shown}. Now ${reading.currentHeat}, ${trendWords[reading.trend]}${peak}.`;
}

/** The customer's heat across the conversation, one point per customer message, 0 at the bottom, 100 at the top. */
export function HeatSparkline({ reading }: { reading: ConversationReading }) {
  const points = reading.trajectory;
  const summary = sparklineSummary(reading);
  const x = (index: number) => (points.length <= 1 ? width / 2 : pad + (index * (width - 2 * pad)) / (points.length - 1));
  const y = (heat: number) => pad + ((100 - Math.max(0, Math.min(100, heat))) * (height - 2 * pad)) / 100;
  const path = points.map((point, index) => `${x(index).toFixed(1)},${y(point.heat).toFixed(1)}`).join(' ');
  const last = points.at(-1);
  return (
    <span className="heat-sparkline" data-testid="heat-sparkline" data-points={points.map((point) => point.heat).join(',')}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} focusable="false">
        <title>{summary}</title>
        <line className="sparkline-guide" x1={0} x2={width} y1={y(70)} y2={y(70)} />
        <line className="sparkline-guide" x1={0} x2={width} y1={y(40)} y2={y(40)} />
        {points.length > 1 ? <polyline className="sparkline-line" points={path} fill="none" /> : null}
        {points.map((point, index) => (
          <circle
            key={`${point.index}-${point.at}`}
            className={`sparkline-dot heat-${heatBand(point.heat)}`}
            cx={x(index)}
            cy={y(point.heat)}
            r={point === last ? 3.5 : 2}
          />
        ))}
      </svg>
    </span>
  );
}
