// `vraagbaak db migrate`: bring the database schema up to date (also done on every open).
// `vraagbaak db optimize`: merge the search index's segments (full shards are merged as they fill).
// `vraagbaak db backup FILE`: a consistent copy of the database while it is in use (SQLite's online backup).
// `vraagbaak db copy --from … --to …`: everything from one database into another, empty one.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadDutchWordList } from '../../extract/word-list.js';
import { createAnalyzer } from '../../search/analysis.js';
import { CopyError, copyDatabase } from '../../store/copy.js';
import { isPostgresUrl, openPostgres, redactUrl } from '../../store/postgres.js';
import { migrate, openSqlite, resolveDbPath } from '../../store/sqlite.js';
import { Store } from '../../store/store.js';
import { UsageError } from '../output.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('Database onderhoud. / Database maintenance.');
  db.command('migrate')
    .description('Brings the schema up to date.')
    .option('--db <path>', 'database file or postgres:// URL')
    .action(async (options: { db?: string }) => {
      const path = resolveDbPath(options.db);
      const kysely = isPostgresUrl(path) ? openPostgres(path) : openSqlite(path).db;
      const shown = isPostgresUrl(path) ? redactUrl(path) : path;
      try {
        const applied = await migrate(kysely);
        process.stdout.write(
          applied.length > 0 ? `${shown}: applied ${applied.join(', ')}\n` : `${shown}: up to date\n`,
        );
      } finally {
        await kysely.destroy();
      }
    });
  db.command('optimize')
    .description('Merges the search index into one segment per shard (faster searches after a large import).')
    .option('--db <path>', 'database file or postgres:// URL')
    .action(async (options: { db?: string }) => {
      const path = resolveDbPath(options.db);
      if (!isPostgresUrl(path) && path !== ':memory:' && !existsSync(path)) {
        throw new UsageError(`no database at ${path}`);
      }
      const store = await Store.open(path);
      try {
        const started = performance.now();
        const shards = await store.optimizeIndex();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          store.dialect === 'postgres'
            ? `${redactUrl(path)}: index vacuumed and analysed in ${seconds} s\n`
            : `${path}: merged ${shards.length} index shard(s) in ${seconds} s\n`,
        );
      } finally {
        await store.close();
      }
    });
  db.command('backup')
    .description(
      'Copies the database to FILE while it is in use (a consistent snapshot; the server may keep running).',
    )
    .argument('<file>', 'the copy to make (must not exist)')
    .option('--db <path>', 'database file or postgres:// URL')
    .action(async (file: string, options: { db?: string }) => {
      const path = resolveDbPath(options.db);
      if (isPostgresUrl(path)) {
        throw new UsageError(
          'a PostgreSQL database is backed up with pg_dump (see docs/operations.md), not with this command',
        );
      }
      if (path === ':memory:' || !existsSync(path)) throw new UsageError(`no database at ${path}`);
      if (existsSync(file)) throw new UsageError(`${file} exists already: choose a new file for the backup`);
      if (resolve(file) === resolve(path)) throw new UsageError('the backup cannot be the database itself');
      const { db: kysely, raw } = openSqlite(path);
      try {
        const started = performance.now();
        // Page by page: writers go on between steps, and the copy is of one moment.
        const result = await raw.backup(file);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stdout.write(`${path} → ${file}: ${result.totalPages} pages in ${seconds} s\n`);
      } finally {
        await kysely.destroy();
      }
    });
  db.command('copy')
    .description(
      'Copies everything from one database to another, empty one (SQLite ↔ PostgreSQL), and checks the counts.',
    )
    .requiredOption('--from <location>', 'the source: sqlite:FILE, a file, or postgres://…')
    .requiredOption(
      '--to <location>',
      'the destination (must be empty): sqlite:FILE, a file, or postgres://…',
    )
    .action(async (options: { from: string; to: string }) => {
      const from = location(options.from);
      const to = location(options.to);
      if (!isPostgresUrl(from) && !existsSync(from)) throw new UsageError(`no database at ${from}`);
      if (from === to || (!isPostgresUrl(from) && !isPostgresUrl(to) && resolve(from) === resolve(to))) {
        throw new UsageError('the source and the destination are the same database');
      }
      const [source, words] = await Promise.all([Store.open(from), loadDutchWordList()]);
      try {
        const destination = await Store.open(to);
        try {
          const started = performance.now();
          const report = await copyDatabase(source, destination, createAnalyzer(words), (what) =>
            process.stderr.write(`  ${what}\n`),
          );
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          const shown = (l: string) => (isPostgresUrl(l) ? redactUrl(l) : l);
          process.stdout.write(
            `${shown(from)} → ${shown(to)} in ${seconds} s; rows (the same on both sides):\n`,
          );
          for (const [table, n] of Object.entries(report.counts)) process.stdout.write(`  ${table}: ${n}\n`);
        } catch (error) {
          if (error instanceof CopyError) throw new UsageError(error.message);
          throw error;
        } finally {
          await destination.close();
        }
      } finally {
        await source.close();
      }
    });
}

/** `sqlite:FILE` or a plain path is an SQLite file; a postgres:// URL stays as it is. */
function location(value: string): string {
  return value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
}
