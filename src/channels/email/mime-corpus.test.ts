import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MailRejectedError } from './domain/email-errors.ts';
import { type InboundMail, toInboundMail } from './domain/inbound-mail.ts';
import { parseRawMail } from './use-cases/receive-mail.ts';

// The shared MIME corpus (193 real test messages from four mail libraries, many deliberately broken).
const corpusRoot = process.env.MIME_CORPUS_DIR ?? join(import.meta.dirname, '../../../../shared/data/mime-corpus');
const present = existsSync(join(corpusRoot, 'MANIFEST.tsv'));
if (!present) console.warn(`The MIME corpus is not at ${corpusRoot}: the corpus tests are skipped (set MIME_CORPUS_DIR).`);

function corpusFiles(): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(eml|txt|mbox)$/.test(name) && !/^LICENSE/.test(name)) files.push(path);
    }
  };
  walk(corpusRoot);
  return files;
}

type Outcome = { ok: true; mail: InboundMail } | { ok: false; reason: string };

let counter = 0;
async function map(path: string): Promise<Outcome> {
  const raw = readFileSync(path);
  try {
    const parsed = await parseRawMail(raw);
    const result = toInboundMail(parsed, raw, {
      supportAddresses: ['support@brightwell.test'],
      ownMessageIdDomain: 'brightwell.test',
      attachmentMaxBytes: 10 * 1024 * 1024,
      newId: () => `attachment-${++counter}`,
      attachmentUrl: (id) => `/api/v1/email/attachments/${id}`,
    });
    return result.ok ? result : { ok: false, reason: result.rejection.reason };
  } catch (error) {
    if (error instanceof MailRejectedError) return { ok: false, reason: error.message };
    throw error;
  }
}

const outcomes = new Map<string, Outcome>();
async function outcomeOf(name: string): Promise<Outcome> {
  let outcome = outcomes.get(name);
  if (!outcome) {
    outcome = await map(join(corpusRoot, name));
    outcomes.set(name, outcome);
  }
  return outcome;
}
async function mailOf(name: string): Promise<InboundMail> {
  const outcome = await outcomeOf(name);
  if (!outcome.ok) throw new Error(`${name} was rejected: ${outcome.reason}`);
  return outcome.mail;
}

