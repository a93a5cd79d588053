// Output helpers shared by the import and search benchmarks: the machine line, plain-text tables,
// percentiles, sizes. Everything prints plain lines (no TTY tricks), so a log file reads the same.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MB, PROJECT_ROOT } from './generate-corpus.js';

export function machineLine(): string {
  const cpus = os.cpus();
  return (
    `machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} logical cores, ` +
    `${(os.totalmem() / 1e9).toFixed(1)} GB RAM, Node ${process.version}, ${process.platform}-${process.arch}`
  );
}

/** Megabytes (10^6 bytes) with one decimal. */
export const mb = (bytes: number): string => (bytes / MB).toFixed(1);

/** 1234567 → '1 234 567' (a thin grouping that reads the same in Dutch and English). */
export function count(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export function ms(milliseconds: number): string {
  return milliseconds < 10
    ? milliseconds.toFixed(2)
    : milliseconds < 100
      ? milliseconds.toFixed(1)
      : milliseconds.toFixed(0);
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${(seconds - m * 60).toFixed(0).padStart(2, '0')} s (${seconds.toFixed(0)} s)`;
}

/**
 * A plain table: the first column left-aligned, the others right-aligned, two spaces between columns,
 * indented by two spaces.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

/** The nearest-rank percentile (p in 0–100) of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarise(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length),
  };
}

/** A way to force a full GC, so live memory can be told from garbage V8 has not collected yet. */
export function fullGc(): (() => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return () => exposed();
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? () => gc() : null;
  } catch {
    return null;
  }
}

export interface MemorySample {
  rss: number;
  heapUsed: number;
  /** Memory outside the V8 heap that V8 knows of (Buffers and the like). */
  external: number;
  /** Heap still in use after a full garbage collection; null when no GC could be forced. */
  liveHeap: number | null;
}

export function sampleMemory(gc: (() => void) | null): MemorySample {
  const before = process.memoryUsage();
  let liveHeap: number | null = null;
  if (gc) {
    gc();
    liveHeap = process.memoryUsage().heapUsed;
  }
  return { rss: before.rss, heapUsed: before.heapUsed, external: before.external, liveHeap };
}

export function describeMemory(m: MemorySample): string {
  return (
    `RSS ${mb(m.rss)} MB, V8 heap used ${mb(m.heapUsed)} MB` +
    (m.liveHeap === null ? '' : ` (live after a full GC ${mb(m.liveHeap)} MB)`) +
    `, external ${mb(m.external)} MB`
  );
}

/** The code being measured: the commit, and whether src/ has uncommitted changes (other work in progress). */
export function codeLine(): string {
  const git = (args: string[]): string | null => {
    const r = spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trimEnd() : null;
  };
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head === null) return 'code: not a git checkout';
  const changed = (git(['status', '--porcelain', '--', 'src']) ?? '').split('\n').filter(Boolean);
  return `code: commit ${head}${changed.length > 0 ? `, with uncommitted changes to ${changed.length} file(s) under src/: ${changed.map((l) => l.slice(3)).join(', ')}` : ', src/ clean'}`;
}

/**
 * Times `each` over the items: one warm-up pass, then `passes` timed passes (one when the warm-up averaged
 * over `slowMs` per item, to keep a run within minutes); per item the median (ms).
 */
export async function timeEach<T>(
  items: readonly T[],
  { passes: timed, slowMs }: { passes: number; slowMs: number },
  each: (item: T) => Promise<unknown> | unknown,
): Promise<{ times: number[]; all: number[]; passes: number }> {
  const warm = performance.now();
  for (const item of items) await each(item);
  const passCount = (performance.now() - warm) / Math.max(1, items.length) > slowMs ? 1 : timed;
  const passes: number[][] = items.map(() => []);
  for (let pass = 0; pass < passCount; pass++) {
    for (let i = 0; i < items.length; i++) {
      const t = performance.now();
      await each(items[i]!);
      passes[i]!.push(performance.now() - t);
    }
  }
  return { times: passes.map(median), all: passes.flat(), passes: passCount };
}
