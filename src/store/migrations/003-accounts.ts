// Accounts: organisations (parliament: chamber, committee; government: ministry, directorate), users,
// their roles in organisations, server-side sessions, API tokens, and failed logins for throttling.
// Who may do what is decided in src/auth/policies, not here.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await sql`CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    side TEXT NOT NULL CHECK (side IN ('parliament', 'government')),
    kind TEXT NOT NULL CHECK (kind IN ('chamber', 'committee', 'ministry', 'directorate')),
    parent_id INTEGER REFERENCES organisations (id),
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    password_hash TEXT,
    admin INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    oidc_issuer TEXT,
    oidc_subject TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (oidc_issuer, oidc_subject)
  )`.execute(db);
  await sql`CREATE TABLE memberships (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'coordinator', 'drafter', 'approver')),
    PRIMARY KEY (user_id, organisation_id, role)
  )`.execute(db);
  // A session's id is the sha256 of the cookie's secret: a copy of the table opens no session.
  await sql`CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    address TEXT,
    user_agent TEXT
  )`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);
  await sql`CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  )`.execute(db);
  await sql`CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX login_failures_key_at ON login_failures (key, at)`.execute(db);
  // Which organisations may see a publication that is not yet published (a draft list and its answers).
  await sql`CREATE TABLE publication_access (
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (publication_id, organisation_id)
  )`.execute(db);
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'publication_access',
    'login_failures',
    'api_tokens',
    'sessions',
    'memberships',
    'users',
    'organisations',
  ]) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
