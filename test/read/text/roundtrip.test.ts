// Rendering a publication as text in the official layout and reading it back gives the same tree.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { readText } from '../../../src/read/text/index.js';
import { renderText } from '../../../src/render/text.js';
import { comparable, FIXTURES, words } from '../../helpers/read.js';

const LAYOUTS = new URL('../../fixtures/layouts/', import.meta.url);
const sources = [FIXTURES, LAYOUTS].flatMap((dir) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') })),
);

describe('text rendering reads back to the same tree', () => {
  for (const { name, text: source } of sources) {
    test(name, () => {
      const first = readText(source, { fileName: name, words });
      const text = renderText(first);
      const second = readText(text, { fileName: name, words });
      assert.deepEqual(comparable(second), comparable(first));
      // And rendering is stable: the second rendering is the first.
      assert.equal(renderText(second), text);
    });
  }
});
