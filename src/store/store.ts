// The store: the only way into the database, SQLite or PostgreSQL. The archive (publications and their
// search index) differs by database (sqlite-archive.ts, postgres-archive.ts); accounts, the workflow,
// notifications and the audit log are written once, in Kysely, for both.
import type { Kysely } from 'kysely';
import { type AuditEntry, type AuditQuery, type AuditRecord, appendAudit, listAudit } from '../audit/log.js';
import type { Publication } from '../model/publication.js';
import { AccountStore } from './accounts.js';
import type {
  Archive,
  PublicationQuery,
  PublicationSummary,
  QuestionTerms,
  SaveOutcome,
  SearchPage,
  SearchRequest,
  StoreOptions,
} from './archive.js';
import { type Dialect, dialectOf } from './database.js';
import type { FacetCounts } from './facet-counts.js';
import { NotificationStore } from './notifications.js';
import { isPostgresUrl, openPostgres, type PostgresOptions } from './postgres.js';
import { PostgresArchive } from './postgres-archive.js';
import type { Database } from './schema.js';
import { migrate, openSqlite } from './sqlite.js';
import { SqliteArchive } from './sqlite-archive.js';
import { WorkflowStore } from './workflow.js';

export type {
  PublicationQuery,
  PublicationSummary,
  QuestionTerms,
  SaveOutcome,
  SearchPage,
  SearchRequest,
  StoredHit,
  StoreOptions,
} from './archive.js';
export { FACETS, type Facet, type FacetCounts } from './facet-counts.js';

export class Store {
  readonly dialect: Dialect;
  private accountStore: AccountStore | null = null;
  private workflowStore: WorkflowStore | null = null;
  private notificationStore: NotificationStore | null = null;

  private constructor(
    readonly db: Kysely<Database>,
    private readonly archive: Archive,
  ) {
    this.dialect = dialectOf(db);
  }

  /**
   * Opens the database at `location` (an SQLite file, created when missing, or a postgres:// URL) and
   * brings its schema up to date.
   */
  static async open(location: string, options: StoreOptions & PostgresOptions = {}): Promise<Store> {
    if (isPostgresUrl(location)) {
      const db = openPostgres(location, options);
      try {
        await migrate(db);
      } catch (error) {
        await db.destroy();
        throw error;
      }
      return new Store(db, new PostgresArchive(db, options));
    }
    const { db, raw } = openSqlite(location);
    await migrate(db);
    return new Store(db, new SqliteArchive(db, raw, options));
  }

  /** Question lists, their questions, answers and answer versions (src/workflow). */
  get workflow(): WorkflowStore {
    this.workflowStore ??= new WorkflowStore(this.db);
    return this.workflowStore;
  }

  /** Notifications in the app and their mail queue, preferences, digests (src/notify). */
  get notifications(): NotificationStore {
    this.notificationStore ??= new NotificationStore(this.db);
    return this.notificationStore;
  }

  /** Organisations, users, sessions and tokens. */
  get accounts(): AccountStore {
    this.accountStore ??= new AccountStore(this.db);
    return this.accountStore;
  }

  /** Appends to the audit log (append-only, hash-chained: src/audit/log.ts). */
  async audit(entry: AuditEntry): Promise<AuditRecord> {
    return appendAudit(this.db, entry);
  }

  async auditEntries(query: AuditQuery): Promise<AuditRecord[]> {
    return listAudit(this.db, query);
  }

  async migrate(): Promise<string[]> {
    return migrate(this.db);
  }

  async close(): Promise<void> {
    await this.archive.close();
  }

  /**
   * Stores a publication whole (one transaction), replacing an earlier version with the same id.
   * `access`: for a draft, the organisations that may see it before it is published (its terms must
   * carry the same, see src/search/index-terms.ts).
   */
  savePublication(
    pub: Publication,
    source: { hash: string; file: string | null },
    terms: readonly QuestionTerms[] | null,
    access: readonly number[] = [],
  ): Promise<SaveOutcome> {
    return this.archive.savePublication(pub, source, terms, access);
  }

  getPublication(id: string): Promise<Publication | null> {
    return this.archive.getPublication(id);
  }

  /** Every published publication's tree (drafts too if asked), in id order, a page at a time. */
  allPublications(options: { drafts?: boolean; pageSize?: number } = {}): AsyncGenerator<Publication> {
    return this.archive.allPublications(options);
  }

  listPublications(query: PublicationQuery): Promise<{ total: number; items: PublicationSummary[] }> {
    return this.archive.listPublications(query);
  }

  getPublished(
    id: string,
    visibleTo: readonly number[] = [],
  ): Promise<{ publication: Publication; version: string; embargoed: boolean } | null> {
    return this.archive.getPublished(id, visibleTo);
  }

  idsWithPrefix(prefix: string): Promise<string[]> {
    return this.archive.idsWithPrefix(prefix);
  }

  publishedIds(ids: readonly string[]): Promise<Set<string>> {
    return this.archive.publishedIds(ids);
  }

  ping(): Promise<boolean> {
    return this.archive.ping();
  }

  counts(): Promise<{ publications: number; questions: number }> {
    return this.archive.counts();
  }

  question(
    id: string,
    number: number,
  ): Promise<{ questionId: number; question: string; answer: string | null } | null> {
    return this.archive.question(id, number);
  }

  termFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }> {
    return this.archive.termFrequencies(terms);
  }

  search(request: SearchRequest): Promise<SearchPage> {
    return this.archive.search(request);
  }

  facets(candidates: readonly number[], top = 20): Promise<FacetCounts> {
    return this.archive.facets(candidates, top);
  }

  /** Brings the search index into its fastest shape (SQLite: merges every shard's segments). */
  optimizeIndex(onShard: (k: number) => void = () => {}): Promise<number[]> {
    return this.archive.optimizeIndex(onShard);
  }

  /** Bytes of term bitmaps this connection keeps for frequent search terms (see term-bitmaps.ts). */
  bitmapBytes(): number {
    return this.archive.bitmapBytes();
  }
}
