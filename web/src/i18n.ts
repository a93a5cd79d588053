// Every string the interface shows, in Dutch (the default) and English. The choice is kept in localStorage
// and reflected in <html lang>, so screen readers pronounce the page in the right language.
import { useSyncExternalStore } from 'react';

export type Language = 'nl' | 'en';

const STORAGE_KEY = 'vraagbaak.language';

const KINDS_NL = {
  'question-list': 'Lijst van vragen en antwoorden',
  'question-list-report': 'Verslag houdende een lijst van vragen en antwoorden',
  'written-questions': 'Kamervragen (Aanhangsel van de Handelingen)',
  'written-consultation': 'Verslag van een schriftelijk overleg',
  'postponement-notice': 'Mededeling (uitstel antwoord)',
} as const;

type KindLabels = Record<keyof typeof KINDS_NL, string>;

const nl = {
  appName: 'Vraagbaak',
  tagline: 'Schriftelijke vragen en antwoorden van het parlement',
  skipLink: 'Direct naar de inhoud',
  mainNav: 'Hoofdmenu',
  navSearch: 'Zoeken',
  navImport: 'Importeren',
  switchLanguage: 'English',
  switchLanguageLang: 'en',
  switchLanguageLabel: 'Switch to English',
  footer: 'Vraagbaak: de werkbank voor schriftelijke vragen en antwoorden. Open source onder EUPL-1.2.',
  apiDocs: 'API-documentatie',
  loading: 'Bezig met laden…',
  networkError: 'De server is niet bereikbaar. Probeer het later opnieuw.',
  errorTitle: 'Er ging iets mis',
  httpError: (status: number) => `De server antwoordde met status ${status}.`,

  // home
  homeTitle: 'Vraagbaak',
  homeIntro:
    'Zoek in gepubliceerde schriftelijke vragen en antwoorden: lijsten van vragen en antwoorden, Kamervragen en schriftelijke overleggen.',
  searchLabel: 'Zoek in vragen en antwoorden',
  searchHint:
    'Alle woorden moeten voorkomen. "Tussen aanhalingstekens" is een woordgroep, -woord sluit uit, OR geeft keuze.',
  searchButton: 'Zoeken',
  latestTitle: 'Nieuwste publicaties',
  latestEmpty: 'Het archief is nog leeg. Importeer een publicatie om te beginnen.',
  questionsCount: (n: number) => (n === 1 ? '1 vraag' : `${n} vragen`),
  incomplete: 'onvolledig',

  // search
  searchTitle: 'Zoeken',
  searchTitleFor: (q: string) => `Zoeken: ${q}`,
  searchPrompt: 'Typ een of meer woorden om te zoeken.',
  sortLabel: 'Sorteren',
  sortRelevance: 'Meest relevant',
  sortDate: 'Nieuwste eerst',
  resultsTitle: 'Resultaten',
  resultsRange: (from: string, to: string, total: string) => `Resultaten ${from}–${to} van ${total}`,
  moreThan: (n: string) => `meer dan ${n}`,
  noResults: (q: string) => `Geen resultaten voor “${q}”.`,
  noResultsHint: 'Probeer minder of andere woorden, of haal een filter weg.',
  pageEmpty: 'Deze pagina ligt voorbij het laatste resultaat.',
  firstPage: 'Naar de eerste pagina met resultaten',
  filtersTitle: 'Verfijnen',
  activeFiltersTitle: 'Gekozen filters',
  removeFilter: (label: string) => `Filter ${label} weghalen`,
  removeAllFilters: 'Alle filters weghalen',
  facetChamber: 'Kamer',
  facetSession: 'Vergaderjaar',
  facetCommittee: 'Commissie',
  facetAddressee: 'Gericht aan',
  facetKind: 'Soort',
  facetCount: (n: number) => (n === 1 ? '1 resultaat' : `${n} resultaten`),
  facetSelected: 'gekozen',
  pagination: 'Paginering',
  previousPage: 'Vorige',
  nextPage: 'Volgende',
  pageOf: (page: number) => `Pagina ${page}`,
  question: 'Vraag',
  questionN: (n: number | string) => `Vraag ${n}`,
  answer: 'Antwoord',
  noAnswer: 'Geen antwoord.',
  inPublication: 'In',

  // publication
  publicationTitle: 'Publicatie',
  publicationDetails: 'Gegevens',
  detailKind: 'Soort',
  detailKamerstuk: 'Kamerstuk',
  detailChamber: 'Kamer',
  detailSession: 'Vergaderjaar',
  detailCommittee: 'Commissie',
  detailAddressees: 'Gericht aan',
  detailAskers: 'Gesteld door',
  detailAdopted: 'Vastgesteld',
  detailAnswered: 'Beantwoord',
  detailQuestions: 'Vragen',
  detailIncomplete: 'De bron is afgebroken; deze publicatie is onvolledig.',
  downloads: 'Downloaden',
  downloadMarkdown: 'Markdown',
  downloadText: 'Tekst',
  downloadJson: 'JSON',
  tocTitle: 'Inhoudsopgave',
  tocIntro: 'Inleiding',
  tocNotes: 'Noten',
  tocQuestionPage: (n: number | string) => `Pagina van vraag ${n}`,
  untitledSection: 'Vragen',
  documentTitle: 'De publicatie',
  publicationNotFound: 'Publicatie niet gevonden',

  // question
  questionTitle: (n: number | string, publication: string) => `Vraag ${n} uit ${publication}`,
  viewInPublication: 'Bekijk de vraag in de publicatie',
  askedBefore: 'Eerder gesteld',
  askedBeforeIntro: 'Vragen die op deze lijken, met het begin van hun antwoord.',
  askedBeforeEmpty: 'Geen vergelijkbare eerdere vragen gevonden.',
  answerOpening: 'Begin van het antwoord',

  // import
  importTitle: 'Importeren',
  importIntro:
    'Lees een publicatie in: tekst uit de officiële PDF of gekopieerd van tweedekamer.nl of officielebekendmakingen.nl. Vraagbaak laat eerst zien wat het gelezen heeft; pas bij Opslaan komt de publicatie in het archief.',
  fileLabel: 'Bestand',
  fileHint: 'Een tekstbestand (.txt), ten hoogste 20 MB.',
  dropZone: 'Of sleep een bestand hierheen.',
  dropZoneActive: 'Laat los om dit bestand te lezen.',
  reading: (name: string) => `${name} wordt gelezen…`,
  saving: 'Bezig met opslaan…',
  previewTitle: 'Gelezen',
  previewFile: 'Bestand',
  previewId: 'Kenmerk',
  previewTitleField: 'Titel',
  previewKind: 'Soort',
  previewQuestions: 'Aantal vragen',
  previewWarnings: 'Waarschuwingen',
  noWarnings: 'Geen waarschuwingen.',
  warningLine: (line: number | null) => (line === null ? 'Algemeen' : `Regel ${line}`),
  save: 'Opslaan',
  chooseAnother: 'Ander bestand kiezen',
  outcome: {
    imported: 'De publicatie is opgeslagen.',
    updated: 'De publicatie is bijgewerkt.',
    unchanged: 'De publicatie stond al ongewijzigd in het archief.',
    read: 'De publicatie is gelezen.',
  } as Record<string, string>,
  openPublication: (id: string) => `Bekijk ${id}`,
  noId: '(geen kenmerk)',

  // not found
  notFoundTitle: 'Pagina niet gevonden',
  notFoundText: 'Deze pagina bestaat niet (meer).',
  backHome: 'Naar de startpagina',

  // labels of values
  kinds: KINDS_NL as KindLabels,
  chambers: { 'tweede-kamer': 'Tweede Kamer', 'eerste-kamer': 'Eerste Kamer' } as Record<string, string>,
  kamerstuk: (dossier: string, number: string) => `Kamerstuk ${dossier}, nr. ${number}`,
  appendix: (session: string, number: string) => `Aanhangsel van de Handelingen ${session}, nr. ${number}`,
};

