// The workflow benchmark: many drafters saving answers against one server on SQLite. Each drafter has a
// question of their own and saves it every few seconds; some have it open in a second tab too, so that
// saves collide. Measured: saves/s, latency (p50/p95/p99), conflicts, and the count that matters most:
// saves lost or silently overwritten (every save answered 200 must be exactly one stored version, with
// its text, numbered without gaps). Baseline in the same run: GET /api/v1/health by the same clients at
// the same pace, which is the server's floor for a request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { UserActor } from '../src/auth/actor.js';
import { Auth } from '../src/auth/auth.js';
import { DEFAULT_AUTH, loadSecret } from '../src/config.js';
import { Store } from '../src/store/store.js';
import { Workflow } from '../src/workflow/service.js';
import { parseOptions, UsageError } from './cli.js';
import { serve, waitReady } from './http.js';
import { count, machineLine, ms, percentile, table } from './report.js';

interface WorkflowOptions {
  drafters: number;
  seconds: number;
  /** Mean seconds between one drafter's saves. */
  pace: number;
  /** Share of drafters with a second tab on the same answer. */
  twins: number;
  port: number;
  help: boolean;
}

function parseWorkflowArgs(args: readonly string[]): WorkflowOptions {
  const v = parseOptions(args, {
    drafters: { type: 'string' },
    seconds: { type: 'string' },
    pace: { type: 'string' },
    twins: { type: 'string' },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const num = (name: string, value: unknown, fallback: number, min: number, max: number): number => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new UsageError(`--${name} must be between ${min} and ${max}`);
    return n;
  };
  return {
    drafters: num('drafters', v.drafters, 200, 1, 5000),
    seconds: num('seconds', v.seconds, 60, 1, 3600),
    pace: num('pace', v.pace, 3, 0.1, 60),
    twins: num('twins', v.twins, 0.1, 0, 1),
    port: num('port', v.port, 3901, 1024, 65535),
    help: v.help === true,
  };
}

function help(): string {
  return [
    'usage: npm run bench -- workflow [options]',
    '',
    'Starts `vraagbaak serve` on 127.0.0.1 over a fresh SQLite archive with one ministry, a committee, its',
    'question lists and a question per drafter, then has every drafter save their answer every few seconds',
    '(the pause drawn between 0.5 and 1.5 times --pace), some in two tabs at once. First the same clients',
    'ask /api/v1/health at the same pace (the baseline), then they save.',
    '',
    'options:',
    '  --drafters <n>   drafters, default 200',
    '  --seconds <n>    seconds of each phase, default 60',
    '  --pace <s>       mean seconds between one client’s requests, default 3',
    '  --twins <f>      share of drafters with a second tab on the same answer, default 0.1',
    '  --port <n>       port, default 3901',
  ].join('\n');
}

interface World {
  dir: string;
  db: string;
  clients: { token: string; question: number }[];
  questions: number[];
}

/** A fresh archive: the organisations, people with tokens, lists sent and their questions assigned. */
async function buildWorld(o: WorkflowOptions): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-bench-workflow-'));
  const db = join(dir, 'vraagbaak.db');
  const store = await Store.open(db);
  const auth = new Auth(store.accounts, loadSecret(join(dir, 'vraagbaak.secret')), DEFAULT_AUTH);
  const a = store.accounts;
  const committee = await a.addOrganisation({
    name: 'vaste commissie voor Binnenlandse Zaken',
    kind: 'committee',
  });
  const ministry = await a.addOrganisation({ name: 'Ministerie van BZK', kind: 'ministry' });
  const actor = async (id: number, name: string): Promise<UserActor> => ({
    kind: 'user',
    id,
    email: `${name}@example.org`,
    name,
    admin: false,
    memberships: await a.memberships(id),
    via: 'session',
    scopes: null,
  });
  const person = async (
    name: string,
    org: number,
    role: 'clerk' | 'coordinator' | 'drafter',
  ): Promise<UserActor> => {
    const id = await a.addUser({ email: `${name}@example.org`, name, passwordHash: null, admin: false });
    await a.addMembership(id, org, role);
    return actor(id, name);
  };
  const workflow = new Workflow(store);
  const clerk = await person('griffier', committee, 'clerk');
  const coordinator = await person('coordinator', ministry, 'coordinator');
  const clients: World['clients'] = [];
  const questions: number[] = [];
  const PER_LIST = 50;
  let list = 0;
  for (let i = 0; i < o.drafters; i++) {
    if (i % PER_LIST === 0) {
      if (list) await workflow.listEvent(clerk, list, 'send');
      list = (
        await workflow.createList(clerk, {
          kind: 'question-list',
          title: `Jaarverslag ${i / PER_LIST + 1}`,
          committeeId: committee,
          ministryId: ministry,
          addressees: [],
          documents: ['kst-36360-VI-1'],
          scope: null,
          deadline: '2027-06-30',
        })
      ).id;
    }
    questions.push(
      (await workflow.addQuestion(clerk, list, `Vraag ${i + 1}: hoe staat het ermee?`, null)).id,
    );
  }
  await workflow.listEvent(clerk, list, 'send');
  for (let i = 0; i < o.drafters; i++) {
    const drafter = await person(`opsteller${i + 1}`, ministry, 'drafter');
    await workflow.assign(coordinator, questions[i]!, {
      assigneeId: drafter.id,
      directorateId: null,
      internalDeadline: null,
    });
    const token = (await auth.createToken(drafter.id, 'bench', ['workflow'])).secret;
    clients.push({ token, question: questions[i]! });
    if (i < Math.round(o.drafters * o.twins)) clients.push({ token, question: questions[i]! });
  }
  await store.close();
  return { dir, db, clients, questions };
}

