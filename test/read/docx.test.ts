// The DOCX renderer and reader: every fixture survives Word and back; a document written as ministries
// write them (Word lists, a table, a footnote) reads into the right tree; hostile files give a ReadError.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { blocksText } from '../../src/model/plain-text.js';
import { type Block, Publication } from '../../src/model/publication.js';
import { zipEntries } from '../../src/read/docx/container.js';
import { docxText, readDocx } from '../../src/read/docx/index.js';
import { ReadError } from '../../src/read/errors.js';
import { readText } from '../../src/read/text/index.js';
import { renderDocx } from '../../src/render/docx.js';
import { renderText } from '../../src/render/text.js';
import { comparable, fixtureNames, readFixture, words } from '../helpers/read.js';

/** One unpacked part of a ZIP, as text. */
function part(bytes: Uint8Array, name: string): string {
  const entry = zipEntries(bytes).find((e) => e.name === name);
  assert.ok(entry, `${name} is in the DOCX`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start =
    entry.localOffset +
    30 +
    view.getUint16(entry.localOffset + 26, true) +
    view.getUint16(entry.localOffset + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  return (entry.method === 0 ? Buffer.from(data) : inflateRawSync(data)).toString('utf8');
}

/** A ZIP built by hand: stored or deflated entries, optionally stating a false unpacked size. */
function zip(
  files: { name: string; data: Uint8Array; deflate?: boolean; statedSize?: number }[],
): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const data = f.deflate ? deflateRawSync(f.data) : Buffer.from(f.data);
    const size = f.statedSize ?? f.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(f.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(f.data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(f.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(f.data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** Reads bytes that must fail: the ReadError, asserted to be one (never another error type). */
async function readError(bytes: Uint8Array): Promise<ReadError> {
  try {
    await readDocx(bytes, { fileName: 'hostile.docx', words });
  } catch (error) {
    assert.ok(error instanceof ReadError, `a ReadError, not ${String(error)}`);
    return error;
  }
  assert.fail('no error for a file that is no readable Word document');
}

const LAYOUTS = new URL('../fixtures/layouts/', import.meta.url);
const fixtures = fixtureNames();
const rendered = new Map<string, Uint8Array>();
async function docxOf(name: string): Promise<Uint8Array> {
  let bytes = rendered.get(name);
  if (!bytes) {
    bytes = await renderDocx(readFixture(name));
    rendered.set(name, bytes);
  }
  return bytes;
}

describe('DOCX round trip: renderDocx → readDocx gives the same tree', () => {
  for (const name of fixtures) {
    test(name, async () => {
      const pub = readFixture(name);
      const bytes = await docxOf(name);
      // The document reads back as the text layout's very text: this pins down any difference first.
      assert.equal((await docxText(bytes)).text, renderText(pub), `${name}: the DOCX text differs`);
      const back = await readDocx(bytes, { fileName: name, words });
      assert.equal(back.source.reader, 'docx');
      const expected = comparable(pub);
      const actual = comparable(back);
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        assert.deepEqual(actual[key], expected[key], `${name}: ${key} differs`);
      }
      assert.deepEqual(actual, expected);
    });
  }

  // The layouts the text round trip also covers: a shared answer, unnumbered questions, replies.
  for (const name of readdirSync(LAYOUTS).filter((n) => n.endsWith('.txt'))) {
    test(`layout ${name}`, async () => {
      const pub = readText(readFileSync(new URL(name, LAYOUTS), 'utf8'), { fileName: name, words });
      const back = await readDocx(await renderDocx(pub), { fileName: name, words });
      assert.deepEqual(comparable(back), comparable(pub));
    });
  }

  test('a table block: a Word table with a header row, read back as a table', async () => {
    const pub = readFixture('kst-36360-VI-12.txt');
    const table: Block = {
      type: 'table',
      header: true,
      rows: [
        ['Onderdeel', 'Stand van zaken'],
        ['ATKM', 'in oprichting'],
        ['Politie', ''],
      ],
    };
    const q = pub.sections.flatMap((s) => s.questions).find((x) => x.number === 2)!;
    q.answerBlocks = [...q.answerBlocks, table];
    q.answer = blocksText(q.answerBlocks);
    const bytes = await renderDocx(pub);
    const xml = part(bytes, 'word/document.xml');
    assert.match(xml, /<w:tbl>/);
    assert.match(xml, /<w:tblHeader\/>/);
    const back = await readDocx(bytes, { fileName: 'kst-36360-VI-12.txt', words });
    const answer = back.sections.flatMap((s) => s.questions).find((x) => x.number === 2)!;
    assert.deepEqual(answer.answerBlocks, q.answerBlocks);
    assert.equal(answer.answer, q.answer);
    assert.deepEqual(comparable(back), comparable(pub));
  });
});

describe('the rendered DOCX is a real Word document', () => {
  test('real footnotes, headings, A4, page numbers and properties', async () => {
    const pub = readFixture('kst-36360-VI-12.txt');
    const bytes = await docxOf('kst-36360-VI-12.txt');
    const document = part(bytes, 'word/document.xml');
    const footnotes = part(bytes, 'word/footnotes.xml');
    const withText = pub.footnotes.filter((f) => f.text !== null);
    assert.ok(withText.length >= 4);
    assert.equal(document.match(/<w:footnoteReference /g)?.length, withText.length);
    for (const f of withText) {
      const start = f.text!.slice(0, 20);
      if (!/[&<>"']/.test(start))
        assert.ok(footnotes.includes(start), `footnote ${f.number} is in footnotes.xml`);
    }
    // The notes are Word's, not also printed as the text layout's "______ / N text" lines.
    assert.ok(!document.includes('______'));
    assert.ok(!document.includes(withText[0]!.text!.slice(0, 20)));
    assert.match(document, /<w:pStyle w:val="Heading1"\/>/);
    assert.match(document, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(part(bytes, 'word/styles.xml'), /Times New Roman/);
    const footer = zipEntries(bytes).find((e) => /^word\/footer\d*\.xml$/.test(e.name));
    assert.ok(footer);
    assert.match(part(bytes, footer.name), /PAGE/);
    const core = part(bytes, 'docProps/core.xml');
    assert.match(core, /<dc:title>[^<]+<\/dc:title>/);
    assert.match(core, /<dc:subject>Lijst van vragen en antwoorden \(kst-36360-VI-12\)<\/dc:subject>/);
  });

  test('a marker whose footnote text the source lost is an empty Word footnote', async () => {
    const bytes = await docxOf('kst-33328-AI.txt');
    assert.equal(part(bytes, 'word/document.xml').match(/<w:footnoteReference /g)?.length, 3);
  });
});

describe('a DOCX as a ministry writes it', () => {
  const p = (text: string, bold = false): Paragraph =>
    new Paragraph({ children: [new TextRun({ text, bold })] });
  const cell = (text: string): TableCell => new TableCell({ children: [p(text)] });

  test('Vraag/Antwoord paragraphs, Word lists, a table and a footnote', async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'steps',
            levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
          },
        ],
      },
      footnotes: { 1: { children: [p('Kamerstuk 26 643, nr. 1005.')] } },
      sections: [
        {
          children: [
            new Paragraph({
              heading: HeadingLevel.HEADING_1,
              children: [
                new TextRun('Antwoorden op Kamervragen van het lid Jansen over digitale toegankelijkheid'),
              ],
            }),
            p('Vraag 1', true),
            new Paragraph({
              children: [
                new TextRun('Bent u bekend met het rapport over de toegankelijkheid van overheidswebsites'),
                new FootnoteReferenceRun(1),
                new TextRun('?'),
              ],
            }),
            p('Antwoord 1', true),
            p('Ja. Het kabinet neemt de volgende stappen:'),
            new Paragraph({
              numbering: { reference: 'steps', level: 0 },
              children: [new TextRun('een inventarisatie;')],
            }),
            new Paragraph({
              numbering: { reference: 'steps', level: 0 },
              children: [new TextRun('een verbeterplan.')],
            }),
            p('Daarbij gelden twee uitgangspunten:'),
            new Paragraph({
              bullet: { level: 0 },
              children: [new TextRun('toegankelijk vanaf het ontwerp;')],
            }),
            new Paragraph({ bullet: { level: 0 }, children: [new TextRun('jaarlijkse toetsing.')] }),
            p('Vraag 2', true),
            p('Hoeveel websites voldoen nu aan de eisen?'),
            p('Antwoord 2', true),
            p('Het overzicht staat in de tabel hieronder.'),
            new Table({
              rows: [
                new TableRow({ tableHeader: true, children: [cell('Status'), cell('Aantal websites')] }),
                new TableRow({ children: [cell('Voldoet volledig'), cell('412')] }),
                new TableRow({ children: [cell('Voldoet gedeeltelijk'), cell('1.093')] }),
              ],
            }),
            p('Vraag 3', true),
            p('Wanneer ontvangt de Kamer de volgende rapportage?'),
            p('Antwoord 3', true),
            p('De volgende rapportage ontvangt uw Kamer voor het zomerreces.'),
          ],
        },
      ],
    });
    const pub = Publication.parse(
      await readDocx(await Packer.toBuffer(doc), { fileName: 'antwoorden.docx', words }),
    );
    assert.equal(pub.source.reader, 'docx');
    assert.equal(pub.complete, true);
    const questions = pub.sections.flatMap((s) => s.questions);
    assert.deepEqual(
      questions.map((q) => [q.number, q.label, q.answerLabel]),
      [
        [1, 'Vraag 1', 'Antwoord 1'],
        [2, 'Vraag 2', 'Antwoord 2'],
        [3, 'Vraag 3', 'Antwoord 3'],
      ],
    );
    const [q1, q2, q3] = questions;
    assert.deepEqual(q1!.questionBlocks, [
      {
        type: 'paragraph',
        content: [
          {
            type: 'text',
            value: 'Bent u bekend met het rapport over de toegankelijkheid van overheidswebsites',
          },
          { type: 'footnoteRef', number: 1 },
          { type: 'text', value: '?' },
        ],
      },
    ]);
    assert.deepEqual(q1!.footnotes, [1]);
    assert.deepEqual(pub.footnotes, [{ number: 1, text: 'Kamerstuk 26 643, nr. 1005.', question: 1 }]);
    const lists = q1!.answerBlocks.filter((b) => b.type === 'list');
    assert.deepEqual(
      lists.map((l) => [
        l.ordered,
        l.items.map((i) => `${i.marker} ${blocksText([{ type: 'paragraph', content: i.content }])}`),
      ]),
      [
        [true, ['1. een inventarisatie;', '2. een verbeterplan.']],
        [false, ['- toegankelijk vanaf het ontwerp;', '- jaarlijkse toetsing.']],
      ],
    );
    assert.deepEqual(q2!.answerBlocks[1], {
      type: 'table',
      header: true,
      rows: [
        ['Status', 'Aantal websites'],
        ['Voldoet volledig', '412'],
        ['Voldoet gedeeltelijk', '1.093'],
      ],
    });
    assert.equal(
      q2!.answer,
      'Het overzicht staat in de tabel hieronder.\n\nStatus | Aantal websites\nVoldoet volledig | 412\nVoldoet gedeeltelijk | 1.093',
    );
    assert.equal(q3!.answer, 'De volgende rapportage ontvangt uw Kamer voor het zomerreces.');
    assert.ok(pub.references.some((r) => r.kind === 'kamerstuk' && r.kamerstuk.id === 'kst-26643-1005'));
  });

  test('questions numbered by a Word list, interrupted by their answers, keep Word’s numbers', async () => {
    const list = (reference: string, level: number, instance: number, text: string): Paragraph =>
      new Paragraph({ numbering: { reference, level, instance }, children: [new TextRun(text)] });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'questions',
            levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
          },
          {
            reference: 'items',
            levels: [
              { level: 0, format: LevelFormat.LOWER_LETTER, text: '%1)', alignment: AlignmentType.START },
              { level: 1, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.START },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            p('Antwoorden op vragen van de leden Jansen en De Vries over de wachtlijsten in de jeugdzorg'),
            list('questions', 0, 0, 'Hoe lang zijn de wachtlijsten nu?'),
            p('Antwoord:', true),
            p('Gemiddeld twaalf weken. Daarvoor zijn er twee oorzaken:'),
            list('items', 0, 1, 'te weinig personeel;'),
            list('items', 1, 1, 'vooral in de regio;'),
            list('items', 0, 1, 'meer aanmeldingen.'),
            list('questions', 0, 0, 'Wat doet u eraan?'),
            p('Antwoord:', true),
            p('Twee dingen:'),
            // A list of its own: Word counts it from a) again.
            list('items', 0, 2, 'extra geld;'),
            list('items', 0, 2, 'minder regels.'),
            list('questions', 0, 0, 'Wanneer hoort de Kamer meer?'),
            p('Antwoord:', true),
            p('Voor de zomer.'),
          ],
        },
      ],
    });
    const bytes = await Packer.toBuffer(doc);
    const pub = await readDocx(bytes, { fileName: 'antwoorden.docx', words });
    const questions = pub.sections.flatMap((s) => s.questions);
    assert.deepEqual(
      questions.map((q) => [q.number, q.label, q.question, q.answerLabel]),
      [
        [1, '1.', 'Hoe lang zijn de wachtlijsten nu?', 'Antwoord:'],
        [2, '2.', 'Wat doet u eraan?', 'Antwoord:'],
        [3, '3.', 'Wanneer hoort de Kamer meer?', 'Antwoord:'],
      ],
    );
    const markers = (blocks: readonly Block[]): string[] =>
      blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => i.marker) : []));
    assert.deepEqual(markers(questions[0]!.answerBlocks), ['a)', '-', 'b)']);
    assert.deepEqual(markers(questions[1]!.answerBlocks), ['a)', 'b)']);
  });
});

