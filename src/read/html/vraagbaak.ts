// Our own rendering (src/render/html.ts) read back: where its page differs from the text layout
// (src/render/layout.ts), this undoes what the renderer added — its data list of facts, its notes
// on incompleteness, the kind label it fills in for a missing document type, the "Vraag N" headings
// it makes up for unnumbered questions — and puts the title line where the layout has it.
import { KIND_LABELS } from '../../model/kinds.js';
import type { PublicationKind } from '../../model/publication.js';
import { kindOfDocType } from '../text/header.js';
import { attr, childElements, type Element, elements, hasClass, squash, textOf } from './dom.js';

export interface OwnPage {
  skip: Set<Element>;
  replace: Map<Element, string>;
  prefix: Map<Element, string>;
  /** "Lijst van vragen en antwoorden : <title>": the layout's first line. */
  titleLine: string | null;
  /** The renderer said the source breaks off. */
  truncated: boolean;
}

// The renderer's text for a footnote whose text the source lacked (LABELS.noText, both languages):
// the layout leaves such a note out.
const NO_NOTE_TEXT = new Set(['(tekst ontbreekt in de bron)', '(text missing in the source)']);

export function isMissingNoteText(text: string): boolean {
  return NO_NOTE_TEXT.has(text);
}

const KIND_NAMES = new Set(Object.values(KIND_LABELS));

/** A question heading the renderer made up: "Vraag K" for the K-th unnumbered question of a section. */
function madeUpHeading(question: Element, position: number, ids: () => ReadonlySet<string>): Element | null {
  if (!/^vraag-p\d+$/.test(attr(question, 'id') ?? '')) return null;
  const heading = childElements(question).find((e) => hasClass(e, 'vb-vraag-kop'));
  const shown = heading ? /^Vraag (\d+)$/.exec(squash(textOf(heading))) : null;
  if (!heading || !shown) return null;
  // A numbered question whose number was taken shows "Vraag N" too, but vraag-N then exists.
  if (ids().has(`vraag-${shown[1]}`)) return null;
  return Number(shown[1]) === position ? heading : null;
}

/**
 * The question's label as printed (data-label, see src/render/html.ts) where the heading shows "Vraag N":
 * on its own line, or, for a bare number ("9."), opening the first paragraph as the layout prints it.
 */
function printedLabel(
  question: Element,
  skip: Set<Element>,
  replace: Map<Element, string>,
  prefix: Map<Element, string>,
): void {
  const label = attr(question, 'data-label');
  const heading = childElements(question).find((e) => hasClass(e, 'vb-vraag-kop'));
  if (!heading || skip.has(heading)) return;
  if (label === null) {
    // A page without the attribute (or a question without a label): the heading stays as shown.
    return;
  }
  const text = childElements(question).find((e) => hasClass(e, 'vb-vraagtekst'));
  const first = text ? childElements(text)[0] : undefined;
  if (/^\d{1,3}[.)]$/.test(label) && first && first.name === 'p') {
    skip.add(heading);
    prefix.set(first, `${label} `);
  } else replace.set(heading, label);
}

export function ownPage(article: Element, markers: ReadonlyMap<Element, number>): OwnPage {
  const skip = new Set<Element>();
  const replace = new Map<Element, string>();
  const prefix = new Map<Element, string>();
  let truncated = false;
  let title: string | null = null;
  let docType: string | null = null;
  let numbered = false;
  const all = elements(article);
  // The page's ids, gathered when a made-up heading asks.
  let idSet: Set<string> | null = null;
  const ids = (): ReadonlySet<string> =>
    (idSet ??= new Set(all.map((e) => attr(e, 'id')).filter((id): id is string => id !== null)));
  let headed = false;
  const seen = new Map<unknown, number>();
  for (const el of all) {
    // Every class this looks for is one of the renderer's own, "vb-…".
    const className = attr(el, 'class');
    if (className === null || !className.includes('vb-')) continue;
    if (hasClass(el, 'vb-kenmerken') || hasClass(el, 'vb-onvolledig')) skip.add(el);
    else if (hasClass(el, 'vb-afgebroken')) {
      skip.add(el);
      truncated = true;
    } else if (hasClass(el, 'vb-titel')) {
      skip.add(el);
      title = squash(textOf(el));
    } else if (hasClass(el, 'vb-stuktitel') && !headed) {
      headed = true;
      const inside = elements(el);
      const number = inside.find((e) => hasClass(e, 'vb-stuknummer'));
      const marks = inside.filter((e) => markers.has(e));
      const rest = squash(textOf(el, new Set([...marks, ...(number ? [number] : [])])));
      if (number) {
        numbered = true;
        docType = rest;
        // The kind's name stands where the document type is missing: the layout prints the number
        // only, with the heading's markers after a letter number ("AI1").
        const shown = squash(textOf(number));
        const glued = /^[A-Z]+$/.test(shown) ? marks.map((m) => markers.get(m)).join(', ') : '';
        if (KIND_NAMES.has(rest)) replace.set(el, `${shown}${glued}`);
      } else if (rest === rest.toUpperCase() && kindOfDocType(rest)) {
        // Unnumbered, no title: the document type ("VERSLAG VAN EEN SCHRIFTELIJK OVERLEG") on its own line.
        docType = rest;
      } else {
        // Unnumbered: the heading is the title (or the kind's name), which the layout has on its first line.
        skip.add(el);
        if (!KIND_NAMES.has(rest) && rest.length > 0) title ??= rest;
      }
    } else if (hasClass(el, 'vb-vraag')) {
      // Its place among the questions of its section.
      const position = (seen.get(el.parent) ?? 0) + 1;
      seen.set(el.parent, position);
      const heading = madeUpHeading(el, position, ids);
      if (heading) skip.add(heading);
      printedLabel(el, skip, replace, prefix);
    } else if (hasClass(el, 'vb-antwoord-kop') && hasClass(el, 'vb-toegevoegd')) {
      // "Antwoord" where the source printed no label: not part of the text.
      skip.add(el);
    }
  }
  let titleLine: string | null = null;
  if (title) {
    // The layout names the kind before the title; the text reader takes it only where the heading does not say.
    const kind: PublicationKind =
      (docType ? kindOfDocType(docType) : null) ??
      kindOfDocType(title) ??
      (numbered ? 'question-list' : 'written-questions');
    titleLine = `${KIND_LABELS[kind]} : ${title}`;
  }
  return { skip, replace, prefix, titleLine, truncated };
}
