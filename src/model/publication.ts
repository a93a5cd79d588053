// The Publication tree: the one model every reader produces and every renderer takes.
// The zod schemas are the single source of truth: the TypeScript types and the JSON Schema
// (docs/publication.schema.json) are both derived from them.
import { z } from 'zod';

export const FORMAT_NAME = 'vraagbaak.publication';
export const FORMAT_VERSION = 1;

/** The last line of a rendered text whose source was cut off; the text reader knows it. */
export const TRUNCATION_MARK = '[…]';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('A calendar date, ISO 8601 (YYYY-MM-DD).');

export const Chamber = z
  .enum(['tweede-kamer', 'eerste-kamer'])
  .describe('Tweede Kamer (House of Representatives) or Eerste Kamer (Senate).');

export const PublicationKind = z
  .enum([
    'question-list',
    'question-list-report',
    'written-questions',
    'written-consultation',
    'postponement-notice',
  ])
  .describe(
    'question-list: Lijst van vragen en antwoorden; question-list-report: Verslag houdende een lijst van vragen en antwoorden; ' +
      'written-questions: Kamervragen (Aanhangsel van de Handelingen); written-consultation: Verslag van een schriftelijk overleg; ' +
      'postponement-notice: Mededeling (uitstel antwoord).',
  );

export const PublicationStatus = z
  .enum(['draft', 'published'])
  .describe('A list still being answered is a draft; publishing makes it part of the archive.');

export const KamerstukRef = z
  .object({
    dossier: z
      .string()
      .describe("Dossier number as printed in the official style, e.g. '36 360 VI' or '21 501-31'."),
    number: z.string().describe("Ondernummer, e.g. '12', or a letter number such as 'AI'."),
    id: z.string().describe("Official id of the referenced publication, e.g. 'kst-36360-VI-1'."),
  })
  .describe('A reference to one Kamerstuk.');

export const Inline = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), value: z.string() }),
  z
    .object({ type: z.literal('footnoteRef'), number: z.number().int().positive() })
    .describe('A footnote marker, kept where it stood in the text.'),
]);

export const ListItem = z.object({
  marker: z.string().describe("The item's marker as printed: '•', '-', '1.', 'a)'."),
  content: z.array(Inline),
});

export const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), content: z.array(Inline) }),
  z.object({ type: z.literal('heading'), content: z.array(Inline) }).describe('A sub-heading inside a text.'),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(ListItem) }),
  z.object({
    type: z.literal('table'),
    header: z.boolean().describe('Whether the first row is a header row.'),
    rows: z.array(z.array(z.string())),
  }),
]);

export const Question = z.object({
  number: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe('The question number, or null in an unnumbered list.'),
  label: z
    .string()
    .nullable()
    .describe("The question's marker as printed: 'Vraag 1', '1', 'Vraag (1):', '1.'."),
  question: z
    .string()
    .describe(
      'The question as plain text: paragraphs separated by a blank line, list items on their own line.',
    ),
  answer: z
    .string()
    .nullable()
    .describe('The answer as plain text (same conventions), or null when there is none.'),
  questionBlocks: z.array(Block),
  answerBlocks: z.array(Block),
  answerLabel: z
    .string()
    .nullable()
    .describe("The answer's marker as printed: 'Antwoord:', 'Antwoord op vraag 1:', 'Antwoord 2 en 3'."),
  answerCovers: z
    .array(z.number().int().positive())
    .describe(
      'When one answer serves several questions ("Antwoord 2 en 3"): all their numbers; otherwise empty.',
    ),
  refersTo: z
    .array(z.number().int().positive())
    .describe('Other questions that this question or its answer refers to ("Zie het antwoord op vraag 14").'),
  footnotes: z
    .array(z.number().int().positive())
    .describe('Numbers of the footnotes whose markers stand in this question or answer.'),
  incomplete: z.boolean().describe('True when the source was cut off inside this question or its answer.'),
  line: z.number().int().positive().nullable().describe('Line in the source where the question starts.'),
});

export const Section = z.object({
  title: z.string().nullable().describe('The section heading, or null for a document without sections.'),
  party: z
    .string()
    .nullable()
    .describe("In a written consultation: the faction whose section this is ('CDA')."),
  noQuestions: z.boolean().describe('True when the section says "Geen vragen."'),
  intro: z
    .array(Block)
    .describe("Text before the section's first question: a letter's opening, a faction's general remarks."),
  questions: z.array(Question),
});

export const Footnote = z.object({
  number: z.number().int().positive(),
  text: z.string().nullable().describe('The footnote text; null when the source was cut off before it.'),
  question: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe('The question whose text holds the marker, or null (header).'),
});

export const Reference = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('kamerstuk'),
    text: z.string().describe('The reference as printed.'),
    question: z.number().int().positive().nullable(),
    kamerstuk: KamerstukRef,
  }),
  z.object({
    kind: z.literal('url'),
    text: z.string(),
    question: z.number().int().positive().nullable(),
    url: z.string(),
  }),
  z.object({
    kind: z.literal('question'),
    text: z.string(),
    question: z.number().int().positive().nullable(),
    target: z.number().int().positive().describe('The question referred to.'),
  }),
]);

