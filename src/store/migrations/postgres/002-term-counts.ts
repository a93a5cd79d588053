// How many questions hold each term, kept by the writer (postgres-writer.ts) so that a search reads a
// term's document frequency as one row: counted from the GIN index it cost 40–180 ms a frequent term
// at 100 000 questions, and ranking needs it for every term of every query it has not seen.
// A term is counted as termTsquery finds it: as a word in any column or as a filter token ('#' + term).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run('CREATE TABLE term_counts (term TEXT PRIMARY KEY, questions BIGINT NOT NULL)');
  // An archive stored before this migration is counted once here; ts_stat reads every tsvector. (The
  // migrator runs a migration on one connection, which the temporary table needs.)
  await run(`CREATE TEMPORARY TABLE lexeme_counts AS
    SELECT word, ndoc FROM ts_stat('SELECT terms FROM question_index')`);
  await run(`INSERT INTO term_counts (term, questions)
    SELECT CASE WHEN left(word, 1) = '#' THEN substr(word, 2) ELSE word END, sum(ndoc)
    FROM lexeme_counts GROUP BY 1`);
  // A question holding a term both as a word and as a filter token was counted twice. Filter tokens are
  // letters and digits only, so such a term needs no quoting in the tsquery.
  await run(`UPDATE term_counts t SET questions = t.questions - (SELECT count(*) FROM question_index i
      WHERE i.terms @@ ('''' || t.term || ''' & ''#' || t.term || '''')::tsquery)
    WHERE t.term ~ '^[a-z0-9]+$' AND EXISTS (SELECT 1 FROM lexeme_counts l WHERE l.word = '#' || t.term)
      AND EXISTS (SELECT 1 FROM lexeme_counts l WHERE l.word = t.term)`);
  await run('DROP TABLE lexeme_counts');
}
