// The front matter of a publication: dossier and number lines, "Vastgesteld", the sentence that
// says which committee asked whom about what, the answer date, and the signatures.

import { parseDutchDate } from '../../extract/dates.js';
import { findKamerstukReferences } from '../../extract/kamerstuk-references.js';
import type {
  Asker,
  PublicationKind,
  Signatory,
  SignatoryRole,
  SubjectDocument,
} from '../../model/publication.js';

export interface HeaderParagraph {
  text: string;
  line: number;
}

export interface Header {
  dossiers: { number: string; title: string | null }[];
  number: string | null;
  documentType: string | null;
  kind: PublicationKind | null;
  chamberHint: 'tweede-kamer' | 'eerste-kamer' | null;
  session: string | null;
  appendixNumber: string | null;
  committee: string | null;
  addressees: string[];
  askers: Asker[];
  answeredBy: string | null;
  documents: SubjectDocument[];
  /** Indexes of the paragraphs that make up the scope text. */
  scope: number[];
  adopted: string | null;
  sent: string | null;
  answered: string | null;
  received: string | null;
  postponed: string | null;
  signatories: Signatory[];
  /** Index of the first paragraph after the front matter. */
  end: number;
}

const MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';
const DATE = String.raw`\d{1,2}(?:e|ste)?\s+(?:${MONTHS})\s+\d{4}`;
const re = (source: string, flags = ''): RegExp => new RegExp(source.replaceAll('DATE', `(${DATE})`), flags);

// "36 360 VI Jaarverslag …", "35 445 IXB Jaarverslag …" (Roman numeral with a letter), "21 501-31 Raad …".
const DOSSIER_LINE = /^(\d{2} \d{3}(?:-\d+)?(?: (?:[IVXLCDM]+[A-Z]?|[A-Z]))?(?: \(R\d+\))?)(?: (\S.*))?$/;
const NR_LINE = /^Nr\. ?([0-9A-Z]+)(?:\s+(.*))?$/;
const LETTER_NR_LINE = /^([A-Z]{1,3})\s+((?:VERSLAG|LIJST|MEMORIE|NOTA|BRIEF|MEDEDELING)\b.*)$/;
const DOC_TYPE =
  /^(LIJST VAN VRAGEN EN ANTWOORDEN|VERSLAG HOUDENDE EEN LIJST VAN VRAGEN EN ANTWOORDEN|VERSLAG VAN EEN SCHRIFTELIJK OVERLEG|VERSLAG)$/;
const ADOPTED = re(String.raw`^Vastgesteld\s*DATE\.?$`);
const SIGNATURE =
  /^(?:De\s+)?(fungerend voorzitter|ondervoorzitter|voorzitter|adjunct-griffier|fungerend griffier|griffier)\b([^,]*),\s*(.*)$/i;
const WRITTEN_QUESTIONS = re(
  String.raw`^Vragen van (?:het lid|de leden) (.+?) aan (?:de |het )?(.+?) over (.+?)\s*\(ingezonden DATE\)\.?$`,
);
const WRITTEN_ANSWER = re(String.raw`^Antwoord van (.+?)(?: \(([^()]+)\))? \(ontvangen DATE\)\.?`);
const APPENDIX_REF =
  /Aanhangsel (?:van de )?Handelingen,? vergaderjaar (\d{4})\s*[–-]\s*(\d{4}),? nr\. (\d+)/;
const COMMITTEE =
  /\b((?:vaste |algemene |tijdelijke )?commissie (?:voor|van) .+?)(?=,? (?:heeft|bestond|belast|brengt|stelt)\b)/i;
const ADDRESSEE_PATTERNS = [
  /(?:voorgelegd|voor te leggen|gesteld|gestuurd) aan (?:de |het )?(.+?) over /,
  /(?:voorgelegd|gestuurd) aan (?:de |het )?(.+?)\.(?:\s|$)/,
];
const SENT = [
  re(String.raw`\bop DATE (?:voorgelegd|toegezonden|een brief gestuurd|gestuurd|verzonden)`),
  re(String.raw`\bop DATE (?:[a-z ]+ )?(?:voorgelegd|toegezonden|gestuurd)`),
];
const ANSWERED = [
  re('beantwoord bij brief van DATE'),
  re('[Bb]ij brief van DATE (?:zijn|is|heeft)'),
  re('bij brief van DATE toegezonden antwoorden'),
  re('op DATE inhoudelijk (?:gereageerd|geantwoord)'),
  re('heeft (?:op|bij brief van) DATE (?:geantwoord|gereageerd)'),
];
const POSTPONED = re('op DATE een uitstelbericht');
const DATE_AFTER_VAN = re('van DATE');
const BODY_START =
  /^(?:Vragen en antwoorden|VRAGEN EN ANTWOORDEN|VRAGEN EN OPMERKINGEN VANUIT DE FRACTIES|Vragen en opmerkingen vanuit de fracties|BRIEF VAN .*|Inbreng .*|I+\.? .*)$/;

