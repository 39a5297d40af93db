/**
 * Splits an e-mail's plain text into what the sender wrote now, the quoted history, and the
 * signature, so analysis reads only the new words while agents can still expand the rest.
 * Recognises English, German, French, Spanish, Romanian (and Dutch, Italian, Portuguese) reply
 * headers, Outlook's "Original Message" and From/Sent blocks, "> " quoting, "-- " signatures,
 * "Sent from my …" lines and common sign-offs at the end.
 */
export interface SplitReply {
  /** What the sender wrote now (falls back to the whole text when nothing else is left). */
  fresh: string;
  quoted: string;
  signature: string;
}

// "On Tue, 3 Mar 2026 at 10:00, Ana <ana@x> wrote:" and its translations (may wrap over two lines).
const attributionPatterns: RegExp[] = [
  /^(on|at)\s.{3,300}\bwrote\s*:$/i,
  /^.{0,200}\bwrote\s*:$/i,
  /^am\s.{3,300}\bschrieb\s.{0,200}:$/i,
  /^.{0,200}\bschrieb\s*:$/i,
  /^le\s.{3,300}\ba\s+écrit\s*:$/i,
  /^.{0,200}\ba\s+écrit\s*:$/i,
  /^el\s.{3,300}\bescribió\s*:$/i,
  /^.{0,200}\bescribió\s*:$/i,
  /^(la|în|pe)\s.{3,300}\ba\s+scris\s*:$/i,
  /^.{0,200}\ba\s+scris\s*:$/i,
  /^op\s.{3,300}\bschreef\s.{0,200}:$/i,
  /^il\s.{3,300}\bha\s+scritto\s*:$/i,
  /^em\s.{3,300}\bescreveu\s*:$/i,
];

const separatorPatterns: RegExp[] = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|originalnachricht|message d'origine|message original|mensaje original|mesaj original|mesajul original|oorspronkelijk bericht|messaggio originale|mensagem original)\s*-{2,}$/i,
  /^_{10,}$/,
  /^-{2,}\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|mesaj redirecționat)\s*-{2,}$/i,
];

// Outlook's header block: "From: …" followed closely by "Sent:"/"Date:" and "To:"/"Subject:".
const blockFrom = /^\*?(from|von|de|da|van|expéditeur)\s*:\*?\s*\S/i;
const blockDetail =
  /^\*?(sent|date|gesendet|datum|envoyé|enviado|enviada|fecha|trimis|data|verzonden|inviato|to|an|à|para|către|catre|aan|a|subject|betreff|objet|asunto|subiect|onderwerp|oggetto|assunto)\s*:\*?/i;

const signatureDelimiter = /^--\s?$/;
const mobileSignature =
  /^(sent from my|sent from mail for|sent from outlook|get outlook for|sent with|von meinem .{1,40} gesendet|gesendet von|envoyé de mon|envoyé depuis|enviado desde mi|enviado desde|trimis de pe|trimis din|verzonden vanaf mijn|inviato da)\b/i;
const signOff =
  /^(best( regards| wishes)?|kind regards|warm regards|regards|many thanks|thanks( again| a lot| in advance)?|thank you|cheers|sincerely|yours( sincerely| truly)?|all the best|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße|beste grüße|liebe grüße|gruß|lg|mfg|cordialement|bien cordialement|bien à vous|salutations|merci( beaucoup)?|saludos( cordiales)?|un saludo|atentamente|gracias|cu stimă|cu stima|cu respect|mulțumesc|multumesc|toate cele bune|o zi bună)[\s,.!]*$/i;

function isAttributionAt(lines: readonly string[], index: number): { matched: boolean; length: number } {
  const line = lines[index]?.trim() ?? '';
  if (line.length === 0 || line.startsWith('>')) return { matched: false, length: 0 };
  if (attributionPatterns.some((pattern) => pattern.test(line))) return { matched: true, length: 1 };
  const next = lines[index + 1]?.trim() ?? '';
  // Clients wrap long attributions: "On Tue, 3 Mar 2026, Ana Pop <ana@x>\nwrote:".
  if (next && next.length < 120) {
    const joined = `${line} ${next}`;
    if (/^(on|am|le|el|la|în|op|il|em)\s/i.test(line) && attributionPatterns.some((pattern) => pattern.test(joined))) {
      return { matched: true, length: 2 };
    }
  }
  return { matched: false, length: 0 };
}

function isOutlookBlockAt(lines: readonly string[], index: number): boolean {
  const line = lines[index]?.trim() ?? '';
  if (!blockFrom.test(line)) return false;
  let details = 0;
  for (let offset = 1; offset <= 5 && index + offset < lines.length; offset += 1) {
    const candidate = lines[index + offset]?.trim() ?? '';
    if (blockDetail.test(candidate)) details += 1;
  }
  return details >= 2;
}

/** Index of the line where the quoted history starts, or -1. */
export function findQuoteStart(lines: readonly string[]): number {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]?.trim() ?? '';
    if (separatorPatterns.some((pattern) => pattern.test(line))) return index;
    if (isAttributionAt(lines, index).matched) return index;
    if (isOutlookBlockAt(lines, index)) return index;
  }
  return -1;
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start]?.trim() ?? '') === '') start += 1;
  while (end > start && (lines[end - 1]?.trim() ?? '') === '') end -= 1;
  return lines.slice(start, end);
}

/** Cuts a signature: "-- ", a "Sent from my …" line, or a sign-off followed by a few short lines (name, title, phone). */
function splitSignature(lines: string[]): { body: string[]; signature: string[] } {
  let body = lines;
  let signature: string[] = [];
  const delimiter = lines.findIndex((line) => signatureDelimiter.test(line) || mobileSignature.test(line.trim()));
  if (delimiter !== -1) {
    body = lines.slice(0, delimiter);
    signature = lines.slice(delimiter);
  }
  const content = body.map((line, index) => ({ line: line.trim(), index })).filter((entry) => entry.line.length > 0);
  // A sign-off among the last lines, with at most four short lines after it and some text before it.
  for (let position = Math.max(1, content.length - 5); position < content.length; position += 1) {
    const entry = content[position];
    if (!entry || !signOff.test(entry.line)) continue;
    const after = content.slice(position + 1);
    if (after.length <= 4 && after.every((rest) => rest.line.length <= 60)) {
      return { body: body.slice(0, entry.index), signature: [...body.slice(entry.index), ...signature] };
    }
  }
  return { body, signature };
}

export function splitReply(text: string): SplitReply {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const quoteStart = findQuoteStart(lines);
  const top = quoteStart === -1 ? lines : lines.slice(0, quoteStart);
  const quoted: string[] = quoteStart === -1 ? [] : lines.slice(quoteStart);
  // Interleaved answers keep the sender's own lines; the "> " lines are history.
  const own: string[] = [];
  const inlineQuotes: string[] = [];
  for (const line of top) {
    if (/^\s*>/.test(line)) inlineQuotes.push(line);
    else own.push(line);
  }
  const { body, signature } = splitSignature(own);
  const fresh = trimBlankEdges(body).join('\n');
  const whole = text.replace(/\r\n?/g, '\n').trim();
  return {
    // A message that is only a quote, or only a signature, keeps its whole text for analysis.
    fresh: fresh.length > 0 ? fresh : whole,
    quoted: [...inlineQuotes, ...quoted].join('\n').trim(),
    signature: trimBlankEdges(signature).join('\n'),
  };
}
