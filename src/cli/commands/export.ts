// `vraagbaak export`: everything in the archive, as JSON Lines (one publication a line) or CSV
// (one question a row).
import { once } from 'node:events';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { withArchive } from '../context.js';
import { UsageError } from '../output.js';

const CSV_COLUMNS = [
  'publication',
  'kind',
  'chamber',
  'session',
  'date',
  'committee',
  'addressees',
  'section',
  'number',
  'question',
  'answer',
] as const;

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Schrijft het hele archief uit. / Export the whole archive.')
    .option('-f, --format <format>', 'jsonl or csv', 'jsonl')
    .option('--include-drafts', 'also what is not yet published (under embargo: handle with care)')
    .option('--db <path>', 'database file')
    .action(async (options: { format: string; db?: string; includeDrafts?: boolean }) => {
      if (options.format !== 'jsonl' && options.format !== 'csv') {
        throw new UsageError(`unknown format '${options.format}' (choose jsonl, csv)`);
      }
      const csv = options.format === 'csv';
      await withArchive(options.db, async (ctx) => {
        if (csv) await write(stringify([[...CSV_COLUMNS]]));
        for await (const pub of ctx.store.allPublications({ drafts: options.includeDrafts ?? false })) {
          if (!csv) {
            await write(`${JSON.stringify(pub)}\n`);
            continue;
          }
          const rows = pub.sections.flatMap((s) =>
            s.questions.map((q) => [
              pub.id,
              pub.kind,
              pub.chamber,
              pub.session,
              pub.dates.answered ?? pub.dates.received ?? pub.dates.adopted ?? pub.dates.sent,
              pub.request.committee,
              pub.request.addressees.join('; '),
              s.title,
              q.number,
              q.question,
              q.answer,
            ]),
          );
          if (rows.length > 0) await write(stringify(rows));
        }
      });
    });
}