describe('hostile and broken files give a ReadError saying what is wrong', () => {
  test('an empty buffer', async () => {
    const e = await readError(new Uint8Array(0));
    assert.equal(e.code, 'empty');
    assert.match(e.message, /empty/);
  });

  test('a ZIP without word/document.xml (the part renamed in both its headers)', async () => {
    const bytes = Buffer.from(await docxOf('kst-36100-4.txt'));
    const from = Buffer.from('word/document.xml');
    let renamed = 0;
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) {
      bytes.write('word/documenx.xml', at, 'latin1');
      renamed++;
    }
    assert.equal(renamed, 2);
    const e = await readError(new Uint8Array(bytes));
    assert.ok(e.code === 'not-a-publication' || e.code === 'binary', e.code);
    assert.match(e.message, /a ZIP file, but not a Word document: no word\/document\.xml/);
  });

  test('a DOCX cut off halfway', async () => {
    const bytes = await docxOf('kst-36100-4.txt');
    const e = await readError(bytes.subarray(0, Math.floor(bytes.length / 2)));
    assert.equal(e.code, 'truncated');
    assert.match(e.message, /cut off/);
  });

  test('random bytes behind a ZIP signature', async () => {
    let seed = 42;
    const bytes = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >> 16;
    });
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const e = await readError(bytes);
    assert.ok(e.code === 'unreadable' || e.code === 'truncated', e.code);
    assert.match(e.message, /ZIP/);
  });

  test('a document.xml whose compressed data is damaged', async () => {
    const bytes = Buffer.from(await docxOf('kst-36100-4.txt'));
    const entry = zipEntries(bytes).find((x) => x.name === 'word/document.xml')!;
    const start =
      entry.localOffset +
      30 +
      bytes.readUInt16LE(entry.localOffset + 26) +
      bytes.readUInt16LE(entry.localOffset + 28);
    bytes.fill(0xff, start + 10, start + 60);
    const e = await readError(new Uint8Array(bytes));
    assert.ok(e.code === 'unreadable' || e.code === 'truncated', e.code);
  });

  test('a document.xml that is no XML: mammoth’s failure becomes a ReadError', async () => {
    const e = await readError(zip([{ name: 'word/document.xml', data: Buffer.from('no <xml at all') }]));
    assert.equal(e.code, 'unreadable');
    assert.match(e.message, /Word document/);
  });

  test('a DTD in a part (entity expansion) is refused', async () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document/>';
    const e = await readError(zip([{ name: 'word/document.xml', data: Buffer.from(xml) }]));
    assert.equal(e.code, 'unreadable');
    assert.match(e.message, /DTD/);
  });

  test('a zip bomb: document.xml unpacks to more than 50 MB, whatever the directory says', async () => {
    const huge = Buffer.alloc(60 * 1024 * 1024, 0x20);
    for (const statedSize of [huge.length, 1000]) {
      const e = await readError(zip([{ name: 'word/document.xml', data: huge, deflate: true, statedSize }]));
      assert.equal(e.code, 'too-large');
      assert.match(e.message, /word\/document\.xml unpacks to more than 50 MB/);
    }
  });

  test('an encrypted DOCX (an OLE file with EncryptionInfo), and an old .doc', async () => {
    const ole = (stream: string): Uint8Array => {
      const bytes = Buffer.alloc(2048);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
      bytes.write(stream, 1024, 'utf16le');
      return new Uint8Array(bytes);
    };
    const encrypted = await readError(ole('EncryptionInfo'));
    assert.equal(encrypted.code, 'encrypted');
    assert.match(encrypted.message, /password/);
    const doc = await readError(ole('WordDocument'));
    assert.equal(doc.code, 'binary');
    assert.match(doc.message, /\.doc/);
  });

  test('a file that is no ZIP at all', async () => {
    const e = await readError(new TextEncoder().encode('Vraag 1\n\nWaarom?\n'));
    assert.equal(e.code, 'binary');
    assert.match(e.message, /not a Word document/);
  });
});

