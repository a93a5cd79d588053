// Configuration: defaults, then a JSON config file (VRAAGBAAK_CONFIG, or vraagbaak.config.json in the
// working directory when it exists), then environment variables; command-line options win over all.
// The secret key (for the keyed hashes of session and token secrets) is generated on first start and
// kept in a file beside the database, outside the repository, readable by its owner only.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

export const ConfigFile = z
  .object({
    database: z.string().min(1).optional().describe('SQLite file (default ./data/vraagbaak.db).'),
    secretFile: z.string().min(1).optional().describe('The secret key file (default: beside the database).'),
    sessionIdleMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    sessionMaxHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .optional(),
    tokenDays: z.number().int().min(1).max(366).optional(),
    behindHttps: z.boolean().optional(),
    uploadLimitMb: z.number().int().min(1).max(1024).optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFile>;

export interface AuthConfig {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  tokenDays: number;
}

export const DEFAULT_AUTH: AuthConfig = { sessionIdleMinutes: 30, sessionMaxHours: 12, tokenDays: 90 };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function fromEnv(env: NodeJS.ProcessEnv): ConfigFile {
  const int = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new ConfigError(`${name} must be a whole number, not '${raw}'`);
    return n;
  };
  const out: ConfigFile = {};
  if (env.VRAAGBAAK_DB) out.database = env.VRAAGBAAK_DB;
  if (env.VRAAGBAAK_SECRET_FILE) out.secretFile = env.VRAAGBAAK_SECRET_FILE;
  const idle = int('VRAAGBAAK_SESSION_IDLE_MINUTES');
  if (idle !== undefined) out.sessionIdleMinutes = idle;
  const max = int('VRAAGBAAK_SESSION_MAX_HOURS');
  if (max !== undefined) out.sessionMaxHours = max;
  const days = int('VRAAGBAAK_TOKEN_DAYS');
  if (days !== undefined) out.tokenDays = days;
  const upload = int('VRAAGBAAK_UPLOAD_LIMIT_MB');
  if (upload !== undefined) out.uploadLimitMb = upload;
  if (env.VRAAGBAAK_BEHIND_HTTPS) out.behindHttps = /^(1|true|yes)$/i.test(env.VRAAGBAAK_BEHIND_HTTPS);
  return out;
}

/** The configuration in force: file, then environment. Throws ConfigError saying what and where. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ConfigFile {
  const path =
    env.VRAAGBAAK_CONFIG ??
    (existsSync(join(cwd, 'vraagbaak.config.json')) ? join(cwd, 'vraagbaak.config.json') : null);
  let file: ConfigFile = {};
  if (path) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `${path}: ${error instanceof SyntaxError ? `not JSON: ${error.message}` : 'cannot be read'}`,
      );
    }
    const parsed = ConfigFile.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`${path}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
    }
    file = parsed.data;
  }
  const merged = ConfigFile.safeParse({ ...file, ...fromEnv(env) });
  if (!merged.success) {
    const issue = merged.error.issues[0];
    throw new ConfigError(`environment: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return merged.data;
}

export function authConfig(config: ConfigFile): AuthConfig {
  return {
    sessionIdleMinutes: config.sessionIdleMinutes ?? DEFAULT_AUTH.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours ?? DEFAULT_AUTH.sessionMaxHours,
    tokenDays: config.tokenDays ?? DEFAULT_AUTH.tokenDays,
  };
}

/** The secret key file for a database: `secretFile`, else `vraagbaak.secret` beside the database. */
export function secretPath(config: ConfigFile, dbPath: string): string {
  return resolve(config.secretFile ?? join(dirname(resolve(dbPath)), 'vraagbaak.secret'));
}

/** Reads the secret key, making it on first use (32 random bytes, mode 0600). */
export function loadSecret(path: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      // 'wx': when two processes start at once, one writes and the other reads what it wrote.
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length < 32)
    throw new ConfigError(`${path}: the secret key is too short (remove the file to make a new one)`);
  return key;
}
