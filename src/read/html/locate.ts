// Where the document stands in a page: our own rendering (article.vb-publicatie), the official
// HTML of zoek.officielebekendmakingen.nl (div#broodtekst, div.stuk, div.vraag/div.antwoord), or,
// on any other site, the element that holds most of the page's text once the chrome is gone.
import {
  attr,
  childElements,
  childNodes,
  type Element,
  hasClass,
  isElement,
  isInside,
  isText,
  isWhiteSpace,
  parentElement,
} from './dom.js';

export type Profile = 'vraagbaak' | 'official' | 'generic';

export interface Located {
  profile: Profile;
  /** The document's parts, in page order (the official HTML puts the dossier heading before div.stuk). */
  roots: Element[];
  /** A generic page's title (its first h1) when it stands outside the roots, before them. */
  heading: Element | null;
}

/**
 * Visible text per element (non-blank characters, chrome left out), and how much of it is link text,
 * measured when first asked for: our own page and the official one ask for a few notes' only.
 */
export class TextSize {
  private readonly textOf = new Map<Element, number>();
  private readonly linksOf = new Map<Element, number>();

  constructor(private readonly chrome: ReadonlySet<Element>) {}

  /** Whether the element's text counts (it is no chrome). */
  counts(el: Element): boolean {
    return !this.chrome.has(el);
  }

  text(el: Element): number {
    if (this.chrome.has(el)) return 0;
    this.measure(el);
    return this.textOf.get(el)!;
  }

  links(el: Element): number {
    if (this.chrome.has(el)) return 0;
    this.measure(el);
    return this.linksOf.get(el)!;
  }

  /** Measures the element and every element under it that is not measured yet. */
  private measure(root: Element): void {
    if (this.textOf.has(root)) return;
    const order: Element[] = [];
    const stack: Element[] = [root];
    while (stack.length > 0) {
      const el = stack.pop()!;
      order.push(el);
      for (const child of childNodes(el)) {
        if (isElement(child) && !this.chrome.has(child) && !this.textOf.has(child)) stack.push(child);
      }
    }
    // Children come after their parents in `order`: from the end, each child is measured before its parent.
    for (let i = order.length - 1; i >= 0; i--) {
      const el = order[i]!;
      let text = 0;
      let links = 0;
      for (const child of childNodes(el)) {
        if (isText(child)) text += nonSpace(child.data);
        else if (isElement(child) && !this.chrome.has(child)) {
          text += this.textOf.get(child)!;
          links += this.linksOf.get(child)!;
        }
      }
      this.textOf.set(el, text);
      this.linksOf.set(el, el.name === 'a' ? text : links);
    }
  }
}

/** Characters that are not white space (as `\s` has it), counted without making a string. */
function nonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isWhiteSpace(text.charCodeAt(i))) n++;
  return n;
}

/** The lowest element that holds all of `els`. */
function commonAncestor(els: readonly Element[]): Element | null {
  let common: Element | null = els[0] ?? null;
  for (const el of els.slice(1)) {
    while (common && !isInside(el, common)) common = parentElement(common);
  }
  return common;
}

const OFFICIAL_QA = ['kamervraagomschrijving_kop', 'vraag', 'antwoord', 'kamervraagopmerking'];

function official(all: readonly Element[], chrome: ReadonlySet<Element>): Element[] | null {
  const live = all.filter((el) => !chrome.has(el));
  const body = live.find((el) => el.name === 'div' && attr(el, 'id') === 'broodtekst');
  if (body) return [body];
  const stuk = live.find((el) => el.name === 'div' && hasClass(el, 'stuk'));
  if (stuk) {
    // The dossier heading (h1.dossiertitel) stands before div.stuk, outside it.
    const before = live.filter((el) => hasClass(el, 'dossiertitel') && !isInside(el, stuk));
    return [...before.filter((el) => all.indexOf(el) < all.indexOf(stuk)), stuk];
  }
  const qa = live.filter((el) => OFFICIAL_QA.some((c) => hasClass(el, c)) && el.name !== 'span');
  if (qa.some((el) => hasClass(el, 'vraag') || hasClass(el, 'kamervraagopmerking'))) {
    const common = commonAncestor(qa);
    if (common) return [common];
  }
  return null;
}

// Going down into a child while it holds this share of the text: a sidebar or footer left over
// after the chrome is gone keeps the walk at their common parent, never inside either of them.
const MAIN_SHARE = 0.7;

function mainContent(body: Element, size: TextSize): Element | null {
  const content = (el: Element): number => size.text(el) - size.links(el);
  if (content(body) === 0) return null;
  let current = body;
  for (;;) {
    let best: Element | null = null;
    for (const child of childElements(current)) {
      if (size.counts(child) && (!best || content(child) > content(best))) best = child;
    }
    if (!best || content(best) < MAIN_SHARE * content(current)) return current;
    current = best;
  }
}

/** Finds the document in a parsed page, or null when the page has no text at all. */
export function locateDocument(
  all: readonly Element[],
  chrome: ReadonlySet<Element>,
  size: TextSize,
): Located | null {
  const ours = all.find((el) => el.name === 'article' && hasClass(el, 'vb-publicatie') && !chrome.has(el));
  if (ours) return { profile: 'vraagbaak', roots: [ours], heading: null };
  const roots = official(all, chrome);
  if (roots) return { profile: 'official', roots, heading: null };
  const body = all.find((el) => el.name === 'body');
  if (!body) return null;
  const main = mainContent(body, size);
  if (!main) return null;
  const h1 = all.find((el) => el.name === 'h1' && size.text(el) > 0);
  const heading = h1 && !isInside(h1, main) && all.indexOf(h1) < all.indexOf(main) ? h1 : null;
  return { profile: 'generic', roots: [main], heading };
}
