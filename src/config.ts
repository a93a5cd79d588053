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
    recesses: z
      .array(
        z
          .object({
            name: z.string().min(1),
            from: z.iso.date(),
            to: z.iso.date(),
          })
          .refine((r) => r.from <= r.to, { message: 'from must not be after to' }),
      )
      .optional()
      .describe("The chamber's recesses (reces), for the workflow's deadlines: docs/workflow.md."),
    publicUrl: z
      .string()
      .url()
      .optional()
      .describe(
        'The address people reach the server at (https://vraagbaak.example.org); for single sign-on.',
      ),
    oidc: z
      .object({
        issuer: z.string().url().describe('The OpenID Connect provider (its issuer identifier).'),
        clientId: z.string().min(1),
        clientSecret: z.string().min(1).optional(),
        redirectUrl: z
          .string()
          .url()
          .optional()
          .describe('Default: publicUrl + /api/v1/sessions/oidc/callback.'),
        createUsers: z
          .boolean()
          .optional()
          .describe('Make an account for an unknown person (default false).'),
        linkByEmail: z
          .boolean()
          .optional()
          .describe('Link an existing account with the same verified e-mail address (default true).'),
        scope: z.string().min(1).optional(),
        claims: z
          .object({
            email: z.string().min(1).optional(),
            emailVerified: z.string().min(1).optional(),
            name: z.string().min(1).optional(),
          })
          .strict()
          .optional(),
        timeoutSeconds: z.number().int().min(1).max(120).optional(),
      })
      .strict()
      .optional()
      .describe('Single sign-on with OpenID Connect (docs/sso.md); absent: password sign-in only.'),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFile>;

/** The path of the sign-in callback, under the public URL. */
export const OIDC_CALLBACK_PATH = '/api/v1/sessions/oidc/callback';

/** Single sign-on as it is used: every default filled in (docs/sso.md). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUrl: string;
  createUsers: boolean;
  linkByEmail: boolean;
  scope: string;
  claims: { email: string; emailVerified: string; name: string };
  timeoutSeconds: number;
}

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
  if (env.VRAAGBAAK_PUBLIC_URL) out.publicUrl = env.VRAAGBAAK_PUBLIC_URL;
  return out;
}

/** The oidc keys the environment sets (merged into the file's oidc section, key by key). */
function oidcFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  if (env.VRAAGBAAK_OIDC_ISSUER) out.issuer = env.VRAAGBAAK_OIDC_ISSUER;
  if (env.VRAAGBAAK_OIDC_CLIENT_ID) out.clientId = env.VRAAGBAAK_OIDC_CLIENT_ID;
  if (env.VRAAGBAAK_OIDC_CLIENT_SECRET) out.clientSecret = env.VRAAGBAAK_OIDC_CLIENT_SECRET;
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
  const oidcEnv = oidcFromEnv(env);
  const oidc = Object.keys(oidcEnv).length > 0 ? { oidc: { ...file.oidc, ...oidcEnv } } : {};
  const merged = ConfigFile.safeParse({ ...file, ...fromEnv(env), ...oidc });
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

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Single sign-on's settings, or null when it is not configured. Throws ConfigError when incomplete. */
export function oidcSettings(config: ConfigFile): OidcSettings | null {
  const o = config.oidc;
  if (!o) return null;
  const issuer = new URL(o.issuer);
  // Plain http only on this machine (a provider for development or tests).
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)))
    throw new ConfigError(`oidc.issuer: must be an https address, not ${o.issuer}`);
  let redirectUrl = o.redirectUrl;
  if (!redirectUrl) {
    if (!config.publicUrl)
      throw new ConfigError('oidc: needs publicUrl (VRAAGBAAK_PUBLIC_URL) or oidc.redirectUrl');
    redirectUrl = new URL(OIDC_CALLBACK_PATH, config.publicUrl).href;
  }
  const redirect = new URL(redirectUrl);
  if (redirect.pathname !== OIDC_CALLBACK_PATH)
    throw new ConfigError(`oidc.redirectUrl: its path must be ${OIDC_CALLBACK_PATH}`);
  // The code travels in this address: plain http only on this machine.
  if (redirect.protocol !== 'https:' && !(redirect.protocol === 'http:' && LOOPBACK.has(redirect.hostname)))
    throw new ConfigError(`oidc: the sign-in callback ${redirectUrl} must be an https address`);
  return {
    issuer: o.issuer,
    clientId: o.clientId,
    clientSecret: o.clientSecret ?? null,
    redirectUrl,
    createUsers: o.createUsers ?? false,
    linkByEmail: o.linkByEmail ?? true,
    scope: o.scope ?? 'openid email profile',
    claims: {
      email: o.claims?.email ?? 'email',
      emailVerified: o.claims?.emailVerified ?? 'email_verified',
      name: o.claims?.name ?? 'name',
    },
    timeoutSeconds: o.timeoutSeconds ?? 10,
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
