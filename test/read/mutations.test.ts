// Every reader, fed mutated versions of its valid inputs (bytes flipped, cut, spliced, repeated), returns
// a tree or its own ReadError: never another error, never a hang. The reader is chosen by content, as
// for a user's file, so detection is fed the same mutations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ReadError } from '../../src/read/errors.js';
import { readSource } from '../../src/read/index.js';
import { renderDocx } from '../../src/render/docx.js';
import { renderHtml } from '../../src/render/html.js';
import { renderPdf } from '../../src/render/pdf.js';
import { renderText } from '../../src/render/text.js';
import { readFixture, words } from '../helpers/read.js';

/** The most one read may take, mutated or not: far above a normal read (milliseconds), so that only a hang fails, not a busy machine. */
const BOUND_MS = 15_000;
const RUNS = Number(process.env.MUTATION_RUNS ?? 50);

const opening = readFixture('kst-31865-214.txt');
const inputs: { reader: string; bytes: Uint8Array }[] = [
  { reader: 'text', bytes: Buffer.from(renderText(opening)) },
  { reader: 'xml', bytes: readFileSync(new URL('../fixtures/xml/ah-tk-20202021-3235.xml', import.meta.url)) },
  { reader: 'html', bytes: Buffer.from(renderHtml(opening)) },
  { reader: 'docx', bytes: await renderDocx(opening) },
  { reader: 'pdf', bytes: await renderPdf(opening) },
];

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'drop'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'repeat'; at: number; length: number; times: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({ kind: fc.constant('drop' as const), at: position, length: fc.integer({ min: 1, max: 4096 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: position,
    length: fc.integer({ min: 1, max: 2048 }),
    times: fc.integer({ min: 2, max: 20 }),
  }),
);

function apply(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = Math.min(out.length, Math.floor(m.at * out.length));
    switch (m.kind) {
      case 'flip':
        if (out.length > 0) out[Math.min(at, out.length - 1)] = m.value;
        break;
      case 'cut':
        out = out.subarray(0, at);
        break;
      case 'drop':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
        break;
      case 'repeat': {
        const slice = out.subarray(at, at + m.length);
        out = Buffer.concat([out.subarray(0, at), ...Array(m.times).fill(slice), out.subarray(at)]);
        break;
      }
    }
  }
  return out;
}

describe('mutated inputs give a tree or a ReadError, within a bound', () => {
  for (const input of inputs) {
    test(`${input.reader} (${input.bytes.length} bytes, ${RUNS} mutations)`, async (t) => {
      const outcomes = { tree: 0, error: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
          const bytes = apply(input.bytes, mutations);
          const started = performance.now();
          try {
            const { publication } = await readSource(bytes, { fileName: `mutated.${input.reader}`, words });
            assert.equal(publication.format, 'vraagbaak.publication');
            outcomes.tree++;
          } catch (error) {
            if (!(error instanceof ReadError)) throw error;
            assert.ok(error.message.length > 0);
            outcomes.error++;
          }
          const elapsed = performance.now() - started;
          assert.ok(elapsed < BOUND_MS, `a read took ${Math.round(elapsed)} ms`);
        }),
        { numRuns: RUNS, seed: Number(process.env.MUTATION_SEED ?? 20261128) },
      );
      t.diagnostic(`${outcomes.tree} read as a tree, ${outcomes.error} refused with a ReadError`);
    });
  }
});