export function kindOfDocType(docType: string): PublicationKind | null {
  const t = docType.toLowerCase();
  if (t.includes('houdende een lijst van vragen')) return 'question-list-report';
  if (t.includes('lijst van vragen')) return 'question-list';
  if (t.includes('schriftelijk overleg')) return 'written-consultation';
  if (t.includes('schriftelijke vragen') || t.includes('kamervragen') || t.includes('aanhangsel')) {
    return 'written-questions';
  }
  if (t.includes('mededeling') || t.includes('uitstel')) return 'postponement-notice';
  return null;
}

function firstMatch(patterns: readonly RegExp[], text: string): string | null {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return parseDutchDate(m[1]!);
  }
  return null;
}

function splitAddressees(text: string): string[] {
  // "Minister van A en de Staatssecretaris van B": split only where a new office begins.
  return text
    .split(
      /\s+en\s+(?:de |het )?(?=(?:Minister|minister|Staatssecretaris|staatssecretaris|Algemene Rekenkamer)\b)/,
    )
    .map((s) => s.replace(/^(?:de|het) /, '').trim())
    .filter((s) => s.length > 0);
}

function parseAskers(text: string): Asker[] {
  // "Erkens (VVD)", "Van Weyenberg, Romke de Jong en Kat (allen D66)", "Bikker (ChristenUnie) en Omtzigt (NSC)".
  const askers: Asker[] = [];
  const groups = text.split(/\)\s*(?:,|en)\s*/);
  for (let g of groups) {
    g = g.trim();
    if (!g) continue;
    const m = /^(.*?)\s*\((?:allen |beiden |alle )?([^()]+?)\)?$/.exec(g);
    const names = m ? m[1]! : g;
    const party = m ? m[2]!.trim() : null;
    for (const name of names.split(/\s*,\s*|\s+en\s+/)) {
      if (name.trim()) askers.push({ name: name.trim(), party });
    }
  }
  return askers;
}

/** The documents asked about: "over de brief van 13 april 2022 inzake … (Kamerstuk 31 865, nr. 207)". */
function parseDocuments(text: string): SubjectDocument[] {
  const over = text.search(/ over (?:de|het|een) /);
  if (over < 0) return [];
  let rest = text.slice(over + 6);
  const stop = rest.search(/ voor zover | en (?:heeft|vraagt)|\. (?=[A-Z])/);
  if (stop >= 0) rest = rest.slice(0, stop);
  const refs = findKamerstukReferences(rest);
  const documents: SubjectDocument[] = [];
  let start = 0;
  let lastDate: string | null = null;
  const dateIn = (s: string): string | null => {
    const m = DATE_AFTER_VAN.exec(s);
    return m ? parseDutchDate(m[1]!) : null;
  };
  let previous = '';
  for (const ref of refs) {
    // "nrs. 1 en 2": several references at one place name the same document description.
    if (ref.index < start) {
      documents.push({ description: previous, date: lastDate, reference: ref.ref });
      continue;
    }
    let description = rest.slice(start, ref.index);
    description = description
      .replace(/\((?:Bijlage bij )?(?:Kamerstuk(?:ken)?\s*)?$/, '')
      .replace(/^[\s),.]*(?:en |,)?\s*/, '')
      .replace(/[\s(,]+$/, '')
      .trim();
    const date: string | null = dateIn(description) ?? lastDate;
    lastDate = date;
    documents.push({ description, date, reference: ref.ref });
    previous = description;
    start = ref.index + ref.text.length;
  }
  if (refs.length === 0) {
    const description = rest
      .replace(/\s*\((?:hierna|verder)[^)]*\)\.?$/, '')
      .replace(/[.\s]+$/, '')
      .trim();
    if (description.length > 0) documents.push({ description, date: dateIn(description), reference: null });
  }
  return documents;
}

/**
 * A signature line ("De voorzitter van de commissie, Name"; the name may stand on the next line):
 * the signatory and whether the next line was its name.
 */
export function signatoryOf(
  line: string,
  next: string | null,
): { signatory: Signatory | null; tookNext: boolean } | null {
  const sig = SIGNATURE.exec(line);
  if (!sig || !/commissie|kamer|^$/i.test(sig[2]!.trim() || '')) return null;
  const role = sig[1]!.toLowerCase() as SignatoryRole;
  const name = sig[3]!.trim();
  if (name) return { signatory: { role, name }, tookNext: false };
  if (next !== null && isSignatureName(next)) return { signatory: { role, name: next }, tookNext: true };
  // A signature line without a name: still the signatures' place.
  return { signatory: null, tookNext: false };
}

