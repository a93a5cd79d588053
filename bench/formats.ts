// `npm run bench -- formats`: each reader's speed and peak memory on the generated corpus rendered into its
// format (the renderers make the inputs), against the text reader on the same publications' text.
// Each reader runs in a child process of its own, so that its peak memory is its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDutchWordList } from '../src/extract/word-list.js';
import type { Publication } from '../src/model/publication.js';
import { ReadError } from '../src/read/errors.js';
import { readSource } from '../src/read/index.js';
import { readText } from '../src/read/text/index.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { renderPdf } from '../src/render/pdf.js';
import { renderText } from '../src/render/text.js';
import { numberOption, parseOptions, seedOption } from './cli.js';
import { corpusPaths, ensureCorpusReported, MB } from './generate-corpus.js';
import { count, machineLine, table } from './report.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const WORK_DIR = join(BENCH_DIR, '.formats');
const DEFAULT_FILES = 200;
const FORMATS = ['text', 'html', 'docx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSION: Record<Format, string> = { text: 'txt', html: 'html', docx: 'docx', pdf: 'pdf' };
const PDF_PAGES_GOAL = 20;
const TEXT_FACTOR_GOAL = 3;

interface ChildResult {
  format: Format;
  documents: number;
  bytes: number;
  pages: number;
  seconds: number;
  failed: number;
  firstFailure: string | null;
  maxRssBytes: number;
}

/** PDF page count from the page tree's /Count (the renderer writes one page tree). */
function pdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  let most = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g))
    most = Math.max(most, Number(m[1]));
  for (const m of text.matchAll(/\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g))
    most = Math.max(most, Number(m[1]));
  return most;
}

