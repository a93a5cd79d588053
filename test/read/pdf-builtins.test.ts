// Reading a PDF leaves the process's built-ins as they were. pdfjs-dist's legacy build carries core-js
// polyfills that replace JSON.stringify, JSON.parse and Array.prototype.push with slower JavaScript
// versions; src/read/pdf/pdfjs.ts puts the natives back. (This file must not import pdfjs itself.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractPages } from '../../src/read/pdf/extract.js';
import { renderPdf } from '../../src/render/pdf.js';
import { readFixture } from '../helpers/read.js';

test('reading a PDF keeps the native JSON.stringify, JSON.parse, Array.prototype.push', async () => {
  const before = {
    stringify: JSON.stringify,
    parse: JSON.parse,
    push: Array.prototype.push,
    toString: Function.prototype.toString,
  };
  const bytes = await renderPdf(readFixture('kst-36360-VI-12.txt'));
  const pages = await extractPages(bytes);
  assert.ok(pages.length > 1, 'the rendered publication has pages');
  assert.ok(pages[0]!.items.length > 10, 'and text on them');
  assert.equal(JSON.stringify, before.stringify);
  assert.equal(JSON.parse, before.parse);
  assert.equal(Array.prototype.push, before.push);
  assert.equal(Function.prototype.toString, before.toString);
  // Natives print as native code; core-js's versions are JavaScript.
  assert.match(Function.prototype.toString.call(JSON.stringify), /\[native code\]/);
  // What pdfjs needs and Node 20 lacks stays added.
  assert.ok('withResolvers' in Promise);
});
