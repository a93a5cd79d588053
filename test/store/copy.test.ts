// `vraagbaak db copy`: the sample archive with accounts, a question list and its audit trail, copied
// from SQLite to PostgreSQL and back, gives the same export byte for byte, the same rows, and an audit
// chain that still verifies; a destination that holds anything is refused and left as it was.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { verifyAudit } from '../../src/audit/log.js';
import { Store } from '../../src/store/store.js';
import { fixtureArchive, tempDbPath } from '../helpers/archive.js';
import { cliArgs, ROOT } from '../helpers/cli.js';
import { addWorkflowOrganisations } from '../helpers/organisations.js';
import { freshPostgres, postgresSkip } from '../helpers/postgres.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(...args), { cwd: ROOT, encoding: 'utf8', env: process.env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The archive's export, its lines sorted (the order of publications is not what is compared). */
function exported(location: string, ...flags: string[]): string {
  const r = cli('export', '--db', location, ...flags);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).sort().join('\n');
}

async function populate(path: string): Promise<void> {
  const ctx = await fixtureArchive(path);
  const store = ctx.store;
  const { committee, ministry, directorate } = await addWorkflowOrganisations(store.accounts, {
    committee: 'vaste commissie voor Digitale Zaken',
    directorate: 'DG Digitalisering',
  });
  const anne = await store.accounts.addUser({
    email: 'anne@example.nl',
    name: 'Anne',
    passwordHash: null,
    admin: false,
  });
  await store.accounts.addMembership(anne, directorate, 'drafter');
  const list = await store.workflow.createList({
    kind: 'question-list',
    title: 'Jaarverslag 2025',
    committeeId: committee,
    ministryId: ministry,
    addressees: ['Minister van BZK'],
    documents: [],
    scope: null,
    deadline: '2026-12-18',
    createdBy: null,
  });
  const first = await store.workflow.addQuestion(list.id, 'Hoeveel datacenters zijn er?', null);
  await store.workflow.addQuestion(list.id, 'En hoeveel water gebruiken zij?', null);
  await store.workflow.saveAnswer(first.id, 0, 'Er zijn er twaalf.', anne);
  await store.audit({ actor: 'system', action: 'list.created', subject: `list:${list.id}`, details: {} });
  await store.audit({
    actor: `user:${anne}`,
    action: 'answer.saved',
    subject: `question:${first.id}`,
    details: {},
  });
  await store.close();
}

test('db copy: SQLite → PostgreSQL → SQLite keeps everything, byte for byte', {
  skip: await postgresSkip(),
  timeout: 180_000,
}, async () => {
  const source = tempDbPath();
  await populate(source);
  const pg = await freshPostgres();
  try {
    const there = cli('db', 'copy', '--from', `sqlite:${source}`, '--to', pg.url);
    assert.equal(there.status, 0, there.stderr);
    assert.match(there.stdout, /publications: 10\n/);
    assert.doesNotMatch(there.stdout, /vraagbaak:vraagbaak@/, 'the password is not printed');

    const back = tempDbPath();
    const again = cli('db', 'copy', '--from', pg.url, '--to', `sqlite:${back}`);
    assert.equal(again.status, 0, again.stderr);

    const original = exported(source, '--include-drafts');
    assert.ok(original.length > 10_000);
    assert.equal(exported(pg.url, '--include-drafts'), original);
    assert.equal(exported(back, '--include-drafts'), original);

    for (const location of [pg.url, back]) {
      const store = await Store.open(location);
      try {
        const [list] = await store.workflow.allLists();
        assert.equal(list?.title, 'Jaarverslag 2025');
        const questions = await store.workflow.questions(list!.id);
        assert.deepEqual(
          questions.map((q) => [q.number, q.answer]),
          [
            [1, 'Er zijn er twaalf.'],
            [2, null],
          ],
        );
        assert.equal((await store.workflow.versions(questions[0]!.id)).length, 1);
        assert.equal((await store.accounts.userByEmail('ANNE@example.nl'))?.name, 'Anne');
        // New rows continue after the copied ids.
        const next = await store.accounts.addUser({
          email: 'bram@example.nl',
          name: 'Bram',
          passwordHash: null,
          admin: false,
        });
        assert.ok(next > (await store.accounts.userByEmail('anne@example.nl'))!.id);
        const verified = await verifyAudit(store.db);
        assert.equal(verified.ok, true);
        assert.equal(verified.rows, 2);
        // Searching works on the copy's own index.
        const page = await store.search({ match: '"datacenter"', limit: 5, offset: 0, sort: 'relevance' });
        assert.ok(page.total > 0);
      } finally {
        await store.close();
      }
    }

    // A destination that holds anything is refused (exit 2) and left as it was.
    const refused = cli('db', 'copy', '--from', `sqlite:${source}`, '--to', back);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /not empty/);
    assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(exported(back, '--include-drafts'), original);
  } finally {
    await pg.drop();
  }
});
