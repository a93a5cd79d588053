// The audit log's canonical forms: details as JSON with sorted keys, the serialisation that is hashed,
// and the check that keeps secrets out of the details.
import { createHash } from 'node:crypto';

/** The prev_hash of the first entry. */
export const ZERO_HASH = '0'.repeat(64);

/** The largest details object, as canonical JSON, in UTF-16 code units. */
export const MAX_DETAILS_LENGTH = 16_384;

/** The fields of a stored entry, as stored: what the hash covers, in this order. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  actor_name: string | null;
  action: string;
  subject: string | null;
  details: string;
  address: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The hash of an entry: sha256 (hex) of the UTF-8 JSON array
 * `[seq, at, actor, actor_name, action, subject, details, address, prev_hash]`,
 * with `details` the stored canonical JSON string and absent values `null`.
 */
export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  const fields = [
    row.seq,
    row.at,
    row.actor,
    row.actor_name,
    row.action,
    row.subject,
    row.details,
    row.address,
    row.prev_hash,
  ];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

/** A string as SQLite will give it back: lone surrogates become U+FFFD, so the hash survives a round trip. */
export function wellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Words that name a secret in a details key (case, '_' and '-' ignored). */
const SECRET_WORDS = ['password', 'passwd', 'secret', 'token', 'hash', 'cookie', 'authorization'];
/** …unless the key names something about it that is not the secret itself: tokenId, tokenName, hashAlgorithm. */
const HARMLESS_ENDINGS = [
  'id',
  'ids',
  'name',
  'names',
  'count',
  'algorithm',
  'scopes',
  'createdat',
  'expiresat',
  'revokedat',
];

/** Values that are a secret whatever their key: a bearer credential or a password hash. */
const SECRET_VALUES = [/^\s*(bearer|basic)\s+\S/i, /^\$(argon2(id|i|d)|2[abxy]|scrypt|pbkdf2)/i];

export class AuditSecretError extends Error {
  override readonly name = 'AuditSecretError';
}

function secretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[\s_-]/g, '');
  return SECRET_WORDS.some((w) => k.includes(w)) && !HARMLESS_ENDINGS.some((e) => k.endsWith(e));
}

function canonicalValue(value: unknown, path: string, seen: Set<object>): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (SECRET_VALUES.some((re) => re.test(value))) {
      throw new AuditSecretError(`audit ${path} looks like a credential; never log a secret`);
    }
    return wellFormed(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`audit ${path}: ${value} is not a JSON number`);
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') {
    throw new TypeError(`audit ${path}: a ${typeof value} cannot be stored as JSON`);
  }
  if (seen.has(value)) throw new TypeError(`audit ${path}: circular reference`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v, i) => canonicalValue(v, `${path}[${i}]`, seen));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`audit ${path}: only plain objects, arrays and scalars can be stored`);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const where = `${path}.${key}`;
      if (secretKey(key)) throw new AuditSecretError(`audit ${where}: never log a secret`);
      out[wellFormed(key)] = canonicalValue(v, where, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Details as canonical JSON: keys sorted at every level, undefined members left out, Dates as ISO
 * strings. Refuses (AuditSecretError) a key that names a secret (password, secret, token, hash, cookie,
 * authorization, anywhere in the key, any case) and a value that is a bearer credential or a password
 * hash; refuses (TypeError) what JSON cannot hold faithfully.
 */
export function canonicalDetails(details: Record<string, unknown> | undefined): string {
  const value = details ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('audit details must be an object');
  }
  const json = JSON.stringify(canonicalValue(value, 'details', new Set()));
  if (json.length > MAX_DETAILS_LENGTH) {
    throw new RangeError(`audit details are ${json.length} characters; at most ${MAX_DETAILS_LENGTH}`);
  }
  return json;
}
