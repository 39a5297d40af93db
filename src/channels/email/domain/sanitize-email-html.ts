import sanitizeHtml, { type Attributes } from 'sanitize-html';

export const maxHtmlLength = 2_000_000;

/**
 * HTML mail made safe to show inside the agent app: no scripts, styles, forms, frames or event
 * handlers; links open in a new tab without referrer; remote images are removed (they track the
 * reader) and inline images (cid:) point at our own attachment download instead.
 */
export function sanitizeEmailHtml(html: string, inlineImageUrls: ReadonlyMap<string, string>): string {
  return sanitizeHtml(html.slice(0, maxHtmlLength), {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align'],
      th: ['colspan', 'rowspan', 'align'],
      table: ['width'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    // No scheme is allowed on images: only our own relative attachment URLs survive.
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (_tagName, attribs): { tagName: string; attribs: Attributes; text?: string } => {
        const source = (attribs.src ?? '').trim();
        const cid = source.toLowerCase().startsWith('cid:') ? source.slice(4).replace(/^<|>$/g, '').toLowerCase() : null;
        const local = cid ? inlineImageUrls.get(cid) : undefined;
        if (local) return { tagName: 'img', attribs: { src: local, alt: attribs.alt ?? '' } };
        const label = attribs.alt?.trim() ? `[image: ${attribs.alt.trim()}]` : '[remote image removed]';
        return { tagName: 'span', attribs: {}, text: label };
      },
    },
  });
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of an HTML-only mail (mailparser leaves `text` empty then): blocks become lines, tags go. */
export function htmlToPlainText(html: string): string {
  const withBreaks = html
    .slice(0, maxHtmlLength)
    .replace(/<(br|hr)\b[^>]*>/gi, '\n')
    .replace(/<\/(p|div|tr|li|h[1-6]|table|blockquote|pre)\s*>/gi, '\n')
    .replace(/<(td|th)\b[^>]*>/gi, ' ');
  const text = sanitizeHtml(withBreaks, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'title', 'head'],
  });
  return text
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (match, entity: string) => {
      if (entity.startsWith('#x') || entity.startsWith('#X')) return safeCodePoint(Number.parseInt(entity.slice(2), 16), match);
      if (entity.startsWith('#')) return safeCodePoint(Number.parseInt(entity.slice(1), 10), match);
      return entities[entity.toLowerCase()] ?? match;
    })
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
