import type { ReactNode } from 'react';
import { EvidenceText } from '../analysis/evidence-text';
import { MessageReading } from '../analysis/message-reading';
import type { Message } from '../api/types';
import { channelLabels } from '../format/labels';
import { crossedLine } from '../format/signals';
import { formatDateTime, formatMessageTime } from '../format/time';
import type { PlaybookEntry } from '../playbook/playbook-words';
import { useNow } from '../ui/use-now';

function authorLabel(message: Message, customerName: string): string {
  if (message.kind === 'customer') return customerName;
  return message.author?.name ?? 'Defuse';
}

type Row = { type: 'message'; at: string; message: Message } | { type: 'playbook'; at: string; entry: PlaybookEntry };

/** Messages with the playbook's ticks and step changes between them, by time (only from the first loaded message on). */
function rowsOf(messages: Message[], playbook: readonly PlaybookEntry[]): Row[] {
  const first = messages[0]?.createdAt;
  const rows: Row[] = messages.map((message) => ({ type: 'message', at: message.createdAt, message }));
  const extra: Row[] = playbook
    .filter((entry) => !first || entry.at >= first)
    .map((entry) => ({ type: 'playbook', at: entry.at, entry }));
  // Stable: on equal times the message (the reply that ticked) comes first.
  return [...rows, ...extra].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function Timeline({
  messages,
  customerName,
  playbook = [],
  extras,
}: {
  messages: Message[];
  customerName: string;
  playbook?: readonly PlaybookEntry[];
  /** What a channel adds under a message: delivery status, quoted text, attachments, "Seen". */
  extras?: (message: Message) => ReactNode;
}) {
  const now = useNow();
  return (
    <ol className="timeline">
      {rowsOf(messages, playbook).map((row) =>
        row.type === 'playbook' ? (
          <li
            key={row.entry.id}
            className="timeline-item timeline-system timeline-playbook"
            data-testid="timeline-playbook"
            data-kind={row.entry.kind}
          >
            <p className="system-event playbook-event">
              <span className="message-body">{row.entry.text}</span>{' '}
              <time dateTime={row.entry.at} title={formatDateTime(row.entry.at)}>
                {formatMessageTime(row.entry.at, now)}
              </time>
            </p>
          </li>
        ) : (
          <MessageRow
            key={row.message.id}
            message={row.message}
            customerName={customerName}
            now={now}
            extra={extras?.(row.message)}
          />
        ),
      )}
    </ol>
  );
}

function MessageRow({
  message,
  customerName,
  now,
  extra,
}: {
  message: Message;
  customerName: string;
  now: number;
  extra?: ReactNode;
}) {
  return (
    <li
      className={`timeline-item timeline-${message.kind}${crossedLine(message.analysis).length > 0 ? ' timeline-abusive' : ''}`}
      data-testid="timeline-message"
      data-kind={message.kind}
      data-message-id={message.id}
    >
      {message.kind === 'system' ? (
        <p className="system-event">
          <span className="message-body">{message.body}</span>{' '}
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
            {formatMessageTime(message.createdAt, now)}
          </time>
        </p>
      ) : (
        <article className="message">
          <header className="message-header">
            {message.kind === 'note' ? <span className="note-label">Internal note</span> : null}
            <span className="message-author">{authorLabel(message, customerName)}</span>
            {message.kind === 'agent' ? <span className="muted">replied</span> : null}
            <span className="message-channel">{channelLabels[message.channel] ?? message.channel}</span>
            <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
              {formatMessageTime(message.createdAt, now)}
            </time>
          </header>
          {message.kind === 'customer' && message.analysis ? (
            <>
              <EvidenceText body={message.body} analysis={message.analysis} />
              <MessageReading messageId={message.id} analysis={message.analysis} />
            </>
          ) : (
            <div className="message-body">{message.body}</div>
          )}
          {extra}
        </article>
      )}
    </li>
  );
}
