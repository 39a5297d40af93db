import { z } from 'zod';
import { scrubDeep } from '../../../platform/text-policy.ts';
import { type ChatErrorCode, chatError } from './chat-errors.ts';

/** The widget's frames to the server. Each is one JSON object with a `type`. */
export const maxFrameBytes = 16 * 1024;
export const maxChatMessageLength = 4000;

const clientId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be 6–64 characters of A–Z, a–z, 0–9, _ or -');

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('message'),
    clientId,
    body: z.string().trim().min(1, 'must not be empty').max(maxChatMessageLength),
  }),
  z.strictObject({ type: z.literal('sync'), after: z.string().max(64).nullable().optional() }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
  z.strictObject({ type: z.literal('read'), messageId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('ping') }),
]);

export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Parses one raw frame or throws a chat error saying exactly what is wrong with it. */
export function parseClientFrame(data: Buffer | string, isBinary: boolean): ClientFrame {
  const fail = (code: ChatErrorCode, message: string): never => {
    throw chatError(code, message);
  };
  if (isBinary) fail('malformed-frame', 'Frames must be JSON text, not binary.');
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size > maxFrameBytes) fail('frame-too-large', `Frames may be at most ${maxFrameBytes} bytes.`);
  let parsed: unknown;
  try {
    // Frames bypass the HTTP text policy; a chat message is data we keep, so NUL characters are
    // dropped and unpaired surrogates become U+FFFD rather than failing on PostgreSQL.
    parsed = scrubDeep(JSON.parse(String(data)));
  } catch {
    return fail('malformed-frame', 'Frames must be JSON.');
  }
  const result = clientFrameSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'frame';
    return fail('invalid-frame', `${where}: ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}
