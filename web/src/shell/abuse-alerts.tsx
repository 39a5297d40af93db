import type { Ref } from 'react';
import { Link } from 'react-router';
import { abuseKindsText } from '../format/signals';
import { formatDateTime } from '../format/time';
import type { AbuseAlert } from '../realtime/abuse-alerts';

interface AbuseAlertsProps {
  alerts: AbuseAlert[];
  onDismiss: (conversationId: string) => void;
  onDismissAll: () => void;
  ref?: Ref<HTMLElement>;
}

/**
 * Managers' live alerts when a customer crosses a line. The region is always in the page so screen
 * readers announce each new alert at once (assertive); an alert stays until a manager dismisses it.
 */
export function AbuseAlerts({ alerts, onDismiss, onDismissAll, ref }: AbuseAlertsProps) {
  return (
    <section ref={ref} className="toast-area" aria-label="Abuse alerts" tabIndex={-1} data-testid="abuse-alerts">
      <div aria-live="assertive" aria-relevant="additions text" className="toast-list">
        {alerts.map((alert) => (
          <AlertToast key={alert.conversationId} alert={alert} onDismiss={onDismiss} />
        ))}
      </div>
      {alerts.length > 1 ? (
        <button type="button" className="button-quiet toast-dismiss-all" onClick={onDismissAll}>
          Dismiss all alerts
        </button>
      ) : null}
    </section>
  );
}

function AlertToast({ alert, onDismiss }: { alert: AbuseAlert; onDismiss: (conversationId: string) => void }) {
  const { conversation } = alert;
  const who = conversation?.customer.name ?? 'A customer';
  const number = conversation ? `#${conversation.number}` : 'a conversation';
  const helper = conversation?.assignee
    ? `${conversation.assignee.name} is with them and may need you to step in.`
    : 'Nobody is on it yet: someone should step in.';
  return (
    <div
      className="toast toast-abuse"
      data-testid="abuse-alert"
      data-conversation-id={alert.conversationId}
      data-message-id={alert.messageId}
    >
      <p className="toast-title">
        <strong>
          {who} crossed a line in {number}
        </strong>
      </p>
      <p>
        {capitalizeFirst(abuseKindsText(alert.kinds))}
        {alert.count > 1 ? ` (${alert.count} messages)` : ''}. {helper}
      </p>
      <p className="toast-actions">
        <Link to={`/conversations/${alert.conversationId}`} className="toast-link">
          Open {number}
          {conversation?.subject ? `: ${conversation.subject}` : ''}
        </Link>
        <button
          type="button"
          className="button-quiet"
          onClick={() => onDismiss(alert.conversationId)}
          aria-label={`Dismiss the alert about ${number}`}
        >
          Dismiss
        </button>
      </p>
      <p className="toast-time muted small">{formatDateTime(alert.at)}</p>
    </div>
  );
}

function capitalizeFirst(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
