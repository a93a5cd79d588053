// A drafter in another process for the concurrency test: waits for "go" on stdin, then tries COUNT
// saves of one answer, each from the version it last read; prints how many were saved and how many
// met a conflict. Usage: node --import tsx test/store/workflow-save-worker.ts DB NAME QUESTION COUNT
import { Store } from '../../src/store/store.js';
import { WorkflowConflict } from '../../src/store/workflow.js';

const [path, name, question, count] = process.argv.slice(2);
// DB is an SQLite file or a postgres:// URL: the same test runs on both.
const opened = await Store.open(path!);
const store = opened.workflow;
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
let saved = 0;
let conflicts = 0;
for (let i = 0; i < Number(count); i++) {
  const base = (await store.question(Number(question))).answerVersion;
  // Some typing between reading and saving, so that the drafters interleave.
  const until = performance.now() + Math.random() * 0.5;
  while (performance.now() < until);
  try {
    await store.saveAnswer(Number(question), base, `${name} ${i}`, null);
    saved++;
  } catch (error) {
    if (!(error instanceof WorkflowConflict)) throw error;
    conflicts++;
  }
}
await opened.close();
process.stdout.write(`${JSON.stringify({ saved, conflicts })}\n`);