function isSignatureName(text: string): boolean {
  return (
    text.length <= 60 && !/[.?!:;]$/.test(text) && text.split(' ').length <= 6 && /^[\p{Lu}]/u.test(text)
  );
}

/**
 * Reads the front matter from the paragraphs at the start. `isQuestionStart(i)` tells whether
 * paragraph i starts the first question, which ends the front matter.
 */
export function readHeader(
  paragraphs: readonly HeaderParagraph[],
  isQuestionStart: (i: number) => boolean,
): Header {
  const h: Header = {
    dossiers: [],
    number: null,
    documentType: null,
    kind: null,
    chamberHint: null,
    session: null,
    appendixNumber: null,
    committee: null,
    addressees: [],
    askers: [],
    answeredBy: null,
    documents: [],
    scope: [],
    adopted: null,
    sent: null,
    answered: null,
    received: null,
    postponed: null,
    signatories: [],
    end: 0,
  };
  let signed = false;
  let i = 0;
  for (; i < paragraphs.length; i++) {
    const t = paragraphs[i]!.text;
    if (isQuestionStart(i) || BODY_START.test(t)) break;

    if (SIGNATURE.test(t)) {
      const found = signatoryOf(t, paragraphs[i + 1]?.text ?? null);
      if (found) {
        if (found.signatory) h.signatories.push(found.signatory);
        if (found.tookNext) i++;
        signed = true;
        continue;
      }
    }
    // After the signatures the body begins.
    if (signed) break;

    if (h.number === null) {
      const dossier = DOSSIER_LINE.exec(t);
      if (dossier && (dossier[2] === undefined || /^[\p{Lu}(]/u.test(dossier[2]))) {
        h.dossiers.push({ number: dossier[1]!, title: dossier[2]?.trim() ?? null });
        continue;
      }
      const nr = NR_LINE.exec(t);
      if (nr) {
        h.number = nr[1]!;
        if (nr[2]) h.documentType = nr[2].trim();
        continue;
      }
      const letter = h.dossiers.length > 0 ? LETTER_NR_LINE.exec(t) : null;
      if (letter) {
        h.number = letter[1]!;
        h.documentType = letter[2]!.trim();
        h.chamberHint = 'eerste-kamer';
        continue;
      }
    }
    if (h.documentType === null && DOC_TYPE.test(t)) {
      h.documentType = t;
      continue;
    }
    const adopted = ADOPTED.exec(t);
    if (adopted) {
      h.adopted = parseDutchDate(adopted[1]!);
      continue;
    }
    const wq = WRITTEN_QUESTIONS.exec(t);
    if (wq) {
      h.kind ??= 'written-questions';
      h.askers = parseAskers(wq[1]!);
      h.addressees = splitAddressees(wq[2]!);
      h.sent = parseDutchDate(wq[4]!);
    }
    const wa = WRITTEN_ANSWER.exec(t);
    if (wa) {
      h.kind ??= 'written-questions';
      h.answeredBy = wa[1]!.trim();
      h.received = parseDutchDate(wa[3]!);
    }
    const appendix = APPENDIX_REF.exec(t);
    if (appendix) {
      h.session = `${appendix[1]}-${appendix[2]}`;
      h.appendixNumber = appendix[3]!;
    }
    if (/^Mededeling\b/.test(t)) h.kind ??= 'postponement-notice';

    // Prose: the request, the dates.
    if (!h.committee) {
      const c = COMMITTEE.exec(t);
      if (c) h.committee = c[1]!.replace(/\s+/g, ' ').trim();
    }
    if (h.addressees.length === 0) {
      for (const p of ADDRESSEE_PATTERNS) {
        const a = p.exec(t);
        if (a) {
          h.addressees = splitAddressees(a[1]!);
          break;
        }
      }
    }
    if (
      h.documents.length === 0 &&
      !wq &&
      /(?:vragen|opmerkingen)/.test(t) &&
      / over (?:de|het|een) /.test(t)
    ) {
      h.documents = parseDocuments(t);
    }
    h.sent ??= firstMatch(SENT, t);
    h.answered ??= firstMatch(ANSWERED, t);
    h.postponed ??= firstMatch([POSTPONED], t);
    h.scope.push(i);
  }
  h.end = i;
  if (h.documentType) h.kind ??= kindOfDocType(h.documentType);
  return h;
}
