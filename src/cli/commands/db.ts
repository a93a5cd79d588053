// `vraagbaak db migrate`: bring the database schema up to date (also done on every open).
import type { Command } from 'commander';
import { migrate, openSqlite, resolveDbPath } from '../../store/sqlite.js';

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
}
