// The workflow's rows: lists numbered continuously, state changes as compare-and-set, answers saved as
// versions that never overwrite each other silently, also from several processes at once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/store/store.js';
import { WorkflowConflict, WorkflowNotFound } from '../../src/store/workflow.js';
import { tempDbPath } from '../helpers/archive.js';

const worker = fileURLToPath(new URL('./workflow-save-worker.ts', import.meta.url));

async function listWithQuestions(store: Store, texts: string[]) {
  const list = await store.workflow.createList({
    kind: 'question-list',
    title: 'Jaarverslag Binnenlandse Zaken 2025',
    committeeId: null,
    ministryId: null,
    addressees: ['Minister van Binnenlandse Zaken en Koninkrijksrelaties'],
    documents: ['kst-36360-VII-1'],
    scope: 'Vragen over het jaarverslag',
    deadline: '2026-06-04',
    createdBy: null,
  });
  for (const t of texts) await store.workflow.addQuestion(list.id, t, 'Jaarverslag');
  return list;
}

test('questions are numbered continuously; one put in between moves the later ones down', async () => {
  const store = await Store.open(tempDbPath());
  const list = await listWithQuestions(store, ['Eerste?', 'Tweede?', 'Derde?']);
  assert.equal(list.state, 'draft');
  await store.workflow.addQuestion(list.id, 'Ertussen?', 'Algemeen', 2);
  assert.deepEqual(
    (await store.workflow.questions(list.id)).map((q) => [q.number, q.text]),
    [
      [1, 'Eerste?'],
      [2, 'Ertussen?'],
      [3, 'Tweede?'],
      [4, 'Derde?'],
    ],
  );
  await assert.rejects(store.workflow.addQuestion(9999, 'Nergens?', null), WorkflowNotFound);
  await store.close();
});

test('a state change from a state the row has left is a conflict that says where it is now', async () => {
  const store = await Store.open(tempDbPath());
  const list = await listWithQuestions(store, ['Eerste?']);
  assert.equal((await store.workflow.setListState(list.id, 'draft', 'sent')).state, 'sent');
  await assert.rejects(
    store.workflow.setListState(list.id, 'draft', 'sent'),
    (e: unknown) =>
      e instanceof WorkflowConflict &&
      e.current.state === 'sent' &&
      /is sent now, no longer draft/.test(e.message),
  );
  const [q] = await store.workflow.questions(list.id);
  const assigned = await store.workflow.setQuestionState(q!.id, 'unassigned', 'assigned', {
    assigneeId: null,
    directorateId: null,
    internalDeadline: '2026-05-28',
  });
  assert.equal(assigned.internalDeadline, '2026-05-28');
  await assert.rejects(store.workflow.setQuestionState(q!.id, 'unassigned', 'assigned'), WorkflowConflict);
  await store.close();
});

test('a save from an old version is a conflict carrying the newer text; versions are kept', async () => {
  const path = tempDbPath();
  const first = await Store.open(path);
  const second = await Store.open(path);
  const list = await listWithQuestions(first, ['Hoeveel?']);
  const [q] = await first.workflow.questions(list.id);
  // Both drafters open version 0.
  const base = (await second.workflow.question(q!.id)).answerVersion;
  assert.equal(base, 0);
  assert.equal((await first.workflow.saveAnswer(q!.id, 0, 'Het zijn er twaalf.', null)).answerVersion, 1);
  await assert.rejects(
    second.workflow.saveAnswer(q!.id, base, 'Het zijn er dertien.', null),
    (e: unknown) =>
      e instanceof WorkflowConflict && e.current.version === 1 && e.current.text === 'Het zijn er twaalf.',
  );
  // Merged, the second saves from version 1.
  await second.workflow.saveAnswer(q!.id, 1, 'Het zijn er twaalf, straks dertien.', null);
  assert.deepEqual(
    (await first.workflow.versions(q!.id)).map((v) => [v.version, v.text]),
    [
      [1, 'Het zijn er twaalf.'],
      [2, 'Het zijn er twaalf, straks dertien.'],
    ],
  );
  await first.close();
  await second.close();
});

test('four processes saving one answer at once: every save is a version or a conflict, none lost', {
  timeout: 60_000,
}, async () => {
  const path = tempDbPath();
  const store = await Store.open(path);
  const list = await listWithQuestions(store, ['Hoeveel?']);
  const [q] = await store.workflow.questions(list.id);
  const children = ['a', 'b', 'c', 'd'].map((name) =>
    spawn(process.execPath, ['--import', 'tsx', worker, path, name, String(q!.id), '100'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const outputs = children.map(
    (child) =>
      new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) => {
        let out = '';
        let stderr = '';
        child.stdout!.on('data', (d) => {
          out += d;
        });
        child.stderr!.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (code) => resolve({ code, lines: out.trim().split('\n'), stderr }));
      }),
  );
  // Start them together once all are ready.
  await Promise.all(
    children.map((child) => new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()))),
  );
  for (const child of children) child.stdin!.end('go\n');
  const results = await Promise.all(outputs);
  let saved = 0;
  let conflicts = 0;
  for (const r of results) {
    assert.equal(r.code, 0, r.stderr);
    const counts = JSON.parse(r.lines.at(-1)!) as { saved: number; conflicts: number };
    assert.equal(counts.saved + counts.conflicts, 100);
    saved += counts.saved;
    conflicts += counts.conflicts;
  }
  const versions = await store.workflow.versions(q!.id);
  // Every save that succeeded is exactly one version, numbered 1..n without gaps; the answer is the last.
  assert.equal(versions.length, saved);
  assert.deepEqual(
    versions.map((v) => v.version),
    Array.from({ length: saved }, (_, i) => i + 1),
  );
  assert.equal(new Set(versions.map((v) => v.text)).size, saved);
  const final = await store.workflow.question(q!.id);
  assert.equal(final.answerVersion, saved);
  assert.equal(final.answer, versions.at(-1)!.text);
  assert.ok(saved > 0 && saved + conflicts === 400);
  await store.close();
});
