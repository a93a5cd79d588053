// Property tests: on any input the text reader returns a tree or its own ReadError, and on any
// question list it loses no word.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ReadError } from '../../../src/read/errors.js';
import { readText } from '../../../src/read/text/index.js';
import { fixtureText, words } from '../../helpers/read.js';

const vocabulary = [
  ...new Set(
    fixtureText('kst-36360-VI-12.txt')
      .split(/\s+/)
      .map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
      .filter((w) => /^[\p{L}]{2,}$/u.test(w)),
  ),
].slice(0, 600);

const STRUCTURE_LINES = [
  'Vraag 1',
  'Vraag 2',
  'Antwoord:',
  'Antwoord op vraag 1:',
  'Antwoord 2 en 3',
  '1',
  '2',
  '3.',
  '• ',
  '- ',
  'Geen vragen.',
  'Vragen en antwoorden',
  'Tweede Kamer, vergaderjaar 2022–2023, 36 360 VI, nr. 12 8',
  'Tweede Kamer der Staten-Generaal 2',
  'Vastgesteld 1 januari 2020',
  'De voorzitter van de commissie,',
  'Nr. 12 LIJST VAN VRAGEN EN ANTWOORDEN',
  '36 360 VI Jaarverslag',
  '1 Kamerstuk 26 643, nr. 1005.',
  ' begint een pagina',
  'woord-',
  '€ 4,116 mln.',
  '[…]',
  'Soort : Titel',
  'Preview document',
  '',
];

const anyLine = fc.oneof(
  fc.constantFrom(...STRUCTURE_LINES),
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(fc.constantFrom(...vocabulary), { maxLength: 14 }).map((ws) => ws.join(' ')),
);

describe('text reader properties', () => {
  test('any input gives a tree or a ReadError, never anything else', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 60 }), (lines) => {
        try {
          const pub = readText(lines.join('\n'), { words });
          assert.equal(typeof pub.complete, 'boolean');
        } catch (error) {
          if (!(error instanceof ReadError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });

  test('arbitrary strings, including control characters, never crash it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
        try {
          readText(text, { words });
        } catch (error) {
          if (!(error instanceof ReadError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });

  const sentence = (end: string) =>
    fc.array(fc.constantFrom(...vocabulary), { minLength: 3, maxLength: 18 }).map((ws) => {
      const s = ws.join(' ');
      return `${s[0]!.toUpperCase()}${s.slice(1)}${end}`;
    });
  const paragraph = (end: string) =>
    fc.array(sentence(end), { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
  const qa = fc.record({
    question: paragraph('?'),
    answer: fc.array(paragraph('.'), { minLength: 1, maxLength: 3 }),
  });
  const layout = fc.constantFrom('vraag', 'bare', 'numbered', 'vraag-unmarked');

  /** Lays the questions out as one of the real layouts, wrapped at `width` or one paragraph a line. */
  function compose(
    items: { question: string; answer: string[] }[],
    kind: string,
    width: number | null,
  ): string {
    const wrap = (text: string): string[] => {
      if (width === null) return [text];
      const lines: string[] = [];
      let line = '';
      for (const w of text.split(' ')) {
        if (line && line.length + 1 + w.length > width) {
          lines.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      if (line) lines.push(line);
      return lines;
    };
    const out: string[] = ['Nr. 7 LIJST VAN VRAGEN EN ANTWOORDEN', ''];
    items.forEach((item, i) => {
      const n = i + 1;
      if (kind === 'numbered') out.push(...wrap(`${n}. ${item.question}`), '');
      else out.push(kind === 'bare' ? String(n) : `Vraag ${n}`, ...wrap(item.question), '');
      if (kind === 'vraag' || kind === 'bare') out.push(kind === 'bare' ? 'Antwoord:' : `Antwoord ${n}`);
      for (const p of item.answer) out.push(...wrap(p), '');
    });
    return out.join('\n');
  }

  const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

  test('no word of a question list is lost, and every question is found', () => {
    fc.assert(
      fc.property(
        fc.array(qa, { minLength: 1, maxLength: 8 }),
        layout,
        fc.option(fc.integer({ min: 60, max: 95 }), { nil: null }),
        (items, kind, width) => {
          const input = compose(items, kind, width);
          const pub = readText(input, { words });
          const tree = letters(JSON.stringify(pub));
          for (const word of input.split(/\s+/)) {
            const w = letters(word);
            if (w.length > 0) assert.ok(tree.includes(w), `"${word}" is in the tree`);
          }
          const questions = pub.sections.flatMap((s) => s.questions);
          assert.deepEqual(
            questions.map((q) => q.number),
            items.map((_, i) => i + 1),
          );
          questions.forEach((q, i) => {
            assert.equal(letters(q.question), letters(items[i]!.question));
            assert.equal(letters(q.answer ?? ''), letters(items[i]!.answer.join(' ')));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
