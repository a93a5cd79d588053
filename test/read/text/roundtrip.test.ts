// Rendering a publication as text in the official layout and reading it back gives the same tree.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Publication } from '../../../src/model/publication.js';
import { readText } from '../../../src/read/text/index.js';
import { renderText } from '../../../src/render/text.js';
import { FIXTURES, readFixture, words } from '../../helpers/read.js';

/** What may differ between a source and its rendering: where things stood, and the reader's notes. */
function comparable(pub: Publication) {
  return {
    ...pub,
    source: null,
    sections: pub.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, line: null })) })),
  };
}

describe('text rendering reads back to the same tree', () => {
  for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.txt'))) {
    test(name, () => {
      const first = readFixture(name);
      const text = renderText(first);
      const second = readText(text, { fileName: name, words });
      assert.deepEqual(comparable(second), comparable(first));
      // And rendering is stable: the second rendering is the first.
      assert.equal(renderText(second), text);
    });
  }
});
