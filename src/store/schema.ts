// The database's tables as TypeScript types, for Kysely. Mirrors the migrations.
import type { Generated } from 'kysely';
import type { AccountsTables } from './schema-accounts.js';
import type { AuditTables } from './schema-audit.js';
import type { NotificationsTables } from './schema-notifications.js';
import type { WorkflowTables } from './schema-workflow.js';

export interface PublicationsTable {
  id: string;
  kind: string;
  status: string;
  chamber: string | null;
  session: string | null;
  /** First year of the session, for range filters. */
  session_start: number | null;
  number: string | null;
  title: string | null;
  document_type: string | null;
  committee: string | null;
  answered_by: string | null;
  scope: string | null;
  date_adopted: string | null;
  date_sent: string | null;
  date_answered: string | null;
  date_received: string | null;
  date_postponed: string | null;
  /** The publication's date for sorting and date filters: answered, else received, adopted, sent. */
  date: string | null;
  complete: number;
  question_count: number;
  source_hash: string;
  source_file: string | null;
  /** The whole tree as JSON, deflated, for rendering. */
  tree: Buffer;
  imported_at: string;
  updated_at: string;
}

export interface PublicationDossiersTable {
  publication_id: string;
  position: number;
  dossier: string;
  title: string | null;
}

export interface PublicationAddresseesTable {
  publication_id: string;
  position: number;
  name: string;
}

export interface PublicationAskersTable {
  publication_id: string;
  position: number;
  name: string;
  party: string | null;
}

export interface SignatoriesTable {
  publication_id: string;
  position: number;
  role: string;
  name: string;
}

export interface SubjectDocumentsTable {
  publication_id: string;
  position: number;
  description: string;
  date: string | null;
  reference_id: string | null;
}

export interface SectionsTable {
  publication_id: string;
  position: number;
  title: string | null;
  party: string | null;
  no_questions: number;
}

export interface QuestionsTable {
  /** Also the search index's rowid. */
  id: Generated<number>;
  publication_id: string;
  position: number;
  section_position: number;
  number: number | null;
  label: string | null;
  question: string;
  answer: string | null;
  answer_label: string | null;
  incomplete: number;
}

export interface FootnotesTable {
  publication_id: string;
  number: number;
  text: string | null;
  question_number: number | null;
}

export interface ReferencesTable {
  publication_id: string;
  position: number;
  kind: string;
  text: string;
  question_number: number | null;
  target_id: string | null;
  url: string | null;
  target_question: number | null;
}

export interface AmountsTable {
  publication_id: string;
  position: number;
  euros: number;
  text: string;
  question_number: number | null;
}

export interface WarningsTable {
  publication_id: string;
  position: number;
  line: number | null;
  message: string;
  text: string | null;
}

export interface Database extends AccountsTables, WorkflowTables, NotificationsTables, AuditTables {
  publications: PublicationsTable;
  publication_dossiers: PublicationDossiersTable;
  publication_addressees: PublicationAddresseesTable;
  publication_askers: PublicationAskersTable;
  signatories: SignatoriesTable;
  subject_documents: SubjectDocumentsTable;
  sections: SectionsTable;
  questions: QuestionsTable;
  footnotes: FootnotesTable;
  refs: ReferencesTable;
  amounts: AmountsTable;
  warnings: WarningsTable;
}
