import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { emailApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { EmailAttachment, EmailStatusItem } from '../api/types';
import { formatDateTime } from '../format/time';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';

/** Remote images and styles in a mail tell the sender it was opened: load none of them. */
const noRemoteContent =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; style-src \'unsafe-inline\'">';

/** While a reply waits in the outbox, look again this often. */
const queuedPollMs = 5_000;

/** The e-mail behind each timeline message of a conversation, by message id. Polls gently while a reply is queued. */
export function useEmailStatus(conversationId: string, enabled: boolean): ReadonlyMap<string, EmailStatusItem> {
  const status = useQuery({
    queryKey: queryKeys.emailStatus(conversationId),
    queryFn: () => emailApi.status(conversationId),
    enabled,
    refetchInterval: (query) =>
      query.state.data?.items.some((item) => item.direction === 'out' && item.status === 'queued') ? queuedPollMs : false,
  });
  const byMessage = new Map<string, EmailStatusItem>();
  for (const item of status.data?.items ?? []) if (item.messageId) byMessage.set(item.messageId, item);
  return byMessage;
}

function statusText(item: EmailStatusItem): string {
  switch (item.status) {
    case 'queued':
      return item.lastError
        ? `Not sent yet, retrying (attempt ${item.attempts} failed: ${item.lastError})`
        : 'Queued to send by e-mail';
    case 'sent':
      return `Sent by e-mail ${formatDateTime(item.sentAt)}`;
    case 'failed':
      return `Not delivered: ${item.lastError ?? 'the mail server refused it'}`;
    case 'bounced':
      return `Bounced: ${item.lastError ?? 'the customer’s mail server returned it'}`;
    default:
      return item.status;
  }
}

/** Under an agent's e-mail reply: queued, sent, failed (with the reason) or bounced. */
export function DeliveryStatus({ item }: { item: EmailStatusItem }) {
  const trouble = item.status === 'failed' || item.status === 'bounced';
  return (
    <p
      className={`delivery-status delivery-${item.status}`}
      data-testid="delivery-status"
      data-status={item.status}
      role={trouble ? 'alert' : undefined}
    >
      <span className="delivery-dot" aria-hidden="true" />
      {statusText(item)}
    </p>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function Attachments({ attachments }: { attachments: EmailAttachment[] }) {
  const shown = attachments.filter((attachment) => !attachment.inline || attachment.rejectedReason);
  if (shown.length === 0) return null;
  return (
    <ul className="email-attachments" aria-label="Attachments" data-testid="email-attachments">
      {shown.map((attachment) => (
        <li key={attachment.id}>
          {attachment.downloadUrl ? (
            <a href={attachment.downloadUrl} download={attachment.filename}>
              {attachment.filename}
            </a>
          ) : (
            <span>{attachment.filename}</span>
          )}{' '}
          <span className="muted small">{formatSize(attachment.sizeBytes)}</span>
          {attachment.rejectedReason ? <span className="muted small"> — not stored: {attachment.rejectedReason}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Under a customer's e-mail: the quoted history and signature on request, the original formatting, attachments. */
export function EmailExtras({ messageId, item }: { messageId: string; item: EmailStatusItem }) {
  const [open, setOpen] = useState<'quoted' | 'html' | null>(null);
  const mail = useQuery({
    queryKey: queryKeys.emailMessage(messageId),
    queryFn: () => emailApi.message(messageId),
    enabled: open !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const toggle = (what: 'quoted' | 'html') => setOpen((old) => (old === what ? null : what));
  return (
    <div className="email-extras" data-testid="email-extras">
      <Attachments attachments={item.attachments} />
      <div className="button-row email-extras-buttons">
        <button
          type="button"
          className="button-quiet small"
          aria-expanded={open === 'quoted'}
          onClick={() => toggle('quoted')}
          data-testid="show-quoted"
        >
          {open === 'quoted' ? 'Hide quoted text' : 'Show quoted text'}
        </button>
        {item.hasHtml ? (
          <button type="button" className="button-quiet small" aria-expanded={open === 'html'} onClick={() => toggle('html')}>
            {open === 'html' ? 'Hide original formatting' : 'Show original formatting'}
          </button>
        ) : null}
      </div>
      {open !== null && mail.isPending ? <Loading /> : null}
      <ErrorMessage error={open !== null ? mail.error : null} />
      {open === 'quoted' && mail.data ? (
        <div className="email-quoted" data-testid="email-quoted">
          {mail.data.quoted.trim() ? (
            <pre className="email-quoted-text">{mail.data.quoted}</pre>
          ) : (
            <p className="muted small">No quoted text in this e-mail.</p>
          )}
          {mail.data.signature.trim() ? (
            <>
              <p className="muted small">Signature</p>
              <pre className="email-quoted-text">{mail.data.signature}</pre>
            </>
          ) : null}
        </div>
      ) : null}
      {open === 'html' && mail.data?.html ? (
        // Sanitised by the server, and still shown in a sandbox: no scripts, no forms, no same-origin access.
        <iframe
          className="email-html"
          title="The e-mail as it was formatted"
          sandbox=""
          srcDoc={`${noRemoteContent}${mail.data.html}`}
        />
      ) : null}
    </div>
  );
}
