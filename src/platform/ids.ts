import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

// Asking the kernel for 16 bytes per id is slow under load; draw from a refilled pool instead.
const poolSize = 16 * 1024;
let pool = randomBytes(poolSize);
let poolOffset = 0;

function randomChunk(length: number): Buffer {
  if (poolOffset + length > poolSize) {
    pool = randomBytes(poolSize);
    poolOffset = 0;
  }
  const chunk = Buffer.from(pool.subarray(poolOffset, poolOffset + length));
  poolOffset += length;
  return chunk;
}

/**
 * UUIDv7: time-ordered, so ids sort by creation and index well. Within one millisecond a
 * 12-bit counter keeps ids from one process strictly increasing.
 */
export function newId(now: number = Date.now()): string {
  if (now <= lastMillis) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMillis += 1;
    now = lastMillis;
  } else {
    lastMillis = now;
    sequence = randomChunk(2).readUInt16BE(0) & 0x3ff;
  }
  const bytes = randomChunk(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random secret for tokens, url-safe. */
export function newSecret(byteLength = 32): string {
  return randomBytes(byteLength).toString('base64url');
}
