// Writing publications to PostgreSQL: one transaction each, the same rows as sqlite-writer.ts, the
// search index as a tsvector (postgres-query.ts) and the same term vectors. Writes of the archive are
// serialised by an advisory lock taken first in every save: question ids are the highest id plus one,
// as SQLite gives rowids, and two imports of the same publication must not both insert it.
//
// A round trip to the server costs more than most of these inserts, so the rows go in a few statements:
// each table's rows as one JSON (or array) parameter, unpacked by the server, the tables written by
// data-modifying WITH clauses of one statement.
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Publication } from '../model/publication.js';
import { inTransaction } from './database.js';
import { ensurePartitionsForNext } from './postgres-partitions.js';
import { indexEntry } from './postgres-query.js';
import type { Database } from './schema.js';
import { packTree, type QuestionTerms, type SaveOutcome } from './sqlite-writer.js';
import { encodeVector } from './term-vectors.js';

/** The advisory lock of the archive's writers ('vraagb' in the key space of pg_advisory_xact_lock). */
export const ARCHIVE_WRITE_LOCK = 0x7672_6161_6762;

/** Bumped by every save that changes the archive: other processes' caches check it (see PostgresArchive). */
export const VERSION_KEY = 'archive_version';

function mainDate(pub: Publication): string | null {
  return pub.dates.answered ?? pub.dates.received ?? pub.dates.adopted ?? pub.dates.sent ?? null;
}

/** The tables a publication's parts go to, and their rows (the columns named as in the table). */
type Parts = [table: string, rows: Record<string, unknown>[]][];

/** The publication's rows besides itself and its questions, as sqlite-writer.ts writes them. */
function partsOf(pub: Publication, id: string, access: readonly number[]): Parts {
  return [
    [
      'publication_dossiers',
      pub.dossiers.map((d, position) => ({
        publication_id: id,
        position,
        dossier: d.number,
        title: d.title,
      })),
    ],
    [
      'publication_addressees',
      pub.request.addressees.map((name, position) => ({ publication_id: id, position, name })),
    ],
    [
      'publication_askers',
      pub.request.askers.map((a, position) => ({
        publication_id: id,
        position,
        name: a.name,
        party: a.party,
      })),
    ],
    [
      'signatories',
      pub.signatories.map((s, position) => ({ publication_id: id, position, role: s.role, name: s.name })),
    ],
    [
      'subject_documents',
      pub.request.documents.map((d, position) => ({
        publication_id: id,
        position,
        description: d.description,
        date: d.date,
        reference_id: d.reference?.id ?? null,
      })),
    ],
    [
      'sections',
      pub.sections.map((s, position) => ({
        publication_id: id,
        position,
        title: s.title,
        party: s.party,
        no_questions: s.noQuestions ? 1 : 0,
      })),
    ],
    [
      'footnotes',
      pub.footnotes.map((f) => ({
        publication_id: id,
        number: f.number,
        text: f.text,
        question_number: f.question,
      })),
    ],
    [
      'refs',
      pub.references.map((r, position) => ({
        publication_id: id,
        position,
        kind: r.kind,
        text: r.text,
        question_number: r.question,
        target_id: r.kind === 'kamerstuk' ? r.kamerstuk.id : null,
        url: r.kind === 'url' ? r.url : null,
        target_question: r.kind === 'question' ? r.target : null,
      })),
    ],
    [
      'amounts',
      pub.amounts.map((a, position) => ({
        publication_id: id,
        position,
        euros: a.euros,
        text: a.text,
        question_number: a.question,
      })),
    ],
    [
      'warnings',
      pub.warnings.map((w, position) => ({
        publication_id: id,
        position,
        line: w.line,
        message: w.message,
        text: w.text,
      })),
    ],
    // Who may see it before it is published (kept after publishing: it says who worked on it).
    [
      'publication_access',
      [...new Set(access)].map((organisation_id) => ({ publication_id: id, organisation_id })),
    ],
  ];
}

/** One statement writing every table of `parts` that has rows; null when none has. */
function insertParts(parts: Parts): RawBuilder<unknown> | null {
  const clauses = parts
    .filter(([, rows]) => rows.length > 0)
    .map(([table, rows], i) => {
      const t = sql.table(table);
      // Rows named by column: json_populate_recordset fills the table's row type, its columns in order.
      const insert = sql`INSERT INTO ${t} SELECT * FROM json_populate_recordset(NULL::${t}, ${JSON.stringify(rows)}::json)`;
      // SQLite's writer ignores an organisation given twice (INSERT OR IGNORE).
      const rest = table === 'publication_access' ? sql`ON CONFLICT DO NOTHING` : sql``;
      return sql`${sql.raw(`w${i}`)} AS (${insert} ${rest})`;
    });
  return clauses.length > 0 ? sql`WITH ${sql.join(clauses)} SELECT 1` : null;
}