describe.skipIf(!present)('the MIME corpus through parse → inbound mapping', () => {
  it('turns every file into a clean message or a clear rejection, never a crash', { timeout: 60_000 }, async () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(190);
    const kinds: Record<string, number> = {};
    for (const path of files) {
      const name = relative(corpusRoot, path);
      const outcome = await map(path);
      outcomes.set(name, outcome);
      if (outcome.ok) {
        const { mail } = outcome;
        kinds[mail.classification.kind] = (kinds[mail.classification.kind] ?? 0) + 1;
        expect(mail.messageId, name).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
        expect(mail.body.length, name).toBeGreaterThan(0);
        expect(mail.body.length, name).toBeLessThanOrEqual(100_000);
        if (mail.classification.kind === 'customer') expect(mail.from.email, name).toMatch(/@/);
        expect(mail.html ?? '', name).not.toMatch(/<script|\son[a-z]+=/i);
        for (const attachment of mail.attachments) {
          expect(attachment.content === null, name).toBe(attachment.rejectedReason !== null);
        }
      } else {
        kinds.rejected = (kinds.rejected ?? 0) + 1;
        expect(outcome.reason, name).toMatch(/\w{4,}/);
      }
    }
    expect(kinds.customer ?? 0).toBeGreaterThan(100);
    expect(kinds.bounce ?? 0).toBeGreaterThanOrEqual(8);
    expect(kinds.list ?? 0).toBeGreaterThanOrEqual(3);
  });

  it('decodes Shift_JIS, EUC-KR, ks_c_5601-1987, ISO-2022-JP and Windows-1252 bodies', async () => {
    const shiftJis = await mailOf('mikel-mail/multi_charset/japanese_shift_jis.eml');
    expect(shiftJis.body).toContain('あいうえお');
    expect(shiftJis.body).toContain('このメールはテスト用のメールです。');
    expect((await mailOf('mikel-mail/plain_emails/raw_email.eml')).body).toContain(
      '대부분의 마찬가지로, 우리는 하나님을 믿습니다.',
    );
    expect((await mailOf('mikel-mail/multi_charset/ks_c_5601-1987.eml')).body).toBe('스티해');
    expect((await mailOf('mikel-mail/multi_charset/japanese_iso_2022.eml')).body).toBe('すみません。');
    expect((await mailOf('stalwart-mail-parser/thirdparty/019.eml')).body).toBe('Search for hähä');
  });

  it('decodes quoted-printable and base64 parts of one message', async () => {
    const mixed = await mailOf('cpython-email/msg_10.txt');
    expect(mixed.body).toContain('This is a 7bit encoded message.');
    expect(mixed.body).toContain('¡This is a Quoted Printable encoded message!');
    expect(mixed.body).toContain('This is a Base64 encoded message.');
  });

  it('keeps inline images and attachments, points cid: images at our download, and refuses what is not allowed', async () => {
    const nodemailerMail = await mailOf('nodemailer-mailparser/nodemailer.eml');
    expect(nodemailerMail.body).toBe('Hello to myself!');
    const image = nodemailerMail.attachments.find((attachment) => attachment.filename === 'image.png');
    expect(image).toMatchObject({ contentType: 'image/png', rejectedReason: null, inline: true });
    expect(nodemailerMail.html).toContain(`<img src="/api/v1/email/attachments/${image?.id}"`);
    expect(nodemailerMail.attachments.find((attachment) => attachment.filename === 'notes.txt')?.rejectedReason).toBeNull();

    const gzip = await mailOf('mikel-mail/attachment_emails/attachment_only_email.eml');
    expect(gzip.attachments[0]).toMatchObject({ filename: 'blah.gz', content: null });
    expect(gzip.attachments[0]?.rejectedReason).toMatch(/allow-list/);
    expect(gzip.body).toBe('(no text; attachments: blah.gz)');

    const pdf = await mailOf('mikel-mail/attachment_emails/attachment_pdf.eml');
    expect(pdf.attachments[0]).toMatchObject({ filename: 'broken.pdf', contentType: 'application/pdf', rejectedReason: null });

    const rootImage = await mailOf('nodemailer-mailparser/base64encodedroot.eml');
    expect(rootImage.attachments[0]).toMatchObject({ filename: 'screenshot.png', rejectedReason: null });
  });

  it('synthesises a stable Message-ID for mail without one', async () => {
    const first = await mailOf('cpython-email/msg_07.txt');
    const again = await map(join(corpusRoot, 'cpython-email/msg_07.txt'));
    expect(first.messageIdSynthesized).toBe(true);
    expect(first.messageId).toMatch(/^<missing-[0-9a-f]{40}@defuse\.invalid>$/);
    expect(again.ok && again.mail.messageId).toBe(first.messageId);
  });

  it('recognises delivery reports as bounces with the failed recipient and status', async () => {
    const bounce = await mailOf('mikel-mail/multipart_report_emails/multi_address_bounce1.eml');
    expect(bounce.classification.kind).toBe('bounce');
    expect(bounce.reportSummary).toMatch(/^to bbbbvhvbbvkjbhfbvbvjhb@gmail.com, status 5\.1\.1/);
    expect(bounce.reportedMessageIds).toEqual(['<118707422.15521266992174819.JavaMail.root@lvmail01>']);
    expect((await mailOf('cpython-email/msg_25.txt')).classification.kind).toBe('bounce');
    expect((await mailOf('mikel-mail/multipart_report_emails/report_422.eml')).classification.kind).toBe('bounce');
    expect((await mailOf('nodemailer-mailparser/delivery-status.eml')).classification.kind).toBe('bounce');
  });

  it('survives huge headers, pathological HTML and megabyte bodies', async () => {
    const longHeader = await mailOf('stalwart-mail-parser/thirdparty/015.eml');
    expect(longHeader.body.startsWith('Hallo Stoiko,')).toBe(true);
    expect(
      longHeader.body.endsWith(
        'diese Scores NICHT haben.\n\nDas ganze Spam-Filtering usw. passiert komplett über Stalwart. Auf den habe ich vor 3 Monaten gewechselt. Stalwart selbst verwendet selbst sicherlich im Unterbau einige dieser Technologien - habe selbst nichts aber ergänzt oder modifiziert an den Defaults.',
      ),
    ).toBe(true);
    expect(longHeader.signature).toContain('Jonas Sterr');
    const html = await mailOf('nodemailer-mailparser/htmllargecallstack.eml');
    expect(html.html?.length ?? 0).toBeGreaterThan(0);
    expect((await mailOf('nodemailer-mailparser/large_text.eml')).textFull.length).toBeGreaterThan(1_000_000);
    expect((await mailOf('nodemailer-mailparser/spam.eml')).body).toContain('asozialer Penner');
  });

  it('rejects mail with no sender at all, clearly', async () => {
    const outcome = await outcomeOf('stalwart-mail-parser/malformed/000.eml');
    expect(outcome).toEqual({ ok: false, reason: 'The mail has no usable sender address (From, envelope sender or Reply-To).' });
  });
});

describe('non-UTF-8 charsets made here (the corpus has no real ISO-8859-2 or Windows-1250 text)', () => {
  const raw = (charset: string, body: Buffer) =>
    Buffer.concat([
      Buffer.from(
        `From: Ola <ola@example.pl>\r\nTo: support@brightwell.test\r\nSubject: =?${charset}?Q?Zam=F3wienie?=\r\nMessage-ID: <${charset}@example.pl>\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
      ),
      body,
      Buffer.from('\r\n'),
    ]);
  const mapRaw = async (bytes: Buffer) => {
    const result = toInboundMail(await parseRawMail(bytes), bytes, {
      supportAddresses: ['support@brightwell.test'],
      ownMessageIdDomain: 'brightwell.test',
      attachmentMaxBytes: 1024,
      newId: () => 'id',
      attachmentUrl: (id) => id,
    });
    if (!result.ok) throw new Error(result.rejection.reason);
    return result.mail;
  };

  it('decodes ISO-8859-2 Polish text', async () => {
    // "Zażółć gęślą jaźń" in ISO-8859-2.
    const bytes = Buffer.from([
      0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6, 0x20, 0x67, 0xea, 0xb6, 0x6c, 0xb1, 0x20, 0x6a, 0x61, 0xbc, 0xf1,
    ]);
    const mail = await mapRaw(raw('iso-8859-2', bytes));
    expect(mail.body).toBe('Zażółć gęślą jaźń');
    expect(mail.subject).toBe('Zamówienie');
  });

  it('decodes Windows-1250 text', async () => {
    // The same words in Windows-1250 (ś, ą and ź sit elsewhere than in ISO-8859-2).
    const bytes = Buffer.from([
      0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6, 0x20, 0x67, 0xea, 0x9c, 0x6c, 0xb9, 0x20, 0x6a, 0x61, 0x9f, 0xf1,
    ]);
    expect((await mapRaw(raw('windows-1250', bytes))).body).toBe('Zażółć gęślą jaźń');
  });
});