export type Messages = typeof nl;

const en: Messages = {
  appName: 'Vraagbaak',
  tagline: 'Written parliamentary questions and answers',
  skipLink: 'Skip to content',
  mainNav: 'Main menu',
  navSearch: 'Search',
  navImport: 'Import',
  switchLanguage: 'Nederlands',
  switchLanguageLang: 'nl',
  switchLanguageLabel: 'Schakel naar Nederlands',
  footer: 'Vraagbaak: the workbench for written questions and answers. Open source under EUPL-1.2.',
  apiDocs: 'API documentation',
  loading: 'Loading…',
  networkError: 'The server cannot be reached. Please try again later.',
  errorTitle: 'Something went wrong',
  httpError: (status: number) => `The server answered with status ${status}.`,

  homeTitle: 'Vraagbaak',
  homeIntro:
    'Search published written questions and answers: lists of questions and answers, written questions and written consultations.',
  searchLabel: 'Search questions and answers',
  searchHint: 'All words must match. "In quotes" is a phrase, -word excludes, OR gives a choice.',
  searchButton: 'Search',
  latestTitle: 'Latest publications',
  latestEmpty: 'The archive is still empty. Import a publication to start.',
  questionsCount: (n: number) => (n === 1 ? '1 question' : `${n} questions`),
  incomplete: 'incomplete',

  searchTitle: 'Search',
  searchTitleFor: (q: string) => `Search: ${q}`,
  searchPrompt: 'Type one or more words to search.',
  sortLabel: 'Sort',
  sortRelevance: 'Most relevant',
  sortDate: 'Newest first',
  resultsTitle: 'Results',
  resultsRange: (from: string, to: string, total: string) => `Results ${from}–${to} of ${total}`,
  moreThan: (n: string) => `more than ${n}`,
  noResults: (q: string) => `No results for “${q}”.`,
  noResultsHint: 'Try fewer or other words, or remove a filter.',
  pageEmpty: 'This page lies beyond the last result.',
  firstPage: 'To the first page of results',
  filtersTitle: 'Refine',
  activeFiltersTitle: 'Chosen filters',
  removeFilter: (label: string) => `Remove filter ${label}`,
  removeAllFilters: 'Remove all filters',
  facetChamber: 'Chamber',
  facetSession: 'Parliamentary year',
  facetCommittee: 'Committee',
  facetAddressee: 'Addressed to',
  facetKind: 'Kind',
  facetCount: (n: number) => (n === 1 ? '1 result' : `${n} results`),
  facetSelected: 'chosen',
  pagination: 'Pagination',
  previousPage: 'Previous',
  nextPage: 'Next',
  pageOf: (page: number) => `Page ${page}`,
  question: 'Question',
  questionN: (n: number | string) => `Question ${n}`,
  answer: 'Answer',
  noAnswer: 'No answer.',
  inPublication: 'In',

  publicationTitle: 'Publication',
  publicationDetails: 'Details',
  detailKind: 'Kind',
  detailKamerstuk: 'Parliamentary paper',
  detailChamber: 'Chamber',
  detailSession: 'Parliamentary year',
  detailCommittee: 'Committee',
  detailAddressees: 'Addressed to',
  detailAskers: 'Asked by',
  detailAdopted: 'Adopted',
  detailAnswered: 'Answered',
  detailQuestions: 'Questions',
  detailIncomplete: 'The source was cut off; this publication is incomplete.',
  downloads: 'Download',
  downloadMarkdown: 'Markdown',
  downloadText: 'Text',
  downloadJson: 'JSON',
  tocTitle: 'Table of contents',
  tocIntro: 'Introduction',
  tocNotes: 'Notes',
  tocQuestionPage: (n: number | string) => `Page of question ${n}`,
  untitledSection: 'Questions',
  documentTitle: 'The publication',
  publicationNotFound: 'Publication not found',

  questionTitle: (n: number | string, publication: string) => `Question ${n} from ${publication}`,
  viewInPublication: 'View the question in the publication',
  askedBefore: 'Asked before',
  askedBeforeIntro: 'Questions like this one, with the opening of their answer.',
  askedBeforeEmpty: 'No similar earlier questions found.',
  answerOpening: 'Opening of the answer',

  importTitle: 'Import',
  importIntro:
    'Read a publication: text from the official PDF or copied from tweedekamer.nl or officielebekendmakingen.nl. Vraagbaak first shows what it read; only Save (Opslaan) puts the publication in the archive.',
  fileLabel: 'File',
  fileHint: 'A text file (.txt), at most 20 MB.',
  dropZone: 'Or drag a file here.',
  dropZoneActive: 'Release to read this file.',
  reading: (name: string) => `Reading ${name}…`,
  saving: 'Saving…',
  previewTitle: 'Read',
  previewFile: 'File',
  previewId: 'Identifier',
  previewTitleField: 'Title',
  previewKind: 'Kind',
  previewQuestions: 'Number of questions',
  previewWarnings: 'Warnings',
  noWarnings: 'No warnings.',
  warningLine: (line: number | null) => (line === null ? 'General' : `Line ${line}`),
  save: 'Save',
  chooseAnother: 'Choose another file',
  outcome: {
    imported: 'The publication has been stored.',
    updated: 'The publication has been updated.',
    unchanged: 'The publication was already in the archive, unchanged.',
    read: 'The publication has been read.',
  },
  openPublication: (id: string) => `View ${id}`,
  noId: '(no identifier)',

  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist (any more).',
  backHome: 'To the home page',

  kinds: {
    'question-list': 'List of questions and answers',
    'question-list-report': 'Report with a list of questions and answers',
    'written-questions': 'Written questions (Appendix to the Proceedings)',
    'written-consultation': 'Report of a written consultation',
    'postponement-notice': 'Notice (answer postponed)',
  },
  chambers: { 'tweede-kamer': 'House of Representatives', 'eerste-kamer': 'Senate' },
  kamerstuk: (dossier: string, number: string) => `Parliamentary paper ${dossier}, no. ${number}`,
  appendix: (session: string, number: string) => `Appendix to the Proceedings ${session}, no. ${number}`,
};

const MESSAGES: Record<Language, Messages> = { nl, en };

function stored(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

let current: Language = stored();
const listeners = new Set<() => void>();

/** Sets <html lang> to the current language; called once at start and on every switch. */
export function applyLanguage(): void {
  document.documentElement.lang = current;
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage may be unavailable (private mode); the choice then lasts for this page only
  }
  applyLanguage();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, () => current);
}

/** The messages in the current language; re-renders the component when the language changes. */
export function useMessages(): Messages {
  return MESSAGES[useLanguage()];
}

export function locale(language: Language): string {
  return language === 'nl' ? 'nl-NL' : 'en-GB';
}

/** A whole number with groups of three: 10 000 (Dutch, with a no-break space) or 10,000 (English). */
export function formatNumber(n: number, language: Language): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'nl' ? '\u00a0' : ',');
  return n < 0 ? `-${grouped}` : grouped;
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** An ISO date (YYYY-MM-DD) as "8 juni 2023" or "8 June 2023"; other text unchanged. */
export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(language, format);
  }
  return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}
