// Random secrets (session cookies, API tokens, CSRF tokens) and their keyed hashes. Only the keyed hash is
// stored, with a key kept outside the database (src/config.ts), so a copy of the database opens nothing.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
