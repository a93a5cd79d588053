// `vraagbaak import PATH…`: read sources into the archive, each publication whole or not at all.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { importSource } from '../../archive/import.js';
import { READER_LABELS, type ReaderName } from '../../read/detect.js';
import { isReadError } from '../../read/errors.js';
import { withArchive } from '../context.js';
import { expandPaths, metadataBeside, readSourceBytes } from '../files.js';
import { fail } from '../output.js';

interface Summary {
  imported: number;
  updated: number;
  unchanged: number;
  failed: { file: string; reason: string }[];
  questions: number;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Leest publicaties in het archief. / Import publications into the archive.')
    .argument('<paths...>', "files or folders (read recursively); '-' reads standard input")
    .option('--db <path>', 'database file (default: $VRAAGBAAK_DB or ./data/vraagbaak.db)')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText(
      'after',
      '\nEach publication is stored in one transaction; a re-import updates it in place, an unchanged file is skipped.\nExit codes: 0 all imported, 1 some failed (the rest is stored), 2 wrong usage.',
    )
    .action(async (paths: string[], options: { db?: string; quiet?: boolean }) => {
      const { files, missing } = await expandPaths(paths);
      const summary: Summary = { imported: 0, updated: 0, unchanged: 0, failed: [], questions: 0 };
      const readers = new Map<ReaderName, number>();
      for (const path of missing) summary.failed.push({ file: path, reason: 'file not found' });
      await withArchive(options.db, async (ctx) => {
        const bar =
          process.stderr.isTTY && !options.quiet && files.length > 1
            ? new cliProgress.SingleBar(
                {
                  format: 'importeren [{bar}] {value}/{total} | {rate}/s | nog {eta_formatted} | {file}',
                  stream: process.stderr,
                  etaBuffer: 50,
                },
                cliProgress.Presets.shades_classic,
              )
            : null;
        const started = Date.now();
        bar?.start(files.length, 0, { rate: '0', file: '' });
        let done = 0;
        for (const file of files) {
          try {
            const bytes = await readSourceBytes(file);
            const result = await importSource(
              ctx,
              bytes,
              file === '-' ? null : file,
              await metadataBeside(file),
            );
            readers.set(result.reader, (readers.get(result.reader) ?? 0) + 1);
            summary[result.outcome]++;
            if (result.outcome !== 'unchanged') summary.questions += result.questions;
          } catch (error) {
            if (!isReadError(error)) throw error;
            summary.failed.push({ file: file === '-' ? '<stdin>' : file, reason: error.message });
          }
          done++;
          const seconds = (Date.now() - started) / 1000;
          bar?.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(1) : '0', file: file.slice(-40) });
        }
        bar?.stop();
      });
      for (const f of summary.failed) fail(`${f.file}: ${f.reason}`);
      const line = `geïmporteerd ${summary.imported}, bijgewerkt ${summary.updated}, ongewijzigd ${summary.unchanged}, mislukt ${summary.failed.length} (imported, updated, unchanged, failed); ${summary.questions} vragen opgeslagen (questions stored)`;
      process.stderr.write(`${line}\n`);
      if (readers.size > 0) {
        const by = [...readers].map(([reader, n]) => `${READER_LABELS[reader]} ${n}`).join(', ');
        process.stderr.write(`gelezen als (read as): ${by}\n`);
      }
      if (summary.failed.length > 0) process.exitCode = 1;
    });
}
