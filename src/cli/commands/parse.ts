// `vraagbaak parse FILE…`: read publications and write them out in one format.
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { loadDutchWordList } from '../../extract/word-list.js';
import type { Publication } from '../../model/publication.js';
import { READER_LABELS } from '../../read/detect.js';
import { isReadError } from '../../read/errors.js';
import { readSource } from '../../read/index.js';
import {
  EXTENSIONS,
  isDocumentFormat,
  isOutputFormat,
  OUTPUT_FORMATS,
  type OutputFormat,
  render,
  renderBytes,
} from '../../render/index.js';
import { expandPaths, metadataBeside, readSourceBytes } from '../files.js';
import { fail, UsageError } from '../output.js';

interface ParseOptions {
  format: string;
  output?: string;
}

/** A file name for a publication written into a folder: its id, else the source's base name. */
function outputName(pub: Publication, source: string, format: OutputFormat, taken: Set<string>): string {
  const base = pub.id ?? (basename(source).replace(/\.[^.]+$/, '') || 'publicatie');
  let name = `${base}.${EXTENSIONS[format]}`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.${EXTENSIONS[format]}`;
  taken.add(name);
  return name;
}

/** Writes a file, turning a system error into a usage error that names the path. */
async function writeTo(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? error);
    throw new UsageError(`cannot write ${path}: ${why}`);
  }
}

/** Writes the renderings: to stdout, to the file -o names (one input), or into the folder -o names (several). */
async function writeOut(
  read: readonly { pub: Publication; file: string }[],
  format: OutputFormat,
  output: string | undefined,
): Promise<void> {
  if (read.length === 0) return;
  if (output === undefined) {
    if (isDocumentFormat(format)) {
      if (process.stdout.isTTY) {
        throw new UsageError(`${format} is a binary document: write it to a file with -o FILE`);
      }
      for (const { pub } of read) process.stdout.write(await renderBytes(pub, format));
      return;
    }
    if (format === 'json' && read.length > 1) {
      process.stdout.write(
        `${JSON.stringify(
          read.map((r) => r.pub),
          null,
          2,
        )}\n`,
      );
    } else {
      const separator = format === 'md' ? '\n---\n\n' : '\n';
      process.stdout.write(read.map((r) => render(r.pub, format)).join(separator));
    }
    return;
  }
  const isFolder = read.length > 1 || (existsSync(output) && statSync(output).isDirectory());
  if (!isFolder) {
    await writeTo(output, await renderBytes(read[0]!.pub, format));
    process.stderr.write(`written: ${output}\n`);
    return;
  }
  try {
    await mkdir(output, { recursive: true });
  } catch {
    throw new UsageError(`cannot make the folder ${output}`);
  }
  const taken = new Set<string>();
  for (const { pub, file } of read) {
    const path = join(output, outputName(pub, file, format, taken));
    await writeTo(path, await renderBytes(pub, format));
    process.stderr.write(`written: ${path}\n`);
  }
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description(
      'Leest publicaties (tekst) en schrijft ze naar stdout. / Read publications and write them to stdout.',
    )
    .argument('<files...>', "files or folders to read; '-' reads standard input")
    .option('-f, --format <format>', `output format: ${OUTPUT_FORMATS.join(', ')}`, 'json')
    .option('-o, --output <path>', 'write to this file (one input) or into this folder (several inputs)')
    .addHelpText(
      'after',
      '\nExamples:\n  vraagbaak parse kst-36360-VI-12.txt\n  vraagbaak parse --format text *.txt\n  vraagbaak parse kst-36360-VI-12.pdf --format docx -o lijst.docx\n  vraagbaak parse stukken/ --format pdf -o pdf/\n  cat lijst.txt | vraagbaak parse - --format md\n\nExit codes: 0 all read, 2 a file could not be read or a wrong option (the others are still read).',
    )
    .action(async (files: string[], options: ParseOptions) => {
      if (!isOutputFormat(options.format)) {
        throw new UsageError(`unknown format '${options.format}' (choose ${OUTPUT_FORMATS.join(', ')})`);
      }
      if (isDocumentFormat(options.format) && options.output === undefined && process.stdout.isTTY) {
        throw new UsageError(`${options.format} is a binary document: write it to a file with -o FILE`);
      }
      const format = options.format;
      const words = await loadDutchWordList();
      const read: { pub: Publication; file: string }[] = [];
      let failed = 0;
      // Folders stand for the source files in them; other paths stay, so that a missing one is reported in turn.
      const sources: string[] = [];
      for (const path of files) {
        const expanded = await expandPaths([path]);
        sources.push(...(expanded.missing.length > 0 ? [path] : expanded.files));
      }
      for (const file of sources) {
        try {
          const bytes = await readSourceBytes(file);
          const metadata = await metadataBeside(file);
          const { publication, reader } = await readSource(bytes, {
            fileName: file === '-' ? null : file,
            words,
            metadata,
          });
          read.push({ pub: publication, file });
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
      await writeOut(read, format, options.output);
      if (failed > 0) process.exitCode = 2;
    });
}
