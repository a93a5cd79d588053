// The HTTP benchmark: autocannon on loopback against /api/v1/search over the 1 000 000-question archive,
// a mix of typical queries, raising the connections until p95 passes 100 ms; /api/v1/health as the
// baseline (the server's own floor). Also the web app's JavaScript size and the time to a rendered
// search page in Chromium.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { benchDbPaths } from './bench-db.js';
import { parseOptions, questionsOption, seedOption } from './cli.js';
import { PROJECT_ROOT } from './generate-corpus.js';
import { generateQueries } from './queries.js';
import { count, machineLine, ms, percentile, table } from './report.js';
import { ensureArchive } from './search.js';

const DEFAULT_QUESTIONS = 1_000_000;
const STEPS = [1, 4, 16, 64];
const P95_LIMIT_MS = 100;
const GOAL_RPS = 300;

interface HttpOptions {
  questions: number;
  seed: number;
  seconds: number;
  workers: number;
  port: number;
  help: boolean;
}

function parseHttpArgs(args: readonly string[]): HttpOptions {
  const values = parseOptions(args, {
    questions: { type: 'string' },
    seed: { type: 'string' },
    seconds: { type: 'string' },
    workers: { type: 'string' },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  return {
    questions: questionsOption(values.questions) ?? DEFAULT_QUESTIONS,
    seed: seedOption(values.seed) ?? 1,
    seconds: Number(values.seconds ?? 30),
    workers: Number(values.workers ?? 2),
    port: Number(values.port ?? 3900),
    help: values.help === true,
  };
}

function help(): string {
  return [
    'usage: npm run bench -- http [options]',
    '',
    'Starts `vraagbaak serve` on 127.0.0.1 over the archive `npm run bench -- import` builds, then runs',
    'autocannon against /api/v1/health (baseline) and /api/v1/search (100 typical queries in turn, facets',
    'included, as the web app asks) with 1, 4, 16, 64 connections, stopping when p95 passes 100 ms.',
    '',
    'options:',
    `  --questions <n>   archive size, default ${count(DEFAULT_QUESTIONS)}`,
    '  --seed <n>        query set seed, default 1',
    '  --seconds <n>     seconds per step, default 30',
    '  --workers <n>     server processes, default 2 (one per core)',
    '  --port <n>        port, default 3900',
  ].join('\n');
}

interface Step {
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** One autocannon run; latencies are recorded per response, since autocannon reports no p95. */
async function load(
  base: string,
  paths: readonly string[],
  connections: number,
  seconds: number,
): Promise<Step> {
  let next = 0;
  const latencies: number[] = [];
  let bad = 0;
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: base,
      connections,
      duration: seconds,
      requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, status, _bytes, time) => {
    latencies.push(time);
    if (status >= 400) bad++;
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    connections,
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: bad + result.errors + result.timeouts,
  };
}

async function rampUp(
  name: string,
  base: string,
  paths: readonly string[],
  seconds: number,
): Promise<Step[]> {
  const steps: Step[] = [];
  for (const connections of STEPS) {
    const step = await load(base, paths, connections, seconds);
    steps.push(step);
    console.log(
      `  ${name}, ${connections} connection${connections > 1 ? 's' : ''}: ${count(step.rps)} req/s, ` +
        `p95 ${ms(step.p95)} ms, ${step.errors} errors`,
    );
    if (step.p95 > P95_LIMIT_MS) break;
  }
  return steps;
}

/** `vraagbaak serve` over the archive on 127.0.0.1, from the sources (so that it runs the current code). */
function serve(db: string, port: number, extra: readonly string[]): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(PROJECT_ROOT, 'src/cli/main.ts'),
      'serve',
      '--db',
      db,
      '--port',
      String(port),
      '--log-level',
      'warn',
      ...extra,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

async function waitReady(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server stopped (exit ${server.exitCode})`);
    try {
      if ((await fetch(`${base}/api/v1/readiness`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become ready in 2 minutes');
}

function webSizes(): string {
  const assets = join(PROJECT_ROOT, 'dist/web/assets');
  if (!existsSync(assets)) return 'web app not built (npm run build)';
  const size = (ext: string) =>
    readdirSync(assets)
      .filter((f) => f.endsWith(ext))
      .reduce(
        (s, f) => {
          const bytes = readFileSync(join(assets, f));
          return { raw: s.raw + bytes.length, gz: s.gz + gzipSync(bytes, { level: 9 }).length };
        },
        { raw: 0, gz: 0 },
      );
  const js = size('.js');
  const css = size('.css');
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return `JavaScript ${kb(js.raw)} (${kb(js.gz)} gzipped), CSS ${kb(css.raw)} (${kb(css.gz)} gzipped)`;
}

/** Time from navigation to the first highlighted result on the search page, in a fresh Chromium profile. */
async function timeToSearchPage(base: string, query: string): Promise<string> {
  const chromium = '/usr/bin/chromium';
  if (!existsSync(chromium)) return 'Chromium missing (apt-get install chromium)';
  const { chromium: driver } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'vraagbaak-bench-'));
  const context = await driver.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await page.goto(`${base}/zoeken?q=${encodeURIComponent(query)}`);
      await page.locator('main mark').first().waitFor({ timeout: 30_000 });
      times.push(performance.now() - started);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return `first (cold cache) ${ms(times[0]!)} ms, median of 5 ${ms(sorted[2]!)} ms ('${query}')`;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<number> {
  const options = parseHttpArgs(args);
  if (options.help) {
    console.log(help());
    return 0;
  }
  console.log('http benchmark');
  console.log(machineLine());
  const paths = benchDbPaths(options.questions);
  await ensureArchive(
    { questions: options.questions, seed: options.seed, fixtures: undefined, reimport: false },
    paths,
  );
  const reader = new SQLite(paths.archive, { readonly: true, fileMustExist: true });
  const set = generateQueries(reader, options.seed, 100);
  reader.close();
  const searchPaths = set.queries.map((q) => {
    const params = new URLSearchParams({ q: q.text });
    for (const [key, value] of Object.entries(q.filters ?? {})) params.set(key, String(value));
    return `/api/v1/search?${params}`;
  });

  const base = `http://127.0.0.1:${options.port}`;
  const server = serve(paths.archive, options.port, ['--workers', String(options.workers)]);
  try {
    await waitReady(base, server);
    console.log(
      `server: vraagbaak serve, ${options.workers} worker process(es), ${paths.archive}; load from this process ` +
        '(autocannon shares the 2 cores with the server)',
    );
    // Warm: every query once, so that the page cache holds what the queries touch.
    for (const path of searchPaths) {
      const response = await fetch(`${base}${path}`);
      if (!response.ok) throw new Error(`warm-up: ${path} answered ${response.status}`);
      await response.arrayBuffer();
    }
    console.log(`queries: ${searchPaths.length} typical queries (seed ${options.seed}), facets included`);
    console.log(
      `steps: ${options.seconds} s each, connections ${STEPS.join(', ')} until p95 > ${P95_LIMIT_MS} ms`,
    );
    const health = await rampUp('health', base, ['/api/v1/health'], options.seconds);
    const search = await rampUp('search', base, searchPaths, options.seconds);
    const rows = [
      ...health.map((s) => ['/api/v1/health (baseline)', s] as const),
      ...search.map((s) => ['/api/v1/search', s] as const),
    ].map(([name, s]) => [
      name,
      String(s.connections),
      count(s.rps),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      String(s.errors),
    ]);
    console.log('');
    console.log(table(['endpoint', 'connections', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'], rows));
    const best = search
      .filter((s) => s.p95 < P95_LIMIT_MS && s.errors === 0)
      .sort((a, b) => b.rps - a.rps)[0];
    console.log(
      best
        ? `best search step within p95 < ${P95_LIMIT_MS} ms and no errors: ${count(best.rps)} req/s at ${best.connections} connections ` +
            `(goal ≥ ${GOAL_RPS}/s: ${best.rps >= GOAL_RPS ? 'met' : 'not met'})`
        : `no search step stayed under p95 ${P95_LIMIT_MS} ms without errors (goal ≥ ${GOAL_RPS}/s: not met)`,
    );
  } finally {
    server.kill('SIGTERM');
  }

  // The web app, served over the same archive.
  console.log('');
  console.log(`web app: ${webSizes()}`);
  if (existsSync(join(PROJECT_ROOT, 'dist/web/index.html'))) {
    const web = serve(paths.archive, options.port + 1, []);
    try {
      const webBase = `http://127.0.0.1:${options.port + 1}`;
      await waitReady(webBase, web);
      const query = set.queries[0]?.text ?? 'overheid';
      console.log(`time to a rendered search page in Chromium: ${await timeToSearchPage(webBase, query)}`);
    } finally {
      web.kill('SIGTERM');
    }
  }
  return 0;
}
