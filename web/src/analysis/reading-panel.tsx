import { useId } from 'react';
import type { ConversationReading, ConversationSummary } from '../api/types';
import { languageName } from '../format/labels';
import { categoryLabel, heatBand, heatBandWords, intentLabel } from '../format/signals';
import { HeatBadge } from './heat';
import { HeatSparkline } from './heat-sparkline';

/** What Defuse reads in this conversation: heat and its course, language, topic, what they ask for. */
export function ReadingPanel({
  conversation,
  reading,
}: {
  conversation: ConversationSummary;
  reading: ConversationReading | undefined;
}) {
  const titleId = useId();
  const heat = reading?.currentHeat ?? conversation.heat ?? 0;
  const trend = reading?.trend ?? conversation.trend ?? 'steady';
  const credit = reading?.deEscalation.credit ?? 0;
  const calmings = reading?.deEscalation.events.length ?? 0;
  return (
    <section className="reading-panel" data-testid="reading-panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="reading-title">
        Reading
      </h2>
      <div className="reading-row">
        <span className="reading-heat">
          <HeatBadge heat={heat} trend={trend} />
          <span className="muted small">
            {heatBandWords[heatBand(heat)]}
            {reading?.peak && reading.peak.heat > heat ? `, peak ${reading.peak.heat}` : ''}
          </span>
        </span>
        {reading && reading.trajectory.length > 0 ? <HeatSparkline reading={reading} /> : null}
        <ul className="reading-chips" aria-label="What we read">
          {conversation.language ? (
            <li className="badge reading-chip" data-testid="reading-language" data-language={conversation.language}>
              <span className="visually-hidden">Language: </span>
              {languageName(conversation.language)}
            </li>
          ) : null}
          {conversation.category ? (
            <li className="badge reading-chip" data-testid="reading-category" data-category={conversation.category}>
              <span className="visually-hidden">Topic: </span>
              {categoryLabel(conversation.category)}
            </li>
          ) : null}
          {(reading?.intents ?? []).map((intent) => (
            <li key={intent} className="badge reading-chip reading-intent" data-testid="reading-intent" data-intent={intent}>
              {intentLabel(intent)}
            </li>
          ))}
        </ul>
      </div>
      {reading?.feelsUnheard.detected ? (
        <p className="reading-note reading-unheard" data-testid="feels-unheard">
          <strong>They may feel unheard.</strong> They repeated an earlier complaint after a reply. Show them you got it: name the
          problem in their words before anything else.
        </p>
      ) : null}
      {credit > 0 ? (
        <p className="reading-note reading-credit" data-testid="de-escalation">
          <strong>Calmer after our replies.</strong>{' '}
          {calmings === 1
            ? `Heat fell by ${credit} points after a reply here.`
            : `Heat fell by ${credit} points in all, after ${calmings} replies here.`}{' '}
          Nicely done.
        </p>
      ) : null}
    </section>
  );
}
