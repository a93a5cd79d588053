// Twenty server processes on one database (issue 8, item 5): real `vraagbaak serve` processes (the
// compiled CLI), each asked the same thing at the same moment, must leave a consistent database. The
// same publication imported through all of them is stored once; twenty saves of one answer from one
// version are one version and nineteen 409s carrying it (nothing lost, nothing overwritten), round after
// round; twenty tries of one state transition are one move and nineteen 409s naming the state it moved
// to, up to the answer letter, whose twenty sends (5 ms apart, so that some come while the first is half
// done) make exactly one publication; twenty different answers of one list approved at once approve the
// list once. No request fails with a 5xx (a deadlock or serialisation failure not retried, a busy
// database would), no process stops or logs an error, and the audit log's chain verifies, also by
// `vraagbaak audit verify`.
//
// The database: in the PostgreSQL pass (VRAAGBAAK_TEST_DB=postgres) a new PostgreSQL database, else one
// SQLite file (WAL, a busy timeout) that the twenty share, as `serve --workers` processes do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type AuditRecord, verifyAudit } from '../../src/audit/log.js';
import type { Role, Scope } from '../../src/auth/actor.js';
import { Auth } from '../../src/auth/auth.js';
import { DEFAULT_AUTH } from '../../src/config.js';
import { Store } from '../../src/store/store.js';
import { tempDbPath } from '../helpers/archive.js';
import { cliArgs } from '../helpers/cli.js';
import { addWorkflowOrganisations } from '../helpers/organisations.js';
import { postgresSkip } from '../helpers/postgres.js';
import { FIXTURES } from '../helpers/read.js';
import { type ServerProcess, startServerProcesses, stopServerProcesses } from '../helpers/server-process.js';

const PROCESSES = 20;
const ON_POSTGRES = process.env.VRAAGBAAK_TEST_DB === 'postgres';
const skip = ON_POSTGRES ? await postgresSkip() : false;

/** The publication imported through every server at once, and what its reading must give. */
const FIXTURE = 'kst-36360-VI-12';
const expected = JSON.parse(readFileSync(new URL(`${FIXTURE}.expected.json`, FIXTURES), 'utf8')) as {
  sections: { questions: unknown[] }[];
};
const QUESTIONS = expected.sections.reduce((n, s) => n + s.questions.length, 0);

interface Reply {
  /** Which server answered. */
  server: number;
  status: number;
  body: Record<string, unknown>;
}

