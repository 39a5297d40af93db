/**
 * Pure parsers for call and meeting transcripts: plain text, WebVTT and SubRip. Each returns
 * speaker turns (consecutive lines of one speaker merged) or throws a TranscriptError that names
 * the line at fault. Nothing here touches the database.
 */
export const transcriptFormats = ['txt', 'vtt', 'srt'] as const;
export type TranscriptFormat = (typeof transcriptFormats)[number];

export interface TranscriptTurn {
  speaker: string | null;
  text: string;
  startMs: number | null;
  endMs: number | null;
}

export class TranscriptError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'TranscriptError';
  }
}

export const maxTurns = 5000;
const speakerLine = /^([\p{L}][\p{L}\p{N} .'’_-]{0,48}?)\s*:\s+(\S.*)$/u;
const bracketSpeaker = /^\[([^\]]{1,50})\]\s*(\S.*)$/u;
const leadingTime = /^\[?(\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]?\s+/;
const vttTiming = /^((?:\d{1,3}:)?\d{2}:\d{2}\.\d{3})\s+-->\s+((?:\d{1,3}:)?\d{2}:\d{2}\.\d{3})(?:\s+.*)?$/;
const srtTiming = /^(\d{1,3}:\d{2}:\d{2}[,.]\d{1,3})\s+-->\s+(\d{1,3}:\d{2}:\d{2}[,.]\d{1,3})(?:\s+.*)?$/;

function lines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
}

/** "01:02:03.450", "02:03.450" or "01:02:03,450" in milliseconds. */
export function parseTimestamp(text: string): number {
  const match = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$/.exec(text.trim());
  if (!match) return Number.NaN;
  const [, hours = '0', minutes = '0', seconds = '0', fraction = '0'] = match;
  if (Number(minutes) > 59 || Number(seconds) > 59) return Number.NaN;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(fraction.padEnd(3, '0'));
}

function splitSpeaker(text: string): { speaker: string | null; text: string } {
  const bracket = bracketSpeaker.exec(text);
  if (bracket?.[1] && bracket[2]) return { speaker: bracket[1].trim(), text: bracket[2].trim() };
  const labelled = speakerLine.exec(text);
  if (labelled?.[1] && labelled[2] && !/^https?$/i.test(labelled[1]))
    return { speaker: labelled[1].trim(), text: labelled[2].trim() };
  return { speaker: null, text: text.trim() };
}

/** Joins cues into turns: a cue without a speaker continues the previous speaker's turn. */
function mergeTurns(cues: TranscriptTurn[]): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const cue of cues) {
    if (!cue.text) continue;
    const last = turns.at(-1);
    if (last && (cue.speaker === null || cue.speaker.toLowerCase() === last.speaker?.toLowerCase())) {
      last.text = `${last.text} ${cue.text}`;
      if (cue.endMs !== null) last.endMs = cue.endMs;
      continue;
    }
    turns.push({ ...cue });
    if (turns.length > maxTurns) throw new TranscriptError(`more than ${maxTurns} speaker turns`, null);
  }
  return turns;
}

function ensureText(text: string): void {
  if (text.includes('\u0000')) throw new TranscriptError('the transcript is binary, not text', null);
  if (!text.trim()) throw new TranscriptError('the transcript is empty', null);
}

/** Plain text: "Speaker: words" per line (optionally after a [00:01:02] time); other lines continue the turn. */
export function parseTxt(text: string): TranscriptTurn[] {
  ensureText(text);
  const cues: TranscriptTurn[] = [];
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (!line) continue;
    const timeMatch = leadingTime.exec(line);
    const stamp = timeMatch?.[0].replace(/[[\]\s]/g, '');
    const startMs = stamp ? parseTimestamp(/[.,]\d+$/.test(stamp) ? stamp : `${stamp}.000`) : null;
    const withoutTime = timeMatch ? line.slice(timeMatch[0].length) : line;
    const { speaker, text: words } = splitSpeaker(withoutTime);
    cues.push({ speaker, text: words, startMs: startMs !== null && Number.isFinite(startMs) ? startMs : null, endMs: null });
  }
  return mergeTurns(cues);
}

function stripVttTags(text: string): { speaker: string | null; text: string } {
  const voice = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(text);
  const plain = text
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .trim();
  if (voice?.[1]) return { speaker: voice[1].trim(), text: plain };
  return splitSpeaker(plain);
}

