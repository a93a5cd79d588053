// `vraagbaak parse FILE…`: read publications and write them out in one format.
import type { Command } from 'commander';
import { loadDutchWordList } from '../../extract/word-list.js';
import type { Publication } from '../../model/publication.js';
import { READER_LABELS } from '../../read/detect.js';
import { isReadError } from '../../read/errors.js';
import { readSource } from '../../read/index.js';
import { isRenderFormat, RENDER_FORMATS, render } from '../../render/index.js';
import { metadataBeside, readSourceBytes } from '../files.js';
import { fail, UsageError } from '../output.js';

interface ParseOptions {
  format: string;
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description(
      'Leest publicaties (tekst) en schrijft ze naar stdout. / Read publications and write them to stdout.',
    )
    .argument('<files...>', "files to read; '-' reads standard input")
    .option('-f, --format <format>', `output format: ${RENDER_FORMATS.join(', ')}`, 'json')
    .addHelpText(
      'after',
      '\nExamples:\n  vraagbaak parse kst-36360-VI-12.txt\n  vraagbaak parse --format text *.txt\n  cat lijst.txt | vraagbaak parse - --format md\n\nExit codes: 0 all read, 2 a file could not be read or a wrong option (the others are still read).',
    )
    .action(async (files: string[], options: ParseOptions) => {
      if (!isRenderFormat(options.format)) {
        throw new UsageError(`unknown format '${options.format}' (choose ${RENDER_FORMATS.join(', ')})`);
      }
      const format = options.format;
      const words = await loadDutchWordList();
      const read: Publication[] = [];
      let failed = 0;
      for (const file of files) {
        try {
          const bytes = await readSourceBytes(file);
          const metadata = await metadataBeside(file);
          const { publication, reader } = await readSource(bytes, {
            fileName: file === '-' ? null : file,
            words,
            metadata,
          });
          read.push(publication);
          const questions = publication.sections.reduce((n, s) => n + s.questions.length, 0);
          const withMetadata = metadata ? ', with its metadata.xml' : '';
          process.stderr.write(
            `${file === '-' ? '<stdin>' : file}: ${READER_LABELS[reader]} reader${withMetadata}, ${questions} questions\n`,
          );
        } catch (error) {
          if (!isReadError(error)) throw error;
          const where = error.line ? `:${error.line}` : '';
          fail(`${file === '-' ? '<stdin>' : file}${where}: ${error.message}`);
          failed++;
        }
      }
      if (format === 'json' && read.length > 1) {
        process.stdout.write(`${JSON.stringify(read, null, 2)}\n`);
      } else {
        const separator = format === 'md' ? '\n---\n\n' : '\n';
        process.stdout.write(read.map((pub) => render(pub, format)).join(separator));
      }
      if (failed > 0) process.exitCode = 2;
    });
}
