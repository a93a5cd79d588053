// The HTML reader: a web page with a published question list (our own rendering, the official
// HTML of zoek.officielebekendmakingen.nl, a page of tweedekamer.nl or any other site) → Publication.
// It leaves out the page's chrome, finds the document, writes it as the text layout's paragraphs
// (src/render/layout.ts) and hands them to the text reader: the layout rules live there only.
// Throws ReadError, and nothing else, for input it cannot read.
import type { WordChecker } from '../../extract/word-list.js';
import { type Publication, TRUNCATION_MARK } from '../../model/publication.js';
import { ReadError } from '../errors.js';
import { readText } from '../text/index.js';
import { paragraphTexts } from './blocks.js';
import { findChrome } from './chrome.js';
import { type Element, elements, endsOpen, leftOpen, parseHtml, squash, textOf } from './dom.js';
import { findFootnotes } from './footnotes.js';
import { locateDocument, TextSize } from './locate.js';
import { type PageMetadata, pageMetadata } from './metadata.js';
import { isMissingNoteText, ownPage } from './vraagbaak.js';

export { HTML_SIZE_LIMIT } from './dom.js';

export interface HtmlReadOptions {
  /** The file's name, kept in `source.file`; an official id in it is the id when the page names none. */
  fileName?: string | null;
  words: WordChecker;
}

/** The text reader's separator line above the footnotes, as the layout prints it. */
const NOTE_RULE = '______';

export interface HtmlLayout {
  /** The document as the text layout: paragraphs separated by blank lines. */
  text: string;
  metadata: PageMetadata;
  /** The source ends inside an element it never closed: the page was cut off. */
  cutOff: boolean;
}

function noText(cutOff: boolean, why: string): ReadError {
  return cutOff
    ? new ReadError('truncated', `the HTML page breaks off before its document ends: ${why}`)
    : new ReadError('not-a-publication', `the HTML page holds no publication: ${why}`);
}

/** The page as the text layout's paragraphs, and what the page's head says. */
export function htmlLayoutText(html: string): HtmlLayout {
  if (html.trim().length === 0) throw new ReadError('empty', 'the file is empty');
  const page = parseHtml(html);
  const all = elements(page.document);
  const cutOff = endsOpen(page);
  const metadata = pageMetadata(all);
  const chrome = findChrome(all);
  const size = new TextSize(chrome);
  const located = locateDocument(all, chrome, size);
  if (!located) throw noText(cutOff, 'it holds no text');

  const footnotes = findFootnotes(all, chrome, size);
  const skip = new Set<Element>([...chrome, ...footnotes.areas]);
  const replace = new Map<Element, string>();
  const prefix = new Map<Element, string>();
  const lines: string[] = [];
  // The document's own element left open: its end is missing.
  let truncated = located.roots.some((root) => leftOpen(page, root));
  let notes = footnotes.notes;
  if (located.profile === 'vraagbaak') {
    const own = ownPage(located.roots[0]!, footnotes.markers);
    for (const el of own.skip) skip.add(el);
    for (const [el, text] of own.replace) replace.set(el, text);
    for (const [el, text] of own.prefix) prefix.set(el, text);
    if (own.titleLine) lines.push(own.titleLine);
    truncated ||= own.truncated;
    notes = notes.filter((n) => !isMissingNoteText(n.text));
  } else {
    // The head lines the layout prints; the text reader keeps them as metadata wherever they stand.
    if (metadata.chamber) lines.push(metadata.chamber);
    if (metadata.session) lines.push(`Vergaderjaar ${metadata.session}`);
    if (located.heading) lines.push(squash(textOf(located.heading, skip)));
  }

  const paragraphs = paragraphTexts(located.roots, { skip, markers: footnotes.markers, replace, prefix });
  // The layout's mark of a truncated source is its last line, after the notes.
  if (paragraphs[paragraphs.length - 1] === TRUNCATION_MARK) {
    paragraphs.pop();
    truncated = true;
  }
  if (paragraphs.length === 0) throw noText(cutOff, 'no document text found');
  for (const p of paragraphs) lines.push(p);
  const seen = new Set<number>();
  const noteLines = [...notes]
    .sort((a, b) => a.number - b.number)
    .filter((n) => n.text.length > 0 && !seen.has(n.number) && seen.add(n.number))
    .map((n) => `${n.number} ${n.text}`);
  if (noteLines.length > 0) lines.push(NOTE_RULE);
  for (const line of noteLines) lines.push(line);
  if (truncated) lines.push(TRUNCATION_MARK);
  return { text: `${lines.filter((l) => l.length > 0).join('\n\n')}\n`, metadata, cutOff };
}

/** Reads a publication from an HTML page. Throws ReadError, and nothing else, for input it cannot read. */
export function readHtml(html: string, options: HtmlReadOptions): Publication {
  try {
    return readHtmlUnguarded(html, options);
  } catch (error) {
    // The walks are iterative; should anything still exhaust the stack, the page is refused, not the process.
    if (error instanceof RangeError)
      throw new ReadError('unreadable', 'the HTML page is too deeply nested to read');
    throw error;
  }
}

function readHtmlUnguarded(html: string, options: HtmlReadOptions): Publication {
  const { text, metadata, cutOff } = htmlLayoutText(html);
  // The page's own id goes in as the file name: the text reader takes an id from it when the text has none.
  const fileName = metadata.id ? `${metadata.id}.html` : (options.fileName ?? null);
  let pub: Publication;
  try {
    pub = readText(text, { fileName, words: options.words });
  } catch (error) {
    // 'empty': the text reader found nothing but head lines (chamber, session, title).
    if (error instanceof ReadError && (error.code === 'not-a-publication' || error.code === 'empty')) {
      throw noText(cutOff, error.message);
    }
    throw error;
  }
  // The official HTML has the title in its head only (as the XML has it in the metadata record).
  return {
    ...pub,
    title: pub.title ?? metadata.title,
    source: { reader: 'html', layout: pub.source.layout, file: options.fileName ?? null },
  };
}
