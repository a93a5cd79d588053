// Runs one benchmark by name: `npm run bench -- <name> [options]`.
// Benchmarks measure; they are not tests and never fail on timing.
import { UsageError } from './cli.js';

export interface Benchmark {
  /** Runs the benchmark with the arguments after its name; resolves to the exit code (default 0). */
  run(args: string[]): Promise<number | undefined>;
}

const benchmarks: Record<string, { describe: string; load: () => Promise<Benchmark> }> = {
  parse: {
    describe:
      'text reader throughput and memory on a generated corpus of 50 MB, against a line-split baseline',
    load: () => import('./parse.js'),
  },
  import: {
    describe:
      'archive import speed and database size on a generated corpus of 1 000 000 questions, against the same rows without a search index',
    load: () => import('./import.js'),
  },
  search: {
    describe:
      'search and similar-question latency and memory on the imported 1 000 000 questions, against a plain FTS5 table; relevance of both',
    load: () => import('./search.js'),
  },
  ranking: {
    describe:
      'term-vector ranking against FTS5 bm25() on the 1 000 000-question archive, interleaved query by query',
    load: () => import('./ranking.js'),
  },
  auth: {
    describe:
      'sign-in time (argon2id) and the cost of a session or token look-up and policy check per request',
    load: () => import('./auth.js'),
  },
  formats: {
    describe:
      'each reader (HTML, DOCX, PDF) on the generated corpus rendered into its format, against the text reader on the same publications; peak memory',
    load: () => import('./formats.js'),
  },
  workflow: {
    describe:
      'answer saves by 200 concurrent drafters against one server on SQLite for 60 s: saves/s, p95, lost or overwritten saves (none), against /api/v1/health at the same pace',
    load: () => import('./workflow.js'),
  },
  http: {
    describe:
      'HTTP search throughput and latency (autocannon, 1–64 connections) on the 1 000 000-question archive, against /api/v1/health; web app size and time to a rendered search page',
    load: () => import('./http.js'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(benchmarks).map((n) => n.length));
  const list = Object.entries(benchmarks)
    .map(([name, b]) => `  ${name.padEnd(width)}  ${b.describe}`)
    .join('\n');
  return `usage: npm run bench -- <name> [options]   (<name> --help for its options)\n\nbenchmarks:\n${list}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  const entry = name !== undefined && Object.hasOwn(benchmarks, name) ? benchmarks[name] : undefined;
  if (!entry) {
    console.error(name === undefined ? 'no benchmark name given' : `unknown benchmark '${name}'`);
    console.error(usage());
    return 2;
  }
  const benchmark = await entry.load();
  return (await benchmark.run(args)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`bench: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
