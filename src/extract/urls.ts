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
// A bare domain: lowercase labels and one of a few top-level domains, so that words glued by
// PDF extraction ('gedaan.de') and e-mail addresses ('info@kia-st.nl') are not taken for one.
const LABEL = String.raw`[a-z0-9][a-z0-9-]*`;
const BARE = String.raw`${LABEL}(?:\.${LABEL})*\.(?:nl|eu|com|org|int)(?![\w-])(?:/${BODY}*)?`;
const URL = new RegExp(
  String.raw`(?:[Hh][Tt][Tt][Pp][Ss]?://|(?<![\w.@/:-])www\.(?=[A-Za-z0-9]))${BODY}+|(?<![\w.@/:-])${BARE}`,
  'g',
);

const HINT = /:\/\/|www\.|\.(?:nl|eu|com|org|int)\b/;
const TRAILING = /[.,;:!?»'"’”]$/;

/** Drops sentence punctuation after an address; a ')' or ']' stays only when the address opened it. */
function trimEnd(raw: string): string {
  let s = raw;
  for (;;) {
    if (TRAILING.test(s)) {
      s = s.slice(0, -1);
    } else if (s.endsWith(')') && count(s, '(') < count(s, ')')) {
      s = s.slice(0, -1);
    } else if (s.endsWith(']') && count(s, '[') < count(s, ']')) {
      s = s.slice(0, -1);
    } else {
      return s;
    }
  }
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
  if (!HINT.test(text)) return out;
  for (const m of text.matchAll(URL)) {
    const printed = trimEnd(m[0]);
    // 'https://' alone, or a bare domain reduced to nothing, is no address.
    if (!/[A-Za-z0-9]\.[A-Za-z]/.test(printed)) continue;
    const url = /^https?:\/\//i.test(printed) ? printed : `https://${printed}`;
    out.push({ url, text: printed, index: m.index });
  }
  return out;
}
