// The HTTP benchmark: autocannon on loopback against /api/v1/search over the 1 000 000-question archive,
// a mix of typical queries, raising the connections until p95 passes 100 ms; /api/v1/health as the
// baseline (the server's own floor). Also the web app's JavaScript size and the time to a rendered
// search page in Chromium.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { benchDbPaths } from './bench-db.js';
import { numberOption, parseOptions, questionsOption, seedOption } from './cli.js';
import { PROJECT_ROOT } from './generate-corpus.js';
import { generateQueries } from './queries.js';
import { count, machineLine, ms, percentile, table } from './report.js';
import { ensureArchive } from './search.js';

const DEFAULT_QUESTIONS = 1_000_000;
const DEFAULT_QUERIES = 100;
const STEPS = [1, 4, 16, 64];
const P95_LIMIT_MS = 100;
const GOAL_RPS = 300;

interface HttpOptions {
  questions: number;
  seed: number;
  seconds: number;
  workers: number;
  queries: number;
  port: number;
  help: boolean;
}

export function parseHttpArgs(args: readonly string[]): HttpOptions {
  const values = parseOptions(args, {
    questions: { type: 'string' },
    seed: { type: 'string' },
    seconds: { type: 'string' },
    workers: { type: 'string' },
    queries: { type: 'string' },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  return {
    questions: questionsOption(values.questions) ?? DEFAULT_QUESTIONS,
    seed: seedOption(values.seed) ?? 1,
    seconds: numberOption('--seconds', values.seconds, (n) => n > 0 && n <= 3600) ?? 30,
    workers: numberOption('--workers', values.workers, (n) => Number.isInteger(n) && n >= 1 && n <= 64) ?? 2,
    queries:
      numberOption('--queries', values.queries, (n) => Number.isInteger(n) && n >= 1 && n <= 10_000) ??
      DEFAULT_QUERIES,
    port: numberOption('--port', values.port, (n) => Number.isInteger(n) && n >= 1 && n <= 65_534) ?? 3900,
    help: values.help === true,
  };
}

function help(): string {
  return [
    'usage: npm run bench -- http [options]',
    '',
    'Starts `vraagbaak serve` on 127.0.0.1 over the archive `npm run bench -- import` builds, then runs',
    `autocannon against /api/v1/health (baseline) and /api/v1/search (${DEFAULT_QUERIES} typical queries in turn, facets`,
    'included, as the web app asks) with 1, 4, 16, 64 connections, stopping when p95 passes 100 ms.',
    '',
    'options:',
    `  --questions <n>   archive size, default ${count(DEFAULT_QUESTIONS)}`,
    '  --seed <n>        query set seed, default 1',
    '  --seconds <n>     seconds per step, default 30',
    '  --workers <n>     server processes, default 2 (one per core)',
    `  --queries <n>     how many different queries, default ${DEFAULT_QUERIES} (more: fewer asked again)`,
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
  /** CPU time of the server's processes per request (ms), and each worker's share of it; null off Linux. */
  serverCpu: number | null;
  workerShares: number[];
  /** CPU time of this process (autocannon) per request (ms). */
  loadCpu: number;
}

/** CPU seconds (user + system) of a process from /proc, or 0 when it cannot be read. */
function cpuSeconds(pid: number): number {
  try {
    // The fields after the command (which may hold spaces) start after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The server's processes: the primary and, with workers, its children (Linux only; else the primary). */
function serverProcesses(server: ChildProcess): { primary: number; workers: number[] } | null {
  const pid = server.pid;
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
  let workers: number[] = [];
  try {
    workers = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter((p) => p.trim() !== '')
      .map(Number);
  } catch {
    // no children file: one process
  }
  return { primary: pid, workers };
}

/** One autocannon run; latencies are recorded per response, since autocannon reports no p95. */
async function load(
  base: string,
  paths: readonly string[],
  connections: number,
  seconds: number,
  server: ChildProcess,
): Promise<Step> {
  const processes = serverProcesses(server);
  const all = processes ? [processes.primary, ...processes.workers] : [];
  const cpuBefore = all.map(cpuSeconds);
  const ownBefore = process.cpuUsage();
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
  const cpu = all.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!);
  const own = process.cpuUsage(ownBefore);
  const requests = Math.max(1, latencies.length);
  const workerCpu = processes && processes.workers.length > 0 ? cpu.slice(1) : cpu;
  const workerTotal = workerCpu.reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  return {
    serverCpu: processes ? (cpu.reduce((a, b) => a + b, 0) * 1000) / requests : null,
    workerShares: workerTotal > 0 ? workerCpu.map((c) => c / workerTotal) : [],
    loadCpu: (own.user + own.system) / 1000 / requests,
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
  server: ChildProcess,
): Promise<Step[]> {
  const steps: Step[] = [];
  for (const connections of STEPS) {
    const step = await load(base, paths, connections, seconds, server);
    steps.push(step);
    const shares = step.workerShares.map((w) => `${Math.round(w * 100)}%`).join('/');
    console.log(
      `  ${name}, ${connections} connection${connections > 1 ? 's' : ''}: ${count(step.rps)} req/s, ` +
        `p95 ${ms(step.p95)} ms, ${step.errors} errors; CPU per request: server ` +
        `${step.serverCpu === null ? '?' : ms(step.serverCpu)} ms${shares ? ` (workers ${shares})` : ''}, ` +
        `autocannon ${ms(step.loadCpu)} ms`,
    );
    if (step.p95 > P95_LIMIT_MS) break;
  }
  return steps;
}

/** `vraagbaak serve` over the archive on 127.0.0.1, from the sources (so that it runs the current code). */
export function serve(db: string, port: number, extra: readonly string[] = []): ChildProcess {
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

export async function waitReady(base: string, server: ChildProcess): Promise<void> {
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

/**
 * Every path in turn over each of `2 × workers` keep-alive connections at once: the primary hands each
 * connection to a worker in turn, so every worker sees every path (one connection would warm one worker).
 */
async function warmUp(base: string, paths: readonly string[], workers: number): Promise<void> {
  const lanes = Array.from({ length: Math.max(1, workers) * 2 }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const path of paths) {
        const status = await new Promise<number>((resolve, reject) => {
          const request = httpGet(`${base}${path}`, { agent }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          });
          request.on('error', reject);
        });
        if (status !== 200) throw new Error(`warm-up: ${path} answered ${status}`);
      }
    } finally {
      agent.destroy();
    }
  });
  await Promise.all(lanes);
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
  const set = generateQueries(reader, options.seed, options.queries);
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
    // Warm: every query once in each worker, so that the page cache holds what the queries touch and each
    // process has its caches (document frequencies, facet values) filled, as after some minutes of use.
    await warmUp(base, searchPaths, options.workers);
    console.log(
      `queries: ${searchPaths.length} typical queries in turn (seed ${options.seed}), facets included`,
    );
    console.log(
      `steps: ${options.seconds} s each, connections ${STEPS.join(', ')} until p95 > ${P95_LIMIT_MS} ms`,
    );
    const health = await rampUp('health', base, ['/api/v1/health'], options.seconds, server);
    const search = await rampUp('search', base, searchPaths, options.seconds, server);
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
      s.serverCpu === null ? '?' : ms(s.serverCpu),
    ]);
    console.log('');
    console.log(
      table(
        ['endpoint', 'connections', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'server CPU ms/req'],
        rows,
      ),
    );
    console.log(
      '  server CPU ms/req: CPU time of the server processes per request, from /proc (what the code costs, ' +
        'whatever else the machine runs); the machine has ' +
        `${availableParallelism()} cores for the server and autocannon together`,
    );
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
