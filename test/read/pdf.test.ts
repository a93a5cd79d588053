// The PDF renderer and reader: every fixture survives a round trip through PDF unchanged; the PDF is
// tagged, embeds its fonts and carries its metadata; a PDF made otherwise is read as well; and PDFs
// that cannot be read fail with a ReadError that says why, and nothing else escapes or is printed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import PDFDocument from 'pdfkit';
import type { Publication } from '../../src/model/publication.js';
import { ReadError, type ReadErrorCode } from '../../src/read/errors.js';
import { extractPages } from '../../src/read/pdf/extract.js';
import { pdfText, readPdf } from '../../src/read/pdf/index.js';
import { readText } from '../../src/read/text/index.js';
import { officialLayout, paragraphText } from '../../src/render/layout.js';
import { renderPdf } from '../../src/render/pdf.js';
import { renderText } from '../../src/render/text.js';
import { comparable, fixtureNames, readFixture, words } from '../helpers/read.js';

const COMPLETE = 'kst-36360-VI-12.txt';
const LAYOUTS = new URL('../fixtures/layouts/', import.meta.url);

async function roundTrip(pub: Publication, name: string): Promise<void> {
  const bytes = await renderPdf(pub);
  // The reader recovers the very text the text renderer prints; the tree then follows.
  assert.equal(await pdfText(bytes, words), renderText(pub));
  const back = await readPdf(bytes, { fileName: name, words });
  assert.equal(back.source.reader, 'pdf');
  assert.deepEqual(comparable(back), comparable(pub));
}

describe('PDF rendering reads back to the same tree', () => {
  for (const name of fixtureNames()) {
    test(name, () => roundTrip(readFixture(name), name));
  }
  for (const name of readdirSync(LAYOUTS).filter((n) => n.endsWith('.txt'))) {
    test(`layouts/${name}`, () =>
      roundTrip(readText(readFileSync(new URL(name, LAYOUTS), 'utf8'), { fileName: name, words }), name));
  }
});

