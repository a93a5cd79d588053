// The accounts tables as TypeScript types, for Kysely; mirrors the migrations (003-accounts).
import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  /** Unique regardless of case (COLLATE NOCASE in SQLite): compare with lower() in queries. */
  name: string;
  side: string;
  kind: string;
  parent_id: number | null;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  /** Unique regardless of case (COLLATE NOCASE in SQLite): compare with lower() in queries. */
  email: string;
  name: string;
  password_hash: string | null;
  /** 0 or 1. */
  admin: Generated<number>;
  /** 0 or 1. */
  disabled: Generated<number>;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: string;
}

export interface MembershipsTable {
  user_id: number;
  organisation_id: number;
  role: string;
}

export interface SessionsTable {
  /** The sha256 of the cookie's secret. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** Space-separated. */
  scopes: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  key: string;
  at: string;
}

export interface PublicationAccessTable {
  publication_id: string;
  organisation_id: number;
}

export interface AccountsTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  publication_access: PublicationAccessTable;
}
