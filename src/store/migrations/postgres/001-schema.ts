// The whole schema on PostgreSQL, as SQLite's migrations 001–008 leave it, in one step (PostgreSQL
// came in after them). The differences are PostgreSQL's own: identity columns where SQLite assigns
// rowids, bytea for blobs, bigint for amounts, unique indexes on lower(…) where SQLite collates NOCASE,
// triggers in PL/pgSQL, and the search index as a tsvector column with a GIN index instead of FTS5.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

const ZERO_HASH = '0'.repeat(64);

/** One publication's rows of a kind, in order. */
const BY_PUBLICATION = `publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    position INTEGER NOT NULL`;

export async function up(db: Db): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE publications (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    chamber TEXT,
    session TEXT,
    session_start INTEGER,
    number TEXT,
    title TEXT,
    document_type TEXT,
    committee TEXT,
    answered_by TEXT,
    scope TEXT,
    date_adopted TEXT,
    date_sent TEXT,
    date_answered TEXT,
    date_received TEXT,
    date_postponed TEXT,
    date TEXT,
    complete INTEGER NOT NULL,
    question_count INTEGER NOT NULL,
    source_hash TEXT NOT NULL,
    source_file TEXT,
    tree BYTEA NOT NULL,
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`);
  for (const column of ['date', 'session_start', 'kind', 'chamber', 'committee']) {
    await run(`CREATE INDEX publications_${column} ON publications (${column})`);
  }
  await run(`CREATE TABLE publication_dossiers (${BY_PUBLICATION}, dossier TEXT NOT NULL, title TEXT,
    PRIMARY KEY (publication_id, position))`);
  await run('CREATE INDEX publication_dossiers_dossier ON publication_dossiers (dossier)');
  await run(`CREATE TABLE publication_addressees (${BY_PUBLICATION}, name TEXT NOT NULL,
    PRIMARY KEY (publication_id, position))`);
  await run('CREATE INDEX publication_addressees_name ON publication_addressees (name)');
  await run(`CREATE TABLE publication_askers (${BY_PUBLICATION}, name TEXT NOT NULL, party TEXT,
    PRIMARY KEY (publication_id, position))`);
  await run(`CREATE TABLE signatories (${BY_PUBLICATION}, role TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (publication_id, position))`);
  await run(`CREATE TABLE subject_documents (${BY_PUBLICATION}, description TEXT NOT NULL, date TEXT,
    reference_id TEXT, PRIMARY KEY (publication_id, position))`);
  await run(`CREATE TABLE sections (${BY_PUBLICATION}, title TEXT, party TEXT, no_questions INTEGER NOT NULL,
    PRIMARY KEY (publication_id, position))`);
  // Question ids are given by the writer (a publication's questions get consecutive ids), as on SQLite.
  await run(`CREATE TABLE questions (
    id BIGINT PRIMARY KEY,
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    section_position INTEGER NOT NULL,
    number INTEGER,
    label TEXT,
    question TEXT NOT NULL,
    answer TEXT,
    answer_label TEXT,
    incomplete INTEGER NOT NULL,
    UNIQUE (publication_id, position)
  )`);
  await run('CREATE INDEX questions_publication_number ON questions (publication_id, number)');
  await run(`CREATE TABLE footnotes (
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    number INTEGER NOT NULL, text TEXT, question_number INTEGER,
    PRIMARY KEY (publication_id, number))`);
  await run(`CREATE TABLE refs (${BY_PUBLICATION}, kind TEXT NOT NULL, text TEXT NOT NULL,
    question_number INTEGER, target_id TEXT, url TEXT, target_question INTEGER,
    PRIMARY KEY (publication_id, position))`);
  await run('CREATE INDEX refs_target_id ON refs (target_id)');
  await run(`CREATE TABLE amounts (${BY_PUBLICATION}, euros BIGINT NOT NULL, text TEXT NOT NULL,
    question_number INTEGER, PRIMARY KEY (publication_id, position))`);
  await run(`CREATE TABLE warnings (${BY_PUBLICATION}, line INTEGER, message TEXT NOT NULL, text TEXT,
    PRIMARY KEY (publication_id, position))`);
  await run('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');

  // The search index: each question's analysed terms (src/search/analysis.ts: the same Snowball Dutch
  // stems as PostgreSQL's own `dutch` configuration, and compound parts) and its filter tokens, as a
  // tsvector made with the `simple` configuration so that PostgreSQL does not analyse them again.
  await run(`CREATE TABLE question_index (
    id BIGINT PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
    terms TSVECTOR NOT NULL
  )`);
  await run('CREATE INDEX question_index_terms ON question_index USING GIN (terms)');
  await run(`CREATE TABLE question_vectors (
    id BIGINT PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
    length INTEGER NOT NULL,
    vector BYTEA NOT NULL
  )`);
  await run(`INSERT INTO settings (key, value) VALUES ('ranking', 'vectors'), ('index_questions', '0'),
    ('index_tokens', '0')`);

  await run(`CREATE TABLE organisations (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('parliament', 'government')),
    kind TEXT NOT NULL CHECK (kind IN ('chamber', 'committee', 'ministry', 'directorate')),
    parent_id INTEGER REFERENCES organisations (id),
    created_at TEXT NOT NULL
  )`);
  await run('CREATE UNIQUE INDEX organisations_name ON organisations (lower(name))');
  await run(`CREATE TABLE users (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT,
    admin INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    oidc_issuer TEXT,
    oidc_subject TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (oidc_issuer, oidc_subject)
  )`);
  await run('CREATE UNIQUE INDEX users_email ON users (lower(email))');
  await run(`CREATE TABLE memberships (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'coordinator', 'drafter', 'approver')),
    PRIMARY KEY (user_id, organisation_id, role)
  )`);
  await run(`CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    address TEXT,
    user_agent TEXT
  )`);
  await run('CREATE INDEX sessions_user ON sessions (user_id)');
  await run(`CREATE TABLE api_tokens (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  )`);
  await run(`CREATE TABLE login_failures (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL,
    at TEXT NOT NULL
  )`);
  await run('CREATE INDEX login_failures_key_at ON login_failures (key, at)');
  await run(`CREATE TABLE publication_access (
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (publication_id, organisation_id)
  )`);

  await run(`CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_name TEXT,
    action TEXT NOT NULL,
    subject TEXT,
    details TEXT NOT NULL,
    address TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  )`);
  await run('CREATE INDEX audit_log_action ON audit_log (action, seq)');
  await run('CREATE INDEX audit_log_actor ON audit_log (actor, seq)');
  // Append-only, as on SQLite: no UPDATE or DELETE, and each entry follows the last.
  await run(`CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$`);
  await run(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()`);
  await run(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()`);
  await run(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()`);
  await run(`CREATE FUNCTION audit_log_follows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.seq IS DISTINCT FROM (SELECT coalesce(max(seq), 0) + 1 FROM audit_log) THEN
        RAISE EXCEPTION 'the audit log is append-only: seq must follow the last entry';
      END IF;
      IF NEW.prev_hash IS DISTINCT FROM coalesce(
          (SELECT hash FROM audit_log WHERE seq = NEW.seq - 1), '${ZERO_HASH}') THEN
        RAISE EXCEPTION 'the audit log is append-only: prev_hash must be the hash of the last entry';
      END IF;
      RETURN NEW;
    END $$`);
  await run(`CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_follows()`);

  await run(`CREATE TABLE question_lists (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('question-list', 'written-questions')),
    title TEXT NOT NULL,
    committee_id INTEGER REFERENCES organisations (id),
    ministry_id INTEGER REFERENCES organisations (id),
    addressees TEXT NOT NULL DEFAULT '[]',
    documents TEXT NOT NULL DEFAULT '[]',
    scope TEXT,
    deadline TEXT,
    state TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    letter_date TEXT,
    publication_id TEXT,
    sent_at TEXT,
    askers TEXT NOT NULL DEFAULT '[]',
    answered_by TEXT,
    submitted_on TEXT
  )`);
  await run('CREATE INDEX question_lists_state ON question_lists (state, deadline)');
  await run(`CREATE TABLE list_questions (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    list_id INTEGER NOT NULL REFERENCES question_lists (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    section TEXT,
    text TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'unassigned',
    assignee_id INTEGER REFERENCES users (id),
    directorate_id INTEGER REFERENCES organisations (id),
    internal_deadline TEXT,
    answer TEXT,
    answer_version INTEGER NOT NULL DEFAULT 0,
    answered_with INTEGER REFERENCES list_questions (id),
    updated_at TEXT NOT NULL,
    last_comment TEXT,
    UNIQUE (list_id, position)
  )`);
  await run('CREATE INDEX list_questions_assignee ON list_questions (assignee_id, state)');
  await run(`CREATE TABLE answer_versions (
    question_id INTEGER NOT NULL REFERENCES list_questions (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    author_id INTEGER REFERENCES users (id),
    saved_at TEXT NOT NULL,
    PRIMARY KEY (question_id, version)
  )`);

  await run(`CREATE TABLE notifications (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    list_id INTEGER REFERENCES question_lists (id) ON DELETE CASCADE,
    question_id INTEGER REFERENCES list_questions (id) ON DELETE CASCADE,
    moment TEXT,
    in_app INTEGER NOT NULL DEFAULT 1,
    mail TEXT CHECK (mail IN ('immediate', 'daily')),
    created_at TEXT NOT NULL,
    read_at TEXT,
    mailed_at TEXT,
    mail_attempts INTEGER NOT NULL DEFAULT 0,
    mail_error TEXT,
    mail_lease_until TEXT,
    UNIQUE (user_id, kind, question_id, moment)
  )`);
  await run('CREATE INDEX notifications_inbox ON notifications (user_id, in_app, read_at, id)');
  await run(`CREATE INDEX notifications_unmailed ON notifications (user_id, created_at)
    WHERE mail IS NOT NULL AND mailed_at IS NULL`);
  await run(`CREATE TABLE notification_preferences (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email TEXT NOT NULL CHECK (email IN ('immediate', 'daily', 'off')),
    in_app INTEGER NOT NULL CHECK (in_app IN (0, 1)),
    PRIMARY KEY (user_id, kind)
  )`);
  await run(`CREATE TABLE notification_digests (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    last_sent_on TEXT,
    lease_until TEXT
  )`);
  await run('CREATE TABLE notification_runs (day TEXT PRIMARY KEY, started_at TEXT NOT NULL)');
}