/** A seeded generator of long publications: many page breaks, in paragraphs, lists and footnotes. */
function syntheticText(seed: number): string {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const vocabulary = (
    'de het een minister heeft vragen beantwoord over digitalisering informatievoorziening datacenters ' +
    'budget politie 2023 € 4,1 mln. bijzondere bijdragen Kamer (ATKM) wet- en regelgeving cybercrime-aanpak ' +
    'onderzoek Rijksoverheid. algoritmes, toezicht innovatie/digitalisering kwantumcommunicatie'
  ).split(' ');
  const notes: string[] = [];
  const sentence = (): string => {
    const s = Array.from({ length: 4 + Math.floor(random() * 25) }, () => pick(vocabulary)).join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = (): string => {
    // Now and then a paragraph longer than a page.
    const n = random() < 0.05 ? 40 + Math.floor(random() * 30) : 1 + Math.floor(random() * 5);
    let text = Array.from({ length: n }, sentence).join(' ');
    const marker = notes.length + 1;
    if (random() < 0.2 && /[a-z]\. /.test(text)) {
      text = text.replace(/([a-z])\. /, `$1${marker}. `);
      notes.push(
        `${marker} Zie https://www.example.nl/${'x'.repeat(Math.floor(random() * 40))} en ${sentence()}`,
      );
    }
    return text;
  };
  const parts = [
    'Tweede Kamer der Staten-Generaal',
    'Vergaderjaar 2022-2023',
    '36 360 VI',
    'Nr. 12',
    'De vaste commissie voor Digitale Zaken heeft een aantal vragen voorgelegd aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties.',
    'De voorzitter van de commissie, Kamminga',
    'Vragen en antwoorden',
  ];
  const questions = 10 + Math.floor(random() * 30);
  for (let q = 1; q <= questions; q++) {
    parts.push(String(q), `${paragraph().slice(0, -1)}?`, 'Antwoord:');
    for (let a = 1 + Math.floor(random() * 3); a > 0; a--) {
      const r = random();
      if (r < 0.15) parts.push(`• ${paragraph()}`, `• ${paragraph()}`);
      else if (r < 0.25) parts.push(`a) ${paragraph()}`, `b) ${paragraph()}`, `c) ${paragraph()}`);
      else parts.push(paragraph());
    }
  }
  if (notes.length > 0) parts.push('______', ...notes);
  return `${parts.join('\n\n')}\n`;
}

test('page breaks fall anywhere and still read back: generated long publications', async (t) => {
  let pages = 0;
  for (const seed of [5, 7, 11, 12]) {
    const pub = readText(syntheticText(seed), { fileName: COMPLETE, words });
    const bytes = await renderPdf(pub);
    pages += (await extractPages(bytes)).length;
    assert.equal(await pdfText(bytes, words), renderText(pub), `seed ${seed}`);
  }
  t.diagnostic(`${pages} pages in 4 generated publications`);
});

test('a PDF made otherwise reads back too: standard fonts, flowing text, page numbers, notes at the end', async () => {
  // pdfkit's own text flow (it breaks after hyphens and slashes too), unembedded Helvetica, no raised
  // markers, a "Pagina n van m" footer.
  const pub = readFixture(COMPLETE);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 80, left: 70, right: 70 },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  for (const p of officialLayout(pub)) {
    const bold = p.role === 'section' || p.role === 'question-label';
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(p.role === 'footnote' ? 8 : 10.5);
    doc.text(paragraphText(p), { width: 455, paragraphGap: 7, lineGap: 2 });
  }
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(i);
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Pagina ${i + 1} van ${range.count}`, 70, 790, { lineBreak: false });
  }
  doc.end();
  await ended;
  const back = await readPdf(new Uint8Array(Buffer.concat(chunks)), { fileName: COMPLETE, words });
  assert.ok(range.count > 1);
  assert.deepEqual(comparable(back), comparable(pub));
});

test('a PDF set like the official ones: header at the top, typesetter hyphens, raised note numbers', async () => {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  const at = (text: string, x: number, y: number, size = 10, font = 'Times-Roman'): number => {
    doc.font(font).fontSize(size).text(text, x, y, { lineBreak: false, baseline: 'alphabetic' });
    return x + doc.widthOfString(text);
  };
  const page = (n: number, lines: [string, number, string?][]): void => {
    doc.addPage({ size: 'A4', margin: 0 });
    at('Tweede Kamer, vergaderjaar 2022–2023, 36 360 VI, nr. 12', 70, 40, 8);
    at(String(n), 520, 40, 8);
    for (const [text, y, font] of lines) at(text, 70, y, 10, font);
  };
  page(1, [
    ['De vaste commissie voor Digitale Zaken heeft een aantal vragen voorgelegd aan de', 90],
    ['Minister van Binnenlandse Zaken en Koninkrijksre-', 103],
    ['laties over de jaarverslagen.', 116],
    ['1', 136, 'Times-Bold'],
    ['Wanneer is de verwachting dat de Autoriteit Kinderpornografisch en Terroristisch', 156],
    ['Materiaal in werking wordt gesteld?', 169],
    ['Antwoord:', 189, 'Times-Italic'],
  ]);
  at(' van 2023.', at('1', at('Dit zal gebeuren na de zomer', 70, 209), 205.5, 6), 209);
  at('https://example.nl/zomer', at('1', 70, 775, 6) + 4, 778, 8);
  page(2, [
    ['2', 90, 'Times-Bold'],
    ['Hoeveel budget krijgt de ATKM?', 110],
    ['Antwoord:', 130, 'Times-Italic'],
    ['Het budget loopt op van € 4 mln. naar € 6 mln.', 150],
  ]);
  doc.end();
  await ended;
  const bytes = new Uint8Array(Buffer.concat(chunks));
  assert.equal(
    await pdfText(bytes, words),
    `${[
      'De vaste commissie voor Digitale Zaken heeft een aantal vragen voorgelegd aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties over de jaarverslagen.',
      '1',
      'Wanneer is de verwachting dat de Autoriteit Kinderpornografisch en Terroristisch Materiaal in werking wordt gesteld?',
      'Antwoord:',
      'Dit zal gebeuren na de zomer1 van 2023.',
      '2',
      'Hoeveel budget krijgt de ATKM?',
      'Antwoord:',
      'Het budget loopt op van € 4 mln. naar € 6 mln.',
      '______',
      '1 https://example.nl/zomer',
    ].join('\n\n')}\n`,
  );
  const pub = await readPdf(bytes, { fileName: 'kst-36360-VI-12.pdf', words });
  assert.equal(pub.id, 'kst-36360-VI-12');
  assert.deepEqual(
    pub.sections.flatMap((s) => s.questions.map((q) => [q.number, q.answer])),
    [
      [1, 'Dit zal gebeuren na de zomer van 2023.'],
      [2, 'Het budget loopt op van € 4 mln. naar € 6 mln.'],
    ],
  );
  assert.deepEqual(pub.footnotes, [{ number: 1, text: 'https://example.nl/zomer', question: 1 }]);
});

describe('the rendered PDF', async () => {
  const pub = readFixture(COMPLETE);
  const bytes = await renderPdf(pub);
  const raw = Buffer.from(bytes).toString('latin1');

  test('embeds its fonts and uses no standard font', () => {
    assert.ok((raw.match(/\/FontFile2 /g) ?? []).length >= 3, 'DejaVu Serif, Bold and Italic embedded');
    assert.doesNotMatch(raw, /\/BaseFont \/(?:Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
    for (const font of raw.matchAll(/\/Type \/Font\s*\/Subtype \/(\w+)/g)) {
      assert.ok(['Type0', 'CIDFontType2'].includes(font[1]!), `font subtype ${font[1]}`);
    }
  });

  test('is tagged, with title, subject and language', async () => {
    assert.match(raw, /\/StructTreeRoot /);
    assert.match(raw, /\/MarkInfo /);
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false })
      .promise;
    try {
      const info = (await pdf.getMetadata()).info as Record<string, unknown>;
      assert.equal(info.Title, 'Lijst van vragen en antwoorden, 36 360 VI, nr. 12');
      assert.match(String(info.Subject), /36 360 VI, nr\. 12/);
      assert.equal(info.Language, 'nl-NL');
      assert.equal(info.CreationDate, 'D:20230608000000Z');
      const roles = new Set<string>();
      const walk = (node: { role?: string; children?: unknown[] }): void => {
        if (node.role) roles.add(node.role);
        for (const child of node.children ?? []) if (typeof child === 'object' && child) walk(child);
      };
      for (let n = 1; n <= pdf.numPages; n++) {
        const tree = await (await pdf.getPage(n)).getStructTree();
        if (tree) walk(tree);
      }
      for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Note']) {
        assert.ok(roles.has(role), `structure element ${role}`);
      }
    } finally {
      await pdf.destroy();
    }
  });

  test('is the same for the same publication', async () => {
    assert.deepEqual(await renderPdf(pub), bytes);
  });

  test('sets footnotes small at the foot of the page where their raised marker stands', async () => {
    const pages = await extractPages(bytes);
    const at = pages.findIndex((p) => p.items.some((i) => i.str === 'https://algoritmes.overheid.nl/nl.'));
    assert.ok(at >= 0);
    const note = pages[at]!.items.find((i) => i.str === 'https://algoritmes.overheid.nl/nl.')!;
    assert.equal(note.size, 8);
    const marker = pages[at]!.items.find((i) => i.str === '1' && i.size < 8 && i.y < note.y - 50);
    assert.ok(marker, 'the raised marker 1 stands on the same page, above its footnote');
  });

  test('has a running footer, which the reader leaves out', async () => {
    const pages = await extractPages(bytes);
    assert.ok(pages.length > 1);
    for (const p of pages) {
      assert.ok(p.items.some((i) => i.str === 'Tweede Kamer, vergaderjaar 2022–2023, 36 360 VI, nr. 12'));
      assert.ok(p.items.some((i) => i.str === String(p.number)));
    }
    assert.doesNotMatch(await pdfText(bytes, words), /vergaderjaar 2022–2023/);
  });

  test('timing: readPdf on the complete fixture', async (t) => {
    const pageCount = (await extractPages(bytes)).length;
    const start = performance.now();
    const runs = 3;
    for (let i = 0; i < runs; i++) await readPdf(bytes, { fileName: COMPLETE, words });
    const ms = (performance.now() - start) / runs;
    t.diagnostic(
      `readPdf: ${pageCount} pages in ${ms.toFixed(0)} ms, ${((pageCount / ms) * 1000).toFixed(1)} pages/s`,
    );
    const renderStart = performance.now();
    await renderPdf(pub);
    t.diagnostic(`renderPdf: ${(performance.now() - renderStart).toFixed(0)} ms, ${bytes.length} bytes`);
  });
});

/** Makes a PDF with pdfkit. */
async function makePdf(
  draw: (doc: InstanceType<typeof PDFDocument>) => void,
  options: ConstructorParameters<typeof PDFDocument>[0] = {},
): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  draw(doc);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Reads and expects a ReadError with this code and a message like this; prints nothing meanwhile. */
async function refuses(bytes: Uint8Array, code: ReadErrorCode, message: RegExp): Promise<void> {
  const printed: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  const capture = (...args: unknown[]): void => {
    printed.push(args.map(String).join(' '));
  };
  Object.assign(console, { log: capture, warn: capture, error: capture, info: capture });
  let caught: unknown = null;
  try {
    await readPdf(bytes, { fileName: 'x.pdf', words });
  } catch (error) {
    caught = error;
  } finally {
    Object.assign(console, saved);
  }
  assert.ok(caught instanceof ReadError, `expected a ReadError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, message);
  assert.deepEqual(printed, [], 'nothing printed');
}

