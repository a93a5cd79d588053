// Notification settings, from the environment (see docs/notifications.md). Without VRAAGBAAK_SMTP_HOST
// e-mail is off and notifications live in the app only. A wrong value is a ConfigError that names the
// variable; the password is never part of a message, a log line or JSON.
import { z } from 'zod';
import { ConfigError } from '../config.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send without STARTTLS: set when there is a password to protect and the host is not this machine. */
  requireTLS: boolean;
  user: string | null;
  /** Not enumerable: JSON.stringify and console.log leave it out. */
  readonly password: string | null;
  /** The sender, 'Vraagbaak <noreply@example.org>' or a bare address. */
  from: string;
}

export interface NotifySettings {
  smtp: SmtpSettings | null;
  /** Working days before a deadline at which to remind, most first ([5, 2, 0]). */
  reminderDays: number[];
  /** The hour (Europe/Amsterdam) from which reminders are made and digests sent each working day. */
  digestHour: number;
  /** Where people reach the web app, for the links in mails; null leaves paths relative. */
  publicUrl: string | null;
}

export const DEFAULT_REMINDER_DAYS: readonly number[] = [5, 2, 0];
export const DEFAULT_DIGEST_HOUR = 7;

const YES = ['1', 'true', 'yes', 'on'];
const NO = ['0', 'false', 'no', 'off'];
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/;
const ADDRESS = /^[^\s@<>"(),;:]+@[A-Za-z0-9.-]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** A sender: an address, or a display name with the address in angle brackets; no line breaks. */
function isSender(value: string): boolean {
  const m = /^([^<>\r\n]*)<([^<>\s]+)>$/.exec(value.trim());
  return m ? ADDRESS.test(m[2] ?? '') && !/["\\]/.test(m[1] ?? '') : ADDRESS.test(value.trim());
}

const Env = z.object({
  VRAAGBAAK_SMTP_HOST: z.string().regex(HOST, { error: 'must be a host name or IP address' }).optional(),
  VRAAGBAAK_SMTP_PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: 'must be a port number (1-65535)' })
    .transform(Number)
    .pipe(
      z.number().int().min(1, { error: 'must be a port number (1-65535)' }).max(65535, {
        error: 'must be a port number (1-65535)',
      }),
    )
    .optional(),
  VRAAGBAAK_SMTP_SECURE: z
    .string()
    .transform((s) => s.toLowerCase())
    .refine((s) => YES.includes(s) || NO.includes(s), { error: 'must be true or false' })
    .transform((s) => YES.includes(s))
    .optional(),
  VRAAGBAAK_SMTP_USER: z.string().optional(),
  VRAAGBAAK_SMTP_PASSWORD: z.string().optional(),
  VRAAGBAAK_MAIL_FROM: z
    .string()
    .refine(isSender, { error: "must be an address, or 'Name <address>'" })
    .optional(),
  VRAAGBAAK_REMINDER_DAYS: z
    .string()
    .regex(/^\s*(none|\d{1,2}(\s*,\s*\d{1,2})*)\s*$/i, {
      error: "must be working days before the deadline, separated by commas ('5,2,0'), or 'none'",
    })
    .transform((s) =>
      /none/i.test(s) ? [] : [...new Set(s.split(',').map((d) => Number(d.trim())))].sort((a, b) => b - a),
    )
    .optional(),
  VRAAGBAAK_DIGEST_HOUR: z
    .string()
    .regex(/^\d{1,2}$/, { error: 'must be an hour from 0 to 23' })
    .transform(Number)
    .pipe(z.number().max(23, { error: 'must be an hour from 0 to 23' }))
    .optional(),
  VRAAGBAAK_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).optional(),
});

/** The notification settings in force; throws ConfigError naming the variable that is wrong. */
export function notifySettings(env: NodeJS.ProcessEnv = process.env): NotifySettings {
  // An empty variable counts as unset, as in src/config.ts.
  const given: Record<string, string> = {};
  for (const key of Object.keys(Env.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '')
      given[key] = key === 'VRAAGBAAK_SMTP_PASSWORD' ? value : value.trim();
  }
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    // The value is quoted to help, except the password's.
    const shown = name === 'VRAAGBAAK_SMTP_PASSWORD' || !(name in given) ? '' : `, not '${given[name]}'`;
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'}${shown}`);
  }
  const e = parsed.data;
  const settings: NotifySettings = {
    smtp: null,
    reminderDays: e.VRAAGBAAK_REMINDER_DAYS ?? [...DEFAULT_REMINDER_DAYS],
    digestHour: e.VRAAGBAAK_DIGEST_HOUR ?? DEFAULT_DIGEST_HOUR,
    publicUrl: e.VRAAGBAAK_PUBLIC_URL ?? null,
  };
  if (!e.VRAAGBAAK_SMTP_HOST) return settings;
  if (!e.VRAAGBAAK_MAIL_FROM) {
    throw new ConfigError('VRAAGBAAK_MAIL_FROM is required when VRAAGBAAK_SMTP_HOST is set');
  }
  if ((e.VRAAGBAAK_SMTP_USER === undefined) !== (e.VRAAGBAAK_SMTP_PASSWORD === undefined)) {
    throw new ConfigError('VRAAGBAAK_SMTP_USER and VRAAGBAAK_SMTP_PASSWORD go together: set both or neither');
  }
  const secure = e.VRAAGBAAK_SMTP_SECURE ?? e.VRAAGBAAK_SMTP_PORT === 465;
  settings.smtp = smtpSettings({
    host: e.VRAAGBAAK_SMTP_HOST,
    port: e.VRAAGBAAK_SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    user: e.VRAAGBAAK_SMTP_USER ?? null,
    password: e.VRAAGBAAK_SMTP_PASSWORD ?? null,
    from: e.VRAAGBAAK_MAIL_FROM,
  });
  return settings;
}

/** SMTP settings with the password hidden from enumeration and requireTLS worked out. */
export function smtpSettings(s: {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}): SmtpSettings {
  const out = {
    host: s.host,
    port: s.port,
    secure: s.secure,
    // A password crosses the network only encrypted; on this machine (a relay, the tests) it may not.
    requireTLS: !s.secure && s.password !== null && !LOOPBACK.has(s.host.toLowerCase()),
    user: s.user,
    from: s.from,
  };
  Object.defineProperty(out, 'password', { value: s.password, enumerable: false });
  return out as SmtpSettings;
}

/** One line for the log: where mail goes, never the password. */
export function describeSmtp(s: SmtpSettings | null): string {
  if (!s) return 'e-mail off (no VRAAGBAAK_SMTP_HOST): notifications in the app only';
  const tls = s.secure ? 'TLS' : s.requireTLS ? 'STARTTLS required' : 'STARTTLS when offered';
  return `e-mail via ${s.host}:${s.port} (${tls})${s.user ? `, as ${s.user}` : ''}, from ${s.from}`;
}
