// `vraagbaak db migrate`: bring the database schema up to date (also done on every open).
// `vraagbaak db optimize`: merge the search index's segments (full shards are merged as they fill).
// `vraagbaak db backup FILE`: a consistent copy of the database while it is in use (SQLite's online backup).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { migrate, openSqlite, resolveDbPath } from '../../store/sqlite.js';
import { Store } from '../../store/store.js';
import { UsageError } from '../output.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('Database onderhoud. / Database maintenance.');
  db.command('migrate')
    .description('Brings the schema up to date.')
    .option('--db <path>', 'database file')
    .action(async (options: { db?: string }) => {
      const path = resolveDbPath(options.db);
      const { db: kysely } = openSqlite(path);
      try {
        const applied = await migrate(kysely);
        process.stdout.write(
          applied.length > 0 ? `${path}: applied ${applied.join(', ')}\n` : `${path}: up to date\n`,
        );
      } finally {
        await kysely.destroy();
      }
    });
  db.command('optimize')
    .description('Merges the search index into one segment per shard (faster searches after a large import).')
    .option('--db <path>', 'database file')
    .action(async (options: { db?: string }) => {
      const path = resolveDbPath(options.db);
      if (path !== ':memory:' && !existsSync(path)) throw new UsageError(`no database at ${path}`);
      const store = await Store.open(path);
      try {
        const started = performance.now();
        const shards = store.optimizeIndex();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stdout.write(`${path}: merged ${shards.length} index shard(s) in ${seconds} s\n`);
      } finally {
        await store.close();
      }
    });
  db.command('backup')
    .description(
      'Copies the database to FILE while it is in use (a consistent snapshot; the server may keep running).',
    )
    .argument('<file>', 'the copy to make (must not exist)')
    .option('--db <path>', 'database file')
    .action(async (file: string, options: { db?: string }) => {
      const path = resolveDbPath(options.db);
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
}
