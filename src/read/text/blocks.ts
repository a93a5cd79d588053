// The paragraphs of one question or answer → blocks: paragraphs, bullet and numbered lists,
// sub-headings.
import type { Block, Inline, ListItem } from '../../model/publication.js';
import {
  type AnswerMarker,
  endsSentence,
  matchAnswerMarker,
  matchBullet,
  matchOrderedItem,
  matchQuestionMarker,
  type QuestionMarker,
} from './markers.js';

export interface MarkedParagraph {
  /** Plain text, footnote markers removed. */
  text: string;
  /** The same text with footnote markers in place. */
  content: Inline[];
  markers: number[];
  line: number;
  lastLine: number;
  /** The question and answer markers the paragraph opens with, matched once. */
  question: QuestionMarker | null;
  answer: AnswerMarker | null;
}

/** Matches a paragraph's markers once; every later step reads them from the paragraph. */
export function withMarkers(p: Omit<MarkedParagraph, 'question' | 'answer'>): MarkedParagraph {
  // Question markers start with 'V' or a digit, answer markers with 'A': skip the rest cheaply.
  const c = p.text[0] ?? '';
  const question = c === 'V' || (c >= '0' && c <= '9') ? matchQuestionMarker(p.text) : null;
  const answer = c === 'A' ? matchAnswerMarker(p.text) : null;
  return {
    text: p.text,
    content: p.content,
    markers: p.markers,
    line: p.line,
    lastLine: p.lastLine,
    question,
    answer,
  };
}

/** Drops the first `chars` characters of plain text (a marker such as '• ' or 'Vraag 1') from inline content. */
export function dropPrefix(content: readonly Inline[], chars: number): Inline[] {
  const out: Inline[] = [];
  let left = chars;
  for (const node of content) {
    if (left > 0 && node.type === 'text') {
      if (node.value.length <= left) {
        left -= node.value.length;
        continue;
      }
      const value = node.value.slice(left).replace(/^\s+/, '');
      left = 0;
      if (value.length > 0) out.push({ type: 'text', value });
      continue;
    }
    out.push(node);
  }
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.replace(/^\s+/, '') };
  return out;
}

function isSubHeading(p: MarkedParagraph, next: MarkedParagraph | undefined): boolean {
  if (!next || endsSentence(p.text) || p.text.length > 80) return false;
  if (!/^[\p{Lu}]/u.test(p.text)) return false;
  return p.text.split(' ').length <= 8 && !/[,;]$/.test(p.text);
}

export function toBlocks(paragraphs: readonly MarkedParagraph[], allowHeadings: boolean): Block[] {
  const blocks: Block[] = [];
  let list: { ordered: boolean; items: ListItem[] } | null = null;
  const closeList = (): void => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items });
    list = null;
  };
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const bullet = matchBullet(p.text);
    const ordered = bullet ? null : matchOrderedItem(p.text);
    const item = bullet ?? ordered;
    if (item) {
      const isOrdered = ordered !== null;
      if (list && list.ordered !== isOrdered) closeList();
      list ??= { ordered: isOrdered, items: [] };
      list.items.push({
        marker: item.marker,
        content: dropPrefix(p.content, p.text.length - item.rest.length),
      });
      continue;
    }
    closeList();
    if (allowHeadings && isSubHeading(p, paragraphs[i + 1]))
      blocks.push({ type: 'heading', content: p.content });
    else blocks.push({ type: 'paragraph', content: p.content });
  }
  closeList();
  return blocks;
}
