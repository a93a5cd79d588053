// A drafter in another process for the concurrency test: waits for "go" on stdin, then tries COUNT
// saves of one answer, each from the version it last read; prints how many were saved and how many
// met a conflict. Usage: node --import tsx test/store/workflow-save-worker.ts DB NAME QUESTION COUNT
import { openSqlite } from '../../src/store/sqlite.js';
import { WorkflowConflict, WorkflowStore } from '../../src/store/workflow.js';

const [path, name, question, count] = process.argv.slice(2);
const { raw } = openSqlite(path!);
const store = new WorkflowStore(raw);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
let saved = 0;
let conflicts = 0;
for (let i = 0; i < Number(count); i++) {
  const base = store.question(Number(question)).answerVersion;
  // Some typing between reading and saving, so that the drafters interleave.
  const until = performance.now() + Math.random() * 0.5;
  while (performance.now() < until);
  try {
    store.saveAnswer(Number(question), base, `${name} ${i}`, null);
    saved++;
  } catch (error) {
    if (!(error instanceof WorkflowConflict)) throw error;
    conflicts++;
  }
}
raw.close();
process.stdout.write(`${JSON.stringify({ saved, conflicts })}\n`);
