// The search benchmark's baseline: a plain SQLite FTS5 table over the stored questions and answers,
// with SQLite's own unicode61 tokenizer (case and accents folded) and nothing Dutch: no stemming, no
// compound parts, no stop words. Queries use the same query language as Vraagbaak (src/search/query.ts
// parses them), compiled to FTS5 with each word quoted as written.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Clause, parseQuery } from '../src/search/query.js';
import type { BenchFilters } from './queries.js';

export const PLAIN_TABLE_SQL =
  "CREATE VIRTUAL TABLE plain USING fts5(question, answer, tokenize='unicode61 remove_diacritics 2')";

/** The filter columns of each question, so the baseline can filter as the archive does. */
const META_TABLE_SQL = `CREATE TABLE meta (
  id INTEGER PRIMARY KEY, status TEXT, chamber TEXT, kind TEXT, committee TEXT, session_start INTEGER, date TEXT
)`;

const quote = (word: string): string => `"${word.replace(/"/g, '')}"`;

/**
 * The FTS5 expression for a query without analysis: words quoted as written, phrases as phrases, OR and
 * exclusion as in Vraagbaak. The words are joined with AND (what Vraagbaak does) or OR. Null when the
 * query holds no word.
 */
export function plainMatch(query: string, join: 'AND' | 'OR' = 'AND'): string | null {
  const parsed = parseQuery(query);
  const clause = (c: Clause): string =>
    c.type === 'word'
      ? quote(c.text)
      : c.type === 'phrase'
        ? quote(c.words.join(' '))
        : `(${c.options.map(clause).join(' OR ')})`;
  if (parsed.must.length === 0) return null;
  const must = parsed.must.map(clause).join(` ${join} `);
  if (parsed.not.length === 0) return must;
  return `(${must}) NOT (${parsed.not.map(clause).join(' OR ')})`;
}

export interface BuildProgress {
  rows: number;
  total: number;
}

/**
 * Fills a fresh baseline database at `path` from the archive at `archive`: the plain FTS5 table and the
 * filter columns. Rows go in by id ranges so progress can be shown.
 */
export function buildPlainDb(
  path: string,
  archive: string,
  onProgress: ((p: BuildProgress) => void) | null,
  chunk = 50_000,
): number {
  mkdirSync(dirname(path), { recursive: true });
  const db = new SQLite(path);
  try {
    // A cache that is rebuilt when lost: no journal, no syncs.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // Only read from: the archive is never written here.
    db.prepare('ATTACH DATABASE ? AS src').run(archive);
    db.exec(PLAIN_TABLE_SQL);
    db.exec(META_TABLE_SQL);
    const { lo, hi, n } = db
      .prepare('SELECT MIN(id) AS lo, MAX(id) AS hi, COUNT(*) AS n FROM src.questions')
      .get() as {
      lo: number | null;
      hi: number | null;
      n: number;
    };
    const fill = db.prepare(
      'INSERT INTO plain (rowid, question, answer) SELECT id, question, answer FROM src.questions WHERE id BETWEEN ? AND ? ORDER BY id',
    );
    const meta = db.prepare(
      `INSERT INTO meta SELECT q.id, p.status, p.chamber, p.kind, p.committee, p.session_start, p.date
         FROM src.questions q JOIN src.publications p ON p.id = q.publication_id WHERE q.id BETWEEN ? AND ?`,
    );
    let rows = 0;
    if (lo !== null && hi !== null) {
      for (let from = lo; from <= hi; from += chunk) {
        const to = Math.min(hi, from + chunk - 1);
        db.transaction(() => {
          rows += fill.run(from, to).changes;
          meta.run(from, to);
        })();
        onProgress?.({ rows, total: n });
      }
    }
    db.exec('DETACH DATABASE src');
    return rows;
  } finally {
    db.close();
  }
}

/** Runs baseline queries against a plain database: the top 10 by bm25, with the archive's filters. */
export class PlainSearcher {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(readonly db: SQLite.Database) {}

  static open(path: string): PlainSearcher {
    return new PlainSearcher(new SQLite(path, { readonly: true, fileMustExist: true }));
  }

  close(): void {
    this.db.close();
  }

  private where(filters: BenchFilters | null): { sql: string; params: (string | number)[] } {
    const parts: string[] = [];
    const params: (string | number)[] = [];
    const add = (sql: string, value: string | number | undefined): void => {
      if (value === undefined || value === '') return;
      parts.push(sql);
      params.push(value);
    };
    if (filters) {
      add('m.chamber = ?', filters.chamber);
      add('m.kind = ?', filters.kind);
      add('m.committee = ?', filters.committee);
      add('m.session_start >= ?', filters.sessionFrom);
      add('m.session_start <= ?', filters.sessionTo);
      add('m.date >= ?', filters.dateFrom);
      add('m.date <= ?', filters.dateTo);
    }
    return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
  }

  private statement(sql: string): SQLite.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /**
   * The top `limit` rowids, best first. Without filters this is exactly
   * `SELECT rowid, bm25(plain) FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT 10`.
   */
  top(match: string, filters: BenchFilters | null, limit = 10): { rowid: number; score: number }[] {
    const where = this.where(filters);
    const sql =
      where.params.length === 0
        ? 'SELECT rowid, bm25(plain) AS score FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT ?'
        : `SELECT plain.rowid AS rowid, bm25(plain) AS score FROM plain JOIN meta m ON m.id = plain.rowid
            WHERE plain MATCH ?${where.sql} ORDER BY rank LIMIT ?`;
    return this.statement(sql).all(match, ...where.params, limit) as { rowid: number; score: number }[];
  }

  /** How many questions match (untimed: for the report). */
  count(match: string, filters: BenchFilters | null): number {
    const where = this.where(filters);
    const sql =
      where.params.length === 0
        ? 'SELECT COUNT(*) AS n FROM plain WHERE plain MATCH ?'
        : `SELECT COUNT(*) AS n FROM plain JOIN meta m ON m.id = plain.rowid WHERE plain MATCH ?${where.sql}`;
    return Number((this.statement(sql).get(match, ...where.params) as { n: number }).n);
  }
}
