import { describe, expect, it } from 'vitest';
import { checkAttachment, safeFilename } from './attachment-policy.ts';
import { htmlToPlainText, sanitizeEmailHtml } from './sanitize-email-html.ts';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('attachment policy', () => {
  it('keeps allowed types, refuses others, oversized files, executables and content that lies about its type', () => {
    expect(
      checkAttachment({ filename: 'a.png', declaredType: 'image/png', content: png, maxBytes: 100 }).rejectedReason,
    ).toBeNull();
    expect(
      checkAttachment({ filename: 'a.jpg', declaredType: 'image/jpg', content: Buffer.from([0xff, 0xd8, 1]), maxBytes: 100 }),
    ).toEqual({
      contentType: 'image/jpeg',
      rejectedReason: null,
    });
    expect(
      checkAttachment({
        filename: 'r.pdf',
        declaredType: 'application/octet-stream',
        content: Buffer.from('%PDF-1.7'),
        maxBytes: 100,
      }),
    ).toEqual({
      contentType: 'application/pdf',
      rejectedReason: null,
    });
    expect(checkAttachment({ filename: 'a.png', declaredType: 'image/png', content: png, maxBytes: 5 }).rejectedReason).toMatch(
      /limit of 5 bytes/,
    );
    expect(
      checkAttachment({ filename: 'x.zip', declaredType: 'application/zip', content: png, maxBytes: 100 }).rejectedReason,
    ).toMatch(/allow-list/);
    expect(
      checkAttachment({
        filename: 'invoice.pdf.exe',
        declaredType: 'application/pdf',
        content: Buffer.from('%PDF'),
        maxBytes: 100,
      }).rejectedReason,
    ).toMatch(/not accepted/);
    expect(
      checkAttachment({ filename: 'page.html', declaredType: 'text/plain', content: Buffer.from('<script>'), maxBytes: 100 })
        .rejectedReason,
    ).toMatch(/not accepted/);
    expect(
      checkAttachment({ filename: 'a.png', declaredType: 'image/png', content: Buffer.from('MZ'), maxBytes: 100 }).rejectedReason,
    ).toMatch(/not really/);
  });

  it('makes file names safe for headers and disks', () => {
    expect(safeFilename('../../etc/passwd', 'x')).toBe('_.._etc_passwd');
    expect(safeFilename('a"b\r\n.txt', 'x')).toBe('a_b_.txt');
    expect(safeFilename('', 'attachment-1.bin')).toBe('attachment-1.bin');
  });
});

describe('HTML mail', () => {
  it('removes scripts, event handlers, styles, forms and remote images, and points cid: images at our download', () => {
    const html = sanitizeEmailHtml(
      '<p onclick="steal()">Hi <script>alert(1)</script><b>there</b></p><style>body{}</style><img src="https://tracker.example/p.gif" alt="logo">' +
        '<img src="cid:Part1@x"><a href="javascript:alert(1)">bad</a><a href="https://ok.example">good</a><form><input></form><iframe src="https://x"></iframe>',
      new Map([['part1@x', '/api/v1/email/attachments/abc']]),
    );
    expect(html).not.toMatch(/script|onclick|style|tracker|javascript|iframe|<form|<input/);
    expect(html).toContain('<b>there</b>');
    expect(html).toContain('[image: logo]');
    expect(html).toContain('<img src="/api/v1/email/attachments/abc"');
    expect(html).toContain('<a href="https://ok.example" target="_blank" rel="noopener noreferrer nofollow">good</a>');
  });

  it('turns HTML-only mail into readable plain text for analysis', () => {
    expect(htmlToPlainText('<div>Hello&nbsp;there,</div><p>My order &amp; refund&#33;</p><br><style>x{}</style>Bye')).toBe(
      'Hello there,\nMy order & refund!\n\nBye',
    );
  });
});
