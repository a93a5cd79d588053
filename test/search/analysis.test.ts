import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createAnalyzer, fold, isStopword } from '../../src/search/analysis.js';
import { words } from '../helpers/read.js';

const analyzer = createAnalyzer(words);

describe('Dutch analysis', () => {
  test("stems agree with PostgreSQL's dutch configuration (values from ts_lexize('dutch_stem', w))", () => {
    const expected: Record<string, string> = {
      ministeries: 'ministeries',
      ministerie: 'ministerie',
      uitgegeven: 'uitgegev',
      uitgaven: 'uitgav',
      datacenters: 'datacenter',
      investeringen: 'invester',
      bijzondere: 'bijzonder',
      bijdragen: 'bijdrag',
      toegekend: 'toegek',
      besteed: 'bested',
      gemeente: 'gemeent',
      gemeenten: 'gemeent',
    };
    for (const [word, stem] of Object.entries(expected)) assert.equal(analyzer.word(word).term, stem, word);
  });

  test('case and accent folding', () => {
    assert.equal(fold('Financiële'), 'financiele');
    assert.equal(analyzer.word('FINANCIËLE').term, analyzer.word('financiele').term);
    assert.equal(analyzer.word('coördinator').term, analyzer.word('coordinator').term);
  });

  test('compounds are also indexed as their parts', () => {
    assert.ok(analyzer.word('datacentersector').parts.includes(analyzer.word('datacenter').term));
    assert.ok(analyzer.word('cybercrimecapaciteit').parts.includes(analyzer.word('cybercrime').term));
    const parts = analyzer.word('algoritmeregister').parts;
    assert.ok(
      parts.includes(analyzer.word('algoritme').term) && parts.includes(analyzer.word('register').term),
    );
    assert.deepEqual(analyzer.word('water').parts, []);
  });

  test('tokens keep their offsets, for highlighting', () => {
    const tokens = analyzer.tokens('Hoeveel water gebruikt één datacenter?');
    assert.deepEqual(
      tokens.map((t) => [t.text, t.start, t.end]),
      [
        ['Hoeveel', 0, 7],
        ['water', 8, 13],
        ['gebruikt', 14, 22],
        ['één', 23, 26],
        ['datacenter', 27, 37],
      ],
    );
  });

  test('stop words', () => {
    assert.ok(isStopword('de') && isStopword('het') && isStopword('een'));
    assert.ok(!isStopword('datacenter'));
  });
});
