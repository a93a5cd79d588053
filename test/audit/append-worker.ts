// A second process for the concurrency test: waits for "go" on stdin, then appends COUNT entries.
// Usage: node --import tsx test/audit/append-worker.ts DB NAME COUNT [caller]
// DB is an SQLite file or a postgres:// URL; with "caller", each entry is appended inside a transaction
// of the worker's own (as a store's change with its audit entry is).
import { appendAudit } from '../../src/audit/log.js';
import { inTransaction } from '../../src/store/database.js';
import { isPostgresUrl, openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';

const [location, name, count, mode] = process.argv.slice(2);
const db = isPostgresUrl(location!) ? openPostgres(location!) : openSqlite(location!).db;
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
for (let i = 0; i < Number(count); i++) {
  const entry = { actor: `worker:${name}`, action: 'test.append', details: { i } };
  if (mode === 'caller') await inTransaction(db, (trx) => appendAudit(trx, entry));
  else await appendAudit(db, entry);
  // A little work between entries, as a server does, so that the processes interleave.
  const until = performance.now() + 0.2;
  while (performance.now() < until);
}
await db.destroy();
