// Sending mail: a nodemailer SMTP transport built from the settings (src/notify/config.ts). One
// connection per message, not a pool: a notifier sends a handful of mails now and then, and nothing
// stays open between them. Short timeouts, so an unreachable server fails in seconds; the caller
// keeps the notification queued. Nodemailer's own logging stays off: it could print the AUTH exchange.
import { createTransport } from 'nodemailer';
import type { SmtpSettings } from './config.js';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves when the server accepted the message; rejects when it did not. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  /** Milliseconds to connect and to get the server's greeting (default 10 000). */
  connectTimeout?: number;
  /** Milliseconds of silence before giving up on a connection (default 30 000). */
  socketTimeout?: number;
}

/** A mailer for the settings, or null when e-mail is off. */
export function createMailer(smtp: SmtpSettings | null, options: MailerOptions = {}): Mailer | null {
  if (!smtp) return null;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTLS,
    ...(smtp.user !== null && smtp.password !== null
      ? { auth: { user: smtp.user, pass: smtp.password } }
      : {}),
    connectionTimeout: options.connectTimeout ?? 10_000,
    greetingTimeout: options.connectTimeout ?? 10_000,
    socketTimeout: options.socketTimeout ?? 30_000,
    logger: false,
    debug: false,
    // Messages are built from our own text only: no attachments from paths or URLs, ever.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail: OutgoingMail): Promise<void> {
      const info = await transport.sendMail({
        from: smtp.from,
        to: { name: mail.to.name, address: mail.to.address },
        subject: mail.subject,
        text: mail.text,
        // RFC 3834: no out-of-office replies to a robot.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
      if (info.rejected.length > 0) {
        throw Object.assign(new Error(`the server refused ${info.rejected.join(', ')}`), {
          code: 'EENVELOPE',
        });
      }
    },
    close(): void {
      transport.close();
    },
  };
}

/**
 * Whether a failure is the server's (no connection, login refused, TLS, a timeout) rather than this
 * message's (a refused recipient, a rejected message): then the rest of a batch would fail alike.
 */
export function serverFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code !== 'EENVELOPE' && code !== 'EMESSAGE';
}
