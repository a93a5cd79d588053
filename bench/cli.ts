// Small helpers shared by the benchmark scripts: option parsing and usage errors.
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A mistake in how a benchmark was called: bench/run.ts prints the message and exits 2, without a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CorpusArgs {
  mb: number | undefined;
  /** Only when parsed with `{ questions: true }`. */
  questions: number | undefined;
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

export const QUESTIONS_OPTION_HELP =
  '  --questions <n>    corpus size in questions instead of MB (kept in bench/.corpus-<n>, e.g. .corpus-1m)';

/** The largest corpus a benchmark may ask for, in questions. */
export const MAX_QUESTIONS = 20_000_000;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** node:util parseArgs with strict options and no positionals; its errors become UsageErrors. */
export function parseOptions(
  args: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
): Values {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses the options every corpus-based command takes; throws UsageError on anything else. */
export function parseCorpusArgs(args: readonly string[], allow: { questions?: boolean } = {}): CorpusArgs {
  const values = parseOptions(args, {
    mb: { type: 'string' },
    ...(allow.questions ? { questions: { type: 'string' } } : {}),
    seed: { type: 'string' },
    fixtures: { type: 'string' },
    regenerate: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  return {
    mb: numberOption('--mb', values.mb, (n) => n > 0 && n <= 100_000),
    questions: questionsOption(values.questions),
    seed: seedOption(values.seed),
    fixtures: typeof values.fixtures === 'string' ? values.fixtures : undefined,
    regenerate: values.regenerate === true,
    help: values.help === true,
  };
}

export function questionsOption(raw: unknown): number | undefined {
  return numberOption('--questions', raw, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_QUESTIONS);
}

export function seedOption(raw: unknown): number | undefined {
  return numberOption('--seed', raw, (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff);
}

/** A numeric option: undefined when absent; a UsageError when it is not a number `valid` accepts. */
export function numberOption(name: string, raw: unknown, valid: (n: number) => boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || !valid(n)) {
    throw new UsageError(`invalid value for ${name}: '${String(raw)}'`);
  }
  return n;
}