describe(`${PROCESSES} server processes on one database`, { skip }, () => {
  let dir: string;
  let db: string;
  let store: Store;
  let servers: ServerProcess[] = [];
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};

  before(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'vraagbaak-processes-'));
      db = tempDbPath();
      // The secret key the servers sign sessions and hash tokens with: the same for all (a file they share).
      const secret = randomBytes(32);
      const secretFile = join(dir, 'vraagbaak.secret');
      writeFileSync(secretFile, secret.toString('base64'), { mode: 0o600 });
      // The schema is made here, once, before the servers start (as `serve --workers` does before it forks).
      store = await Store.open(db);
      const a = store.accounts;
      const auth = new Auth(a, secret, DEFAULT_AUTH);
      const organisations = await addWorkflowOrganisations(a, {
        committee: 'vaste commissie voor Digitale Zaken',
        ministry: 'Ministerie van Binnenlandse Zaken',
        directorate: 'DG Digitale Overheid',
      });
      ids.committee = organisations.committee;
      ids.ministry = organisations.ministry;
      ids.directorate = organisations.directorate;
      const person = async (name: string, org: number | null, role: Role | null, scopes: Scope[]) => {
        const id = await a.addUser({
          email: `${name}@example.org`,
          name,
          passwordHash: null,
          admin: org === null,
        });
        if (org !== null && role !== null) await a.addMembership(id, org, role);
        ids[name] = id;
        tokens[name] = (await auth.createToken(id, name, scopes)).secret;
      };
      await person('beheer', null, null, ['read', 'import', 'admin']);
      await person('griffier', ids.committee, 'clerk', ['read', 'workflow']);
      await person('coordinator', ids.ministry, 'coordinator', ['read', 'workflow']);
      await person('anne', ids.directorate, 'drafter', ['read', 'workflow']);
      await person('directie', ids.ministry, 'approver', ['read', 'workflow']);
      servers = await startServerProcesses(PROCESSES, {
        db,
        cwd: dir,
        env: { VRAAGBAAK_SECRET_FILE: secretFile },
        timeoutMs: 150_000,
      });
    },
    { timeout: 180_000 },
  );

  after(async () => {
    await stopServerProcesses();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function call(
    server: number,
    who: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Reply> {
    const raw = Buffer.isBuffer(body);
    const response = await fetch(`${servers[server]!.url}${path}`, {
      method,
      headers: {
        ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
        ...(body !== undefined ? { 'content-type': raw ? 'text/plain' : 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: raw ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { server, status: response.status, body: parsed };
  }

  /**
   * The same request (or one per server, by its number) to every server at the same moment, or, with
   * `spreadMs`, the k-th that many milliseconds times k after the first (as clicks arrive: a race that
   * needs one request to come while another is half done is met that way).
   */
  function everywhere(
    who: string | null,
    method: string,
    path: string | ((server: number) => string),
    body?: Buffer | Record<string, unknown> | ((server: number) => Record<string, unknown>),
    spreadMs = 0,
  ): Promise<Reply[]> {
    return Promise.all(
      servers.map(async (_, k) => {
        if (spreadMs > 0) await new Promise((resolve) => setTimeout(resolve, k * spreadMs));
        return call(
          k,
          who,
          method,
          typeof path === 'function' ? path(k) : path,
          typeof body === 'function' ? body(k) : body,
        );
      }),
    );
  }

  /** No reply is a server error (a deadlock not retried, a busy database): each is named with its server's log. */
  function noServerErrors(replies: Reply[], what: string): void {
    for (const r of replies) {
      if (r.status >= 500) {
        assert.fail(
          `${what}: server ${r.server} answered ${r.status}: ${JSON.stringify(r.body)}\n${servers[r.server]!.tail()}`,
        );
      }
    }
  }

  /**
   * Exactly one reply is `ok` and every other a 409 saying why: nothing else (a second success, a 4xx
   * of another kind, a 5xx). The callers check that each 409 names the state the winner left behind.
   */
  function oneWins(replies: Reply[], what: string, ok = 200): { winner: Reply; losers: Reply[] } {
    noServerErrors(replies, what);
    const winners = replies.filter((r) => r.status === ok);
    assert.equal(
      winners.length,
      1,
      `${what}: exactly one of ${replies.length} succeeds (statuses ${replies.map((r) => r.status).join(' ')})`,
    );
    const losers = replies.filter((r) => r.status !== ok);
    for (const r of losers) {
      assert.equal(r.status, 409, `${what}: the others get a conflict: ${JSON.stringify(r.body)}`);
      assert.equal(typeof r.body.detail, 'string', `${what}: the conflict says why`);
    }
    return { winner: winners[0]!, losers };
  }

  function allSucceed(replies: Reply[], what: string, ok = 200): void {
    noServerErrors(replies, what);
    for (const r of replies) {
      assert.equal(r.status, ok, `${what}: server ${r.server}: ${JSON.stringify(r.body)}`);
    }
  }

  async function auditOf(subject: string): Promise<AuditRecord[]> {
    return (await store.auditEntries({ limit: 10_000 })).filter((e) => e.subject === subject);
  }

  /** What a search answers on every server: [publication, question] per hit (each process answers alike). */
  async function searchEverywhere(q: string): Promise<string[][][]> {
    const replies = await everywhere(null, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
    noServerErrors(replies, `search ${q}`);
    return replies.map((r) => {
      assert.equal(r.status, 200);
      return (r.body.results as { publication: { id: string }; question: number }[]).map((h) => [
        h.publication.id,
        String(h.question),
      ]);
    });
  }

  /** A question list made by the clerk, sent (its questions numbered 1…n), as the coordinator sees it. */
  async function sentList(title: string, questions: string[]): Promise<{ id: number; questions: number[] }> {
    const made = await call(0, 'griffier', 'POST', '/api/v1/question-lists', {
      title,
      committee: ids.committee,
      ministry: ids.ministry,
      documents: [FIXTURE],
      deadline: '2027-02-01',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const listId = made.body.id as number;
    const added = await call(1, 'griffier', 'POST', `/api/v1/question-lists/${listId}/question-imports`, {
      text: questions.map((q, i) => `${i + 1}. ${q}`).join('\n'),
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    // Sent from twenty screens at once: one send, one entry in the audit log.
    const sent = oneWins(
      await everywhere('griffier', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'send' }),
      'send',
    );
    assert.equal(sent.winner.body.state, 'sent');
    for (const r of sent.losers) assert.equal(r.body.state, 'sent');
    assert.equal(
      (await auditOf(`list:${listId}`)).filter((e) => e.action === 'list.send').length,
      1,
      'one send in the audit log',
    );
    const seen = await call(2, 'coordinator', 'GET', `/api/v1/question-lists/${listId}`);
    const items = seen.body.questions as { id: number; number: number }[];
    assert.deepEqual(
      items.map((q) => q.number),
      questions.map((_, i) => i + 1),
    );
    return { id: listId, questions: items.map((q) => q.id) };
  }

  test('the same publication imported through every server at once is stored once', async () => {
    const bytes = readFileSync(new URL(`${FIXTURE}.txt`, FIXTURES));
    const replies = await everywhere('beheer', 'POST', `/api/v1/imports?fileName=${FIXTURE}.txt`, bytes);
    noServerErrors(replies, 'import');
    // One stores it; the others find it stored, unchanged (the same file): none stores it again.
    const outcomes = replies.map((r) => [r.status, r.body.outcome]);
    assert.deepEqual(
      outcomes.filter(([status]) => status === 201),
      [[201, 'imported']],
      `one import stores it: ${JSON.stringify(outcomes)}`,
    );
    assert.deepEqual(
      outcomes.filter(([status]) => status !== 201),
      Array.from({ length: PROCESSES - 1 }, () => [200, 'unchanged']),
    );
    for (const r of replies) {
      assert.equal(r.body.id, FIXTURE);
      assert.equal(r.body.questions, QUESTIONS);
    }
    // In the database: one publication, its questions once each.
    assert.deepEqual(await store.idsWithPrefix('kst-'), [FIXTURE]);
    assert.deepEqual(await store.counts(), { publications: 1, questions: QUESTIONS });
    const stored = await store.getPublication(FIXTURE);
    assert.equal(
      stored?.sections.reduce((n, s) => n + s.questions.length, 0),
      QUESTIONS,
    );
    // Every process, whichever stored it, finds it, and finds it once.
    for (const hits of await searchEverywhere('"Deep Tech Fund"')) {
      assert.deepEqual(hits, [[FIXTURE, '19']]);
    }
    const listed = await everywhere(null, 'GET', '/api/v1/publications');
    for (const r of listed) assert.equal(r.body.total, 1, `server ${r.server} lists one publication`);
  });

  let listA: { id: number; questions: number[] };
  let versionA = 0;

  test('twenty saves of one answer from one version: one version, nineteen 409s carrying it, round after round', async () => {
    listA = await sentList('Windenergie op zee', ['Hoeveel windmolens staan er op de Noordzee?']);
    const question = listA.questions[0]!;
    const assigned = await call(3, 'coordinator', 'POST', `/api/v1/question-lists/${listA.id}/assignments`, {
      questions: [question],
      assignee: ids.anne,
    });
    assert.equal(assigned.status, 201, JSON.stringify(assigned.body));
    const winners: string[] = [];
    for (let round = 0; round < 5; round++) {
      const text = (k: number) => `Ronde ${round}: op de Noordzee staan ${100 * round + k} windmolens.`;
      const replies = await everywhere('anne', 'PUT', `/api/v1/list-questions/${question}/answer`, (k) => ({
        baseVersion: versionA,
        text: text(k),
      }));
      const { winner, losers } = oneWins(replies, `save, round ${round}`);
      assert.equal(winner.body.answerVersion, versionA + 1);
      assert.equal(winner.body.answer, text(winner.server));
      assert.equal(winner.body.state, 'drafting');
      for (const r of losers) {
        // The loser is told the version saved in between, its text and its author, to merge.
        assert.deepEqual(r.body.current, {
          state: 'drafting',
          version: versionA + 1,
          text: text(winner.server),
          author: 'anne',
        });
      }
      winners.push(text(winner.server));
      versionA++;
    }
    // Asked anywhere, the answer is the last winner's; every winner's save is one version, in order.
    const seen = await everywhere('anne', 'GET', `/api/v1/list-questions/${question}`);
    for (const r of seen) {
      const q = r.body.question as { answer: string; answerVersion: number; state: string };
      assert.deepEqual([q.answer, q.answerVersion, q.state], [winners.at(-1), 5, 'drafting']);
    }
    const versions = await call(7, 'anne', 'GET', `/api/v1/list-questions/${question}/versions`);
    assert.deepEqual(
      (versions.body.items as { version: number; text: string; author: string }[]).map((v) => [
        v.version,
        v.text,
        v.author,
      ]),
      winners.map((text, i) => [i + 1, text, 'anne']),
    );
    assert.deepEqual(
      (await store.workflow.versions(question)).map((v) => [v.version, v.text, v.authorId]),
      winners.map((text, i) => [i + 1, text, ids.anne]),
    );
    // One audit entry per version saved, none for a save refused.
    assert.deepEqual(
      (await auditOf(`question:${question}`))
        .filter((e) => e.action === 'answer.saved')
        .map((e) => e.details.version),
      [1, 2, 3, 4, 5],
    );
  });

  test('twenty tries of one transition: one moves the answer, nineteen 409s naming where it is now', async () => {
    const question = listA.questions[0]!;
    const path = `/api/v1/list-questions/${question}/events`;
    const submitted = oneWins(await everywhere('anne', 'POST', path, { event: 'submit' }), 'submit');
    assert.equal(submitted.winner.body.state, 'submitted');
    for (const r of submitted.losers) assert.equal(r.body.state, 'submitted');

    // Approve and return at once, half and half: one of them happens, and the state is what it made.
    const decided = oneWins(
      await everywhere('directie', 'POST', path, (k) =>
        k % 2 === 0 ? { event: 'approve' } : { event: 'return', comment: `Noem de bron (${k}).` },
      ),
      'approve or return',
    );
    const state = decided.winner.body.state as string;
    assert.equal(state, decided.winner.server % 2 === 0 ? 'approved' : 'returned');
    for (const r of decided.losers) assert.equal(r.body.state, state);
    if (state === 'returned') {
      assert.equal(decided.winner.body.lastComment, `Noem de bron (${decided.winner.server}).`);
      const saved = await call(4, 'anne', 'PUT', `/api/v1/list-questions/${question}/answer`, {
        baseVersion: versionA,
        text: 'Op de Noordzee staan 3 500 windmolens (bron: RVO).',
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      versionA++;
      assert.equal((await call(5, 'anne', 'POST', path, { event: 'submit' })).status, 200);
      const approved = oneWins(await everywhere('directie', 'POST', path, { event: 'approve' }), 'approve');
      assert.equal(approved.winner.body.state, 'approved');
      for (const r of approved.losers) assert.equal(r.body.state, 'approved');
    }
    // Its last answer approved, the list's answers are approved: once.
    const list = await call(6, 'coordinator', 'GET', `/api/v1/question-lists/${listA.id}`);
    assert.equal(list.body.state, 'answers-approved');
    assert.deepEqual(
      (list.body.questions as { state: string }[]).map((q) => q.state),
      ['approved'],
    );
    const actions = (await auditOf(`question:${question}`)).map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'answer.approve').length, 1);
    assert.equal(
      actions.filter((a) => a === 'answer.submit').length,
      state === 'returned' ? 2 : 1,
      'one submit in the log per submit made',
    );
    assert.equal(actions.filter((a) => a === 'answer.return').length, state === 'returned' ? 1 : 0);
    assert.deepEqual(
      (await auditOf(`list:${listA.id}`)).filter((e) => e.action === 'list.all_approved').length,
      1,
    );
  });

  test('the letter assembled, approved and sent by twenty at once: each step once, one publication', async () => {
    const path = `/api/v1/question-lists/${listA.id}/events`;
    // Each step's requests leave 5 ms apart: the later ones come while the first is under way (sending
    // the letter stores the publication, then moves the list) as well as at the same moment.
    for (const [who, event, state] of [
      ['coordinator', 'assemble', 'letter-assembled'],
      ['directie', 'approve-letter', 'letter-approved'],
      ['coordinator', 'send-letter', 'published'],
    ] as const) {
      const { winner, losers } = oneWins(await everywhere(who, 'POST', path, { event }, 5), event);
      assert.equal(winner.body.state, state);
      for (const r of losers) assert.equal(r.body.state, state, `${event}: ${JSON.stringify(r.body)}`);
      assert.equal(
        (await auditOf(`list:${listA.id}`)).filter((e) => e.action === `list.${event.replace(/-/g, '_')}`)
          .length,
        1,
        `one ${event} in the audit log`,
      );
    }
    // One publication, numbered next in the dossier, found by everyone on every server, once.
    const list = await call(8, 'coordinator', 'GET', `/api/v1/question-lists/${listA.id}`);
    assert.equal(list.body.publicationId, 'kst-36360-VI-13');
    assert.deepEqual(await store.idsWithPrefix('kst-'), [FIXTURE, 'kst-36360-VI-13']);
    assert.deepEqual(await store.counts(), { publications: 2, questions: QUESTIONS + 1 });
    for (const hits of await searchEverywhere('windmolens Noordzee')) {
      assert.deepEqual(hits, [['kst-36360-VI-13', '1']]);
    }
  });

  test("twenty different answers of one list, each moved on by another server at once: all succeed, the list's answers approved once", async () => {
    const listB = await sentList(
      'Fietsenstallingen bij stations',
      Array.from({ length: PROCESSES }, (_, k) => `Hoeveel fietsenstallingen heeft station ${k + 1}?`),
    );
    const q = (k: number) => listB.questions[k]!;
    // The first assignment takes the list up; the others, at the same moment, find it taken up.
    allSucceed(
      await everywhere('coordinator', 'POST', `/api/v1/question-lists/${listB.id}/assignments`, (k) => ({
        questions: [q(k)],
        assignee: ids.anne,
      })),
      'assign',
      201,
    );
    allSucceed(
      await everywhere(
        'anne',
        'PUT',
        (k) => `/api/v1/list-questions/${q(k)}/answer`,
        (k) => ({ baseVersion: 0, text: `Station ${k + 1} heeft ${k + 10} stallingen.` }),
      ),
      'save',
    );
    allSucceed(
      await everywhere('anne', 'POST', (k) => `/api/v1/list-questions/${q(k)}/events`, { event: 'submit' }),
      'submit',
    );
    allSucceed(
      await everywhere('directie', 'POST', (k) => `/api/v1/list-questions/${q(k)}/events`, {
        event: 'approve',
      }),
      'approve',
    );
    const list = await call(9, 'coordinator', 'GET', `/api/v1/question-lists/${listB.id}`);
    assert.equal(list.body.state, 'answers-approved');
    const questions = list.body.questions as { state: string; answer: string; answerVersion: number }[];
    assert.deepEqual(
      questions.map((x) => [x.state, x.answer, x.answerVersion]),
      questions.map((_, k) => ['approved', `Station ${k + 1} heeft ${k + 10} stallingen.`, 1]),
    );
    const entries = await auditOf(`list:${listB.id}`);
    assert.equal(entries.filter((e) => e.action === 'list.all_approved').length, 1, 'approved once');
  });

  test('afterwards every process still runs, none logged an error, and the audit log verifies', async () => {
    for (const [k, s] of servers.entries()) {
      assert.ok(s.alive(), `server ${k} still runs\n${s.tail()}`);
      assert.deepEqual(s.errors(), [], `server ${k} logged no error`);
    }
    const verified = await verifyAudit(store.db);
    assert.equal(verified.ok, true, JSON.stringify(verified));
    const cli = spawnSync(process.execPath, cliArgs('audit', 'verify', '--db', db), {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, new RegExp(`audit log intact: ${verified.rows} entries`));
    // Stopped, each closes its database and exits 0.
    const stopped = await stopServerProcesses();
    assert.equal(stopped.length, PROCESSES);
    for (const s of stopped)
      assert.deepEqual([s.code, s.signal], [0, null], `process ${s.pid} stops cleanly`);
  });
});
