// Real `vraagbaak serve` processes (the compiled CLI, test/helpers/cli.ts), each on a port of its own and
// all on one database, for the tests of many server processes at once. Each listens on a port the system
// picks (--port 0: no race for a free one) and says which in its log; it counts as started when its
// readiness endpoint answers that the database does. Whatever happens to the test, they are ended: by
// stopServerProcesses, and else when the test's process exits.
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { cliArgs } from './cli.js';

export interface ServerProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  pid: number;
  /** Still running (it has not exited, for whatever reason). */
  alive(): boolean;
  /** The lines its log had at level error or worse (a request that failed with a 500, a crash). */
  errors(): string[];
  /** Its last lines of output (the log and stderr), for a failure's message. */
  tail(): string;
}

export interface ServerProcessOptions {
  /** The database all of them use (--db): an SQLite file or a PostgreSQL URL. */
  db: string;
  /** Added to the environment (after the variables that would choose another database are removed). */
  env?: Record<string, string>;
  /** Their working directory (no vraagbaak.config.json there, unless the test puts one). */
  cwd: string;
  /** How long they may take together to be ready (ms). */
  timeoutMs?: number;
  /**
   * How many start at the same time (default two per core): a start is mostly CPU (loading the code),
   * and twenty at once on two cores would each take ten times as long, long enough for a first database
   * connection to time out; the next starts as soon as one is ready, so the cores stay busy.
   */
  concurrency?: number;
}

const TAIL = 60;
const running = new Set<ChildProcess>();

// The test runner's process ends a test file's process when it is done or cancelled; no server outlives it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (
      name === 'DATABASE_URL' ||
      name === 'VRAAGBAAK_DB' ||
      name === 'VRAAGBAAK_CONFIG' ||
      name === 'PORT' ||
      name.startsWith('VRAAGBAAK_SMTP_') ||
      name.startsWith('VRAAGBAAK_OIDC_')
    ) {
      delete env[name];
    }
  }
  return { ...env, ...extra };
}

function startOne(options: ServerProcessOptions, deadline: number): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    cliArgs('serve', '--port', '0', '--db', options.db, '--no-web', '--log-level', 'info'),
    { cwd: options.cwd, env: environment(options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  const lines: string[] = [];
  const errors: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > TAIL) lines.shift();
  };
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    running.delete(child);
    exited = `exited (${signal ?? code})`;
    keep(`[${exited}]`);
  });
  const tail = () => `pid ${child.pid}:\n${lines.join('\n')}`;
  createInterface({ input: child.stderr! }).on('line', (line) => {
    keep(`stderr: ${line}`);
    errors.push(line);
  });
  return new Promise<ServerProcess>((resolve, reject) => {
    let url: string | null = null;
    const fail = (why: string) => {
      child.kill('SIGKILL');
      reject(new Error(`a server process did not start: ${why}\n${tail()}`));
    };
    child.once('error', (error) => fail(error.message));
    child.once('exit', () => {
      if (!url) fail(exited ?? 'exited');
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      let entry: { level?: number; msg?: string } = {};
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if ((entry.level ?? 0) >= 50) errors.push(line);
      const listening = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/.exec(entry.msg ?? '');
      if (!listening || url) return;
      url = listening[1]!;
      const base = url;
      void (async () => {
        // Listening is not yet ready: ready is when the database answers.
        while (Date.now() < deadline) {
          if (exited) return;
          try {
            const response = await fetch(`${base}/api/v1/readiness`);
            const body = (await response.json()) as { status?: string };
            if (response.status === 200 && body.status === 'ok') {
              resolve({
                url: base,
                pid: child.pid!,
                alive: () => exited === null,
                errors: () => [...errors],
                tail,
              });
              return;
            }
          } catch {
            // not answering yet
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        fail('its readiness endpoint did not answer 200 in time');
      })();
    });
    const timer = setTimeout(() => {
      if (!url) fail('it did not say where it listens in time');
    }, deadline - Date.now());
    timer.unref();
  });
}

/**
 * Starts `count` server processes on one database, `concurrency` at a time, and answers when every one
 * is ready. When one cannot start, all are ended and the error says why (with its last output).
 */
export async function startServerProcesses(
  count: number,
  options: ServerProcessOptions,
): Promise<ServerProcess[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const lanes = Math.max(1, Math.min(count, options.concurrency ?? 2 * availableParallelism()));
  const servers: ServerProcess[] = [];
  let failure = null as { reason: unknown } | null;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count && !failure) {
        const k = next++;
        try {
          servers[k] = await startOne(options, deadline);
        } catch (reason) {
          failure ??= { reason };
        }
      }
    }),
  );
  if (failure) {
    await stopServerProcesses();
    throw failure.reason;
  }
  return servers;
}

/**
 * Ends every server process still running: SIGTERM (a server closes its database and exits 0), and
 * SIGKILL for one that has not exited after `graceMs`. Answers how each ended.
 */
export async function stopServerProcesses(
  graceMs = 10_000,
): Promise<{ pid: number; code: number | null; signal: NodeJS.Signals | null }[]> {
  return Promise.all(
    [...running].map(
      (child) =>
        new Promise<{ pid: number; code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ pid: child.pid!, code, signal });
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