export async function savePublication(
  db: Kysely<Database>,
  pub: Publication,
  source: { hash: string; file: string | null },
  terms: readonly QuestionTerms[] | null,
  access: readonly number[] = [],
  partitionSizeWanted?: number,
): Promise<SaveOutcome> {
  const id = pub.id;
  if (!id) throw new Error('a publication needs an official id to be stored');
  const questions = pub.sections.flatMap((s, section) => s.questions.map((q) => ({ q, section })));
  // terms === null stores the rows without search index entries (the import benchmark's baseline).
  if (terms && terms.length !== questions.length)
    throw new Error('one set of index terms per question is needed');
  // Everything is prepared before the transaction: it holds the archive's write lock.
  const tree = packTree(pub);
  const parts = insertParts(partsOf(pub, id, access));
  const questionRows = JSON.stringify(
    questions.map(({ q, section }, position) => ({
      publication_id: id,
      position,
      section_position: section,
      number: q.number,
      label: q.label,
      question: q.question,
      answer: q.answer,
      answer_label: q.answerLabel,
      incomplete: q.incomplete ? 1 : 0,
    })),
  );
  const vectors = (terms ?? []).map(encodeVector);
  const entries = (terms ?? []).map(indexEntry);
  const tsvectors = entries.map((e) => e.tsvector);
  // How many of these questions hold each term, added to term_counts (in one order: fewer lock waits).
  const termCounts = new Map<string, number>();
  for (const e of entries) for (const t of e.counted) termCounts.set(t, (termCounts.get(t) ?? 0) + 1);
  const counted = [...termCounts.keys()].sort();
  const tokens = vectors.reduce((n, v) => n + v.length, 0);
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${ARCHIVE_WRITE_LOCK})`.execute(trx);
    const before = await trx
      .selectFrom('publications')
      .select(['source_hash', 'imported_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (before?.source_hash === source.hash) return 'unchanged';
    if (before) await drop(trx, id);
    const now = new Date().toISOString();
    await trx
      .insertInto('publications')
      .values({
        id,
        kind: pub.kind,
        status: pub.status,
        chamber: pub.chamber,
        session: pub.session,
        session_start: pub.session ? Number(pub.session.slice(0, 4)) : null,
        number: pub.number,
        title: pub.title,
        document_type: pub.documentType,
        committee: pub.request.committee,
        answered_by: pub.request.answeredBy,
        scope: pub.request.scope,
        date_adopted: pub.dates.adopted,
        date_sent: pub.dates.sent,
        date_answered: pub.dates.answered,
        date_received: pub.dates.received,
        date_postponed: pub.dates.postponed,
        date: mainDate(pub),
        complete: pub.complete ? 1 : 0,
        question_count: questions.length,
        source_hash: source.hash,
        source_file: source.file,
        tree,
        imported_at: before?.imported_at ?? now,
        updated_at: now,
      })
      .execute();
    if (parts) await parts.execute(trx);
    if (entries.length > 0) {
      // The index partitions the new ids fall in (postgres-partitions.ts), made under the lock.
      await ensurePartitionsForNext(trx, entries.length, partitionSizeWanted);
    }
    // The questions get consecutive ids after the highest, as SQLite gives rowids (the lock keeps two
    // writers from taking the same); the index rows and vectors the same ids, in the same order. The
    // totals ranking reads move with them, and the archive's version says it changed.
    await sql`WITH top AS (SELECT coalesce(max(id), 0) AS id FROM questions),
      q AS (INSERT INTO questions (id, publication_id, position, section_position, number, label,
          question, answer, answer_label, incomplete) SELECT top.id + r.position + 1, r.publication_id, r.position,
          r.section_position, r.number, r.label, r.question, r.answer, r.answer_label, r.incomplete
        FROM top, json_populate_recordset(NULL::questions, ${questionRows}::json) r),
      i AS (INSERT INTO question_index (id, terms) SELECT top.id + u.n, u.terms
        FROM top, unnest(${tsvectors}::tsvector[]) WITH ORDINALITY AS u (terms, n)),
      v AS (INSERT INTO question_vectors (id, length, vector) SELECT top.id + u.n, u.length, u.vector
        FROM top, unnest(${vectors.map((v) => v.length)}::integer[], ${vectors.map((v) => v.vector)}::bytea[])
          WITH ORDINALITY AS u (length, vector, n)),
      t AS (${totals(vectors.length, tokens)}),
      c AS (INSERT INTO term_counts (term, questions)
        SELECT * FROM unnest(${counted}::text[], ${counted.map((t) => termCounts.get(t))}::bigint[])
        ON CONFLICT (term) DO UPDATE SET questions = term_counts.questions + excluded.questions)
      INSERT INTO settings (key, value) VALUES (${VERSION_KEY}, '1')
        ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text`.execute(trx);
    return before ? 'updated' : 'imported';
  });
}

/** Moves the index totals that ranking reads (settings index_questions and index_tokens). */
function totals(questions: number | RawBuilder<unknown>, tokens: number | RawBuilder<unknown>) {
  return sql`UPDATE settings SET value = (value::bigint + CASE key WHEN 'index_questions'
      THEN ${questions}::bigint ELSE ${tokens}::bigint END)::text
    WHERE key IN ('index_questions', 'index_tokens')`;
}

/**
 * Removes the earlier version: its index totals and term counts, then the publication (its rows go with
 * it by cascade).
 */
async function drop(trx: Transaction<Database>, id: string): Promise<void> {
  await sql`WITH ids AS (SELECT id FROM questions WHERE publication_id = ${id}),
    old AS (SELECT count(*) AS n, coalesce(sum(length), 0) AS tokens FROM question_vectors
      WHERE id IN (SELECT id FROM ids)),
    t AS (${totals(sql`-(SELECT n FROM old)`, sql`-(SELECT tokens FROM old)`)}),
    held AS (SELECT CASE WHEN left(u.lexeme, 1) = '#' THEN substr(u.lexeme, 2) ELSE u.lexeme END AS term,
        count(DISTINCT i.id) AS n
      FROM question_index i CROSS JOIN LATERAL unnest(i.terms) u WHERE i.id IN (SELECT id FROM ids) GROUP BY 1),
    c AS (UPDATE term_counts SET questions = term_counts.questions - held.n FROM held
      WHERE term_counts.term = held.term)
    DELETE FROM publications WHERE id = ${id}`.execute(trx);
}