/** WebVTT: the WEBVTT header, then cues (optional id, timing line, payload); <v Speaker> or "Speaker:" name who speaks. */
export function parseVtt(text: string): TranscriptTurn[] {
  ensureText(text);
  const all = lines(text);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(all[0] ?? '')) throw new TranscriptError('a WebVTT file starts with "WEBVTT"', 1);
  const cues: TranscriptTurn[] = [];
  let index = 1;
  while (index < all.length) {
    const line = (all[index] ?? '').trim();
    if (!line) {
      index += 1;
      continue;
    }
    const blockStart = index;
    const block: string[] = [];
    while (index < all.length && (all[index] ?? '').trim()) {
      block.push((all[index] ?? '').trim());
      index += 1;
    }
    const first = block[0] ?? '';
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(first)) continue;
    const timingAt = vttTiming.test(first) ? 0 : vttTiming.test(block[1] ?? '') ? 1 : -1;
    if (timingAt < 0)
      throw new TranscriptError('expected a cue timing line like "00:00:01.000 --> 00:00:04.000"', blockStart + 1);
    const match = vttTiming.exec(block[timingAt] ?? '') as RegExpExecArray;
    const startMs = parseTimestamp(match[1] ?? '');
    const endMs = parseTimestamp(match[2] ?? '');
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) {
      throw new TranscriptError('the cue ends before it starts or has an impossible time', blockStart + timingAt + 1);
    }
    for (const payload of block.slice(timingAt + 1)) {
      const { speaker, text: words } = stripVttTags(payload);
      cues.push({ speaker, text: words, startMs, endMs });
    }
  }
  if (cues.length === 0) throw new TranscriptError('the WebVTT file has no cues', null);
  return mergeTurns(cues);
}

/** SubRip: numbered blocks of a timing line ("00:00:01,000 --> 00:00:04,000") and text; "Speaker:" or "[Speaker]" name who speaks. */
export function parseSrt(text: string): TranscriptTurn[] {
  ensureText(text);
  const all = lines(text);
  const cues: TranscriptTurn[] = [];
  let index = 0;
  while (index < all.length) {
    if (!(all[index] ?? '').trim()) {
      index += 1;
      continue;
    }
    const blockStart = index;
    const block: string[] = [];
    while (index < all.length && (all[index] ?? '').trim()) {
      block.push((all[index] ?? '').trim());
      index += 1;
    }
    const timingAt = /^\d+$/.test(block[0] ?? '') ? 1 : 0;
    const match = srtTiming.exec(block[timingAt] ?? '');
    if (!match)
      throw new TranscriptError('expected a timing line like "00:00:01,000 --> 00:00:04,000"', blockStart + timingAt + 1);
    const startMs = parseTimestamp(match[1] ?? '');
    const endMs = parseTimestamp(match[2] ?? '');
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) {
      throw new TranscriptError('the subtitle ends before it starts or has an impossible time', blockStart + timingAt + 1);
    }
    for (const payload of block.slice(timingAt + 1)) {
      const { speaker, text: words } = splitSpeaker(payload.replace(/<[^>]*>/g, '').replace(/\{\\[^}]*\}/g, ''));
      cues.push({ speaker, text: words, startMs, endMs });
    }
  }
  if (cues.length === 0) throw new TranscriptError('the SubRip file has no subtitles', null);
  return mergeTurns(cues);
}

/** The format a file name or the text itself shows; plain text when nothing else fits. */
export function detectFormat(text: string, fileName?: string): TranscriptFormat {
  const extension = fileName?.toLowerCase().split('.').at(-1);
  if (extension === 'vtt' || extension === 'srt' || extension === 'txt') return extension;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('WEBVTT')) return 'vtt';
  if (/^\d+\r?\n\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}\s+-->/.test(start)) return 'srt';
  return 'txt';
}

export function parseTranscript(format: TranscriptFormat, text: string): TranscriptTurn[] {
  if (format === 'vtt') return parseVtt(text);
  if (format === 'srt') return parseSrt(text);
  return parseTxt(text);
}

export type SpeakerRole = 'agent' | 'customer';

const agentLabel =
  /^(agent|support|operator|rep|representative|advisor|adviser|staff|service|mitarbeiter(in)?|berater(in)?|conseill(er|ère)|agente|asesor(a)?|operador(a)?|operatorul|consultant)\b/i;
const customerLabel = /^(customer|client|caller|kunde|kundin|anrufer(in)?|cliente|clientul|clienta|appelant(e)?|llamante)\b/i;

/**
 * Who said each turn. Named lists win; then labels such as "Agent"/"Customer" in five languages
 * and the logging agent's own name; every other speaker, and unlabelled text, is the customer.
 */
export function assignRoles(
  turns: readonly TranscriptTurn[],
  hints: { agentSpeakers?: readonly string[]; customerSpeakers?: readonly string[]; agentName?: string },
): SpeakerRole[] {
  const agents = new Set((hints.agentSpeakers ?? []).map((name) => name.trim().toLowerCase()));
  const customers = new Set((hints.customerSpeakers ?? []).map((name) => name.trim().toLowerCase()));
  const agentName = hints.agentName?.trim().toLowerCase();
  const agentFirstName = agentName?.split(/\s+/)[0];
  return turns.map((turn) => {
    const speaker = turn.speaker?.trim().toLowerCase();
    if (!speaker) return 'customer';
    if (agents.has(speaker)) return 'agent';
    if (customers.has(speaker)) return 'customer';
    if (customerLabel.test(speaker)) return 'customer';
    if (agentLabel.test(speaker)) return 'agent';
    if (agentName && (speaker === agentName || speaker === agentFirstName)) return 'agent';
    return 'customer';
  });
}
