// The HTML renderer: anchors that resolve, one element per question, links only where allowed,
// and nothing from the tree ever active as markup.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Block, Inline, Publication, Reference } from '../../src/model/publication.js';
import { escapeHtml, renderHtml } from '../../src/render/html.js';
import { RENDER_FORMATS, render } from '../../src/render/index.js';
import { FIXTURES, readFixture } from '../helpers/read.js';

const names = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.txt'))
  .sort();
const sample = readFixture('kst-36360-VI-12.txt');

function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
}

function count(html: string, needle: string): number {
  return html.split(needle).length - 1;
}

const TAGS = new Set(
  'html head meta title style body main article header footer section div p span strong br h1 h2 h3 sup a ol ul li dl dt dd time table thead tbody tr th td'.split(
    ' ',
  ),
);
const ATTRIBUTES = new Set(
  'class id href lang aria-label aria-labelledby charset name content value start type scope datetime data-label'.split(
    ' ',
  ),
);

function unescapeHtml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every '<' opens a known tag with known, double-quoted attributes; every '&' is an escape; no href runs script. */
function assertInert(html: string): void {
  const markup = html.replace(/<style>[^<]*<\/style>/, '<style></style>');
  assert.doesNotMatch(markup, /<script/i);
  for (const m of markup.matchAll(/</g)) {
    const rest = markup.slice(m.index, m.index + 4000);
    if (rest.startsWith('<!doctype html>')) continue;
    const tag = /^<\/?([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/.exec(rest);
    assert.ok(tag, `not a tag: ${rest.slice(0, 80)}`);
    assert.ok(TAGS.has(tag[1]!), `unexpected tag ${tag[1]}`);
    for (const a of tag[2]!.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      assert.ok(ATTRIBUTES.has(a[1]!), `unexpected attribute ${a[1]}`);
      if (a[1] === 'href') {
        const url = unescapeHtml(a[2]!).replace(/[\s\p{Cc}]+/gu, '');
        assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(url) || /^https?:/i.test(url), `unsafe href ${a[2]}`);
      }
    }
  }
  assert.doesNotMatch(markup, /&(?!(?:amp|lt|gt|quot|#39);)/);
}

function questions(pub: Publication) {
  return pub.sections.flatMap((s) => s.questions);
}

describe('html: every fixture', () => {
  for (const name of names) {
    test(name, () => {
      const pub = readFixture(name);
      const html = renderHtml(pub);
      const all = ids(html);
      assert.equal(new Set(all).size, all.length, 'ids are unique');
      const idSet = new Set(all);
      for (const q of questions(pub)) if (q.number !== null) assert.ok(idSet.has(`vraag-${q.number}`));
      assert.equal(count(html, 'class="vb-vraag"'), questions(pub).length);
      assert.equal(count(html, '<h1'), 1);
      // Every in-page link lands on an element: markers on notes, notes on markers, question references.
      for (const href of hrefs(html).filter((h) => h.startsWith('#')))
        assert.ok(idSet.has(href.slice(1)), href);
      for (const m of html.matchAll(
        /<sup class="vb-noot-ref"><a id="noot-ref-(\d+)(?:-\d+)?" href="#noot-(\d+)">/g,
      ))
        assert.equal(m[1], m[2]);
      for (const f of pub.footnotes) {
        assert.ok(idSet.has(`noot-${f.number}`), `noot-${f.number}`);
        const item = new RegExp(`<li[^>]* id="noot-${f.number}"[^>]*>.*?</li>`).exec(html)?.[0] ?? '';
        assert.match(item, new RegExp(`href="#noot-ref-${f.number}" class="vb-noot-terug"`));
      }
      assertInert(html);
    });
  }
});

describe('html: document and fragment', () => {
  test('a whole document by default', () => {
    const html = renderHtml(sample);
    assert.match(html, /^<!doctype html>\n<html lang="nl">/);
    assert.match(html, /<meta charset="utf-8">/);
    assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(html, /<title>Lijst van vragen en antwoorden, Kamerstuk 36 360 VI, nr\. 12<\/title>/);
    assert.match(html, /<style>/);
    assert.match(html, /<h2 class="utrecht-heading-2 vb-sectie-kop">Vragen en antwoorden inzake Jaarverslag/);
    assert.match(html, /<section class="vb-sectie" id="sectie-4">/);
    assert.match(html, /<h2 class="utrecht-heading-2" id="noten">Noten<\/h2>/);
  });

  test('fragment: only the article', () => {
    const html = renderHtml(sample, { fragment: true });
    assert.match(html, /^<article class="vb-publicatie" lang="nl">/);
    assert.match(html, /<\/article>\n$/);
    assert.doesNotMatch(html, /<html|<head>|<style|<body/);
  });

  test('render(pub, "html") is the whole document', () => {
    assert.ok((RENDER_FORMATS as readonly string[]).includes('html'));
    assert.equal(render(sample, 'html'), renderHtml(sample));
  });

  test("lang 'en' changes Vraagbaak's own labels only", () => {
    const html = renderHtml(sample, { lang: 'en' });
    assert.match(html, /aria-label="back to the text" lang="en"/);
    assert.match(html, />Notes<\/h2>/);
    assert.match(html, /<html lang="nl">/);
    assert.match(html, /Vraag 1<\/h3>/);
  });

  test('sample: footnote 1 links to its URL, question 15 to question 14', () => {
    const html = renderHtml(sample);
    assert.match(
      html,
      /<li[^>]* id="noot-1" value="1"><a class="utrecht-link vb-link-extern" href="https:\/\/algoritmes\.overheid\.nl\/nl">/,
    );
    assert.match(
      html,
      /<a class="utrecht-link vb-vraagverwijzing" href="#vraag-14">Zie het antwoord op vraag 14<\/a>/,
    );
  });
});

describe('html: Kamerstuk links', () => {
  test('only for references linkFor gives a path for', () => {
    const asked: string[] = [];
    const html = renderHtml(sample, {
      linkFor: (ref) => {
        asked.push(ref.id);
        return ref.id === 'kst-36360-VI-1' ? `/publicaties/${ref.id}?a=1&b=2` : null;
      },
    });
    assert.ok(asked.includes('kst-36360-VII-1'));
    assert.equal(count(html, 'vb-kamerstuk'), 1);
    assert.match(
      html,
      /\(<a class="utrecht-link vb-kamerstuk" href="\/publicaties\/kst-36360-VI-1\?a=1&amp;b=2">Kamerstuk 36 360 VI, nr\. 1<\/a>\)/,
    );
    assert.match(html, /\(Kamerstuk 36 360 VII, nr\. 1\)/);
    assert.equal(count(renderHtml(sample), 'vb-kamerstuk'), 0);
  });

  test('a path with another scheme is refused', () => {
    for (const path of [
      'javascript:alert(1)',
      ' java\tscript:alert(1)',
      'data:text/html,x',
      'JAVASCRIPT:x',
    ]) {
      const html = renderHtml(sample, { linkFor: () => path });
      assert.equal(count(html, 'vb-kamerstuk'), 0, path);
    }
    const html = renderHtml(sample, { linkFor: () => 'https://zoek.officielebekendmakingen.nl/x' });
    assert.equal(count(html, 'vb-kamerstuk'), sample.references.filter((r) => r.kind === 'kamerstuk').length);
  });
});

// A small tree built by hand, for what the fixtures do not show.
function tree(overrides: Partial<Publication> = {}): Publication {
  const base = structuredClone(sample);
  const para = (...content: Inline[]): Block => ({ type: 'paragraph', content });
  base.sections = [
    {
      title: null,
      party: 'CDA',
      noQuestions: false,
      intro: [],
      questions: [1, 2].map(() => ({
        ...sample.sections[0]!.questions[0]!,
        number: null,
        label: null,
        questionBlocks: [
          para({ type: 'text', value: 'Zie' }, { type: 'footnoteRef', number: 1 }),
          {
            type: 'list',
            ordered: true,
            items: [
              { marker: 'b)', content: [{ type: 'text', value: 'twee' }] },
              { marker: 'c)', content: [{ type: 'footnoteRef', number: 1 }] },
            ],
          },
          { type: 'table', header: true, rows: [['kop'], ['cel']] },
        ],
      })),
    },
  ];
  base.footnotes = [{ number: 1, text: null, question: null }];
  base.references = [];
  return { ...base, ...overrides };
}

describe('html: built trees', () => {
  test('unnumbered questions, repeated markers, lists and tables', () => {
    const html = renderHtml(tree());
    assert.match(
      html,
      /<section class="vb-vraag" id="vraag-p1">\n<h3 class="utrecht-heading-3 vb-vraag-kop">Vraag 1<\/h3>/,
    );
    assert.match(html, /id="vraag-p2"/);
    for (const id of ['noot-ref-1', 'noot-ref-1-2', 'noot-ref-1-3', 'noot-ref-1-4'])
      assert.match(html, new RegExp(`id="${id}"`));
    assert.match(html, /<ol class="utrecht-ordered-list" type="a" start="2">/);
    const roman = tree();
    roman.sections[0]!.questions[0]!.questionBlocks = [
      { type: 'list', ordered: true, items: [{ marker: 'i.', content: [{ type: 'text', value: 'een' }] }] },
    ];
    assert.match(renderHtml(roman), /<ol class="utrecht-ordered-list" type="i">/);
    assert.match(html, /<th class="utrecht-table__header-cell" scope="col">kop<\/th>/);
    assert.match(html, /<li[^>]* id="noot-1" value="1">\(tekst ontbreekt in de bron\) <a href="#noot-ref-1"/);
    const all = ids(html);
    assert.equal(new Set(all).size, all.length);
  });

  test('escapes text, and javascript: URLs never become links', () => {
    const evil = `<script>alert(1)</script> "quoted" 'single' & javascript:alert(1)`;
    const pub = tree({ title: evil, documentType: evil });
    pub.request = { ...pub.request, committee: evil };
    const q = pub.sections[0]!.questions[0]!;
    q.questionBlocks = [{ type: 'paragraph', content: [{ type: 'text', value: `${evil} klik` }] }];
    pub.references = [
      { kind: 'url', text: 'klik', question: null, url: 'javascript:alert(1)' },
      { kind: 'url', text: 'alert(1)', question: null, url: 'https://x.nl/"onmouseover="alert(1)' },
    ];
    const html = renderHtml(pub);
    assertInert(html);
    assert.match(
      html,
      /&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;quoted&quot; &#39;single&#39; &amp; javascript:/,
    );
    assert.match(html, /href="https:\/\/x\.nl\/&quot;onmouseover=&quot;alert\(1\)"/);
    assert.doesNotMatch(html, /href="javascript/);
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('property: whatever the strings, the output stays inert', () => {
    const nasty = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom(
        '<script>alert(1)</script>',
        '<SCRIPT SRC=x>',
        '"',
        "'",
        '&',
        '&amp;',
        '&colon;',
        'javascript:alert(1)',
        ' java\tscript:alert(1)',
        '" onmouseover="alert(1)',
        "' onfocus='alert(1)",
        '</title><script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '-->',
        'https://x.nl/"><script>alert(1)</script>',
      ),
    );
    const text = fc.array(nasty, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.record({
          title: text,
          committee: text,
          question: text,
          footnote: text,
          section: text,
          name: text,
          label: text,
          link: text,
          url: text,
          path: text,
        }),
        fc.boolean(),
        (s, fragment) => {
          const pub = tree({ title: s.title, documentType: s.title });
          pub.request = { ...pub.request, committee: s.committee, addressees: [s.committee] };
          pub.dossiers = [{ number: s.section, title: s.title }];
          pub.signatories = [{ role: 'griffier', name: s.name }];
          pub.sections[0]!.title = s.section;
          const q = pub.sections[0]!.questions[0]!;
          q.answerLabel = s.label;
          q.questionBlocks = [
            { type: 'paragraph', content: [{ type: 'text', value: `${s.question} ${s.link} kst` }] },
            {
              type: 'list',
              ordered: true,
              items: [{ marker: s.label, content: [{ type: 'text', value: s.question }] }],
            },
            { type: 'table', header: true, rows: [[s.question], [s.footnote]] },
          ];
          pub.footnotes = [{ number: 1, text: s.footnote, question: null }];
          pub.references = [
            { kind: 'url', text: s.link, question: null, url: s.url },
            { kind: 'url', text: s.link, question: null, url: `https://${s.url}` },
            {
              kind: 'kamerstuk',
              text: 'kst',
              question: null,
              kamerstuk: { dossier: s.section, number: '1', id: s.path },
            },
          ] satisfies Reference[];
          const html = renderHtml(pub, { fragment, linkFor: () => s.path });
          assertInert(html);
        },
      ),
      { numRuns: 300 },
    );
  });
});
