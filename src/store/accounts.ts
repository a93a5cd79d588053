// Accounts in SQL: organisations, users, memberships, sessions, API tokens, failed logins. The queries
// are Kysely's, the same on SQLite and PostgreSQL; they sit on every authenticated request's path, so
// each is one short statement by a key.
import type { Membership, OrganisationKind, Role, Scope } from '../auth/actor.js';
import { SIDE_OF } from '../auth/actor.js';
import { type Executor, forUpdate, inTransaction } from './database.js';

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

// Numbers through Number(): PostgreSQL gives a bigint (and a count) back as a string.
const toUser = (r: RawUser): UserRow => ({
  id: Number(r.id),
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  admin: Number(r.admin) === 1,
  disabled: Number(r.disabled) === 1,
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
  id: Number(r.id),
  userId: Number(r.user_id),
  name: r.name,
  scopes: r.scopes.split(' ').filter(Boolean) as Scope[],
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const toOrganisation = (r: {
  id: number;
  name: string;
  side: string;
  kind: string;
  parentId: number | null;
}): OrganisationRow => ({
  id: Number(r.id),
  name: r.name,
  side: r.side,
  kind: r.kind as OrganisationKind,
  parentId: r.parentId === null ? null : Number(r.parentId),
});

const USER_COLUMNS = ['id', 'email', 'name', 'password_hash', 'admin', 'disabled', 'created_at'] as const;
const TOKEN_COLUMNS = ['id', 'user_id', 'name', 'scopes', 'created_at', 'expires_at', 'revoked_at'] as const;
const ORGANISATION_COLUMNS = ['id', 'name', 'side', 'kind', 'parent_id as parentId'] as const;

// organisations.name and users.email are NOCASE columns in SQLite (unique regardless of case): they are
// compared as lower(column) = lower(value), which means the same on PostgreSQL.

export class AccountStore {
  /** `db` is the database, or a transaction the store's queries then join (see atomically). */
  constructor(private readonly db: Executor) {}

  /**
   * Runs `work` in one transaction with a store bound to it: for a check and the change it allows
   * (the last administrator is not disabled). On PostgreSQL it may run more than once (see inTransaction).
   */
  async atomically<T>(work: (accounts: AccountStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => work(new AccountStore(trx)));
  }

  async addOrganisation(
    o: { name: string; kind: OrganisationKind; parentId?: number | null },
    now = new Date(),
  ): Promise<number> {
    const r = await this.db
      .insertInto('organisations')
      .values({
        name: o.name,
        side: SIDE_OF[o.kind],
        kind: o.kind,
        parent_id: o.parentId ?? null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  /** By name, regardless of case (as SQLite's NOCASE column orders them). */
  async organisations(): Promise<OrganisationRow[]> {
    const rows = await this.db
      .selectFrom('organisations')
      .select(ORGANISATION_COLUMNS)
      .orderBy((eb) => eb.fn('lower', ['name']))
      .execute();
    return rows.map(toOrganisation);
  }

  /** An organisation and the ones directly under it (a ministry and its directorates). */
  async organisationAndChildren(id: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('organisations')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', id), eb('parent_id', '=', id)]))
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /** The organisation of this name, regardless of case (names are unique so). */
  async organisationByName(name: string): Promise<OrganisationRow | null> {
    const r = await this.db
      .selectFrom('organisations')
      .select(ORGANISATION_COLUMNS)
      .where((eb) => eb(eb.fn<string>('lower', ['name']), '=', eb.fn<string>('lower', [eb.val(name)])))
      .executeTakeFirst();
    return r ? toOrganisation(r) : null;
  }

  async addUser(
    u: { email: string; name: string; passwordHash: string | null; admin: boolean },
    now = new Date(),
  ): Promise<number> {
    const r = await this.db
      .insertInto('users')
      .values({
        email: u.email,
        name: u.name,
        password_hash: u.passwordHash,
        admin: u.admin ? 1 : 0,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  /** The user with this e-mail address, regardless of case (addresses are unique so). */
  async userByEmail(email: string): Promise<UserRow | null> {
    const r = await this.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where((eb) => eb(eb.fn<string>('lower', ['email']), '=', eb.fn<string>('lower', [eb.val(email)])))
      .executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async userById(id: number): Promise<UserRow | null> {
    const r = await this.db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  /** The user linked to a single sign-on identity (the provider's issuer and its subject). */
  async userByOidc(issuer: string, subject: string): Promise<UserRow | null> {
    const r = await this.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('oidc_issuer', '=', issuer)
      .where('oidc_subject', '=', subject)
      .executeTakeFirst();
    return r ? toUser(r) : null;
  }

  /** The identity a user is linked to, or null. */
  async oidcLinkOf(userId: number): Promise<{ issuer: string; subject: string } | null> {
    const r = await this.db
      .selectFrom('users')
      .select(['oidc_issuer as issuer', 'oidc_subject as subject'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return r?.issuer && r.subject ? { issuer: r.issuer, subject: r.subject } : null;
  }

  /**
   * Links a user to an identity; false when the user is already linked (to it or another). One
   * compare-and-set UPDATE: of two sign-ins at once, one links.
   */
  async linkOidc(userId: number, issuer: string, subject: string): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ oidc_issuer: issuer, oidc_subject: subject })
      .where('id', '=', userId)
      .where('oidc_issuer', 'is', null)
      .where('oidc_subject', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** A new user who signs in by single sign-on only (no password), linked to the identity. */
  async addOidcUser(
    u: { email: string; name: string; issuer: string; subject: string },
    now = new Date(),
  ): Promise<number> {
    const r = await this.db
      .insertInto('users')
      .values({
        email: u.email,
        name: u.name,
        password_hash: null,
        admin: 0,
        oidc_issuer: u.issuer,
        oidc_subject: u.subject,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  /** By e-mail address, regardless of case (as SQLite's NOCASE column orders them). */
  async users(): Promise<UserRow[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .orderBy((eb) => eb.fn('lower', ['email']))
      .execute();
    return rows.map(toUser);
  }

  /**
   * The enabled administrators. Inside atomically() their rows are locked on PostgreSQL (FOR UPDATE
   * allows no count(*), hence the ids), so that two transactions cannot each disable or demote another
   * of the last two; SQLite's transactions are serialised anyway.
   */
  async countAdmins(): Promise<number> {
    const rows = await forUpdate(
      this.db,
      this.db.selectFrom('users').select('id').where('admin', '=', 1).where('disabled', '=', 0),
    ).execute();
    return rows.length;
  }

  async setDisabled(id: number, disabled: boolean): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', id)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async setAdmin(id: number, admin: boolean): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ admin: admin ? 1 : 0 })
      .where('id', '=', id)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async setPasswordHash(id: number, passwordHash: string): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', id)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** Gives a user a role in an organisation; nothing when they have it already. */
  async addMembership(userId: number, organisationId: number, role: Role): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ user_id: userId, organisation_id: organisationId, role })
      .onConflict((oc) => oc.columns(['user_id', 'organisation_id', 'role']).doNothing())
      .execute();
  }

  async removeMembership(userId: number, organisationId: number, role: Role): Promise<boolean> {
    const r = await this.db
      .deleteFrom('memberships')
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .where('role', '=', role)
      .executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  /** A user's roles, by organisation name (regardless of case) and role. */
  async memberships(userId: number): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['m.organisation_id as organisationId', 'o.name as organisation', 'm.role as role'])
      .where('m.user_id', '=', userId)
      .orderBy((eb) => eb.fn('lower', ['o.name']))
      .orderBy('m.role')
      .execute();
    return rows.map((r) => ({
      organisationId: Number(r.organisationId),
      organisation: r.organisation,
      role: r.role as Role,
    }));
  }

  /** The people with a role in these organisations (enabled accounts), by name: whom a question can go to. */
  async membersOf(
    organisationIds: readonly number[],
    role: Role,
  ): Promise<{ id: number; name: string; organisationId: number; organisation: string }[]> {
    if (organisationIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select([
        'u.id as id',
        'u.name as name',
        'm.organisation_id as organisationId',
        'o.name as organisation',
      ])
      .where('m.role', '=', role)
      .where('u.disabled', '=', 0)
      .where('m.organisation_id', 'in', [...organisationIds])
      .orderBy('u.name')
      .orderBy((eb) => eb.fn('lower', ['o.name']))
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      organisationId: Number(r.organisationId),
      organisation: r.organisation,
    }));
  }

  async createSession(s: SessionRow & { address: string | null; userAgent: string | null }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
        expires_at: s.expiresAt,
        address: s.address,
        user_agent: s.userAgent,
      })
      .execute();
  }

  async session(id: string): Promise<SessionRow | null> {
    const r = await this.db
      .selectFrom('sessions')
      .select([
        'id',
        'user_id as userId',
        'csrf_token as csrfToken',
        'created_at as createdAt',
        'last_seen_at as lastSeenAt',
        'expires_at as expiresAt',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? { ...r, userId: Number(r.userId) } : null;
  }

  async touchSession(id: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  async deleteSessionsOf(userId: number): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async createToken(
    t: { userId: number; name: string; tokenHash: string; scopes: readonly Scope[]; expiresAt: string },
    now = new Date(),
  ): Promise<number> {
    const r = await this.db
      .insertInto('api_tokens')
      .values({
        user_id: t.userId,
        name: t.name,
        token_hash: t.tokenHash,
        scopes: t.scopes.join(' '),
        created_at: now.toISOString(),
        expires_at: t.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async tokenByHash(tokenHash: string): Promise<TokenRow | null> {
    const r = await this.db
      .selectFrom('api_tokens')
      .select(TOKEN_COLUMNS)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r ? toToken(r) : null;
  }

  async tokenById(id: number): Promise<TokenRow | null> {
    const r = await this.db
      .selectFrom('api_tokens')
      .select(TOKEN_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toToken(r) : null;
  }

  async tokensOf(userId: number): Promise<TokenRow[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(TOKEN_COLUMNS)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    return rows.map(toToken);
  }

  /** Revokes a token once: a compare-and-set, false when it was revoked already (or is unknown). */
  async revokeToken(id: number, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async recordLoginFailure(key: string, at: string): Promise<void> {
    await this.db.insertInto('login_failures').values({ key, at }).execute();
  }

  async loginFailuresSince(key: string, since: string): Promise<number> {
    const r = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key)
      .where('at', '>=', since)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  async pruneLoginFailures(before: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('at', '<', before).execute();
  }
}