interface Phase {
  requests: number;
  latencies: number[];
  errors: number;
  seconds: number;
}

/** Saves answered 200: question → (version → text). */
type Accepted = Map<number, Map<number, string>>;

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

/** Every client at its pace for `seconds`: `step` makes one request and says how long it took. */
async function phase(
  clients: World['clients'],
  o: WorkflowOptions,
  step: (client: number) => Promise<void>,
): Promise<Phase> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + o.seconds * 1000;
  await Promise.all(
    clients.map(async (_c, k) => {
      // Spread the first requests over one pace, as people do not all start at once.
      await sleep(Math.random() * o.pace);
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await step(k);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
        await sleep(o.pace * (0.5 + Math.random()));
      }
    }),
  );
  latencies.sort((x, y) => x - y);
  return { requests: latencies.length, latencies, errors, seconds: (performance.now() - start) / 1000 };
}

export async function run(args: string[]): Promise<number> {
  const o = parseWorkflowArgs(args);
  if (o.help) {
    console.log(help());
    return 0;
  }
  console.log(machineLine());
  console.log(
    `${count(o.drafters)} drafters, ${o.seconds} s per phase, a request every ${o.pace} s per client`,
  );
  const world = await buildWorld(o);
  console.log(
    `${count(world.clients.length)} clients (${count(world.clients.length - o.drafters)} second tabs)`,
  );
  const base = `http://127.0.0.1:${o.port}`;
  const server = serve(world.db, o.port);
  try {
    await waitReady(base, server);
    const health = await phase(world.clients, o, async () => {
      const r = await fetch(`${base}/api/v1/health`);
      await r.arrayBuffer();
      if (!r.ok) throw new Error(String(r.status));
    });

    const accepted: Accepted = new Map();
    const known = world.clients.map(() => 0);
    let conflicts = 0;
    let rounds = 0;
    const saves = await phase(world.clients, o, async (k) => {
      const client = world.clients[k]!;
      const text = `Antwoord van tab ${k}, ronde ${++rounds}: ${'tekst '.repeat(40)}`;
      const r = await fetch(`${base}/api/v1/list-questions/${client.question}/answer`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ baseVersion: known[k], text }),
      });
      const body = (await r.json()) as { answerVersion?: number; current?: { version: number } };
      if (r.status === 200 && body.answerVersion !== undefined) {
        known[k] = body.answerVersion;
        const versions = accepted.get(client.question) ?? new Map<number, string>();
        accepted.set(client.question, versions);
        if (versions.has(body.answerVersion)) throw new Error('two saves answered with one version');
        versions.set(body.answerVersion, text);
      } else if (r.status === 409 && body.current) {
        // Merged by the drafter: the next save starts from the version saved in between.
        conflicts++;
        known[k] = body.current.version;
      } else {
        throw new Error(`status ${r.status}`);
      }
    });

    // Every accepted save is exactly one stored version with its text; no stored version was never accepted.
    const raw = new SQLite(world.db, { readonly: true });
    let lost = 0;
    let overwritten = 0;
    let stored = 0;
    const read = raw.prepare(
      'SELECT version, text FROM answer_versions WHERE question_id = ? ORDER BY version',
    );
    for (const q of world.questions) {
      const rows = read.all(q) as { version: number; text: string }[];
      stored += rows.length;
      const versions = accepted.get(q) ?? new Map<number, string>();
      for (const [version, text] of versions) {
        const row = rows.find((r) => r.version === version);
        if (!row) lost++;
        else if (row.text !== text) overwritten++;
      }
      rows.forEach((r, i) => {
        if (r.version !== i + 1 || !versions.has(r.version)) overwritten++;
      });
    }
    raw.close();

    const line = (name: string, p: Phase) => [
      name,
      count(p.requests),
      (p.requests / p.seconds).toFixed(1),
      ms(percentile(p.latencies, 50)),
      ms(percentile(p.latencies, 95)),
      ms(percentile(p.latencies, 99)),
      count(p.errors),
    ];
    console.log('');
    console.log(
      table(
        ['phase', 'requests', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
        [line('health (baseline)', health), line('answer saves', saves)],
      ),
    );
    const ok = saves.requests - conflicts;
    console.log('');
    console.log(
      `saves accepted: ${count(ok)} (${(ok / saves.seconds).toFixed(1)}/s); conflicts (409, merged): ${count(conflicts)}`,
    );
    console.log(
      `versions stored: ${count(stored)}; lost: ${count(lost)}; silently overwritten: ${count(overwritten)}`,
    );
    console.log(
      `p95 save latency: ${ms(percentile(saves.latencies, 95))} ms, against ${ms(percentile(health.latencies, 95))} ms for health`,
    );
    return 0;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(world.dir, { recursive: true, force: true });
  }
}
