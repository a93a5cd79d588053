// The HTML reader's tree (htmlparser2's, given HTML's own shape): where htmlparser2's tolerant parsing
// differs from a browser's on broken markup, the reader reads the page as a browser (and parse5) builds
// it; each expectation of the first part is what the reader read when it used parse5. And htmlparser2's
// cost of deep nesting is bounded.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Publication } from '../../src/model/publication.js';
import { isReadError } from '../../src/read/errors.js';
import { htmlLayoutText, readHtml } from '../../src/read/html/index.js';
import { renderHtml } from '../../src/render/html.js';
import { comparable, fixtureNames, readFixture, words } from '../helpers/read.js';

const layout = (html: string): string => htmlLayoutText(html).text;
const read = (html: string, fileName: string): Publication => readHtml(html, { fileName, words });

describe('broken markup reads as a browser builds it', () => {
  test('a page repeated, or its head cut off and repeated, reads as the page', () => {
    for (const name of fixtureNames()) {
      const page = renderHtml(readFixture(name));
      const plain = comparable(read(page, name));
      const title = page.indexOf('vb-titel">') + 20;
      for (const broken of [
        page.slice(0, page.indexOf('<title>')) + page,
        page.slice(0, title).repeat(3) + page.slice(title),
        page + page,
      ]) {
        assert.deepEqual(comparable(read(broken, name)), plain, name);
      }
    }
  });

  test('content outside <body>, or a page without one, is in the body', () => {
    assert.equal(
      layout(
        '<!doctype html><html><head><title>t</title></head><p>Vraag 1</p><body><p>Is dat zo?</p></body><p>Ja.</p></html><p>Nog iets.</p>',
      ),
      'Vraag 1\n\nIs dat zo?\n\nJa.\n\nNog iets.\n',
    );
    const bare = htmlLayoutText(
      '<title>Titel</title><meta name="DC.creator" content="Tweede Kamer der Staten-Generaal"><h1>Lijst</h1><p>Vraag 1</p><p>Is dat zo?</p>',
    );
    assert.equal(bare.text, 'Tweede Kamer der Staten-Generaal\n\nLijst\n\nVraag 1\n\nIs dat zo?\n');
    assert.equal(bare.metadata.chamber, 'Tweede Kamer der Staten-Generaal');
  });

  test('a paragraph ends where a list item or a definition begins', () => {
    const html = (inner: string): string => `<!doctype html><html><body>${inner}</body></html>`;
    assert.equal(layout(html('<p>Inleiding<li>Punt</li></p><p>Slot</p>')), 'Inleiding\n\n• Punt\n\nSlot\n');
    assert.equal(layout(html('<p>Inleiding<dd>Term</dd><p>Slot</p>')), 'Inleiding\n\nTerm\n\nSlot\n');
  });

  test('table rows and cells outside a table are no rows or cells', () => {
    assert.equal(
      layout('<!doctype html><html><body><p>Vraag 1<td>Is dat zo?</td></p></body></html>'),
      'Vraag 1Is dat zo?\n',
    );
  });

  test('<![CDATA[ outside SVG and MathML ends at the next ">"', () => {
    assert.equal(
      layout(
        '<!doctype html><html><body><p>Vraag<![CDATA[ weg ]]> 1</p><p>Is dat <![CDATA[zo?</p><p>Ja.</p></body></html>',
      ),
      'Vraag 1\n\nIs dat\n\nJa.\n',
    );
  });

  test('a page cut off inside a tag loses the tag, not a letter of it', () => {
    const start = '<!doctype html><html><body><article><p>Vraag 1</p><p>Is dat zo?</p>';
    for (const end of ['<p', '<se', '<t', '<p class="a/', '</sp']) {
      const cut = htmlLayoutText(start + end);
      assert.equal(cut.text, 'Vraag 1\n\nIs dat zo?\n\n[…]\n', end);
      assert.equal(cut.cutOff, true, end);
    }
  });

  test('carriage returns are line ends', () => {
    assert.equal(
      layout('<!doctype html>\r\n<html><body><pre>Vraag 1\r\nIs dat\rzo?\r\n</pre></body></html>'),
      'Vraag 1\nIs dat\nzo?\n',
    );
  });
});

describe('deep nesting costs no more than the nesting', () => {
  // htmlparser2 looks for an end tag's element among all the open ones: stray end tags deep down
  // would cost it seconds each thousand; the reader drops them at once.
  test('70 000 stray end tags 30 000 elements deep', () => {
    const started = performance.now();
    try {
      read(`${'<div>'.repeat(30_000)}${'</b>'.repeat(70_000)}`, 'diep.html');
      assert.fail('expected a ReadError');
    } catch (error) {
      assert.ok(isReadError(error) && error.code === 'truncated', String(error));
    }
    // Far above the second it takes: only a quadratic walk fails it, not a busy machine.
    assert.ok(performance.now() - started < 15_000);
  });

  test('nesting far deeper than any page is refused', () => {
    try {
      read(`<body>${'<div>'.repeat(100_000)}Vraag 1`, 'diep.html');
      assert.fail('expected a ReadError');
    } catch (error) {
      assert.ok(isReadError(error) && error.code === 'unreadable', String(error));
      assert.match(error.message, /too deeply nested/);
    }
  });
});
