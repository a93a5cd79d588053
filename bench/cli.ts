// Small helpers shared by the benchmark scripts: option parsing and usage errors.
import { parseArgs } from 'node:util';

/** A mistake in how a benchmark was called: bench/run.ts prints the message and exits 2, without a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CorpusArgs {
  mb: number | undefined;
  seed: number | undefined;
  fixtures: string | undefined;
  regenerate: boolean;
  help: boolean;
}

export const CORPUS_OPTIONS_HELP = [
  '  --mb <n>           corpus size in MB (10^6 bytes), default 50',
  '  --seed <n>         seed of the corpus generator, default 1',
  '  --fixtures <dir>   fixtures to draw structure and vocabulary from',
  '                     (default ../shared/fixtures, else test/fixtures)',
  '  --regenerate       regenerate the corpus even when it is up to date',
].join('\n');

/** Parses the options every corpus-based command takes; throws UsageError on anything else. */
export function parseCorpusArgs(args: readonly string[]): CorpusArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        mb: { type: 'string' },
        seed: { type: 'string' },
        fixtures: { type: 'string' },
        regenerate: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    mb: numberOption('--mb', values.mb, (n) => n > 0 && n <= 100_000),
    seed: numberOption('--seed', values.seed, (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff),
    fixtures: typeof values.fixtures === 'string' ? values.fixtures : undefined,
    regenerate: values.regenerate === true,
    help: values.help === true,
  };
}

function numberOption(name: string, raw: unknown, valid: (n: number) => boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || !valid(n)) {
    throw new UsageError(`invalid value for ${name}: '${String(raw)}'`);
  }
  return n;
}
