// Page chrome: what a site puts around a document (navigation, banners, search and cookie forms,
// breadcrumbs, share buttons, "naar boven" links, hidden text). None of it is read.
import { attr, classes, closest, type Element, elements, type Node, squash, textOf } from './dom.js';

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

// A form around the whole page (old ASP.NET sites do that) is no chrome; a search or login form is small.
const SMALL_FORM = 1000;

function nameWords(el: Element): string[] {
  const names = [...classes(el), attr(el, 'id') ?? ''].join(' ').toLowerCase();
  return names.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

const SECTIONS = new Set(['article', 'section', 'main']);

/** A header or footer of a part of the page (an article, a section), not of the page itself. */
function inContent(el: Element): boolean {
  return closest(el, (e) => e !== el && SECTIONS.has(e.tagName)) !== null;
}

function isChrome(el: Element): boolean {
  const tag = el.tagName;
  if (CHROME_TAGS.has(tag)) return true;
  if ((tag === 'header' || tag === 'footer') && !inContent(el)) return true;
  if (tag === 'form') return squash(textOf(el)).length < SMALL_FORM;
  if (attr(el, 'hidden') !== null || attr(el, 'aria-hidden') === 'true') return true;
  const style = (attr(el, 'style') ?? '').replace(/\s+/g, '').toLowerCase();
  if (style.includes('display:none') || style.includes('visibility:hidden')) return true;
  const role = attr(el, 'role');
  if (role && CHROME_ROLES.has(role) && !((role === 'banner' || role === 'contentinfo') && inContent(el)))
    return true;
  const words = nameWords(el);
  if (words.some((w) => CHROME_WORDS.has(w))) return true;
  if (words.includes('sr') && words.includes('only')) return true;
  if (words.includes('visually') && words.includes('hidden')) return true;
  if (tag === 'a') {
    if (SHARE_LINK.test(attr(el, 'href') ?? '')) return true;
    if (SKIP_LINK.test(squash(textOf(el)))) return true;
  }
  return false;
}

/** Every element of the page that is chrome or lies inside chrome. */
export function findChrome(root: Node): Set<Element> {
  const chrome = new Set<Element>();
  for (const el of elements(root)) {
    // An element inside chrome is skipped with it; elements() lists ancestors first.
    const parent = el.parentNode;
    if (parent && 'tagName' in parent && chrome.has(parent)) {
      chrome.add(el);
      continue;
    }
    if (isChrome(el)) chrome.add(el);
  }
  return chrome;
}
