// The workflow (src/workflow): question lists a committee sends, their questions with the answers the
// ministry drafts, and every saved version of an answer. States are those of src/workflow/states.ts;
// `version` columns make saves optimistic: a save names the version it started from, and loses (a
// conflict, never a silent overwrite) when someone saved in between.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await sql`CREATE TABLE question_lists (
    id INTEGER PRIMARY KEY,
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
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX question_lists_state ON question_lists (state, deadline)`.execute(db);
  await sql`CREATE TABLE list_questions (
    id INTEGER PRIMARY KEY,
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
    UNIQUE (list_id, position)
  )`.execute(db);
  await sql`CREATE INDEX list_questions_assignee ON list_questions (assignee_id, state)`.execute(db);
  await sql`CREATE TABLE answer_versions (
    question_id INTEGER NOT NULL REFERENCES list_questions (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    author_id INTEGER REFERENCES users (id),
    saved_at TEXT NOT NULL,
    PRIMARY KEY (question_id, version)
  )`.execute(db);
}
