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
  navWork: 'Werk',
  navNotifications: 'Meldingen',
  /** After the unread count in the header's "Meldingen 2 ongelezen" (said, not shown). */
  unreadSuffix: 'ongelezen',
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
  downloadPdf: 'PDF (officiële opmaak)',
  downloadDocx: 'Word (DOCX)',
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
    'Lees een publicatie in: de PDF of de XML van officielebekendmakingen.nl, een pagina van tweedekamer.nl, een Word-document van het ministerie, of de tekst. Vraagbaak laat eerst zien wat het gelezen heeft; pas bij Opslaan komt de publicatie in het archief.',
  fileLabel: 'Bestand',
  fileHint: 'Tekst (.txt), de officiële XML, een webpagina (.html), PDF of Word (.docx); ten hoogste 20 MB.',
  previewReader: 'Gelezen als',
  readers: {
    text: 'tekst',
    xml: 'officiële XML',
    html: 'webpagina (HTML)',
    pdf: 'PDF',
    docx: 'Word-document (DOCX)',
  },
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

  // signing in and out (the header, /inloggen)
  signIn: 'Inloggen',
  signOut: 'Uitloggen',
  signedInAs: 'Ingelogd als',
  accountNav: 'Account',
  signedOut: 'U bent uitgelogd.',
  signOutFailed: 'Uitloggen is niet gelukt. Probeer het opnieuw.',
  pageLoadFailed: 'Deze pagina kon niet worden geladen. Laad de pagina opnieuw.',
  signInTitle: 'Inloggen',
  ssoLink: 'Inloggen via uw organisatie (eenmalige aanmelding)',
  ssoFailed: 'Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw of log in met uw wachtwoord.',
  signInIntro:
    'Log in met uw e-mailadres en wachtwoord. Zoeken en lezen kan ook zonder in te loggen; importeren en beheren niet.',
  emailLabel: 'E-mailadres',
  passwordLabel: 'Wachtwoord',
  signInButton: 'Inloggen',
  signingIn: 'Bezig met inloggen…',
  signInFailed: 'Inloggen is niet gelukt',
  wrongCredentials: 'Het e-mailadres of het wachtwoord klopt niet.',
  throttled: (minutes: number | null) =>
    minutes === null
      ? 'Er is te vaak een verkeerd wachtwoord gegeven. Wacht even en probeer het dan opnieuw.'
      : `Er is te vaak een verkeerd wachtwoord gegeven. Wacht ${minutes === 1 ? '1 minuut' : `${minutes} minuten`} en probeer het dan opnieuw.`,
  alreadySignedIn: (name: string) => `U bent ingelogd als ${name}.`,
  continueLink: 'Verder',
  sessionEnded: 'Uw sessie is verlopen of elders beëindigd. Log opnieuw in.',
  signInRequired: 'Voor deze pagina moet u ingelogd zijn.',
  adminOnly: 'Deze pagina is alleen voor beheerders, en uw account is geen beheerdersaccount.',
  errorUnauthorized: 'U bent niet (meer) ingelogd. Log in en probeer het opnieuw.',
  errorForbidden: 'Uw account mag dit niet doen.',

  // import, for who may not
  importSignInNeeded:
    'Importeren kan alleen na inloggen, met een account dat het mag: van een beheerder, een griffier of een coördinator parlementaire zaken.',
  importSignInLink: 'Inloggen om te importeren',
  importNotAllowed:
    'Uw account mag niet importeren. Dat mogen beheerders, griffiers en coördinatoren parlementaire zaken; vraag een beheerder om zo’n rol.',

  // account
  accountTitle: 'Mijn account',
  accountDetails: 'Gegevens',
  fieldName: 'Naam',
  fieldEmail: 'E-mailadres',
  fieldAdmin: 'Beheerder',
  yes: 'ja',
  no: 'nee',
  rolesTitle: 'Rollen',
  rolesCaption: 'Uw rollen per organisatie',
  colOrganisation: 'Organisatie',
  colRole: 'Rol',
  noRoles: 'U heeft nog geen rol in een organisatie.',
  roles: {
    clerk: 'Griffier',
    coordinator: 'Coördinator parlementaire zaken',
    drafter: 'Opsteller',
    approver: 'Accordeerder',
  } as Record<string, string>,
  tokensTitle: 'API-tokens',
  tokensIntro:
    'Met een API-token gebruikt een programma de API namens u: het stuurt het token mee als Authorization: Bearer <token>. Geef een token alleen de rechten die het nodig heeft, en trek het in als het niet meer nodig is.',
  tokensCaption: 'Uw API-tokens',
  tokensEmpty: 'U heeft nog geen API-tokens.',
  colName: 'Naam',
  colScopes: 'Rechten',
  colCreated: 'Gemaakt',
  colExpires: 'Verloopt',
  colRevoked: 'Ingetrokken',
  colActions: 'Actie',
  scopes: { read: 'lezen', import: 'importeren', workflow: 'werkstroom', admin: 'beheer' } as Record<
    string,
    string
  >,
  scopeHints: {
    read: 'Zoeken en publicaties lezen.',
    import: 'Publicaties importeren (als uw rol dat toestaat).',
    admin: 'Gebruikers en organisaties beheren en het auditlog lezen.',
  } as Record<string, string>,
  expired: 'verlopen',
  notRevoked: 'nee',
  revoke: 'Intrekken',
  revokeToken: (name: string) => `Intrekken: ${name}`,
  confirmRevoke: (name: string) =>
    `Token “${name}” intrekken? Programma’s die het gebruiken, komen daarna niet meer bij de API.`,
  confirmRevokeYes: 'Ja, intrekken',
  cancel: 'Annuleren',
  tokenRevoked: (name: string) => `Token “${name}” is ingetrokken.`,
  newTokenTitle: 'Nieuw token',
  tokenNameHint: 'Waarvoor het token is, bijvoorbeeld het programma dat het gebruikt.',
  scopesLegend: 'Rechten',
  scopesRequired: 'Kies ten minste één recht.',
  daysLabel: 'Geldig (dagen)',
  daysHint: 'Van 1 tot 366 dagen.',
  makeToken: 'Token maken',
  busy: 'Bezig…',
  tokenMade: (name: string) => `Token “${name}” is gemaakt.`,
  tokenSecretLabel: 'Het token',
  tokenShownOnce: 'Kopieer het token nu en bewaar het veilig: het wordt niet nog eens getoond.',
  copy: 'Kopiëren',
  copied: 'Gekopieerd.',
  copyFailed: 'Kopiëren lukte niet: selecteer de tekst en kopieer hem zelf.',

  // administration
  adminNav: 'Beheer',
  navUsers: 'Gebruikers',
  navOrganisations: 'Organisaties',
  navAudit: 'Auditlog',
  usersTitle: 'Gebruikers',
  usersCaption: 'Alle gebruikers',
  usersEmpty: 'Er zijn nog geen gebruikers.',
  colEmail: 'E-mailadres',
  colAdmin: 'Beheerder',
  colRoles: 'Rollen',
  colStatus: 'Status',
  statusActive: 'actief',
  statusDisabled: 'uitgeschakeld',
  you: '(u)',
  roleIn: (role: string, organisation: string) => `${role} bij ${organisation}`,
  none: 'geen',
  disable: 'Uitschakelen',
  enable: 'Inschakelen',
  makeAdmin: 'Beheerder maken',
  unmakeAdmin: 'Geen beheerder meer',
  actionFor: (action: string, name: string) => `${action}: ${name}`,
  userDisabled: (name: string) => `${name} is uitgeschakeld en overal uitgelogd.`,
  userEnabled: (name: string) => `${name} is weer ingeschakeld.`,
  userMadeAdmin: (name: string) => `${name} is nu beheerder.`,
  userUnmadeAdmin: (name: string) => `${name} is geen beheerder meer.`,
  addUserTitle: 'Gebruiker toevoegen',
  addUserIntro:
    'De nieuwe gebruiker krijgt een eenmalig wachtwoord, dat hier één keer getoond wordt. Geef het veilig door.',
  adminHint: 'Een beheerder beheert gebruikers en organisaties en leest het auditlog.',
  addButton: 'Toevoegen',
  userAdded: (name: string) => `${name} is toegevoegd.`,
  initialPasswordLabel: 'Eenmalig wachtwoord',
  initialPasswordOnce: 'Geef dit wachtwoord veilig door: het wordt niet nog eens getoond.',
  addRoleTitle: 'Rol geven',
  userLabel: 'Gebruiker',
  organisationLabel: 'Organisatie',
  roleLabel: 'Rol',
  giveRole: 'Rol geven',
  choose: '— kies —',
  roleGiven: (name: string, role: string, organisation: string) =>
    `${name} is nu ${role.toLowerCase()} bij ${organisation}.`,
  noOrganisationsYet: 'Er zijn nog geen organisaties: voeg er eerst een toe.',
  organisationsTitle: 'Organisaties',
  organisationsCaption: 'Alle organisaties',
  organisationsEmpty: 'Er zijn nog geen organisaties.',
  colKind: 'Soort',
  colSide: 'Kant',
  colParent: 'Onderdeel van',
  organisationKinds: {
    chamber: 'Kamer',
    committee: 'Commissie',
    ministry: 'Ministerie',
    directorate: 'Directie',
  } as Record<string, string>,
  sides: { parliament: 'Parlement', government: 'Regering' } as Record<string, string>,
  addOrganisationTitle: 'Organisatie toevoegen',
  kindLabel: 'Soort',
  parentLabel: 'Onderdeel van',
  parentHint: 'Optioneel: een commissie hoort bij een Kamer, een directie bij een ministerie.',
  noParent: '— geen —',
  organisationAdded: (name: string) => `${name} is toegevoegd.`,
  auditTitle: 'Auditlog',
  auditIntro:
    'Wie wat deed, de nieuwste eerst. Het log kan niet worden gewijzigd: elke regel draagt de hash van de vorige.',
  auditFilterLabel: 'Actie',
  auditFilterHint: 'Een actie, zoals session.login, of een groep met *, zoals user.*',
  filterButton: 'Filteren',
  allActions: 'Alle acties tonen',
  auditCaption: 'Auditregels',
  auditCaptionFor: (action: string) => `Auditregels voor ${action}`,
  auditCaptionOlder: (seq: number) => `ouder dan nr. ${seq}`,
  auditEmpty: 'Geen regels gevonden.',
  colSeq: 'Nr.',
  colTime: 'Tijd',
  colWho: 'Wie',
  colAction: 'Actie',
  colSubject: 'Onderwerp',
  colDetails: 'Details',
  anonymous: 'anoniem',
  fromAddress: (address: string) => `vanaf ${address}`,
  olderEntries: 'Oudere regels',
  newestEntries: 'Naar de nieuwste regels',

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
  navWork: 'Work',
  navNotifications: 'Notifications',
  unreadSuffix: 'unread',
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
  downloadPdf: 'PDF (official layout)',
  downloadDocx: 'Word (DOCX)',
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
    'Read a publication: the PDF or XML from officielebekendmakingen.nl, a page from tweedekamer.nl, a Word document from the ministry, or the text. Vraagbaak first shows what it read; only Save (Opslaan) puts the publication in the archive.',
  fileLabel: 'File',
  fileHint: 'Text (.txt), the official XML, a web page (.html), PDF or Word (.docx); at most 20 MB.',
  previewReader: 'Read as',
  readers: {
    text: 'text',
    xml: 'official XML',
    html: 'web page (HTML)',
    pdf: 'PDF',
    docx: 'Word document (DOCX)',
  },
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

  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: 'Signed in as',
  accountNav: 'Account',
  signedOut: 'You have signed out.',
  signOutFailed: 'Signing out did not work. Please try again.',
  pageLoadFailed: 'This page could not be loaded. Please reload the page.',
  signInTitle: 'Sign in',
  ssoLink: 'Sign in through your organisation (single sign-on)',
  ssoFailed: 'Signing in through your organisation did not work. Try again or sign in with your password.',
  signInIntro:
    'Sign in with your e-mail address and password. Searching and reading work without signing in; importing and administration do not.',
  emailLabel: 'E-mail address',
  passwordLabel: 'Password',
  signInButton: 'Sign in',
  signingIn: 'Signing in…',
  signInFailed: 'Signing in did not work',
  wrongCredentials: 'The e-mail address or the password is not right.',
  throttled: (minutes: number | null) =>
    minutes === null
      ? 'A wrong password was given too often. Please wait a while and try again.'
      : `A wrong password was given too often. Please wait ${minutes === 1 ? '1 minute' : `${minutes} minutes`} and try again.`,
  alreadySignedIn: (name: string) => `You are signed in as ${name}.`,
  continueLink: 'Continue',
  sessionEnded: 'Your session has expired or was ended elsewhere. Please sign in again.',
  signInRequired: 'You need to sign in for this page.',
  adminOnly: 'This page is for administrators only, and your account is not an administrator’s.',
  errorUnauthorized: 'You are not (or no longer) signed in. Sign in and try again.',
  errorForbidden: 'Your account may not do this.',

  importSignInNeeded:
    'Importing needs you to sign in, with an account that may import: an administrator’s, a clerk’s or a parliamentary affairs coordinator’s.',
  importSignInLink: 'Sign in to import',
  importNotAllowed:
    'Your account may not import. Administrators, clerks and parliamentary affairs coordinators may; ask an administrator for such a role.',

  accountTitle: 'My account',
  accountDetails: 'Details',
  fieldName: 'Name',
  fieldEmail: 'E-mail address',
  fieldAdmin: 'Administrator',
  yes: 'yes',
  no: 'no',
  rolesTitle: 'Roles',
  rolesCaption: 'Your roles per organisation',
  colOrganisation: 'Organisation',
  colRole: 'Role',
  noRoles: 'You have no role in an organisation yet.',
  roles: {
    clerk: 'Clerk',
    coordinator: 'Parliamentary affairs coordinator',
    drafter: 'Drafter',
    approver: 'Approver',
  },
  tokensTitle: 'API tokens',
  tokensIntro:
    'With an API token a program uses the API on your behalf: it sends the token as Authorization: Bearer <token>. Give a token only the rights it needs, and revoke it when it is no longer needed.',
  tokensCaption: 'Your API tokens',
  tokensEmpty: 'You have no API tokens yet.',
  colName: 'Name',
  colScopes: 'Rights',
  colCreated: 'Made',
  colExpires: 'Expires',
  colRevoked: 'Revoked',
  colActions: 'Action',
  scopes: { read: 'read', import: 'import', workflow: 'workflow', admin: 'administration' },
  scopeHints: {
    read: 'Search and read publications.',
    import: 'Import publications (when your role allows it).',
    admin: 'Administer users and organisations and read the audit log.',
  },
  expired: 'expired',
  notRevoked: 'no',
  revoke: 'Revoke',
  revokeToken: (name: string) => `Revoke: ${name}`,
  confirmRevoke: (name: string) =>
    `Revoke token “${name}”? Programs that use it will no longer reach the API.`,
  confirmRevokeYes: 'Yes, revoke',
  cancel: 'Cancel',
  tokenRevoked: (name: string) => `Token “${name}” has been revoked.`,
  newTokenTitle: 'New token',
  tokenNameHint: 'What the token is for, for instance the program that uses it.',
  scopesLegend: 'Rights',
  scopesRequired: 'Choose at least one right.',
  daysLabel: 'Valid for (days)',
  daysHint: 'From 1 to 366 days.',
  makeToken: 'Make token',
  busy: 'Busy…',
  tokenMade: (name: string) => `Token “${name}” has been made.`,
  tokenSecretLabel: 'The token',
  tokenShownOnce: 'Copy the token now and keep it safe: it will not be shown again.',
  copy: 'Copy',
  copied: 'Copied.',
  copyFailed: 'Copying did not work: select the text and copy it yourself.',

  adminNav: 'Administration',
  navUsers: 'Users',
  navOrganisations: 'Organisations',
  navAudit: 'Audit log',
  usersTitle: 'Users',
  usersCaption: 'All users',
  usersEmpty: 'There are no users yet.',
  colEmail: 'E-mail address',
  colAdmin: 'Administrator',
  colRoles: 'Roles',
  colStatus: 'Status',
  statusActive: 'active',
  statusDisabled: 'disabled',
  you: '(you)',
  roleIn: (role: string, organisation: string) => `${role} at ${organisation}`,
  none: 'none',
  disable: 'Disable',
  enable: 'Enable',
  makeAdmin: 'Make administrator',
  unmakeAdmin: 'No longer administrator',
  actionFor: (action: string, name: string) => `${action}: ${name}`,
  userDisabled: (name: string) => `${name} has been disabled and signed out everywhere.`,
  userEnabled: (name: string) => `${name} has been enabled again.`,
  userMadeAdmin: (name: string) => `${name} is now an administrator.`,
  userUnmadeAdmin: (name: string) => `${name} is no longer an administrator.`,
  addUserTitle: 'Add a user',
  addUserIntro: 'The new user gets a one-time password, shown here once. Pass it on safely.',
  adminHint: 'An administrator manages users and organisations and reads the audit log.',
  addButton: 'Add',
  userAdded: (name: string) => `${name} has been added.`,
  initialPasswordLabel: 'One-time password',
  initialPasswordOnce: 'Pass this password on safely: it will not be shown again.',
  addRoleTitle: 'Give a role',
  userLabel: 'User',
  organisationLabel: 'Organisation',
  roleLabel: 'Role',
  giveRole: 'Give role',
  choose: '— choose —',
  roleGiven: (name: string, role: string, organisation: string) =>
    `${name} is now ${role.toLowerCase()} at ${organisation}.`,
  noOrganisationsYet: 'There are no organisations yet: add one first.',
  organisationsTitle: 'Organisations',
  organisationsCaption: 'All organisations',
  organisationsEmpty: 'There are no organisations yet.',
  colKind: 'Kind',
  colSide: 'Side',
  colParent: 'Part of',
  organisationKinds: {
    chamber: 'Chamber',
    committee: 'Committee',
    ministry: 'Ministry',
    directorate: 'Directorate',
  },
  sides: { parliament: 'Parliament', government: 'Government' },
  addOrganisationTitle: 'Add an organisation',
  kindLabel: 'Kind',
  parentLabel: 'Part of',
  parentHint: 'Optional: a committee belongs to a chamber, a directorate to a ministry.',
  noParent: '— none —',
  organisationAdded: (name: string) => `${name} has been added.`,
  auditTitle: 'Audit log',
  auditIntro:
    'Who did what, newest first. The log cannot be changed: every entry carries the hash of the one before.',
  auditFilterLabel: 'Action',
  auditFilterHint: 'An action, such as session.login, or a group with *, such as user.*',
  filterButton: 'Filter',
  allActions: 'Show all actions',
  auditCaption: 'Audit entries',
  auditCaptionFor: (action: string) => `Audit entries for ${action}`,
  auditCaptionOlder: (seq: number) => `older than no. ${seq}`,
  auditEmpty: 'No entries found.',
  colSeq: 'No.',
  colTime: 'Time',
  colWho: 'Who',
  colAction: 'Action',
  colSubject: 'Subject',
  colDetails: 'Details',
  anonymous: 'anonymous',
  fromAddress: (address: string) => `from ${address}`,
  olderEntries: 'Older entries',
  newestEntries: 'To the newest entries',

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

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

/** An ISO timestamp as a date and time in the reader's time zone: "8 jun 2023, 14:05:09". */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'medium' });
    dateTimeFormats.set(language, format);
  }
  return format.format(date);
}

/** An ISO timestamp as a date only, in the reader's time zone: "8 jun 2023". */
export function formatDay(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale(language), { dateStyle: 'medium' });
}
