// Accounts in SQL: organisations, users, memberships, sessions, API tokens, failed logins. Synchronous
// prepared statements (better-sqlite3), as they sit on every authenticated request's path.
import type SQLite from 'better-sqlite3';
import type { Membership, OrganisationKind, Role, Scope } from '../auth/actor.js';
import { SIDE_OF } from '../auth/actor.js';

export interface OrganisationRow {
  id: number;
  name: string;
  side: string;
  kind: OrganisationKind;
  parentId: number | null;
}

export interface UserRow {
  id: number;
  email: string;
  name: string;
  passwordHash: string | null;
  admin: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface SessionRow {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface TokenRow {
  id: number;
  userId: number;
  name: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

interface RawUser {
  id: number;
  email: string;
  name: string;
  password_hash: string | null;
  admin: number;
  disabled: number;
  created_at: string;
}

const toUser = (r: RawUser): UserRow => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  admin: r.admin === 1,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

interface RawToken {
  id: number;
  user_id: number;
  name: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const toToken = (r: RawToken): TokenRow => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  scopes: r.scopes.split(' ').filter(Boolean) as Scope[],
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const USER_COLUMNS = 'id, email, name, password_hash, admin, disabled, created_at';
const TOKEN_COLUMNS = 'id, user_id, name, scopes, created_at, expires_at, revoked_at';

export class AccountStore {
  constructor(private readonly raw: SQLite.Database) {}

  addOrganisation(
    o: { name: string; kind: OrganisationKind; parentId?: number | null },
    now = new Date(),
  ): number {
    const r = this.raw
      .prepare('INSERT INTO organisations (name, side, kind, parent_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(o.name, SIDE_OF[o.kind], o.kind, o.parentId ?? null, now.toISOString());
    return Number(r.lastInsertRowid);
  }

  organisations(): OrganisationRow[] {
    return this.raw
      .prepare('SELECT id, name, side, kind, parent_id AS parentId FROM organisations ORDER BY name')
      .all() as OrganisationRow[];
  }

  /** An organisation and the ones directly under it (a ministry and its directorates). */
  organisationAndChildren(id: number): number[] {
    const rows = this.raw
      .prepare('SELECT id FROM organisations WHERE id = ? OR parent_id = ?')
      .all(id, id) as {
      id: number;
    }[];
    return rows.map((r) => r.id);
  }

  organisationByName(name: string): OrganisationRow | null {
    return (
      (this.raw
        .prepare('SELECT id, name, side, kind, parent_id AS parentId FROM organisations WHERE name = ?')
        .get(name) as OrganisationRow | undefined) ?? null
    );
  }

  addUser(
    u: { email: string; name: string; passwordHash: string | null; admin: boolean },
    now = new Date(),
  ): number {
    const r = this.raw
      .prepare('INSERT INTO users (email, name, password_hash, admin, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(u.email, u.name, u.passwordHash, u.admin ? 1 : 0, now.toISOString());
    return Number(r.lastInsertRowid);
  }

  userByEmail(email: string): UserRow | null {
    const r = this.raw.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE email = ?`).get(email) as
      | RawUser
      | undefined;
    return r ? toUser(r) : null;
  }

  userById(id: number): UserRow | null {
    const r = this.raw.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as
      | RawUser
      | undefined;
    return r ? toUser(r) : null;
  }

  /** The user linked to a single sign-on identity (the provider's issuer and its subject). */
  userByOidc(issuer: string, subject: string): UserRow | null {
    const r = this.raw
      .prepare(`SELECT ${USER_COLUMNS} FROM users WHERE oidc_issuer = ? AND oidc_subject = ?`)
      .get(issuer, subject) as RawUser | undefined;
    return r ? toUser(r) : null;
  }

  /** The identity a user is linked to, or null. */
  oidcLinkOf(userId: number): { issuer: string; subject: string } | null {
    const r = this.raw
      .prepare('SELECT oidc_issuer AS issuer, oidc_subject AS subject FROM users WHERE id = ?')
      .get(userId) as { issuer: string | null; subject: string | null } | undefined;
    return r?.issuer && r.subject ? { issuer: r.issuer, subject: r.subject } : null;
  }

  /** Links a user to an identity; false when the user is already linked (to it or another). */
  linkOidc(userId: number, issuer: string, subject: string): boolean {
    return (
      this.raw
        .prepare(
          'UPDATE users SET oidc_issuer = ?, oidc_subject = ? WHERE id = ? AND oidc_issuer IS NULL AND oidc_subject IS NULL',
        )
        .run(issuer, subject, userId).changes > 0
    );
  }

  /** A new user who signs in by single sign-on only (no password), linked to the identity. */
  addOidcUser(u: { email: string; name: string; issuer: string; subject: string }, now = new Date()): number {
    const r = this.raw
      .prepare(
        `INSERT INTO users (email, name, password_hash, admin, oidc_issuer, oidc_subject, created_at)
         VALUES (?, ?, NULL, 0, ?, ?, ?)`,
      )
      .run(u.email, u.name, u.issuer, u.subject, now.toISOString());
    return Number(r.lastInsertRowid);
  }

  users(): UserRow[] {
    return (this.raw.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY email`).all() as RawUser[]).map(
      toUser,
    );
  }

  countAdmins(): number {
    return (
      this.raw.prepare('SELECT count(*) AS n FROM users WHERE admin = 1 AND disabled = 0').get() as {
        n: number;
      }
    ).n;
  }

  setDisabled(id: number, disabled: boolean): boolean {
    return (
      this.raw.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id).changes > 0
    );
  }

  setAdmin(id: number, admin: boolean): boolean {
    return this.raw.prepare('UPDATE users SET admin = ? WHERE id = ?').run(admin ? 1 : 0, id).changes > 0;
  }

  setPasswordHash(id: number, passwordHash: string): boolean {
    return (
      this.raw.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes > 0
    );
  }

  addMembership(userId: number, organisationId: number, role: Role): void {
    this.raw
      .prepare('INSERT OR IGNORE INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)')
      .run(userId, organisationId, role);
  }

  removeMembership(userId: number, organisationId: number, role: Role): boolean {
    return (
      this.raw
        .prepare('DELETE FROM memberships WHERE user_id = ? AND organisation_id = ? AND role = ?')
        .run(userId, organisationId, role).changes > 0
    );
  }

  memberships(userId: number): Membership[] {
    return this.raw
      .prepare(
        `SELECT m.organisation_id AS organisationId, o.name AS organisation, m.role AS role
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id
         WHERE m.user_id = ? ORDER BY o.name, m.role`,
      )
      .all(userId) as Membership[];
  }

  /** The people with a role in these organisations (enabled accounts), by name: whom a question can go to. */
  membersOf(
    organisationIds: readonly number[],
    role: Role,
  ): { id: number; name: string; organisationId: number; organisation: string }[] {
    return this.raw
      .prepare(
        `SELECT u.id, u.name, m.organisation_id AS organisationId, o.name AS organisation
         FROM memberships m JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id
         WHERE m.role = ? AND u.disabled = 0 AND m.organisation_id IN (SELECT value FROM json_each(?))
         ORDER BY u.name, o.name`,
      )
      .all(role, JSON.stringify(organisationIds)) as {
      id: number;
      name: string;
      organisationId: number;
      organisation: string;
    }[];
  }

  createSession(s: SessionRow & { address: string | null; userAgent: string | null }): void {
    this.raw
      .prepare(
        `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, address, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.id, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt, s.address, s.userAgent);
  }

  session(id: string): SessionRow | null {
    return (
      (this.raw
        .prepare(
          `SELECT id, user_id AS userId, csrf_token AS csrfToken, created_at AS createdAt,
             last_seen_at AS lastSeenAt, expires_at AS expiresAt FROM sessions WHERE id = ?`,
        )
        .get(id) as SessionRow | undefined) ?? null
    );
  }

  touchSession(id: string, at: string): void {
    this.raw.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id);
  }

  deleteSession(id: string): boolean {
    return this.raw.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }

  deleteSessionsOf(userId: number): number {
    return this.raw.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  createToken(
    t: { userId: number; name: string; tokenHash: string; scopes: readonly Scope[]; expiresAt: string },
    now = new Date(),
  ): number {
    const r = this.raw
      .prepare(
        'INSERT INTO api_tokens (user_id, name, token_hash, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(t.userId, t.name, t.tokenHash, t.scopes.join(' '), now.toISOString(), t.expiresAt);
    return Number(r.lastInsertRowid);
  }

  tokenByHash(tokenHash: string): TokenRow | null {
    const r = this.raw
      .prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ?`)
      .get(tokenHash) as RawToken | undefined;
    return r ? toToken(r) : null;
  }

  tokenById(id: number): TokenRow | null {
    const r = this.raw.prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = ?`).get(id) as
      | RawToken
      | undefined;
    return r ? toToken(r) : null;
  }

  tokensOf(userId: number): TokenRow[] {
    return (
      this.raw
        .prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY id`)
        .all(userId) as RawToken[]
    ).map(toToken);
  }

  revokeToken(id: number, at: string): boolean {
    return (
      this.raw.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
        .changes > 0
    );
  }

  recordLoginFailure(key: string, at: string): void {
    this.raw.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)').run(key, at);
  }

  loginFailuresSince(key: string, since: string): number {
    return (
      this.raw
        .prepare('SELECT count(*) AS n FROM login_failures WHERE key = ? AND at >= ?')
        .get(key, since) as {
        n: number;
      }
    ).n;
  }

  clearLoginFailures(key: string): void {
    this.raw.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
  }

  pruneLoginFailures(before: string): void {
    this.raw.prepare('DELETE FROM login_failures WHERE at < ?').run(before);
  }
}
