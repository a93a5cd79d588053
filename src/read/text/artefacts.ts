// Lines that are not part of the document's text: PDF page footers and headers, and the chrome
// of the web pages the text was copied from. They are removed, and what they say (chamber,
// session, dossier, number, title) is kept as metadata.
import type { Chamber } from '../../model/publication.js';
import type { Line } from './lines.js';

export interface ArtefactMeta {
  chamber: Chamber | null;
  session: string | null;
  dossier: string | null;
  number: string | null;
  id: string | null;
  title: string | null;
  /** The kind of document as the portal's title line names it ('Lijst van vragen en antwoorden'). */
  kindLabel: string | null;
}

// "Tweede Kamer, vergaderjaar 2022–2023, 36 360 VI, nr. 12 8"
const PAGE_FOOTER =
  /^(Tweede|Eerste) Kamer, vergaderjaar (\d{4})\s*[–-]\s*(\d{4}), (\d{2} ?\d{3}(?:[ -](?:\d+|[A-Z]{1,6}))*), nr\. ([0-9A-Z]+)(?: \d{1,4})?$/;
// "Tweede Kamer der Staten-Generaal 2" (the 2 is the chamber's number, not a page)
const CHAMBER_HEADER = /^(Tweede|Eerste) Kamer der Staten-Generaal(?: \d)?$/;
const SESSION_HEADER = /^Vergaderjaar (\d{4})\s*[–-]\s*(\d{4})$/;
// "Lijst van vragen en antwoorden : Lijst van vragen en antwoorden over …"
const PORTAL_TITLE = /^([A-Z][^:]{2,80}?) : (.+)$/;
const PORTAL_NAV = /^\[[^\]]+\](?: \[[^\]]+\])+$/;
const PORTAL_MARKERS = [
  /^Nummer: \d{4}D\d+/,
  /^Directe link naar document/,
  /^Gerelateerde personen:/,
  /^Onderdeel van (?:kamerstukdossier|zaak|activiteiten)/,
  /^Preview document/,
];
const ID_IN_TEXT = /\((kst-[0-9A-Za-z-]+|ah-(?:tk|ek)-\d{8}-\d+)\)/;

export function emptyMeta(): ArtefactMeta {
  return {
    chamber: null,
    session: null,
    dossier: null,
    number: null,
    id: null,
    title: null,
    kindLabel: null,
  };
}

function chamberOf(word: string): Chamber {
  return word === 'Eerste' ? 'eerste-kamer' : 'tweede-kamer';
}

/** Removes artefact lines; the line after a removed page footer is marked as a page start. */
export function removeArtefacts(lines: readonly Line[]): {
  lines: Line[];
  meta: ArtefactMeta;
  removed: Line[];
} {
  const meta = emptyMeta();
  const removed: Line[] = [];
  let start = 0;

  // Portal chrome: everything up to "Preview document" (tkconv-style pages), when present near the top.
  const limit = Math.min(lines.length, 60);
  for (let i = 0; i < limit; i++) {
    const t = lines[i]!.text;
    if (/^Preview document/.test(t)) {
      for (let j = 0; j <= i; j++) {
        const id = ID_IN_TEXT.exec(lines[j]!.text);
        if (id && !meta.id) meta.id = id[1]!;
      }
      removed.push(...lines.slice(0, i + 1));
      start = i + 1;
      break;
    }
  }

  const out: Line[] = [];
  let pendingPageStart = false;
  let seenText = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.text;
    if (t.length === 0) {
      // Blank lines right after a footer belong to the page break.
      if (!pendingPageStart) out.push(line);
      continue;
    }
    const footer = PAGE_FOOTER.exec(t);
    if (footer) {
      meta.chamber ??= chamberOf(footer[1]!);
      meta.session ??= `${footer[2]}-${footer[3]}`;
      meta.dossier ??= footer[4]!;
      meta.number ??= footer[5]!;
      removed.push(line);
      while (out.length > 0 && out[out.length - 1]!.text.length === 0) out.pop();
      pendingPageStart = true;
      continue;
    }
    const chamber = CHAMBER_HEADER.exec(t);
    if (chamber) {
      meta.chamber ??= chamberOf(chamber[1]!);
      removed.push(line);
      continue;
    }
    const session = SESSION_HEADER.exec(t);
    if (session) {
      meta.session ??= `${session[1]}-${session[2]}`;
      removed.push(line);
      continue;
    }
    if (!seenText) {
      const title = PORTAL_TITLE.exec(t);
      if (title && !/\d{4}/.test(title[1]!) && !/[.?!]$/.test(title[1]!)) {
        meta.kindLabel = title[1]!.trim();
        meta.title = title[2]!.trim();
        removed.push(line);
        seenText = true;
        continue;
      }
    }
    if (PORTAL_NAV.test(t) || (!seenText && PORTAL_MARKERS.some((re) => re.test(t)))) {
      removed.push(line);
      continue;
    }
    seenText = true;
    out.push(pendingPageStart ? { ...line, pageStart: true } : line);
    pendingPageStart = false;
  }
  return { lines: out, meta, removed };
}
