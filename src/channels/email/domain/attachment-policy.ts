/** Which attachments we keep: a content-type allow-list, a size limit, and a check that the bytes match the type. */
export const allowedAttachmentTypes: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/bmp',
  'image/tiff',
  'application/pdf',
  'text/plain',
  'text/csv',
  'text/calendar',
  'application/rtf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'message/rfc822',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
  'video/mp4',
  'video/quicktime',
]);

const typeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  ics: 'text/calendar',
  rtf: 'application/rtf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  eml: 'message/rfc822',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** Names that run code when opened, whatever type the sender claims. */
const dangerousExtension =
  /\.(exe|com|bat|cmd|scr|pif|msi|msp|dll|js|jse|vbs|vbe|wsf|wsh|ps1|psm1|jar|hta|html?|xhtml|svg|lnk|reg|sh|app|dmg|iso|apk|docm|xlsm|pptm)$/i;

const signatures: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8,
  'image/gif': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'GIF8',
  'application/pdf': (bytes) => bytes.subarray(0, 1024).includes('%PDF-'),
};

export interface AttachmentVerdict {
  contentType: string;
  rejectedReason: string | null;
}

const aliases: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
};

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot === -1 ? '' : filename.slice(dot + 1).toLowerCase();
}

/** Decides the stored content type and whether the attachment is kept. */
export function checkAttachment(input: {
  filename: string;
  declaredType: string;
  content: Buffer;
  maxBytes: number;
}): AttachmentVerdict {
  const stated = input.declaredType.split(';')[0]?.trim().toLowerCase() || 'application/octet-stream';
  const declared = aliases[stated] ?? stated;
  const fromName = typeByExtension[extensionOf(input.filename)];
  const contentType = allowedAttachmentTypes.has(declared) ? declared : (fromName ?? declared);
  if (input.content.length > input.maxBytes) {
    return { contentType, rejectedReason: `larger than the limit of ${input.maxBytes} bytes (${input.content.length} bytes)` };
  }
  if (dangerousExtension.test(input.filename)) {
    return { contentType, rejectedReason: `files named *.${extensionOf(input.filename)} are not accepted` };
  }
  if (!allowedAttachmentTypes.has(contentType)) {
    return { contentType, rejectedReason: `the type ${contentType} is not on the allow-list` };
  }
  const matches = signatures[contentType];
  if (matches && input.content.length > 0 && !matches(input.content)) {
    return { contentType, rejectedReason: `the content is not really ${contentType}` };
  }
  return { contentType, rejectedReason: null };
}

/** A file name safe for a Content-Disposition header and a download folder. */
export function safeFilename(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}

export function fallbackExtension(contentType: string): string {
  const entry = Object.entries(typeByExtension).find(([, type]) => type === contentType);
  return entry ? entry[0] : 'bin';
}
