import { describe, expect, it } from 'vitest';
import { assignRoles, detectFormat, parseSrt, parseTimestamp, parseTxt, parseVtt, TranscriptError } from './transcript.ts';

describe('plain-text transcripts', () => {
  it('reads "Speaker: words" lines, merges a speaker\'s consecutive lines and continuation lines', () => {
    const turns = parseTxt(
      'Agent: Good morning, Defuse support.\r\nCustomer: My parcel never arrived.\nIt was a present.\nCustomer: I want a refund.\n\n[00:01:05] Agent: I am sorry.',
    );
    expect(turns.map((turn) => [turn.speaker, turn.text])).toEqual([
      ['Agent', 'Good morning, Defuse support.'],
      ['Customer', 'My parcel never arrived. It was a present. I want a refund.'],
      ['Agent', 'I am sorry.'],
    ]);
    expect(turns[2]?.startMs).toBe(65_000);
  });

  it('treats unlabelled text as one turn without a speaker, and refuses empty or binary input', () => {
    expect(parseTxt('just words\nmore words')).toEqual([
      { speaker: null, text: 'just words more words', startMs: null, endMs: null },
    ]);
    expect(() => parseTxt('  \n \n')).toThrow(TranscriptError);
    expect(() => parseTxt('abc\u0000def')).toThrow(/binary/);
  });
});

describe('WebVTT transcripts', () => {
  const vtt = `WEBVTT - call 42

NOTE recorded by the meeting tool

1
00:00:01.000 --> 00:00:04.000
<v Ana Agent>Hello, how can I help?</v>

00:00:04.500 --> 00:00:09.000 align:start
<v.loud Maria Pop>This is the <b>third</b> time I call!</v>

00:00:09.000 --> 00:00:12.000
<v Maria Pop>Nobody &amp; nothing helps.</v>
`;
  it("reads voice tags, strips markup and merges one speaker's cues", () => {
    const turns = parseVtt(vtt);
    expect(turns).toEqual([
      { speaker: 'Ana Agent', text: 'Hello, how can I help?', startMs: 1000, endMs: 4000 },
      { speaker: 'Maria Pop', text: 'This is the third time I call! Nobody & nothing helps.', startMs: 4500, endMs: 12_000 },
    ]);
  });

  it('names the broken line: missing header, bad timing, time running backwards', () => {
    expect(() => parseVtt('00:00:01.000 --> 00:00:02.000\nhi')).toThrow(/line 1: .*WEBVTT/);
    expect(() => parseVtt('WEBVTT\n\n1\n00:00:01 -> 00:00:02\nhi')).toThrow(/line 3: expected a cue timing/);
    expect(() => parseVtt('WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nhi')).toThrow(/line 3: .*ends before it starts/);
    expect(() => parseVtt('WEBVTT\n\nNOTE only a note')).toThrow(/no cues/);
  });
});

describe('SubRip transcripts', () => {
  it('reads numbered blocks with "Speaker:" and "[Speaker]" labels', () => {
    const turns = parseSrt(
      '1\n00:00:01,000 --> 00:00:03,200\nAgent: Thanks for calling.\n\n2\n00:00:03,500 --> 00:00:06,000\n[Customer] I was charged twice.\n\n3\n00:00:06,000 --> 00:00:08,000\nAnd nobody answers e-mails.\n',
    );
    expect(turns).toEqual([
      { speaker: 'Agent', text: 'Thanks for calling.', startMs: 1000, endMs: 3200 },
      { speaker: 'Customer', text: 'I was charged twice. And nobody answers e-mails.', startMs: 3500, endMs: 8000 },
    ]);
  });

  it('names the broken line and refuses an empty file', () => {
    expect(() => parseSrt('1\n00:00:01,000 to 00:00:03,000\nHello')).toThrow(/line 2: expected a timing line/);
    expect(() => parseSrt('1\n00:00:01,000 --> 00:00:03,000\nHi\n\n2\n00:61:00,000 --> 00:62:00,000\nx')).toThrow(/line 6/);
    expect(() => parseSrt('')).toThrow(/empty/);
  });
});

describe('formats and speakers', () => {
  it('detects the format from the file name or the text', () => {
    expect(detectFormat('anything', 'Call.VTT')).toBe('vtt');
    expect(detectFormat('WEBVTT\n\n')).toBe('vtt');
    expect(detectFormat('1\n00:00:01,000 --> 00:00:02,000\nhi')).toBe('srt');
    expect(detectFormat('Agent: hi')).toBe('txt');
    expect(parseTimestamp('01:02:03,4')).toBe(3_723_400);
    expect(parseTimestamp('1:99:00.000')).toBeNaN();
  });

  it("assigns agent and customer roles from lists, labels in several languages and the agent's name", () => {
    const turns = ['Agent', 'Kunde', 'Ana', 'Maria', null, 'Operador', 'Bob'].map((speaker) => ({
      speaker,
      text: 'x',
      startMs: null,
      endMs: null,
    }));
    expect(assignRoles(turns, { agentName: 'Ana Ionescu', agentSpeakers: ['bob'] })).toEqual([
      'agent',
      'customer',
      'agent',
      'customer',
      'customer',
      'agent',
      'agent',
    ]);
  });
});