describe('Word’s markup read as Word shows it (what mammoth read, read without it)', () => {
  const NS =
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"';
  const docx = (body: string, parts: Record<string, string> = {}): Uint8Array =>
    zip([
      {
        name: 'word/document.xml',
        data: Buffer.from(`<w:document ${NS}><w:body>${body}</w:body></w:document>`),
      },
      ...Object.entries(parts).map(([name, xml]) => ({ name, data: Buffer.from(xml), deflate: true })),
    ]);
  const r = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
  const p = (inner: string, properties = ''): string =>
    `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ''}${inner}</w:p>`;
  const text = async (bytes: Uint8Array): Promise<string> => (await docxText(bytes)).text;

  test('tracked changes: insertions read, deletions not; a deleted paragraph mark joins two paragraphs', async () => {
    const body = [
      p(r('Eerste deel '), '<w:rPr><w:del w:id="1" w:author="A"/></w:rPr>'),
      p(
        `${r('en tweede deel.')}<w:ins w:id="2">${r(' Ingevoegd.')}</w:ins><w:del w:id="3"><w:r><w:delText>Weg.</w:delText></w:r></w:del>`,
      ),
      p(
        `<w:moveFrom w:id="4"><w:r><w:t>Oude plek.</w:t></w:r></w:moveFrom><w:moveTo w:id="5">${r('Nieuwe plek.')}</w:moveTo>`,
      ),
      `<w:tbl><w:tr><w:tc>${p(r('blijft'))}</w:tc></w:tr><w:tr><w:trPr><w:del w:id="6"/></w:trPr><w:tc>${p(r('geschrapte rij'))}</w:tc></w:tr></w:tbl>`,
    ].join('');
    assert.equal(
      await text(docx(body)),
      'Eerste deel en tweede deel. Ingevoegd.\n\nNieuwe plek.\n\nblijft\n',
    );
  });

  test('fields, content controls, alternate content, text boxes, symbols and breaks', async () => {
    const body = [
      p(
        `${r('Pagina ')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>` +
          `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${r('3')}<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
          `${r(', ')}<w:fldSimple w:instr=" SEQ Tabel ">${r('Tabel 4')}</w:fldSimple>`,
      ),
      p(
        `${r('Vinkje')}<w:sdt><w:sdtPr><w14:checkbox/></w:sdtPr><w:sdtContent>${r('☒')}</w:sdtContent></w:sdt>` +
          `<w:smartTag w:element="place">${r(' in Den Haag')}</w:smartTag><w:customXml w:element="x">${r('.')}</w:customXml>`,
      ),
      p(
        `${r('Voor het vak')}<w:r><mc:AlternateContent><mc:Choice Requires="wps">${p(r('keuze'))}</mc:Choice>` +
          `<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${p(r('In het vak.'))}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>${r(' en erna.')}`,
      ),
      p(
        '<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type="page"/><w:t>d</w:t><w:cr/><w:t>e</w:t>' +
          '<w:noBreakHyphen/><w:t>f </w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
      ),
    ].join('');
    assert.equal(
      await text(docx(body)),
      'Pagina 3, Tabel 4\n\nVinkje in Den Haag.\n\nVoor het vak en erna.\n\nIn het vak.\n\na b\nc\nd\ne\u2011f ✓\n',
    );
  });

  test('lists linked through a numbering style and numbered by a paragraph style keep Word’s numbers', async () => {
    const numbering =
      `<w:numbering ${NS}>` +
      '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Lijst"/></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="Lijst"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num></w:numbering>';
    const styles =
      `<w:styles ${NS}>` +
      '<w:style w:type="numbering" w:styleId="Lijst"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Opsomming"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Afgeleid"><w:basedOn w:val="Opsomming"/></w:style></w:styles>';
    const item = (t: string): string => p(r(t), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
    const body = [
      item('een'),
      item('twee'),
      p(r('drie'), '<w:pStyle w:val="Opsomming"/>'),
      p(r('vier'), '<w:pStyle w:val="Afgeleid"/>'),
    ].join('');
    assert.equal(
      await text(docx(body, { 'word/numbering.xml': numbering, 'word/styles.xml': styles })),
      'A. een\n\nB. twee\n\niii) drie\n\niv) vier\n',
    );
  });

  test('another prefix for Word’s namespace reads the same; another namespace under the w: prefix is not Word’s', async () => {
    const xml =
      '<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body>' +
      '<x:p><x:r><x:t>Gelezen</x:t></x:r></x:p>' +
      '<x:p xmlns:w="urn:iets-anders"><w:r><w:t>niet van Word</w:t></w:r></x:p></x:body></x:document>';
    assert.equal(await text(zip([{ name: 'word/document.xml', data: Buffer.from(xml) }])), 'Gelezen\n');
  });

  test('XML nested without end, mismatched tags and data that fails its checksum give a ReadError', async () => {
    const nested = await readError(docx('<w:p>'.repeat(5000)));
    assert.equal(nested.code, 'unreadable');
    assert.match(nested.message, /nested too deeply/);
    const mismatched = await readError(docx('<w:p><w:r><w:t>Vraag 1</w:t></w:p>'));
    assert.equal(mismatched.code, 'unreadable');
    assert.match(mismatched.message, /word\/document\.xml is not well-formed XML/);
    const bytes = Buffer.from(docx(`${p(r('Vraag 1'))}${p(r('Waarom?'))}`));
    const at = bytes.indexOf('Waarom');
    bytes.write('Wairom', at, 'latin1');
    const damaged = await readError(new Uint8Array(bytes));
    assert.equal(damaged.code, 'unreadable');
    assert.match(damaged.message, /word\/document\.xml does not unpack as its ZIP directory says/);
  });
});
