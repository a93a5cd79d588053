// `npm run bench -- parse`: throughput and memory of the text reader on the generated corpus (bench/.corpus),
// measured against a baseline that only reads each file and splits it into lines: the floor no parser can beat.
// Everything runs in this one process, on one thread, one file at a time.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { basename } from 'node:path';
import { loadDutchWordList } from '../src/extract/word-list.js';
import { ReadError } from '../src/read/errors.js';
import { readText } from '../src/read/text/index.js';
import { CORPUS_OPTIONS_HELP, parseCorpusArgs } from './cli.js';
import { type CorpusFile, corpusPaths, ensureCorpusReported, type Layout, MB } from './generate-corpus.js';
import { fullGc } from './report.js';

const WARM_UP_FILES = 20;
const GOAL_MB_PER_S = 20;
const SHOWN_FAILURES = 5;
const BASELINE_PASSES = 3;
const PARSER_PASSES = 3;
/** Fractions of the files after which memory is recorded. */
const CHECKPOINTS = [0.1, 0.25, 0.5, 0.75, 1];

interface Checkpoint {
  files: number;
  rss: number;
  heapUsed: number;
  /** Heap still in use after a full garbage collection (not timed); null when no GC could be forced. */
  liveHeap: number | null;
}

interface Pass {
  name: string;
  seconds: number;
  bytes: number;
  files: number;
  /** Highest RSS sampled after each file. */
  peakRss: number;
  checkpoints: Checkpoint[];
}

/**
 * Runs `each` over every file and times the pass. RSS is sampled after each file (inside the timing: it is cheap);
 * at the checkpoints the heap is also measured, after a full GC when `gc` is given, with the clock paused.
 */
