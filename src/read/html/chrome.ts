// Page chrome: what a site puts around a document (navigation, banners, search and cookie forms,
// breadcrumbs, share buttons, "naar boven" links, hidden text). None of it is read.
import { closest, type Element, isElement, shortText, squash, textOf } from './dom.js';

const CHROME_TAGS = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'map',
  'nav',
  'aside',
  'button',
  'select',
  'textarea',
  'input',
  'dialog',
  'link',
  'meta',
  'title',
]);

const CHROME_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'search',
  'complementary',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
  'toolbar',
]);

// Words in class and id names that mark chrome ('cookie-banner', 'breadcrumbs', 'skip-link', 'sr-only').
const CHROME_WORDS = new Set([
  'cookie',
  'cookies',
  'cookiebar',
  'consent',
  'gdpr',
  'breadcrumb',
  'breadcrumbs',
  'kruimelpad',
  'skiplink',
  'skiplinks',
  'skip',
  'share',
  'sharing',
  'social',
  'socials',
  'delen',
  'navbar',
  'nav',
  'navigation',
  'menu',
  'megamenu',
  'sidebar',
  'toolbar',
  'pagination',
  'pager',
  'footer',
  'topbar',
  'feedback',
  'related',
  'gerelateerd',
  'visuallyhidden',
  'kopregel',
  'voetregel',
]);

const SKIP_LINK =
  /^(?:naar boven|terug naar boven|naar de inhoud|naar inhoud|direct naar(?: de)? inhoud|ga direct naar.*|spring naar.*|skip to.*|back to top|top|↑|▲)$/i;
const SHARE_LINK =
  /^(?:https?:\/\/(?:www\.)?(?:facebook\.com\/share|twitter\.com\/(?:intent|share)|x\.com\/intent|linkedin\.com\/share|wa\.me\/|api\.whatsapp\.com\/send)|whatsapp:|mailto:\?)/i;

// A skip link is a few words: a link that holds more nodes is none (and its text is not read).
const LINK_NODES = 32;

// A form around the whole page (old ASP.NET sites do that) is no chrome; a search or login form is small.
const SMALL_FORM = 1000;

const SECTIONS = new Set(['article', 'section', 'main']);

/** A header or footer of a part of the page (an article, a section), not of the page itself. */
function inContent(el: Element): boolean {
  return closest(el, (e) => e !== el && SECTIONS.has(e.name)) !== null;
}

// What the words of a class or id name say (see CHROME_WORDS): bits, so that a class's and an id's
// words can be put together ('sr' in one, 'only' in the other).
const CHROME_WORD = 1;
const SR = 2;
const ONLY = 4;
const VISUALLY = 8;
const HIDDEN = 16;

function wordBits(names: string): number {
  let bits = 0;
  for (const w of names.toLowerCase().split(/[^a-z0-9]+/)) {
    if (CHROME_WORDS.has(w)) bits |= CHROME_WORD;
    else if (w === 'sr') bits |= SR;
    else if (w === 'only') bits |= ONLY;
    else if (w === 'visually') bits |= VISUALLY;
    else if (w === 'hidden') bits |= HIDDEN;
  }
  return bits;
}

function chromeByName(bits: number): boolean {
  return (
    (bits & CHROME_WORD) !== 0 ||
    (bits & (SR | ONLY)) === (SR | ONLY) ||
    (bits & (VISUALLY | HIDDEN)) === (VISUALLY | HIDDEN)
  );
}

/** Whether the element is chrome; `classBits` keeps what each class attribute's words say (a page repeats them). */
function isChrome(el: Element, classBits: Map<string, number>): boolean {
  const tag = el.name;
  if (CHROME_TAGS.has(tag)) return true;
  if ((tag === 'header' || tag === 'footer') && !inContent(el)) return true;
  if (tag === 'form') return squash(textOf(el)).length < SMALL_FORM;
  const attribs = el.attribs;
  if (attribs.hidden !== undefined || attribs['aria-hidden'] === 'true') return true;
  const style = attribs.style;
  if (style !== undefined) {
    const css = style.replace(/\s+/g, '').toLowerCase();
    if (css.includes('display:none') || css.includes('visibility:hidden')) return true;
  }
  const role = attribs.role;
  if (role && CHROME_ROLES.has(role) && !((role === 'banner' || role === 'contentinfo') && inContent(el)))
    return true;
  let bits = 0;
  const className = attribs.class;
  if (className) {
    let known = classBits.get(className);
    if (known === undefined) {
      known = wordBits(className);
      classBits.set(className, known);
    }
    bits |= known;
  }
  const id = attribs.id;
  if (id) bits |= wordBits(id);
  if (chromeByName(bits)) return true;
  if (tag === 'a') {
    if (SHARE_LINK.test(attribs.href ?? '')) return true;
    const text = shortText(el, LINK_NODES);
    if (text !== null && SKIP_LINK.test(squash(text))) return true;
  }
  return false;
}

/** Every element of the page (`all`, in page order) that is chrome or lies inside chrome. */
export function findChrome(all: readonly Element[]): Set<Element> {
  const chrome = new Set<Element>();
  const classBits = new Map<string, number>();
  for (const el of all) {
    // An element inside chrome is skipped with it; `all` lists ancestors first.
    const parent = el.parent;
    if (parent && isElement(parent) && chrome.has(parent)) {
      chrome.add(el);
      continue;
    }
    if (isChrome(el, classBits)) chrome.add(el);
  }
  return chrome;
}
