// Dutch names of publication kinds and signatory roles, as printed in the documents.
import type { PublicationKind, SignatoryRole } from './publication.js';

export const KIND_LABELS: Record<PublicationKind, string> = {
  'question-list': 'Lijst van vragen en antwoorden',
  'question-list-report': 'Verslag houdende een lijst van vragen en antwoorden',
  'written-questions': 'Antwoord schriftelijke vragen',
  'written-consultation': 'Verslag van een schriftelijk overleg',
  'postponement-notice': 'Mededeling',
};

export const ROLE_LABELS: Record<SignatoryRole, string> = {
  voorzitter: 'De voorzitter van de commissie',
  'fungerend voorzitter': 'De fungerend voorzitter van de commissie',
  ondervoorzitter: 'De ondervoorzitter van de commissie',
  griffier: 'De griffier van de commissie',
  'adjunct-griffier': 'De adjunct-griffier van de commissie',
  'fungerend griffier': 'De fungerend griffier van de commissie',
};

export const CHAMBER_LABELS = {
  'tweede-kamer': 'Tweede Kamer der Staten-Generaal',
  'eerste-kamer': 'Eerste Kamer der Staten-Generaal',
} as const;
