// Notifications (src/notify): what each person is told in the app and by e-mail, what they want told
// how (per kind), and when their daily digest last went out. A reminder names its moment (the due date
// and how many working days before it), and (user, kind, question, moment) is unique: however often the
// reminder run repeats, in one process or several, the same reminder is made once.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await sql`CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
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
  )`.execute(db);
  await sql`CREATE INDEX notifications_inbox ON notifications (user_id, in_app, read_at, id)`.execute(db);
  // The mail queue: only rows still waiting to be mailed are indexed.
  await sql`CREATE INDEX notifications_unmailed ON notifications (user_id, created_at)
    WHERE mail IS NOT NULL AND mailed_at IS NULL`.execute(db);
  await sql`CREATE TABLE notification_preferences (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    email TEXT NOT NULL CHECK (email IN ('immediate', 'daily', 'off')),
    in_app INTEGER NOT NULL CHECK (in_app IN (0, 1)),
    PRIMARY KEY (user_id, kind)
  )`.execute(db);
  await sql`CREATE TABLE notification_digests (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    last_sent_on TEXT,
    lease_until TEXT
  )`.execute(db);
  // The day's run (reminders made, digests begun): when it started is the digests' cut-off for that day,
  // the same for every process and after a restart.
  await sql`CREATE TABLE notification_runs (
    day TEXT PRIMARY KEY,
    started_at TEXT NOT NULL
  )`.execute(db);
}
