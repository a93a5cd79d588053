// The migrations of each database, in order; a new one is added to both lists (or to the one whose
// database it concerns) and never changed once released. SQLite's history is older than PostgreSQL's:
// PostgreSQL starts from the schema SQLite's first eight migrations leave.
import type { Migration } from 'kysely';
import * as initial from './001-initial.js';
import * as termVectors from './002-term-vectors.js';
import * as accounts from './003-accounts.js';
import * as audit from './004-audit.js';
import * as workflow from './005-workflow.js';
import * as workflowLetter from './006-workflow-letter.js';
import * as notifications from './007-notifications.js';
import * as writtenQuestions from './008-written-questions.js';
import * as postgresSchema from './postgres/001-schema.js';
import * as postgresTermCounts from './postgres/002-term-counts.js';
import * as postgresIndexPartitions from './postgres/003-index-partitions.js';

export const SQLITE_MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-term-vectors': termVectors,
  '003-accounts': accounts,
  '004-audit': audit,
  '005-workflow': workflow,
  '006-workflow-letter': workflowLetter,
  '007-notifications': notifications,
  '008-written-questions': writtenQuestions,
};

export const POSTGRES_MIGRATIONS: Record<string, Migration> = {
  '001-schema': postgresSchema,
  '002-term-counts': postgresTermCounts,
  '003-index-partitions': postgresIndexPartitions,
};
