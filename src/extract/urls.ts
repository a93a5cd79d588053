// Web addresses in running text: 'https://algoritmes.overheid.nl/nl.', 'www.rijksoverheid.nl' and bare
// Dutch/European domains such as '(kia-st.nl)'. Punctuation that ends the sentence is not part of them.

export interface FoundUrl {
  /** The address to open; 'https://' is added to 'www.' and bare domains. */
  url: string;
  /** The address as printed, without trailing punctuation. */
  text: string;
  /** Offset of `text` in the input. */
  index: number;
}

// Characters that never occur inside an address as printed in these texts.
const BODY = String.raw`[^\s<>"«»“”‘’|\\^\`{}]`;
// Scheme or 'www.' first: both start with a literal, which the regex engine finds fast.
const PREFIXED = new RegExp(String.raw`[Hh][Tt][Tt][Pp][Ss]?://${BODY}+|www\.[A-Za-z0-9]${BODY}*`, 'g');
// Bare domains are found from their top-level domain backwards. Only lowercase hosts and a few
// top-level domains count, so that words glued by PDF extraction ('gedaan.de') are not taken.
const TLD = /\.(?:nl|eu|com|org|int)(?![\w-])/g;
const HOST = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*$/;
const PATH = new RegExp(`^/${BODY}*`);
// Longest host name (RFC 1035) and the longest path looked at.
const MAX_HOST = 253;
const MAX_PATH = 2048;
// A character before an address that makes it part of something else (e-mail, path, word).
const GLUED_BEFORE = /[\w.@/:-]/;

// Cheap gate (String.includes runs at several GB/s).
const HINTS = ['://', 'www.', '.nl', '.eu', '.com', '.org', '.int'];
const TRAILING_CHARS = '.,;:!?»\'"’”';

/** Drops sentence punctuation after an address; a ')' or ']' stays only when the address opened it. */
function trimEnd(raw: string): string {
  // Counted once, then kept up to date, so a long run of ')' costs linear time.
  let open = count(raw, '(') - count(raw, ')');
  let openSquare = count(raw, '[') - count(raw, ']');
  let end = raw.length;
  while (end > 0) {
    const c = raw[end - 1]!;
    if (TRAILING_CHARS.includes(c)) {
      end--;
    } else if (c === ')' && open < 0) {
      open++;
      end--;
    } else if (c === ']' && openSquare < 0) {
      openSquare++;
      end--;
    } else {
      break;
    }
  }
  return raw.slice(0, end);
}

/** a-z, 0-9, '.', '-'. */
function isHostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Every web address in the text, in order: http(s):// and www. addresses, and bare domains
 * ending in .nl, .eu, .com, .org or .int. An address broken over two lines is found only up to
 * the line break.
 */
export function findUrls(text: string): FoundUrl[] {
  const out: FoundUrl[] = [];
  if (!HINTS.some((h) => text.includes(h))) return out;
  for (const m of text.matchAll(PREFIXED)) {
    if (m[0][0] === 'w' && m.index > 0 && GLUED_BEFORE.test(text[m.index - 1]!)) continue;
    add(out, trimEnd(m[0]), m.index);
  }
  const prefixed = out.length;
  let covered = 0; // the next prefixed address whose span may hold a top-level domain hit
  let bareEnd = 0; // end of the last bare domain ('a.nl.nl' gives one)
  // Where the last walk back began and ended: a run of host characters is walked only once.
  let walkedFrom = -1;
  let walkedTo = -1;
  for (const m of text.matchAll(TLD)) {
    while (covered < prefixed && out[covered]!.index + out[covered]!.text.length <= m.index) covered++;
    if (covered < prefixed && out[covered]!.index <= m.index) continue;
    if (m.index < bareEnd) continue;
    let start = m.index;
    const floor = Math.max(0, m.index - MAX_HOST);
    while (start > floor && isHostChar(text.charCodeAt(start - 1))) {
      start--;
      if (start === walkedFrom) {
        start = Math.max(walkedTo, floor);
        break;
      }
    }
    walkedFrom = m.index;
    walkedTo = start;
    if (start > 0 && GLUED_BEFORE.test(text[start - 1]!)) continue;
    const tldEnd = m.index + m[0].length;
    const host = text.slice(start, tldEnd);
    if (!HOST.test(host)) continue;
    const path = PATH.exec(text.slice(tldEnd, tldEnd + MAX_PATH))?.[0] ?? '';
    const printed = trimEnd(host + path);
    bareEnd = start + printed.length;
    add(out, printed, start);
  }
  if (out.length > prefixed) out.sort((a, b) => a.index - b.index);
  return out;
}

function add(out: FoundUrl[], printed: string, index: number): void {
  // 'https://' alone, or an address cut down to nothing, is no address.
  if (!/[A-Za-z0-9]\.[A-Za-z]/.test(printed)) return;
  const url = /^https?:\/\//i.test(printed) ? printed : `https://${printed}`;
  out.push({ url, text: printed, index });
}
