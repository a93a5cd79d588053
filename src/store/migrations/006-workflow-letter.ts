// What the workflow needs beyond its states: the comment a question last came back with (a return or a
// decline, shown to the drafter), and for a list the answer letter: its date, the Kamerstuk it became
// and when it was sent.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await sql`ALTER TABLE list_questions ADD COLUMN last_comment TEXT`.execute(db);
  await sql`ALTER TABLE question_lists ADD COLUMN letter_date TEXT`.execute(db);
  await sql`ALTER TABLE question_lists ADD COLUMN publication_id TEXT`.execute(db);
  await sql`ALTER TABLE question_lists ADD COLUMN sent_at TEXT`.execute(db);
}