describe('PDFs that cannot be read', () => {
  test('pages without text: a scan', async () => {
    const bytes = await makePdf((doc) => {
      doc.rect(100, 100, 300, 400).fill('#777');
      doc.addPage().rect(50, 50, 100, 100).fill('#333');
    });
    await refuses(bytes, 'no-text-layer', /no text layer \(a scan\?\).*OCR/);
  });

  test('a PDF cut off halfway', async () => {
    const bytes = await renderPdf(readFixture(COMPLETE));
    await refuses(bytes.slice(0, Math.floor(bytes.length / 2)), 'truncated', /cut off before its end/);
  });

  test('random bytes after a %PDF- header', async () => {
    let state = 42;
    const noise = Array.from({ length: 4096 }, () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state >> 23;
    });
    const bytes = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...noise, ...Buffer.from('\n%%EOF\n')]);
    await refuses(bytes, 'unreadable', /damaged|cannot be read/);
    await refuses(new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...noise]), 'truncated', /cut off/);
  });

  test('a password-protected PDF', async () => {
    const bytes = await makePdf((doc) => doc.text('Vraag 1 Hoeveel?'), { userPassword: 'geheim' });
    await refuses(bytes, 'encrypted', /protected with a password/);
  });

  test('not a PDF, an empty file, and a PDF that is no publication', async () => {
    await refuses(new Uint8Array(Buffer.from('Vraag 1\nHoeveel?\n')), 'unreadable', /not a PDF file/);
    await refuses(new Uint8Array(0), 'empty', /empty/);
    const letter = await makePdf((doc) => doc.text('Beste lezer, dit is een brief over het weer.'));
    await refuses(letter, 'not-a-publication', /no questions and answers/);
  });
});
