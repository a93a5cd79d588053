import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { decideLineEndHyphen, type HyphenDecision } from '../../src/extract/dehyphenate.js';
import {
  createSetWordChecker,
  loadDutchWordList,
  splitCompound,
  type WordChecker,
} from '../../src/extract/word-list.js';

// Line-end hyphens from kst-36360-VI-12 (real PDF text) plus known traps; [left, right, decision].
const REAL_CASES: [string, string, HyphenDecision][] = [
  ['Minis', 'terie', 'join'],
  ['Koninkrijksre', 'laties', 'join'],
  ['Kinderpor', 'nografisch', 'join'],
  ['informatievoor', 'zieningen.', 'join'],
  ['cybercri', 'minaliteit', 'join'],
  ['investerin', 'gen', 'join'],
  ['samen', 'werking', 'join'],
  ['medewer', 'kers.', 'join'],
  ['Kortheids', 'halve', 'join'],
  ['algoritmere', 'gister?', 'join'],
  ['maatschappe', 'lijke', 'join'],
  ['toepas', 'singen', 'join'],
  ['Persoonsge', 'gevens', 'join'],
  ['netwerk', 'beheer', 'join'],
  ['Sleuteltechnolo', 'gieën', 'join'],
  ['(departe', 'menten,', 'join'],
  ['onder', 'zoeken', 'join'],
  ['kataly', 'tische', 'join'],
  ['geaggre', 'geerde', 'join'],
  ['particu', 'lieren', 'join'],
  ['uitvoe', 'ringswetgeving', 'join'],
  ['gereser', 'veerd),', 'join'],
  ['tegemoet', 'koming', 'join'],
  ['rekencapa', 'citeit', 'join'],
  ['onderzoekspro', 'gramma’s', 'join'],
  ['(«digitale', 'dienstencoördinator»)', 'join'],
  ['(bijvoor', 'beeld', 'join'],
  ['Noord', 'Holland', 'hyphen'],
  ['ICT', 'systeem', 'hyphen'],
  ['IV', 'systemen', 'hyphen'],
  ['EU', 'lidstaten', 'hyphen'],
  ['e', 'mail', 'hyphen'],
  ['e', 'book', 'hyphen'],
  ['zee', 'egel', 'hyphen'],
  ['auto', 'ongeluk', 'hyphen'],
  ['2020', 'call', 'hyphen'],
  ['wet', 'en', 'hyphen-space'],
  ['Immigratie', 'en', 'hyphen-space'],
  ['uitvoerings', 'of', 'hyphen-space'],
];

describe('createSetWordChecker', () => {
  test('is case-insensitive', () => {
    const words = createSetWordChecker(['Ministerie', 'noord']);
    assert.equal(words.isWord('ministerie'), true);
    assert.equal(words.isWord('MINISTERIE'), true);
    assert.equal(words.isWord('Noord'), true);
    assert.equal(words.isWord('zuid'), false);
  });
});

describe('splitCompound (set word list)', () => {
  const words = createSetWordChecker([
    'data',
    'datacenter',
    'center',
    'centersector',
    'sector',
    'toezicht',
    'toezichts',
    'taken',
    'staken',
    'koninkrijk',
    'relaties',
    'digitale',
    'diensten',
    'coördinator',
    'kin',
    'der',
    'porno',
  ]);

  test('splits into the fewest parts', () => {
    assert.deepEqual(splitCompound('digitaledienstencoördinator', words), [
      'digitale',
      'diensten',
      'coördinator',
    ]);
  });

  test('prefers the longer shortest part', () => {
    assert.deepEqual(splitCompound('datacentersector', words), ['datacenter', 'sector']);
  });

  test('prefers a linking s, even when the part with s is a word itself', () => {
    assert.deepEqual(splitCompound('toezichtstaken', words), ['toezichts', 'taken']);
  });

  test('returns slices of the original case, linking s included', () => {
    assert.deepEqual(splitCompound('Koninkrijksrelaties', words), ['Koninkrijks', 'relaties']);
  });

  test('never returns the word whole', () => {
    assert.equal(splitCompound('datacenter', createSetWordChecker(['datacenter'])), null);
  });

  test('null when no split exists', () => {
    assert.equal(splitCompound('hyperscale', words), null);
    assert.equal(splitCompound('', words), null);
  });

  test('respects minPart', () => {
    assert.deepEqual(splitCompound('kinderporno', words), ['kin', 'der', 'porno']);
    assert.equal(splitCompound('kinderporno', words, 4), null);
  });

  test('does not end in a linking s', () => {
    assert.equal(splitCompound('sectortoezichts', createSetWordChecker(['sector', 'toezicht'])), null);
  });
});

