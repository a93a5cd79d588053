// Term vectors beside the search index (src/store/term-vectors.ts), so that searches rank candidates
// without FTS5's bm25(). An archive that already holds questions keeps ranking with bm25() until it is
// imported anew into a fresh database: its questions have no vectors.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('question_vectors')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('vector', 'blob', (c) => c.notNull())
    .execute();
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM questions`.execute(db);
  const ranking = Number(row.rows[0]?.n ?? 0) === 0 ? 'vectors' : 'bm25';
  await sql`INSERT INTO settings (key, value) VALUES ('ranking', ${ranking}),
    ('index_questions', '0'), ('index_tokens', '0')`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('question_vectors').execute();
  await sql`DELETE FROM settings WHERE key IN ('ranking', 'index_questions', 'index_tokens')`.execute(db);
}
