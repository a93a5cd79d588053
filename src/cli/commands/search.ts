// `vraagbaak search QUERY` and `vraagbaak similar`: find earlier questions and their answers.
import type { Command } from 'commander';
import { normaliseSession } from '../../model/ids.js';
import { Chamber, PublicationKind } from '../../model/publication.js';
import { QueryError } from '../../search/query.js';
import { type SearchFilters, type SearchResult, search, similar } from '../../search/search.js';
import { markSnippet } from '../../search/snippets.js';
import { withArchive } from '../context.js';
import { UsageError } from '../output.js';

interface FilterOptions {
  chamber?: string;
  session?: string;
  fromSession?: string;
  toSession?: string;
  committee?: string;
  addressee?: string;
  kind?: string;
  dossier?: string;
  from?: string;
  to?: string;
}

function sessionYear(option: string, value: string): number {
  const session = normaliseSession(value);
  if (!session) throw new UsageError(`--${option} must be a session like 2022-2023, not '${value}'`);
  return Number(session.slice(0, 4));
}

function isoDate(option: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`--${option} must be a date like 2023-06-08, not '${value}'`);
  }
  return value;
}

export function filtersFrom(o: FilterOptions): SearchFilters {
  const f: SearchFilters = {};
  if (o.chamber !== undefined) {
    if (!Chamber.safeParse(o.chamber).success) {
      throw new UsageError(`--chamber must be one of ${Chamber.options.join(', ')}, not '${o.chamber}'`);
    }
    f.chamber = o.chamber;
  }
  if (o.kind !== undefined) {
    if (!PublicationKind.safeParse(o.kind).success) {
      throw new UsageError(`--kind must be one of ${PublicationKind.options.join(', ')}, not '${o.kind}'`);
    }
    f.kind = o.kind;
  }
  if (o.session !== undefined) f.sessionFrom = f.sessionTo = sessionYear('session', o.session);
  if (o.fromSession !== undefined) f.sessionFrom = sessionYear('from-session', o.fromSession);
  if (o.toSession !== undefined) f.sessionTo = sessionYear('to-session', o.toSession);
  if (o.from !== undefined) f.dateFrom = isoDate('from', o.from);
  if (o.to !== undefined) f.dateTo = isoDate('to', o.to);
  f.committee = o.committee;
  f.addressee = o.addressee;
  f.dossier = o.dossier;
  return f;
}

function withFilterOptions(command: Command): Command {
  return command
    .option('--chamber <chamber>', 'tweede-kamer or eerste-kamer')
    .option('--session <session>', 'one session, e.g. 2022-2023')
    .option('--from-session <session>', 'from this session on')
    .option('--to-session <session>', 'up to this session')
    .option('--committee <name>', "committee as printed, e.g. 'vaste commissie voor Digitale Zaken'")
    .option('--addressee <name>', "addressee as printed, e.g. 'Minister van Financiën'")
    .option('--kind <kind>', PublicationKind.options.join(', '))
    .option('--dossier <number>', "dossier, e.g. '36 360 VI'")
    .option('--from <date>', 'publications dated on or after (YYYY-MM-DD)')
    .option('--to <date>', 'publications dated on or before (YYYY-MM-DD)')
    .option('--db <path>', 'database file');
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new UsageError(`--limit must be a whole number from 1 to 100, not '${value}'`);
  return n;
}

