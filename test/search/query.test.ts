import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createAnalyzer } from '../../src/search/analysis.js';
import {
  compileQuery,
  compoundTerms,
  MAX_QUERY_LENGTH,
  parseQuery,
  QueryError,
} from '../../src/search/query.js';
import { words } from '../helpers/read.js';

const analyzer = createAnalyzer(words);
const compile = (q: string) => compileQuery(parseQuery(q), analyzer);

describe('query language', () => {
  test('words, phrases, exclusions and OR', () => {
    assert.deepEqual(parseQuery('watergebruik "digitale infrastructuur" -ATKM budget OR middelen'), {
      must: [
        { type: 'word', text: 'watergebruik' },
        { type: 'phrase', words: ['digitale', 'infrastructuur'] },
        {
          type: 'or',
          options: [
            { type: 'word', text: 'budget' },
            { type: 'word', text: 'middelen' },
          ],
        },
      ],
      not: [{ type: 'word', text: 'ATKM' }],
      notes: [],
    });
  });

  test('compiles to quoted, analysed terms only', () => {
    assert.equal(compile('budgetten'), '"budget"');
    assert.equal(compile('de budgetten'), '"budget"');
    assert.equal(compile('datacenters'), '"datacenter"');
    assert.equal(compile('datacentersector'), '("datacentersector" OR ("datacenter" AND "sector"))');
    assert.match(compile('algoritmeregister'), /^\("algoritmeregister" OR \("algoritm" AND "register"\)\)$/);
    assert.equal(compile('"digitale infrastructuur"'), '{q_terms a_terms} : "digital infrastructur"');
    assert.equal(compile('water -budget'), '"water" NOT ("budget")');
  });

  test('a compound is searched as its parts too, unless the caller says it is common enough', () => {
    const parsed = parseQuery('datacentersector budget');
    assert.deepEqual(compoundTerms(parsed, analyzer), ['datacentersector']);
    assert.equal(
      compileQuery(parsed, analyzer, { expand: () => false }),
      '("datacentersector" AND "budget")',
    );
    assert.equal(
      compileQuery(parsed, analyzer, { mode: 'any' }),
      '(("datacentersector" OR ("datacenter" AND "sector")) OR "budget")',
    );
  });

  test('hostile and odd queries: a clear error or a sensible reading, never FTS syntax', () => {
    assert.deepEqual(parseQuery('"digitale infra').notes, [
      'unbalanced quote: the last phrase runs to the end of the query',
    ]);
    assert.equal(compile('"digitale infra'), '{q_terms a_terms} : "digital infra"');
    for (const q of [
      'NEAR(a b)',
      'a* OR ^b',
      'col:abc',
      '"',
      ')(',
      'AND',
      '{q_terms}: x',
      "'; DROP TABLE questions; --",
    ]) {
      try {
        const expr = compile(q);
        // Whatever survives is quoted terms and our own operators only.
        assert.match(expr, /^[\s"(){}:a-z0-9_]*(?:\s(?:AND|OR|NOT)\s[\s"(){}:a-z0-9_]*)*$/, `${q} → ${expr}`);
      } catch (error) {
        assert.ok(error instanceof QueryError, `${q}: ${String(error)}`);
      }
    }
    assert.throws(() => compile('x'.repeat(MAX_QUERY_LENGTH + 1)), QueryError);
    assert.throws(() => compile('-water'), /at least one word that is not excluded/);
    assert.throws(() => compile('... !!! ???'), /no words/);
    assert.throws(
      () => compile(Array.from({ length: 40 }, (_, i) => `woord${i}`).join(' ')),
      /too many words/,
    );
  });

  test('only stop words: they are searched for, not dropped', () => {
    assert.equal(compile('de het'), '("de" AND "het")');
  });
});
