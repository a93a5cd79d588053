// The search index partitioned by question id (src/store/postgres-partitions.ts). An archive stored
// before this migration is copied into the partitions once (at 1 000 000 questions some minutes: every
// tsvector is written again, and the GIN index built per partition).
import { type Kysely, sql } from 'kysely';
import { ensurePartitions, partitionSize } from '../../postgres-partitions.js';
import type { Database } from '../../schema.js';

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Database>;
  const run = (text: string) => sql.raw(text).execute(db);
  // Copying a large archive takes longer than the connections' statement timeout (the migrator runs
  // this in a transaction, which the setting ends with).
  await run("SELECT set_config('statement_timeout', '0', true)");
  await run('ALTER TABLE question_index RENAME TO question_index_whole');
  await run(
    'ALTER TABLE question_index_whole RENAME CONSTRAINT question_index_pkey TO question_index_whole_pkey',
  );
  await run('ALTER INDEX question_index_terms RENAME TO question_index_whole_terms');
  await run(`CREATE TABLE question_index (
    id BIGINT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    terms TSVECTOR NOT NULL,
    PRIMARY KEY (id)
  ) PARTITION BY RANGE (id)`);
  await run('CREATE INDEX question_index_terms ON question_index USING GIN (terms)');
  const top = await sql<{ id: string | null }>`SELECT max(id) AS id FROM question_index_whole`.execute(db);
  const last = Number(top.rows[0]?.id ?? 0);
  if (last > 0) {
    // An archive with questions gets the size now (the default, unless one was set); an empty one when
    // its first question is stored (a store opened with another size may still choose).
    const size = await partitionSize(db, undefined);
    await ensurePartitions(db, 1, last, size);
    await run(
      'INSERT INTO question_index (id, terms) SELECT id, terms FROM question_index_whole ORDER BY id',
    );
  }
  await run('DROP TABLE question_index_whole');
}
