// A second process for the concurrency test: waits for "go" on stdin, then appends COUNT entries.
// Usage: node --import tsx test/audit/append-worker.ts DB NAME COUNT
import { appendAudit } from '../../src/audit/log.js';
import { openSqlite } from '../../src/store/sqlite.js';

const [path, name, count] = process.argv.slice(2);
const { raw } = openSqlite(path!);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
for (let i = 0; i < Number(count); i++) {
  appendAudit(raw, { actor: `worker:${name}`, action: 'test.append', details: { i } });
  // A little work between entries, as a server does, so the two processes interleave.
  const until = performance.now() + 0.2;
  while (performance.now() < until);
}
raw.close();