function measure(
  name: string,
  paths: readonly string[],
  bytes: number,
  each: (path: string, i: number) => void,
  gc: (() => void) | null,
): Pass {
  const at = CHECKPOINTS.map((f) => Math.max(1, Math.ceil(paths.length * f)));
  const checkpoints: Checkpoint[] = [];
  let peakRss = 0;
  let paused = 0n;
  const started = process.hrtime.bigint();
  for (let i = 0; i < paths.length; i++) {
    each(paths[i]!, i);
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
    if (at.includes(i + 1)) {
      const pause = process.hrtime.bigint();
      const heapUsed = process.memoryUsage().heapUsed;
      let liveHeap: number | null = null;
      if (gc) {
        gc();
        liveHeap = process.memoryUsage().heapUsed;
      }
      checkpoints.push({ files: i + 1, rss, heapUsed, liveHeap });
      paused += process.hrtime.bigint() - pause;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started - paused) / 1e9;
  return { name, seconds, bytes, files: paths.length, peakRss, checkpoints };
}

const mb = (bytes: number): string => (bytes / MB).toFixed(1);

function signed(bytes: number): string {
  return `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;
}

function table(passes: readonly Pass[]): string {
  const header = ['', 'MB', 'files', 'seconds', 'MB/s', 'docs/s', 'peak RSS MB'];
  const rows = passes.map((p) => [
    p.name,
    (p.bytes / MB).toFixed(2),
    String(p.files),
    p.seconds.toFixed(3),
    (p.bytes / MB / p.seconds).toFixed(1),
    (p.files / p.seconds).toFixed(0),
    mb(p.peakRss),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

function help(): string {
  return [
    'usage: npm run bench -- parse [options]',
    '',
    'Reads every file of the generated corpus (bench/.corpus, made on first use) in this process:',
    'a baseline that reads and splits into lines, then the text reader. Prints MB/s, documents/s and memory.',
    '',
    'options:',
    CORPUS_OPTIONS_HELP,
  ].join('\n');
}

export async function run(args: string[]): Promise<number> {
  const options = parseCorpusArgs(args);
  if (options.help) {
    console.log(help());
    return 0;
  }
  const cpus = os.cpus();
  console.log('parse benchmark');
  console.log(
    `machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} logical cores, ` +
      `Node ${process.version}, ${process.platform}-${process.arch}`,
  );

  const corpus = ensureCorpusReported({
    mb: options.mb,
    seed: options.seed,
    fixturesDir: options.fixtures,
    force: options.regenerate,
  });
  const files: readonly CorpusFile[] = corpus.manifest.files;
  const paths = corpusPaths(corpus);
  const bytes = corpus.manifest.totalBytes;
  const gc = fullGc();
  const warm = paths.slice(0, WARM_UP_FILES);

  // Baseline: read, decode, split into lines. The line count is summed so the work cannot be optimised away.
  // It runs before the word list is loaded, so its memory is that of reading files alone. Best of a few
  // passes: one pass takes a fraction of a second and is at the mercy of a busy machine.
  let lines = 0;
  const split = (path: string): void => {
    lines += readFileSync(path, 'utf8').split('\n').length;
  };
  warm.forEach(split);
  let baseline: Pass | undefined;
  let baselinePeak = 0;
  for (let pass = 0; pass < BASELINE_PASSES; pass++) {
    lines = 0;
    const p = measure(`baseline (read + split, best of ${BASELINE_PASSES})`, paths, bytes, split, null);
    baselinePeak = Math.max(baselinePeak, p.peakRss);
    if (!baseline || p.seconds < baseline.seconds) baseline = p;
  }
  if (!baseline) throw new Error('no baseline pass ran');
  baseline.peakRss = baselinePeak;

  const started = process.hrtime.bigint();
  const words = await loadDutchWordList();
  const wordListSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `word list: loaded in ${wordListSeconds.toFixed(2)} s; RSS now ${mb(process.memoryUsage.rss())} MB`,
  );

  // The reader: the same reading, then readText. ReadErrors are counted; the Publication is dropped.
  let questions = 0;
  const found = new Array<number>(files.length).fill(0);
  let failures: string[] = [];
  let failureCount = 0;
  let crashes: string[] = [];
  let crashCount = 0;
  const parse = (path: string, i: number): void => {
    const text = readFileSync(path, 'utf8');
    try {
      const publication = readText(text, { fileName: basename(path), words });
      let n = 0;
      for (const section of publication.sections) n += section.questions.length;
      found[i] = n;
      questions += n;
    } catch (error) {
      const message = `${basename(path)}: ${error instanceof Error ? error.message : String(error)}`;
      if (error instanceof ReadError) {
        if (failureCount++ < SHOWN_FAILURES) failures.push(message);
      } else if (crashCount++ < SHOWN_FAILURES) {
        crashes.push(error instanceof Error && error.stack ? `${basename(path)}: ${error.stack}` : message);
      }
    }
  };

  // Warm-up (not timed): the first files once, so the timed pass runs with a warm JIT.
  const reset = (): void => {
    questions = 0;
    found.fill(0);
    failures = [];
    failureCount = 0;
    crashes = [];
    crashCount = 0;
  };
  warm.forEach(parse);
  console.log(`warm-up: the first ${warm.length} files split and parsed once before timing`);
  reset();
  // Best of a few passes, as for the baseline: this machine's speed varies from second to second.
  // The first pass also records memory at the checkpoints; the counts are those of one pass.
  const label = `parser (read + readText, best of ${PARSER_PASSES})`;
  let reader = measure(label, paths, bytes, parse, gc);
  const passSeconds = [reader.seconds];
  for (let pass = 1; pass < PARSER_PASSES; pass++) {
    reset();
    const p = measure(label, paths, bytes, parse, null);
    passSeconds.push(p.seconds);
    if (p.seconds < reader.seconds)
      reader = { ...reader, seconds: p.seconds, peakRss: Math.max(reader.peakRss, p.peakRss) };
  }
  console.log(`parser passes: ${passSeconds.map((s) => `${s.toFixed(2)} s`).join(', ')}`);
  const usage = process.resourceUsage();

  console.log('');
  console.log(
    'single thread: both passes run on one core, one file at a time; MB/s and docs/s are per core.',
  );
  console.log('1 MB = 10^6 bytes.');
  console.log(table([baseline, reader]));
  console.log('');
  const speed = bytes / MB / reader.seconds;
  console.log(
    `parser speed: ${((baseline.seconds / reader.seconds) * 100).toFixed(1)}% of the baseline ` +
      `(${(reader.seconds / baseline.seconds).toFixed(1)}× its time); goal ≥ ${GOAL_MB_PER_S} MB/s on one core: ` +
      `${speed >= GOAL_MB_PER_S ? 'met' : 'not met'} (${speed.toFixed(1)} MB/s)`,
  );
  console.log(`baseline lines: ${lines}`);

  const byLayout = new Map<Layout, { found: number; expected: number; off: number }>();
  files.forEach((file, i) => {
    const entry = byLayout.get(file.layout) ?? { found: 0, expected: 0, off: 0 };
    entry.found += found[i]!;
    entry.expected += file.questions;
    if (found[i] !== file.questions) entry.off++;
    byLayout.set(file.layout, entry);
  });
  console.log(`questions found: ${questions} of ${corpus.manifest.totalQuestions} generated`);
  for (const [layout, e] of byLayout) {
    console.log(`  ${layout}: ${e.found} of ${e.expected}; files with a different count: ${e.off}`);
  }
  console.log(`failures (ReadError): ${failureCount}`);
  for (const f of failures) console.log(`  ${f}`);
  if (crashCount > 0) {
    console.log(`unexpected errors (not ReadError): ${crashCount}`);
    for (const c of crashes) console.log(`  ${c}`);
  }

  console.log('');
  console.log(
    `memory: peak RSS sampled after each file ${mb(Math.max(baseline.peakRss, reader.peakRss))} MB ` +
      `(baseline ${mb(baseline.peakRss)}, parser ${mb(reader.peakRss)}); process maxRSS ` +
      `${mb(usage.maxRSS * 1024)} MB${corpus.generated ? ' (includes generating the corpus)' : ''}`,
  );
  const first = reader.checkpoints[0];
  const last = reader.checkpoints[reader.checkpoints.length - 1];
  if (first && last) {
    console.log(
      `parser RSS after the first 10% of the files (${first.files}) vs at the end (${last.files}): ` +
        `${mb(first.rss)} → ${mb(last.rss)} MB (${signed(last.rss - first.rss)} MB)`,
    );
  }
  const column = (label: string, pick: (c: Checkpoint) => number | null): string =>
    `  ${label.padEnd(26)}${reader.checkpoints.map((c) => (pick(c) === null ? 'n/a' : mb(pick(c)!)).padStart(8)).join('')}`;
  console.log(
    `${'parser memory (MB) after'.padEnd(28)}${CHECKPOINTS.map((f) => `${f * 100}%`.padStart(8)).join('')} of the files`,
  );
  console.log(column('RSS', (c) => c.rss));
  console.log(column('heap used', (c) => c.heapUsed));
  console.log(column('live heap after full GC', (c) => c.liveHeap));
  if (gc) console.log('  (the full GCs run only at these checkpoints, with the clock paused)');
  return crashCount > 0 ? 1 : 0;
}
