import { EvidenceText } from '../analysis/evidence-text';
import { MessageReading } from '../analysis/message-reading';
import type { Message } from '../api/types';
import { channelLabels } from '../format/labels';
import { crossedLine } from '../format/signals';
import { formatDateTime, formatMessageTime } from '../format/time';
import { useNow } from '../ui/use-now';

function authorLabel(message: Message, customerName: string): string {
  if (message.kind === 'customer') return customerName;
  return message.author?.name ?? 'Defuse';
}

export function Timeline({ messages, customerName }: { messages: Message[]; customerName: string }) {
  const now = useNow();
  return (
    <ol className="timeline">
      {messages.map((message) => (
        <li
          key={message.id}
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
            </article>
          )}
        </li>
      ))}
    </ol>
  );
}
