/**
 * The export as a page a person can read (and print or save), built from the export document.
 * Pure. Every value is escaped; the page has no script and no inline style, so it passes the
 * app's Content-Security-Policy and cannot run anything a customer wrote.
 */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

type Row = Record<string, unknown>;

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '<p><em>None.</em></p>';
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cellHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function cellHtml(cell: unknown): string {
  if (Array.isArray(cell)) return escapeHtml(cell.join(', '));
  if (typeof cell === 'object' && cell !== null) return `<code>${escapeHtml(JSON.stringify(cell))}</code>`;
  return escapeHtml(cell);
}

function definitions(entries: Array<[string, unknown]>): string {
  return `<dl>\n${entries.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${cellHtml(value)}</dd>`).join('\n')}\n</dl>`;
}

function rowsOf(value: unknown): Row[] {
  return Array.isArray(value) ? (value as Row[]) : [];
}

function money(value: unknown): string {
  const amount = value as { amountMinor?: number; currency?: string } | null;
  if (!amount || typeof amount.amountMinor !== 'number') return '';
  return `${(amount.amountMinor / 100).toFixed(2)} ${amount.currency ?? ''}`;
}

export function renderExportHtml(document: Row): string {
  const customer = (document.customer ?? {}) as Row;
  const parts: string[] = [];
  parts.push(`<h1>Everything Defuse holds about ${escapeHtml(customer.name)}</h1>`);
  parts.push(
    `<p>Exported ${escapeHtml(document.exportedAt)}${document.erased ? ' — this customer was erased; what follows is the anonymised record.' : '.'}</p>`,
  );
  parts.push('<h2>Profile</h2>');
  parts.push(
    definitions([
      ['Name', customer.name],
      ['E-mail addresses', customer.emails],
      ['Phone numbers', customer.phones],
      ['External id', customer.externalId],
      ['Country', customer.country],
      ['Region', customer.region],
      ['Language', customer.language],
      ['Time zone', customer.timeZone],
      ['Tier', customer.tier],
      ['Lifetime value', money(customer.lifetimeValue)],
      ['Tags', customer.tags],
      ['Notes', customer.notes],
      ['Relationship', customer.status],
      ['Created', customer.createdAt],
      ['Updated', customer.updatedAt],
    ]),
  );
  parts.push('<h2>Orders</h2>');
  parts.push(
    table(
      ['Reference', 'Amount', 'Status', 'Description', 'Ordered', 'Shipped', 'Delivered'],
      rowsOf(document.orders).map((order) => [
        order.reference,
        money(order.amount),
        order.status,
        order.description,
        order.orderedAt,
        order.shippedAt,
        order.deliveredAt,
      ]),
    ),
  );
  parts.push('<h2>Conversations</h2>');
  const conversations = rowsOf(document.conversations);
  if (conversations.length === 0) parts.push('<p><em>None.</em></p>');
  for (const conversation of conversations) {
    parts.push(`<h3>Case #${escapeHtml(conversation.number)}: ${escapeHtml(conversation.subject)}</h3>`);
    parts.push(
      definitions([
        ['Channel', conversation.channel],
        ['Status', conversation.status],
        ['Category', conversation.category],
        ['Heat (peak)', `${String(conversation.heat)} (${String(conversation.peakHeat)})`],
        ['Opened', conversation.createdAt],
        ['Anonymised', conversation.anonymised ? (conversation.anonymised as Row).at : 'no'],
      ]),
    );
    parts.push(
      table(
        ['When', 'From', 'Channel', 'Message', 'Heat'],
        rowsOf(conversation.messages).map((message) => [
          message.createdAt,
          message.kind === 'customer'
            ? 'Customer'
            : `${String(message.kind)}${message.author ? `: ${String(message.author)}` : ''}`,
          message.channel,
          message.body,
          message.heat,
        ]),
      ),
    );
  }
  parts.push('<h2>Calls</h2>');
  parts.push(
    table(
      ['Started', 'Kind', 'Direction', 'Seconds', 'Outcome', 'Notes', 'Transcript'],
      rowsOf(document.calls).map((call) => [
        call.startedAt,
        call.kind,
        call.direction,
        call.durationSeconds,
        call.outcome,
        call.notes,
        call.transcript,
      ]),
    ),
  );
  parts.push('<h2>E-mail records</h2>');
  parts.push(
    table(
      ['When', 'Direction', 'From', 'To', 'Subject', 'Status', 'Attachments (listed, not included)'],
      rowsOf(document.emails).map((email) => [
        email.createdAt,
        email.direction,
        (email.from as Row | undefined)?.address,
        email.to,
        email.subject,
        email.status,
        rowsOf(email.attachments).map((attachment) => `${String(attachment.filename)} (${String(attachment.sizeBytes)} bytes)`),
      ]),
    ),
  );
  parts.push('<h2>Chat sessions</h2>');
  parts.push(
    table(
      ['Started', 'Verification', 'E-mail', 'Name', 'Site', 'Last seen'],
      rowsOf(document.chatSessions).map((session) => [
        session.createdAt,
        session.verification,
        session.email,
        session.name,
        session.origin,
        session.lastSeenAt,
      ]),
    ),
  );
  parts.push('<h2>Erasure requests</h2>');
  parts.push(
    table(
      ['Requested', 'By', 'Reason', 'Status', 'Decided by', 'Decided'],
      rowsOf(document.erasureRequests).map((request) => [
        request.requestedAt,
        request.requestedBy,
        request.reason,
        request.status,
        request.decidedBy,
        request.decidedAt,
      ]),
    ),
  );
  parts.push('<h2>Audit entries about this customer</h2>');
  parts.push(
    table(
      ['When', 'Who', 'Action', 'Subject', 'Details'],
      rowsOf(document.auditEntries).map((entry) => [
        entry.at,
        entry.actor ?? 'system',
        entry.action,
        `${String(entry.subjectType)} ${String(entry.subjectId ?? '')}`,
        entry.details,
      ]),
    ),
  );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>Data export: ${escapeHtml(customer.name)}</title>`,
    '</head>',
    '<body>',
    '<main>',
    parts.join('\n'),
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}