export const Amount = z.object({
  euros: z.number().int().describe('The amount normalised to whole euros.'),
  text: z.string().describe('The amount as printed.'),
  question: z.number().int().positive().nullable(),
});

export const Warning = z.object({
  line: z.number().int().positive().nullable(),
  message: z.string(),
  text: z.string().nullable().describe('The text the reader could not place, if any.'),
});

export const SignatoryRole = z.enum([
  'voorzitter',
  'fungerend voorzitter',
  'ondervoorzitter',
  'griffier',
  'adjunct-griffier',
  'fungerend griffier',
]);

export const Signatory = z.object({ role: SignatoryRole, name: z.string() });

export const Asker = z.object({ name: z.string(), party: z.string().nullable() });

export const SubjectDocument = z
  .object({
    description: z.string().describe('The document as the text names it.'),
    date: IsoDate.nullable(),
    reference: KamerstukRef.nullable(),
  })
  .describe('A document the questions are asked about.');

export const Dossier = z.object({
  number: z.string().describe("As printed in the official style: '36 360 VI', '21 501-31'."),
  title: z.string().nullable(),
});

export const Publication = z.object({
  format: z.literal(FORMAT_NAME),
  version: z.literal(FORMAT_VERSION),
  id: z
    .string()
    .nullable()
    .describe("Official id: 'kst-36360-VI-12', 'ah-tk-20242025-1028'; null when the source does not say."),
  kind: PublicationKind,
  status: PublicationStatus,
  chamber: Chamber.nullable(),
  session: z
    .string()
    .regex(/^\d{4}-\d{4}$/)
    .nullable()
    .describe("Vergaderjaar, e.g. '2022-2023'."),
  dossiers: z.array(Dossier).describe('Kamerstukdossiers, the main one first.'),
  number: z.string().nullable().describe("Ondernummer ('12', 'AI') or the Aanhangsel number ('1028')."),
  title: z.string().nullable(),
  documentType: z
    .string()
    .nullable()
    .describe("The document's own heading: 'LIJST VAN VRAGEN EN ANTWOORDEN'."),
  request: z.object({
    committee: z.string().nullable().describe("'vaste commissie voor Digitale Zaken'."),
    addressees: z
      .array(z.string())
      .describe("'Minister van Binnenlandse Zaken en Koninkrijksrelaties', 'Algemene Rekenkamer'."),
    askers: z.array(Asker).describe('Members who put written questions.'),
    answeredBy: z.string().nullable().describe("Who signed the answer, as printed: 'Minister Uitermark'."),
    documents: z.array(SubjectDocument),
    scope: z
      .string()
      .nullable()
      .describe(
        'The introductory text that says what was asked of whom, as plain text (paragraphs separated by a blank line).',
      ),
    scopeBlocks: z.array(Block).describe('The same text as blocks, with footnote markers in place.'),
  }),
  dates: z.object({
    adopted: IsoDate.nullable().describe('Vastgesteld.'),
    sent: IsoDate.nullable().describe('Questions sent (ingezonden, voorgelegd).'),
    answered: IsoDate.nullable().describe('Date of the answer letter.'),
    received: IsoDate.nullable().describe('Answer received (ontvangen).'),
    postponed: IsoDate.nullable().describe('Date of a postponement notice (uitstelbericht).'),
  }),
  signatories: z.array(Signatory),
  sections: z.array(Section),
  footnotes: z.array(Footnote),
  references: z.array(Reference),
  amounts: z.array(Amount),
  warnings: z.array(Warning),
  complete: z.boolean().describe('False when the source was cut off before its end.'),
  source: z.object({
    reader: z
      .enum(['text', 'xml', 'html', 'pdf', 'docx'])
      .describe("The reader that made the tree, chosen by the source's content."),
    layout: z.string().nullable().describe("The layout the reader detected, e.g. 'bare-number'."),
    file: z.string().nullable(),
  }),
});

export type IsoDate = z.infer<typeof IsoDate>;
export type Chamber = z.infer<typeof Chamber>;
export type PublicationKind = z.infer<typeof PublicationKind>;
export type PublicationStatus = z.infer<typeof PublicationStatus>;
export type KamerstukRef = z.infer<typeof KamerstukRef>;
export type Inline = z.infer<typeof Inline>;
export type ListItem = z.infer<typeof ListItem>;
export type Block = z.infer<typeof Block>;
export type Question = z.infer<typeof Question>;
export type Section = z.infer<typeof Section>;
export type Footnote = z.infer<typeof Footnote>;
export type Reference = z.infer<typeof Reference>;
export type Amount = z.infer<typeof Amount>;
export type Warning = z.infer<typeof Warning>;
export type SignatoryRole = z.infer<typeof SignatoryRole>;
export type Signatory = z.infer<typeof Signatory>;
export type Asker = z.infer<typeof Asker>;
export type SubjectDocument = z.infer<typeof SubjectDocument>;
export type Dossier = z.infer<typeof Dossier>;
export type Publication = z.infer<typeof Publication>;
