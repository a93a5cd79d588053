// Kamervragen (written questions) follow a list's path with their own header: the members who asked,
// who answers (as printed: 'Minister Uitermark'), and the day they were submitted, from which the
// three-week term runs.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await sql`ALTER TABLE question_lists ADD COLUMN askers TEXT NOT NULL DEFAULT '[]'`.execute(db);
  await sql`ALTER TABLE question_lists ADD COLUMN answered_by TEXT`.execute(db);
  await sql`ALTER TABLE question_lists ADD COLUMN submitted_on TEXT`.execute(db);
}
