// `vraagbaak db migrate`: bring the database schema up to date (also done on every open).
// `vraagbaak db optimize`: merge the search index's segments (full shards are merged as they fill).
import { existsSync } from 'node:fs';
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
}
