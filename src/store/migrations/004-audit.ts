// The audit log (src/audit/log.ts): one row per change of state or permission-relevant action, each
// carrying the hash of the row before it. The triggers make the table append-only from SQL and refuse
// a row that does not follow the last one; they guard against mistakes (a stray UPDATE, a DELETE
// without WHERE), not against someone who edits the file: that the hash chain detects.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

const ZERO_HASH = '0'.repeat(64);

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'seq']).execute();
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log
    BEGIN
      SELECT RAISE(ABORT, 'the audit log is append-only: seq must follow the last entry')
        WHERE NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log);
      SELECT RAISE(ABORT, 'the audit log is append-only: prev_hash must be the hash of the last entry')
        WHERE NEW.prev_hash IS NOT coalesce(
          (SELECT hash FROM audit_log WHERE seq = NEW.seq - 1), ${sql.lit(ZERO_HASH)});
    END`.execute(db);
}

export async function down(db: Db): Promise<void> {
  for (const trigger of ['audit_log_append', 'audit_log_no_delete', 'audit_log_no_update']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(trigger)}`.execute(db);
  }
  await db.schema.dropTable('audit_log').execute();
}
