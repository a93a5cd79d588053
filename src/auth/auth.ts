// Signing in and out, sessions and API tokens: the rules, over the account store. Secrets go to the
// client once; the database keeps only their keyed hashes (src/auth/secrets.ts).

import type { AuthConfig } from '../config.js';
import type { AccountStore, UserRow } from '../store/accounts.js';
import type { Scope, UserActor } from './actor.js';
import { verifyPassword } from './passwords.js';
import { keyedHash, randomSecret } from './secrets.js';

/** Failed logins allowed in the window before further tries are refused. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

export type LoginResult =
  | { ok: true; user: UserRow; sessionSecret: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export interface ResolvedSession {
  actor: UserActor;
  sessionId: string;
  csrfToken: string;
}

const minutes = (n: number) => n * 60_000;

export class Auth {
  constructor(
    private readonly accounts: AccountStore,
    private readonly key: Buffer,
    readonly config: AuthConfig,
  ) {}

  private hash(secret: string): string {
    return keyedHash(this.key, secret);
  }

  async actorFor(
    user: UserRow,
    via: 'session' | 'token',
    scopes: readonly Scope[] | null,
  ): Promise<UserActor> {
    return {
      kind: 'user',
      id: user.id,
      email: user.email,
      name: user.name,
      admin: user.admin,
      memberships: await this.accounts.memberships(user.id),
      via,
      scopes,
    };
  }

  async login(
    email: string,
    password: string,
    client: { address: string | null; userAgent: string | null },
    now = new Date(),
  ): Promise<LoginResult> {
    const since = new Date(now.getTime() - minutes(THROTTLE.windowMinutes)).toISOString();
    const accountKey = `account:${email.trim().toLowerCase()}`;
    const addressKey = `address:${client.address ?? 'unknown'}`;
    if (
      (await this.accounts.loginFailuresSince(accountKey, since)) >= THROTTLE.perAccount ||
      (await this.accounts.loginFailuresSince(addressKey, since)) >= THROTTLE.perAddress
    ) {
      return { ok: false, reason: 'throttled', retryAfterSeconds: THROTTLE.windowMinutes * 60 };
    }
    const user = await this.accounts.userByEmail(email.trim());
    // The password is checked even for an unknown or disabled account, so that timing tells nothing.
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !valid || user.disabled) {
      await this.accounts.recordLoginFailure(accountKey, now.toISOString());
      await this.accounts.recordLoginFailure(addressKey, now.toISOString());
      return { ok: false, reason: 'invalid' };
    }
    await this.accounts.clearLoginFailures(accountKey);
    return { ok: true, user, ...(await this.startSession(user, client, now)) };
  }

  /** A new session for a user who has proved who they are (by password, or by single sign-on). */
  async startSession(
    user: UserRow,
    client: { address: string | null; userAgent: string | null },
    now = new Date(),
  ): Promise<{ sessionSecret: string; csrfToken: string; expiresAt: Date }> {
    const sessionSecret = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(now.getTime() + this.config.sessionMaxHours * 3_600_000);
    await this.accounts.createSession({
      id: this.hash(sessionSecret),
      userId: user.id,
      csrfToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      address: client.address,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return { sessionSecret, csrfToken, expiresAt };
  }

  /** The signed-in user of a session cookie, or null when it is unknown, expired, idle too long or disabled. */
  async resolveSession(secret: string, now = new Date()): Promise<ResolvedSession | null> {
    if (secret.length > 200) return null;
    const id = this.hash(secret);
    const session = await this.accounts.session(id);
    if (!session) return null;
    const idleUntil = Date.parse(session.lastSeenAt) + minutes(this.config.sessionIdleMinutes);
    if (now.getTime() >= Date.parse(session.expiresAt) || now.getTime() >= idleUntil) {
      await this.accounts.deleteSession(id);
      return null;
    }
    const user = await this.accounts.userById(session.userId);
    if (!user || user.disabled) {
      await this.accounts.deleteSession(id);
      return null;
    }
    // Written at most once a minute: reads should not all become writes.
    if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000)
      await this.accounts.touchSession(id, now.toISOString());
    return { actor: await this.actorFor(user, 'session', null), sessionId: id, csrfToken: session.csrfToken };
  }

  async logout(secret: string): Promise<boolean> {
    return this.accounts.deleteSession(this.hash(secret));
  }

  /** Revokes every session of a user (disabling, a changed password or role). */
  async logoutEverywhere(userId: number): Promise<number> {
    return this.accounts.deleteSessionsOf(userId);
  }

  async createToken(
    userId: number,
    name: string,
    scopes: readonly Scope[],
    days = this.config.tokenDays,
    now = new Date(),
  ): Promise<{ id: number; secret: string; expiresAt: string }> {
    // The prefix lets secret scanners and people recognise a Vraagbaak token.
    const secret = `vbk_${randomSecret()}`;
    const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
    const id = await this.accounts.createToken(
      { userId, name, tokenHash: this.hash(secret), scopes, expiresAt },
      now,
    );
    return { id, secret, expiresAt };
  }

  /** The user of a bearer token, or null when it is unknown, revoked, expired or its user disabled. */
  async resolveToken(secret: string, now = new Date()): Promise<UserActor | null> {
    if (secret.length > 200) return null;
    const token = await this.accounts.tokenByHash(this.hash(secret));
    if (!token || token.revokedAt || now.getTime() >= Date.parse(token.expiresAt)) return null;
    const user = await this.accounts.userById(token.userId);
    if (!user || user.disabled) return null;
    return this.actorFor(user, 'token', token.scopes);
  }
}
