// The archive's first schema: publications with their parts as rows, and the search index.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<unknown>;

const byPublication = (db: Db, table: string) =>
  db.schema
    .createTable(table)
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull());

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('chamber', 'text')
    .addColumn('session', 'text')
    .addColumn('session_start', 'integer')
    .addColumn('number', 'text')
    .addColumn('title', 'text')
    .addColumn('document_type', 'text')
    .addColumn('committee', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('scope', 'text')
    .addColumn('date_adopted', 'text')
    .addColumn('date_sent', 'text')
    .addColumn('date_answered', 'text')
    .addColumn('date_received', 'text')
    .addColumn('date_postponed', 'text')
    .addColumn('date', 'text')
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('source_hash', 'text', (c) => c.notNull())
    .addColumn('source_file', 'text')
    .addColumn('tree', 'blob', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const column of ['date', 'session_start', 'kind', 'chamber', 'committee']) {
    await db.schema.createIndex(`publications_${column}`).on('publications').column(column).execute();
  }

  await byPublication(db, 'publication_dossiers')
    .addColumn('dossier', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addPrimaryKeyConstraint('publication_dossiers_pk', ['publication_id', 'position'])
    .execute();
  await db.schema
    .createIndex('publication_dossiers_dossier')
    .on('publication_dossiers')
    .column('dossier')
    .execute();
  await byPublication(db, 'publication_addressees')
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_addressees_pk', ['publication_id', 'position'])
    .execute();
  await db.schema
    .createIndex('publication_addressees_name')
    .on('publication_addressees')
    .column('name')
    .execute();
  await byPublication(db, 'publication_askers')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('party', 'text')
    .addPrimaryKeyConstraint('publication_askers_pk', ['publication_id', 'position'])
    .execute();
  await byPublication(db, 'signatories')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('signatories_pk', ['publication_id', 'position'])
    .execute();
  await byPublication(db, 'subject_documents')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('reference_id', 'text')
    .addPrimaryKeyConstraint('subject_documents_pk', ['publication_id', 'position'])
    .execute();
  await byPublication(db, 'sections')
    .addColumn('title', 'text')
    .addColumn('party', 'text')
    .addColumn('no_questions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sections_pk', ['publication_id', 'position'])
    .execute();

  await db.schema
    .createTable('questions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('section_position', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('label', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_label', 'text')
    .addColumn('incomplete', 'integer', (c) => c.notNull())
    .addUniqueConstraint('questions_publication_position', ['publication_id', 'position'])
    .execute();
  await db.schema
    .createIndex('questions_publication_number')
    .on('questions')
    .columns(['publication_id', 'number'])
    .execute();

  await db.schema
    .createTable('footnotes')
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('question_number', 'integer')
    .addPrimaryKeyConstraint('footnotes_pk', ['publication_id', 'number'])
    .execute();
  await byPublication(db, 'refs')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('question_number', 'integer')
    .addColumn('target_id', 'text')
    .addColumn('url', 'text')
    .addColumn('target_question', 'integer')
    .addPrimaryKeyConstraint('refs_pk', ['publication_id', 'position'])
    .execute();
  await db.schema.createIndex('refs_target_id').on('refs').column('target_id').execute();
  await byPublication(db, 'amounts')
    .addColumn('euros', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('question_number', 'integer')
    .addPrimaryKeyConstraint('amounts_pk', ['publication_id', 'position'])
    .execute();
  await byPublication(db, 'warnings')
    .addColumn('line', 'integer')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addPrimaryKeyConstraint('warnings_pk', ['publication_id', 'position'])
    .execute();

  // Settings of this database (the search index's shard size).
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  // The search index holds analysed terms (src/search/analysis.ts), not the text, in FTS5 tables
  // made as questions arrive, one per shard of question ids (src/store/index-shards.ts).
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'settings',
    'warnings',
    'amounts',
    'refs',
    'footnotes',
    'questions',
    'sections',
    'subject_documents',
    'signatories',
    'publication_askers',
    'publication_addressees',
    'publication_dossiers',
    'publications',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
