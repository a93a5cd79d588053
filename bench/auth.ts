// The auth benchmark: how long one sign-in takes (argon2id at the chosen cost), and what a session
// lookup plus the policy check add to a request, against the same request anonymous.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importText } from '../src/archive/import.js';
import { Auth } from '../src/auth/auth.js';
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from '../src/auth/passwords.js';
import { DEFAULT_AUTH } from '../src/config.js';
import { loadDutchWordList } from '../src/extract/word-list.js';
import { createAnalyzer } from '../src/search/analysis.js';
import { buildServer } from '../src/server/app.js';
import { Store } from '../src/store/store.js';
import { PROJECT_ROOT } from './generate-corpus.js';
import { machineLine, ms, summarise, table } from './report.js';

const LOGINS = 20;
const REQUESTS = 2000;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(
      'usage: npm run bench -- auth\n\nTimes sign-in (argon2id hashing and verifying) and the cost of a session look-up and policy check on\nan API request, against the same request anonymous, on a small temporary archive over loopback.',
    );
    return 0;
  }
  console.log('auth benchmark');
  console.log(machineLine());
  console.log(
    `argon2id: memory ${ARGON2_OPTIONS.memoryCost / 1024} MiB, ${ARGON2_OPTIONS.timeCost} passes, parallelism ${ARGON2_OPTIONS.parallelism}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-bench-auth-'));
  const store = await Store.open(join(dir, 'archive.db'));
  const words = await loadDutchWordList();
  const analyzer = createAnalyzer(words);
  // The sample publications, so that the search request finds something.
  const samples = join(PROJECT_ROOT, 'samples');
  for (const name of readdirSync(samples).filter((n) => n.endsWith('.txt'))) {
    await importText({ store, analyzer, words }, readFileSync(join(samples, name), 'utf8'), name);
  }
  const auth = new Auth(store.accounts, randomBytes(32), DEFAULT_AUTH);
  const password = 'een lang genoeg wachtwoord';
  const hash = await hashPassword(password);
  await store.accounts.addUser({
    email: 'bench@example.org',
    name: 'Bench',
    passwordHash: hash,
    admin: false,
  });

  const verifyTimes: number[] = [];
  for (let i = 0; i < LOGINS; i++) {
    const t = performance.now();
    await verifyPassword(hash, password);
    verifyTimes.push(performance.now() - t);
  }
  const loginTimes: number[] = [];
  for (let i = 0; i < LOGINS; i++) {
    const t = performance.now();
    const result = await auth.login('bench@example.org', password, {
      address: '127.0.0.1',
      userAgent: 'bench',
    });
    loginTimes.push(performance.now() - t);
    if (!result.ok) throw new Error('bench sign-in failed');
  }
  const signIn = await auth.login('bench@example.org', password, {
    address: '127.0.0.1',
    userAgent: 'bench',
  });
  if (!signIn.ok) throw new Error('bench sign-in failed');

  const app = await buildServer({ store, analyzer, words, auth, webRoot: null });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const token = (await auth.createToken(1, 'bench', ['read'])).secret;
  const variants = [
    ['anonymous (baseline)', {}],
    ['session cookie', { cookie: `vraagbaak_session=${signIn.sessionSecret}` }],
    ['API token', { authorization: `Bearer ${token}` }],
  ] as const;
  const rows: string[][] = [];
  for (const path of ['/api/v1/search?q=datacenters', '/api/v1/health', '/api/v1/sessions/current']) {
    // Interleaved request by request, so that the machine's drift touches the three alike.
    const times: number[][] = variants.map(() => []);
    for (let i = 0; i < REQUESTS; i++) {
      for (const [v, [, headers]] of variants.entries()) {
        const t = performance.now();
        const response = await fetch(`${url}${path}`, { headers });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        if (i >= REQUESTS / 10) times[v]!.push(performance.now() - t);
      }
    }
    const base = summarise(times[0]!);
    for (const [v, [name]] of variants.entries()) {
      const s = summarise(times[v]!);
      const added = s.p50 - base.p50;
      rows.push([path, name, ms(s.p50), ms(s.p95), ms(s.mean), `${added >= 0 ? '+' : ''}${ms(added)}`]);
    }
  }
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const v = summarise(verifyTimes);
  const l = summarise(loginTimes);
  console.log('');
  console.log(
    table(
      ['sign-in', 'n', 'p50 ms', 'p95 ms', 'mean ms', 'per second (one core)'],
      [
        ['argon2id verify', String(v.n), ms(v.p50), ms(v.p95), ms(v.mean), (1000 / v.mean).toFixed(1)],
        [
          'whole sign-in (verify + session)',
          String(l.n),
          ms(l.p50),
          ms(l.p95),
          ms(l.mean),
          (1000 / l.mean).toFixed(1),
        ],
      ],
    ),
  );
  console.log(
    `goal: one sign-in 50–250 ms: ${l.p50 >= 50 && l.p50 <= 250 ? 'met' : 'not met'} (p50 ${ms(l.p50)} ms)`,
  );
  console.log('');
  console.log(`requests over loopback, ${REQUESTS} each (the first tenth not counted), one at a time:`);
  console.log(table(['endpoint', 'who', 'p50 ms', 'p95 ms', 'mean ms', 'added (p50)'], rows));
  return 0;
}
