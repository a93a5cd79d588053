// `vraagbaak serve`: the web app and the HTTP API on one port, over the archive database.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { importSource } from '../../archive/import.js';
import { Auth } from '../../auth/auth.js';
import { authConfig, ConfigError, loadConfig, loadSecret, oidcSettings, secretPath } from '../../config.js';
import { notifySettings } from '../../notify/config.js';
import { Notifier } from '../../notify/notifier.js';
import { isReadError } from '../../read/errors.js';
import { buildServer, DEFAULT_UPLOAD_LIMIT } from '../../server/app.js';
import { CLOSED_DAYS_NL } from '../../workflow/deadlines.js';

const NOTIFY_EVERY_MS = 5 * 60_000;

import { openArchive, withArchive } from '../context.js';
import { expandPaths, readSourceBytes } from '../files.js';
import { UsageError } from '../output.js';

/** dist/web, from src/cli/commands (tsx) and dist/cli/commands (built) alike. */
const WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

interface ServeOptions {
  port: string;
  host: string;
  db?: string;
  samples?: string;
  workers: string;
  uploadLimit?: string;
  logLevel: string;
  web: boolean;
  behindHttps?: boolean;
}

function whole(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Fills an empty archive with the sample publications, so that a first start has something to show. */
async function importSamples(db: string | undefined, dir: string): Promise<void> {
  await withArchive(db, async (ctx) => {
    const { publications } = await ctx.store.counts();
    if (publications > 0) return;
    const { files } = await expandPaths([dir]);
    let stored = 0;
    for (const file of files) {
      try {
        await importSource(ctx, await readSourceBytes(file), file);
        stored++;
      } catch (error) {
        if (!isReadError(error)) throw error;
        process.stderr.write(`sample ${file}: ${error.message}\n`);
      }
    }
    process.stderr.write(`the archive was empty: imported ${stored} sample publications from ${dir}\n`);
  });
}

async function startWorker(options: ServeOptions, port: number, uploadLimit: number): Promise<void> {
  const ctx = await openArchive(options.db);
  const config = loadConfig();
  const secret = loadSecret(secretPath(config, ctx.dbPath));
  const auth = new Auth(ctx.store.accounts, secret, authConfig(config));
  const oidc = oidcSettings(config);
  const calendar = { recesses: config.recesses ?? [], closedDays: CLOSED_DAYS_NL };
  const notifier = Notifier.fromSettings(ctx.store, notifySettings(), { calendar });
  const app = await buildServer({
    ...ctx,
    auth,
    ...(oidc ? { oidc: { settings: oidc, secret } } : {}),
    webRoot: options.web ? WEB_ROOT : null,
    uploadLimit,
    behindHttps: options.behindHttps ?? false,
    calendar,
    notifier,
    logger: {
      level: options.logLevel,
      // Cookies and tokens never reach the log.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });
  // Reminders, the daily digest and mail retries: every few minutes; each day's run is made once, by
  // whichever process comes first (src/notify/notifier.ts).
  const ticks = setInterval(() => void notifier.tick(), NOTIFY_EVERY_MS);
  ticks.unref();
  void notifier.tick();
  const stop = async () => {
    clearInterval(ticks);
    await app.close();
    await notifier.idle();
    notifier.close();
    await ctx.store.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await app.listen({ port, host: options.host });
}

/** Node's arguments with the young generation's size set, unless the caller set it. */
function withYoungGeneration(execArgv: readonly string[]): string[] {
  return execArgv.some((a) => a.startsWith('--max-semi-space-size'))
    ? [...execArgv]
    : [...execArgv, '--max-semi-space-size=64'];
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start de webapp en de API. / Serve the web app and the HTTP API.')
    .option('-p, --port <port>', 'port to listen on', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <path>', 'database file (default: $VRAAGBAAK_DB or ./data/vraagbaak.db)')
    .option('--samples <dir>', 'when the archive is empty, import the publications in this folder first')
    .option('-w, --workers <n>', "processes serving requests ('auto': one per core)", '1')
    .option(
      '--upload-limit <mb>',
      `largest upload accepted, in MB (default ${DEFAULT_UPLOAD_LIMIT / 1024 / 1024})`,
    )
    .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', 'info')
    .option('--no-web', 'serve the API only')
    .option('--behind-https', 'a proxy in front terminates HTTPS (sends HSTS, trusts X-Forwarded-*)')
    .action(async (options: ServeOptions) => {
      try {
        const config = loadConfig();
        options.db ??= config.database;
        options.behindHttps ??= config.behindHttps;
        options.uploadLimit ??= String(config.uploadLimitMb ?? DEFAULT_UPLOAD_LIMIT / 1024 / 1024);
        oidcSettings(config); // an incomplete single sign-on section is a usage error, before anything starts
        notifySettings(); // likewise a wrong SMTP or reminder setting
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      const port = whole(options.port, 'port', 0, 65_535);
      const uploadLimit = whole(options.uploadLimit ?? '20', 'upload limit', 1, 1024) * 1024 * 1024;
      const workers =
        options.workers === 'auto' ? availableParallelism() : whole(options.workers, 'workers', 1, 64);
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(options.logLevel)) {
        throw new UsageError(`unknown log level '${options.logLevel}'`);
      }
      if (workers === 1 || !cluster.isPrimary) {
        if (cluster.isPrimary && options.samples) await importSamples(options.db, options.samples);
        await startWorker(options, port, uploadLimit);
        return;
      }
      // Several processes share the port (better-sqlite3 is synchronous: one query at a time each).
      // The primary prepares the database first, so that workers never migrate at the same time.
      await withArchive(options.db, async () => {});
      if (options.samples) await importSamples(options.db, options.samples);
      // A young generation of 64 MB rather than V8's 16: a search allocates a few MB that die with its
      // response, and fewer scavenges cost about 3 % less CPU a search (measured on the benchmark archive).
      cluster.setupPrimary({ execArgv: withYoungGeneration(process.execArgv) });
      for (let i = 0; i < workers; i++) cluster.fork();
      cluster.on('exit', (worker, code, signal) => {
        if (signal !== 'SIGTERM' && signal !== 'SIGINT' && code !== 0) {
          process.stderr.write(
            `worker ${worker.process.pid} stopped (${signal ?? code}); starting another\n`,
          );
          cluster.fork();
        }
      });
      const stopAll = () => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
      };
      process.once('SIGTERM', stopAll);
      process.once('SIGINT', stopAll);
    });
}