function printResults(results: readonly (SearchResult & { answerOpening?: string | null })[]): void {
  const [open, close] = process.stdout.isTTY ? ['\u001b[1m', '\u001b[22m'] : ['«', '»'];
  results.forEach((r, i) => {
    const where = `${r.publication.id}${r.question !== null ? `#${r.question}` : ''}`;
    const meta = [r.publication.date, r.publication.committee].filter(Boolean).join(', ');
    process.stdout.write(`${i + 1}. ${where}  (${r.score.toFixed(2)})${meta ? `  ${meta}` : ''}\n`);
    process.stdout.write(`   Vraag: ${markSnippet(r.snippets.question, open, close)}\n`);
    if (r.snippets.answer)
      process.stdout.write(`   Antwoord: ${markSnippet(r.snippets.answer, open, close)}\n`);
    process.stdout.write('\n');
  });
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QueryError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerSearch(program: Command): void {
  withFilterOptions(
    program
      .command('search')
      .description('Zoekt eerdere vragen en antwoorden. / Search earlier questions and answers.')
      .argument('<query...>', 'words (all must match), "a phrase", -word to exclude, a OR b'),
  )
    .option('--json', 'JSON output with facet counts')
    .option('--limit <n>', 'results per page (1-100)', '10')
    .option('--offset <n>', 'skip this many results', '0')
    .option('--sort <order>', 'relevance or date', 'relevance')
    .addHelpText(
      'after',
      '\nExamples:\n  vraagbaak search watergebruik datacenters\n  vraagbaak search \'"digitale infrastructuur" toezicht\' --session 2022-2023\n  vraagbaak search -- -excluded first    (after --, a word may start with -)\n  vraagbaak search datacenters --json    (with facet counts)',
    )
    .action(
      async (
        words: string[],
        o: FilterOptions & { json?: boolean; limit: string; offset: string; sort: string; db?: string },
      ) => {
        const limit = parseLimit(o.limit);
        const offset = Number(o.offset);
        if (!Number.isInteger(offset) || offset < 0)
          throw new UsageError(`--offset must be a whole number, not '${o.offset}'`);
        if (o.sort !== 'relevance' && o.sort !== 'date')
          throw new UsageError(`--sort must be relevance or date, not '${o.sort}'`);
        const filters = filtersFrom(o);
        const response = await withArchive(o.db, (ctx) =>
          guard(() =>
            search(ctx.store, ctx.analyzer, words.join(' '), {
              filters,
              limit,
              offset,
              sort: o.sort as 'relevance' | 'date',
              facets: o.json === true,
            }),
          ),
        );
        if (o.json) {
          process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
          return;
        }
        for (const note of response.notes) process.stderr.write(`vraagbaak: ${note}\n`);
        const total = response.totalExact ? `${response.total}` : `meer dan ${response.total}`;
        process.stdout.write(`${total} gevonden (found)\n\n`);
        printResults(response.results);
      },
    );

  withFilterOptions(
    program
      .command('similar')
      .description('Vragen die lijken op een vraag of tekst. / Questions like a given one.')
      .argument('[ref]', 'a stored question: ID#N, e.g. kst-36360-VI-12#14'),
  )
    .option('--text <text>', 'or: the text of a new question')
    .option('--json', 'JSON output')
    .option('--limit <n>', 'how many (1-100)', '5')
    .action(
      async (
        ref: string | undefined,
        o: FilterOptions & { text?: string; json?: boolean; limit: string; db?: string },
      ) => {
        const limit = parseLimit(o.limit);
        if ((ref === undefined) === (o.text === undefined))
          throw new UsageError('give either ID#N or --text "…"');
        const filters = filtersFrom(o);
        const results = await withArchive(o.db, async (ctx) => {
          let text = o.text ?? '';
          const exclude: number[] = [];
          if (ref !== undefined) {
            const m = /^(.+)#(\d+)$/.exec(ref);
            if (!m)
              throw new UsageError(`'${ref}' is no question reference: use ID#N, e.g. kst-36360-VI-12#14`);
            const q = await ctx.store.question(m[1]!, Number(m[2]));
            if (!q) throw new UsageError(`no question ${m[2]} in '${m[1]}' in the archive`);
            text = q.question;
            exclude.push(q.questionId);
          }
          return guard(() => similar(ctx.store, ctx.analyzer, text, { limit, exclude, filters }));
        });
        if (o.json) {
          process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
          return;
        }
        printResults(results);
      },
    );
}