describe('decideLineEndHyphen (set word list)', () => {
  const words = createSetWordChecker([
    'weten',
    'wetten',
    'wet',
    'ministerie',
    'auto',
    'ongeluk',
    'algoritme',
    'register',
    'maatregelen',
    'mailadres',
    'mail',
    'adres',
    'email',
    'cybercrime',
    'aanpak',
    'systeem',
  ]);

  test('the elliptic hyphen wins over a dictionary word', () => {
    assert.equal(decideLineEndHyphen('wet', 'en', words), 'hyphen-space');
    assert.equal(decideLineEndHyphen('Wet', 'en', words), 'hyphen-space');
    for (const next of ['of', 'tot', 'dan', 'als', 'noch', 'maar', '&', 'en,', 'en/of']) {
      assert.equal(decideLineEndHyphen('beleids', next, words), 'hyphen-space', next);
    }
  });

  test('joins a dictionary word and strips punctuation first', () => {
    assert.equal(decideLineEndHyphen('Minis', 'terie', words), 'join');
    assert.equal(decideLineEndHyphen('(«minis', 'terie»),', words), 'join');
  });

  test('keeps acronyms, capitals, digits and single letters', () => {
    assert.equal(decideLineEndHyphen('ICT', 'systeem', words), 'hyphen');
    assert.equal(decideLineEndHyphen('PvdA', 'systeem', words), 'hyphen');
    assert.equal(decideLineEndHyphen('wet', 'Ministerie', words), 'hyphen');
    assert.equal(decideLineEndHyphen('2020', 'register', words), 'hyphen');
    assert.equal(decideLineEndHyphen('e', 'mail', words), 'hyphen');
  });

  test('looks only at the segments touching the break', () => {
    assert.equal(decideLineEndHyphen('COVID-19', 'maatregelen', words), 'hyphen');
    assert.equal(decideLineEndHyphen('e-mail', 'adres', words), 'join');
  });

  test('joins what the splitter recognises, unless the vowels at the break clash', () => {
    assert.equal(decideLineEndHyphen('algoritmere', 'gister', words), 'join');
    assert.equal(decideLineEndHyphen('algoritme', 'register', words), 'join');
    assert.equal(decideLineEndHyphen('cybercrime', 'aanpak', words), 'join');
    assert.equal(decideLineEndHyphen('auto', 'ongeluk', words), 'hyphen');
  });

  test('keeps the hyphen when nothing is known', () => {
    assert.equal(decideLineEndHyphen('hyper', 'scale', words), 'hyphen');
    assert.equal(decideLineEndHyphen('«', 'terie', words), 'hyphen');
  });
});

describe('Dutch word list (Hunspell + OpenTaal)', () => {
  let words: WordChecker;
  before(async () => {
    words = await loadDutchWordList();
  });

  test('is loaded once per process', async () => {
    assert.equal(loadDutchWordList(), loadDutchWordList());
    assert.equal(await loadDutchWordList(), words);
  });

  test('knows Dutch compounds and rejects vowel-clash joins', () => {
    for (const word of ['Ministerie', 'datacentersector', 'zee-egel', 'Noord-Holland', 'wetten']) {
      assert.equal(words.isWord(word), true, word);
    }
    for (const word of ['zeeegel', 'autoongeluk', 'NoordHolland', 'Immigratieen', 'algoritmeregister', '']) {
      assert.equal(words.isWord(word), false, word);
    }
    // Cached answers stay the same.
    assert.equal(words.isWord('zeeegel'), false);
    assert.equal(words.isWord('zee-egel'), true);
  });

  test('splits the compounds from the research note', () => {
    const expected: [string, string[]][] = [
      ['datacentersector', ['datacenter', 'sector']],
      ['cybercrimecapaciteit', ['cybercrime', 'capaciteit']],
      ['algoritmeregister', ['algoritme', 'register']],
      ['toezichtstaken', ['toezichts', 'taken']],
      ['Koninkrijksrelaties', ['Koninkrijks', 'relaties']],
      ['persoonsgegevens', ['persoons', 'gegevens']],
      ['rijksoverheid', ['rijks', 'overheid']],
      ['wijzigingsvoorstel', ['wijzigings', 'voorstel']],
      ['digitaledienstencoördinator', ['digitale', 'dienstencoördinator']],
    ];
    for (const [word, parts] of expected) assert.deepEqual(splitCompound(word, words), parts, word);
  });

  test('decides the real line-end hyphens', () => {
    const wrong = REAL_CASES.filter(([l, r, want]) => decideLineEndHyphen(l, r, words) !== want).map(
      ([l, r, want]) => `${l}-|${r}: got ${decideLineEndHyphen(l, r, words)}, want ${want}`,
    );
    assert.deepEqual(wrong, []);
  });

  test('joins every line-end hyphen in kst-36360-VI-12', () => {
    const path = 'test/fixtures/text/kst-36360-VI-12.txt';
    const lines = readFileSync(path, 'utf8').split('\n');
    let seen = 0;
    for (let i = 0; i + 1 < lines.length; i++) {
      const line = lines[i]!.trimEnd();
      if (!line.endsWith('-')) continue;
      const left = line.slice(0, -1).split(/\s+/).pop() ?? '';
      const right = lines[i + 1]!.trim().split(/\s+/)[0] ?? '';
      assert.equal(decideLineEndHyphen(left, right, words), 'join', `${left}-|${right}`);
      seen++;
    }
    assert.ok(seen >= 30, `only ${seen} line-end hyphens found`);
  });
});
