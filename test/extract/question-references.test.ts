import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findQuestionReferences, MAX_RANGE } from '../../src/extract/question-references.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/text/${name}.txt`, import.meta.url), 'utf8');

/** [printed text, targets] of every reference. */
const refs = (text: string): [string, number[]][] =>
  findQuestionReferences(text).map((r) => [r.text, r.targets]);

describe('findQuestionReferences', () => {
  const cases: [string, [string, number[]][]][] = [
    // the model document's answer to question 15
    ['Zie het antwoord op vraag 14. Nederland neemt ook deel', [['Zie het antwoord op vraag 14', [14]]]],
    ['zie antwoord op vraag 2 en 3', [['zie antwoord op vraag 2 en 3', [2, 3]]]],
    [
      'Voor het overige verwijs ik naar het antwoord op de vragen 2, 5 en 7.',
      [['het antwoord op de vragen 2, 5 en 7', [2, 5, 7]]],
    ],
    ['Zie de vragen 4 tot en met 6.', [['Zie de vragen 4 tot en met 6', [4, 5, 6]]]],
    ['Zie ook het antwoord op vraag 3 van de lijst.', [['Zie ook het antwoord op vraag 3', [3]]]],
    ['zoals bij vraag 5 aangegeven', [['vraag 5', [5]]]],
    ['Dit sluit aan bij Vraag 3 en 4.', [['Vraag 3 en 4', [3, 4]]]],
    ['in de beantwoording van vraag 12', [['de beantwoording van vraag 12', [12]]]],
    ['In antwoord op vraag 2 van het lid', [['antwoord op vraag 2', [2]]]],
    ['zie de antwoorden op de vragen 8 en 9', [['zie de antwoorden op de vragen 8 en 9', [8, 9]]]],
    ['zie vraag 5 en vraag 7', [['zie vraag 5 en vraag 7', [5, 7]]]],
    ['de vragen 3, 4, en 6 gaan', [['de vragen 3, 4, en 6', [3, 4, 6]]]],
    ['vragen 1-3 en 5', [['vragen 1-3 en 5', [1, 2, 3, 5]]]],
    ['vragen 10 t/m 12', [['vragen 10 t/m 12', [10, 11, 12]]]],
    ['vraag 3 of 4', [['vraag 3 of 4', [3, 4]]]],
    ['zie vraag (3)', [['zie vraag (3)', [3]]]],
    ['zie vraag 3a', [['zie vraag 3a', [3]]]],
    ['zie vraag nummer 7', [['zie vraag nummer 7', [7]]]],
    ['verwijs ik naar antwoord 5', [['antwoord 5', [5]]]],
    ['verwijs ik naar het antwoord 5.', [['het antwoord 5', [5]]]],
    ['Zie het antwoord 5 hierboven.', [['Zie het antwoord 5', [5]]]],
    ['zie het antwoord op\nvraag 14', [['zie het antwoord op\nvraag 14', [14]]]],
    // a date or an amount after the list is not part of it
    ['Zie het antwoord op vraag 14, 12 mei 2023', [['Zie het antwoord op vraag 14', [14]]]],
    ['zie vraag 4, 15 procent', [['zie vraag 4', [4]]]],
    // repeated numbers once, in order
    ['zie vragen 3, 2 en 3', [['zie vragen 3, 2 en 3', [3, 2]]]],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => {
      assert.deepEqual(refs(input), expected);
    });
  }

  test('text and index', () => {
    assert.deepEqual(findQuestionReferences('Antwoord:\nZie het antwoord op vraag 14. Nederland'), [
      { targets: [14], text: 'Zie het antwoord op vraag 14', index: 10 },
    ]);
  });

  test(`ranges are cut off at ${MAX_RANGE} numbers`, () => {
    const [r] = findQuestionReferences('vragen 1 t/m 500');
    assert.equal(r?.targets.length, MAX_RANGE);
    assert.equal(r?.targets[0], 1);
    assert.equal(r?.targets[MAX_RANGE - 1], MAX_RANGE);
  });

  test('a descending range keeps both numbers', () => {
    assert.deepEqual(refs('zie vragen 6 tot en met 4'), [['zie vragen 6 tot en met 4', [6, 4]]]);
  });

  test('several references in one text', () => {
    assert.deepEqual(refs('Zie vraag 2. Voor de kosten verwijs ik naar het antwoord op vraag 9.'), [
      ['Zie vraag 2', [2]],
      ['het antwoord op vraag 9', [9]],
    ]);
  });

  const negatives = [
    // labels at the start of a line belong to the caller
    'Vraag 1\nDeelt u de mening?',
    'Antwoord op vraag 1:\nZvw',
    '  Vraag 3 en 4 gaan over hetzelfde',
    'Vraag (1):\nKunt u het bedrag specificeren?',
    'Vragen 1 tot en met 5 van de leden van de VVD-fractie',
    'Antwoord 2 en 3\nDe Rijksoverheid is gegroeid.',
    'Antwoord 1',
    // 'vraag' as demand, numbers that are no question numbers
    'de vraag steeg met 15 procent',
    'de vraag steeg met 15%',
    'vraag 3,5 procent',
    'de vraag is in 2022 gestegen',
    'de vraag 2022',
    'de vraag 2 miljoen',
    'antwoord op 3 vragen',
    'het antwoord 2 keer',
    'het antwoord 2 geven',
    'Kamervraag 3',
    'deelvraag 2',
    'vragen over 3 jaar',
    'Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028.',
    'Kamerstuk 36 360 VI, nr. 1',
    '',
  ];
  for (const input of negatives) {
    test(`not a reference: ${JSON.stringify(input)}`, () => {
      assert.deepEqual(findQuestionReferences(input), []);
    });
  }

  test('the model document has one reference, in the answer to question 15', () => {
    const text = fixture('kst-36360-VI-12');
    const found = findQuestionReferences(text);
    assert.deepEqual(refs(text), [['Zie het antwoord op vraag 14', [14]]]);
    const r = found[0]!;
    assert.equal(text.slice(r.index, r.index + r.text.length), r.text);
  });

  test('the openings have none (their labels are no references)', () => {
    for (const name of [
      'ah-tk-20242025-1028',
      'kst-21501-31-207',
      'kst-31066-444',
      'kst-31865-214',
      'kst-33328-AI',
      'kst-36100-24',
      'kst-36100-4',
      'kst-36613-VI-5',
      'kst-36625-VI-4',
    ]) {
      assert.deepEqual(findQuestionReferences(fixture(name)), [], name);
    }
  });

  test('1 MB of random-ish and adversarial text finishes fast', () => {
    const MB = 1 << 20;
    const inputs = [
      randomish(MB),
      'vraag '.repeat(MB / 6),
      `zie vraag 1${', 2'.repeat(MB / 3)}`,
      `zie vraag 1${' tot en met 2'.repeat(MB / 13)}`,
      'zie het '.repeat(MB / 8),
      'antwoord op de '.repeat(MB / 15),
      `vraag${' '.repeat(MB)}1`,
    ];
    for (const input of inputs) {
      const start = performance.now();
      findQuestionReferences(input);
      const ms = performance.now() - start;
      assert.ok(ms < 1500, `took ${ms} ms`);
    }
  });
});

/** Deterministic text built from the pieces of references, numbers and words. */
function randomish(length: number): string {
  const parts = [
    'Zie ',
    'het ',
    'antwoord ',
    'op ',
    'vraag ',
    'vragen ',
    '1',
    '14',
    ', ',
    ' en ',
    ' t/m ',
    '\n',
    '.',
    '(',
  ];
  let seed = 5;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += parts[seed % parts.length];
  }
  return out;
}