/** The child: reads every file of one format's folder with the reader chosen by content, twice (the first warms up). */
async function child(format: Format, dir: string): Promise<void> {
  const words = await loadDutchWordList();
  const files = readdirSync(dir)
    .filter((n) => n.endsWith(`.${EXTENSION[format]}`))
    .sort()
    .map((n) => join(dir, n));
  const inputs = files.map((f) => readFileSync(f));
  const readAll = async (): Promise<{ failed: number; firstFailure: string | null }> => {
    let failed = 0;
    let firstFailure: string | null = null;
    for (let i = 0; i < inputs.length; i++) {
      try {
        await readSource(inputs[i]!, { fileName: files[i]!, words });
      } catch (error) {
        if (!(error instanceof ReadError)) throw error;
        failed++;
        firstFailure ??= `${files[i]}: ${error.message}`;
      }
    }
    return { failed, firstFailure };
  };
  await readAll();
  const started = process.hrtime.bigint();
  const { failed, firstFailure } = await readAll();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result: ChildResult = {
    format,
    documents: inputs.length,
    bytes: inputs.reduce((n, b) => n + b.length, 0),
    pages: format === 'pdf' ? inputs.reduce((n, b) => n + pdfPages(b), 0) : 0,
    seconds,
    failed,
    firstFailure,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function help(): string {
  return [
    'usage: npm run bench -- formats [options]',
    '',
    'Reads the first publications of the generated corpus (bench/.corpus, 50 MB) with the text reader, renders',
    'them as text, HTML, DOCX and PDF (into bench/.formats), then times each reader on its format in a child',
    'process of its own (one warm-up pass, one timed), with its peak memory. Baseline: the text reader on the',
    "same publications' text rendering. Goals: PDF at least 20 pages/s per core; the others within 3x the text",
    'reader.',
    '',
    'options:',
    `  --files <n>   publications to use, default ${DEFAULT_FILES}`,
    '  --seed <n>    corpus seed, default 1',
  ].join('\n');
}

async function render(pub: Publication, format: Format): Promise<Uint8Array> {
  switch (format) {
    case 'text':
      return Buffer.from(renderText(pub));
    case 'html':
      return Buffer.from(renderHtml(pub));
    case 'docx':
      return renderDocx(pub);
    case 'pdf':
      return renderPdf(pub);
  }
}

export async function run(args: string[]): Promise<number> {
  if (args[0] === '--child') {
    await child(args[1] as Format, args[2]!);
    return 0;
  }
  const values = parseOptions(args, {
    files: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(help());
    return 0;
  }
  const files = numberOption('files', values.files, (n) => Number.isInteger(n) && n > 0) ?? DEFAULT_FILES;
  console.log('formats benchmark');
  console.log(machineLine());
  const corpus = ensureCorpusReported({ seed: seedOption(values.seed) });
  const words = await loadDutchWordList();
  const pubs: Publication[] = [];
  for (const path of corpusPaths(corpus)) {
    if (pubs.length >= files) break;
    try {
      pubs.push(readText(readFileSync(path, 'utf8'), { fileName: path, words }));
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
    }
  }
  const questions = pubs.reduce((n, p) => n + p.sections.reduce((m, s) => m + s.questions.length, 0), 0);
  console.log(`publications: ${count(pubs.length)} from the corpus (${count(questions)} questions)`);

  // Render the inputs (timed too: the renderers' own speed is worth knowing).
  rmSync(WORK_DIR, { recursive: true, force: true });
  const rendered: string[][] = [];
  for (const format of FORMATS) {
    const dir = join(WORK_DIR, format);
    mkdirSync(dir, { recursive: true });
    const started = process.hrtime.bigint();
    let bytes = 0;
    for (const [i, pub] of pubs.entries()) {
      const out = await render(pub, format);
      bytes += out.length;
      writeFileSync(join(dir, `${String(i).padStart(5, '0')}.${EXTENSION[format]}`), out);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rendered.push([
      format,
      (pubs.length / seconds).toFixed(1),
      (bytes / MB / seconds).toFixed(2),
      (bytes / MB).toFixed(2),
    ]);
  }
  console.log('\nrendering (this process, one at a time):');
  console.log(table(['format', 'docs/s', 'MB/s', 'MB written'], rendered));

  const results: ChildResult[] = [];
  for (const format of FORMATS) {
    const dir = join(WORK_DIR, format);
    const out = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(BENCH_DIR, 'run.ts'), 'formats', '--child', format, dir],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (out.status !== 0) throw new Error(`the ${format} reader's run failed: ${out.stderr.slice(-2000)}`);
    const line = out.stdout.trim().split('\n').pop()!;
    results.push(JSON.parse(line) as ChildResult);
  }
  const text = results.find((r) => r.format === 'text')!;
  const textRate = text.documents / text.seconds;
  console.log('\nreading (each reader in a process of its own; the second of two passes is timed):');
  console.log(
    table(
      ['reader', 'docs', 'MB', 'docs/s', 'MB/s', 'pages/s', 'peak RSS MB', 'vs text', 'failed'],
      results.map((r) => [
        r.format === 'text' ? 'text (baseline)' : r.format,
        count(r.documents),
        (r.bytes / MB).toFixed(2),
        (r.documents / r.seconds).toFixed(1),
        (r.bytes / MB / r.seconds).toFixed(2),
        r.format === 'pdf' ? (r.pages / r.seconds).toFixed(1) : '',
        (r.maxRssBytes / MB).toFixed(0),
        r.format === 'text' ? '1.0×' : `${(textRate / (r.documents / r.seconds)).toFixed(1)}× slower`,
        String(r.failed),
      ]),
    ),
  );
  for (const r of results) if (r.firstFailure) console.log(`  ${r.format}: first failure: ${r.firstFailure}`);
  const pdf = results.find((r) => r.format === 'pdf')!;
  const pagesPerSecond = pdf.pages / pdf.seconds;
  console.log(
    `\ngoal PDF ≥ ${PDF_PAGES_GOAL} pages/s per core: ${pagesPerSecond.toFixed(1)} pages/s (${count(pdf.pages)} pages) — ${pagesPerSecond >= PDF_PAGES_GOAL ? 'met' : 'not met'}`,
  );
  for (const r of results.filter((x) => x.format !== 'text' && x.format !== 'pdf')) {
    const factor = textRate / (r.documents / r.seconds);
    console.log(
      `goal ${r.format} within ${TEXT_FACTOR_GOAL}× the text reader: ${factor.toFixed(1)}× — ${factor <= TEXT_FACTOR_GOAL ? 'met' : 'not met'}`,
    );
  }
  return 0;
}
