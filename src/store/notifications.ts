// Notifications in SQL (written once, in Kysely, for SQLite and PostgreSQL): each person's in-app list,
// the mail queue (rows with `mail` set and no `mailed_at`), preferences per kind and the daily digest's
// state. Sending mail takes a lease first (a compare-and-set on `mail_lease_until`), so two processes
// never mail the same row twice; a failed send gives the lease back and the row stays queued for the
// next try.
import type { Selectable } from 'kysely';
import {
  DEFAULT_PREFERENCES,
  isMailMode,
  isNotificationKind,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type Preference,
} from '../notify/kinds.js';
import { type Executor, inTransaction } from './database.js';
import type { NotificationsTable } from './schema-notifications.js';

/** How a queued notification goes out: on its own at once, or in the daily digest. */
export type QueuedMail = 'immediate' | 'daily';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  subject: string;
  body: string;
  /** A path in the web app ('/werk/lijsten/3#vraag-2'). */
  link: string | null;
  listId: number | null;
  questionId: number | null;
  /** A reminder's moment (due date and working days before); (user, kind, question, moment) is unique. */
  moment: string | null;
  /** Shown in the app's list; false when the person opted out of it (it may still be mailed). */
  inApp: boolean;
  /** Queued for mail, or null when it is not to be mailed. */
  mail: QueuedMail | null;
}

export interface NotificationRow extends NewNotification {
  id: number;
  createdAt: string;
  readAt: string | null;
  mailedAt: string | null;
  mailAttempts: number;
  /** Why the last try to mail it failed. */
  mailError: string | null;
}

export interface Recipient {
  id: number;
  email: string;
  name: string;
}

type DbRow = Selectable<NotificationsTable>;

function rowOf(r: DbRow): NotificationRow {
  const id = Number(r.id);
  if (!isNotificationKind(r.kind)) throw new Error(`notification ${id} has an unknown kind: ${r.kind}`);
  return {
    id,
    userId: Number(r.user_id),
    kind: r.kind,
    subject: r.subject,
    body: r.body,
    link: r.link,
    listId: r.list_id === null ? null : Number(r.list_id),
    questionId: r.question_id === null ? null : Number(r.question_id),
    moment: r.moment,
    inApp: Number(r.in_app) === 1,
    mail: r.mail,
    createdAt: r.created_at,
    readAt: r.read_at,
    mailedAt: r.mailed_at,
    mailAttempts: Number(r.mail_attempts),
    mailError: r.mail_error,
  };
}

const now = (): string => new Date().toISOString();
/** An error message kept short: it is for the operator, not an archive of SMTP transcripts. */
const clip = (s: string): string => (s.length > 500 ? `${s.slice(0, 499)}…` : s);

/** Ids as numbers, whatever the driver returns (PostgreSQL's bigint comes back as a string). */
const idsOf = (rows: readonly { id: number | string | null }[]): number[] => rows.map((r) => Number(r.id));

export class NotificationStore {
  constructor(private readonly db: Executor) {}

  /** Records a notification; null when this reminder (user, kind, question, moment) already exists. */
  async add(n: NewNotification, at: string = now()): Promise<NotificationRow | null> {
    return this.insert(this.db, n, at);
  }

  private async insert(db: Executor, n: NewNotification, at: string): Promise<NotificationRow | null> {
    const row = await db
      .insertInto('notifications')
      .values({
        user_id: n.userId,
        kind: n.kind,
        subject: n.subject,
        body: n.body,
        link: n.link,
        list_id: n.listId,
        question_id: n.questionId,
        moment: n.moment,
        in_app: n.inApp ? 1 : 0,
        mail: n.mail,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'question_id', 'moment']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? rowOf(row) : null;
  }

  /** Several at once, in one transaction; only those that were new. */
  async addAll(ns: readonly NewNotification[], at: string = now()): Promise<NotificationRow[]> {
    if (ns.length === 0) return [];
    return inTransaction(this.db, async (trx) => {
      const made: NotificationRow[] = [];
      for (const n of ns) {
        const row = await this.insert(trx, n, at);
        if (row) made.push(row);
      }
      return made;
    });
  }

  async get(id: number): Promise<NotificationRow | null> {
    const row = await this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowOf(row) : null;
  }

  /** A person's in-app list, newest first; `beforeId` pages back. */
  async forUser(
    userId: number,
    options: { unreadOnly?: boolean; limit?: number; beforeId?: number } = {},
  ): Promise<NotificationRow[]> {
    let query = this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('in_app', '=', 1);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(options.limit ?? 50, 1), 500))
      .execute();
    return rows.map(rowOf);
  }

  async unreadCount(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('in_app', '=', 1)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks the person's own notifications read (others' ids are ignored); how many changed. */
  async markRead(userId: number, ids: readonly number[] | 'all', at: string = now()): Promise<number> {
    let query = this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (ids !== 'all') {
      const wanted = ids.filter(Number.isSafeInteger);
      if (wanted.length === 0) return 0;
      query = query.where('id', 'in', wanted);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Every kind's preference, the defaults filled in for kinds the person never set. */
  async preferences(userId: number): Promise<Record<NotificationKind, Preference>> {
    const out = { ...DEFAULT_PREFERENCES };
    const rows = await this.db
      .selectFrom('notification_preferences')
      .select(['kind', 'email', 'in_app'])
      .where('user_id', '=', userId)
      .execute();
    for (const r of rows) {
      if (isNotificationKind(r.kind) && isMailMode(r.email))
        out[r.kind] = { email: r.email, inApp: Number(r.in_app) === 1 };
    }
    return out;
  }

  async setPreference(userId: number, kind: NotificationKind, pref: Preference): Promise<void> {
    if (!NOTIFICATION_KINDS.includes(kind)) throw new RangeError(`no such notification kind: ${kind}`);
    await this.db
      .insertInto('notification_preferences')
      .values({ user_id: userId, kind, email: pref.email, in_app: pref.inApp ? 1 : 0 })
      .onConflict((oc) =>
        oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({
          email: eb.ref('excluded.email'),
          in_app: eb.ref('excluded.in_app'),
        })),
      )
      .execute();
  }

  /**
   * Rows waiting to be mailed and not leased by a sender now: created in [since, before], of one person
   * or all, of one mode or both; oldest first.
   */
  async unmailed(filter: {
    since: string;
    before: string;
    at?: string;
    userId?: number;
    mail?: QueuedMail;
    limit?: number;
  }): Promise<NotificationRow[]> {
    const at = filter.at ?? now();
    let query = this.db
      .selectFrom('notifications')
      .selectAll()
      .where('mail', 'is not', null)
      .where('mailed_at', 'is', null)
      .where('created_at', '>=', filter.since)
      .where('created_at', '<=', filter.before)
      .where((eb) => eb.or([eb('mail_lease_until', 'is', null), eb('mail_lease_until', '<', at)]));
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.mail !== undefined) query = query.where('mail', '=', filter.mail);
    const rows = await query
      .orderBy('created_at')
      .orderBy('id')
      .limit(filter.limit ?? 1000)
      .execute();
    return rows.map(rowOf);
  }

  /**
   * Takes the lease on those of `ids` still waiting and free; returns the ids it got. One conditional
   * UPDATE: the rows it changed are the lease, so of two senders (in any process, on either database)
   * only one gets each row.
   */
  async claimMail(ids: readonly number[], leaseUntil: string, at: string = now()): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .updateTable('notifications')
      .set({ mail_lease_until: leaseUntil })
      .where('id', 'in', ids)
      .where('mail', 'is not', null)
      .where('mailed_at', 'is', null)
      .where((eb) => eb.or([eb('mail_lease_until', 'is', null), eb('mail_lease_until', '<', at)]))
      .returning('id')
      .execute();
    return idsOf(rows).sort((a, b) => a - b);
  }

  async mailSent(ids: readonly number[], at: string = now()): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('notifications')
      .set((eb) => ({
        mailed_at: at,
        mail_lease_until: null,
        mail_attempts: eb('mail_attempts', '+', 1),
        mail_error: null,
      }))
      .where('id', 'in', ids)
      .execute();
  }

  /**
   * The send failed: the row stays queued, with the reason, and is not tried again before `retryAt`
   * (its lease becomes the back-off; null: at once).
   */
  async mailFailed(ids: readonly number[], error: string, retryAt: string | null = null): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('notifications')
      .set((eb) => ({
        mail_lease_until: retryAt,
        mail_attempts: eb('mail_attempts', '+', 1),
        mail_error: clip(error),
      }))
      .where('id', 'in', ids)
      .execute();
  }

  /** Takes rows off the mail queue for good (the account is gone or disabled), saying why. */
  async dropMail(ids: readonly number[], reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('notifications')
      .set({ mail: null, mail_lease_until: null, mail_error: clip(reason) })
      .where('id', 'in', ids)
      .where('mailed_at', 'is', null)
      .execute();
  }

  /** People with mail waiting (created in [since, before]) whose digest for `today` has not gone out. */
  async digestDue(today: string, since: string, before: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('notifications as n')
      .leftJoin('notification_digests as d', 'd.user_id', 'n.user_id')
      .select('n.user_id as id')
      .distinct()
      .where('n.mail', 'is not', null)
      .where('n.mailed_at', 'is', null)
      .where('n.created_at', '>=', since)
      .where('n.created_at', '<=', before)
      .where((eb) => eb.or([eb('d.last_sent_on', 'is', null), eb('d.last_sent_on', '<', today)]))
      .orderBy('id')
      .execute();
    return idsOf(rows);
  }

  /**
   * Takes the person's digest for `today`: false when it went out already or another sender has it.
   * The row is made when missing, then leased by one conditional UPDATE: whoever changed it holds it.
   */
  async claimDigest(userId: number, today: string, leaseUntil: string, at: string = now()): Promise<boolean> {
    await this.db
      .insertInto('notification_digests')
      .values({ user_id: userId })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    const result = await this.db
      .updateTable('notification_digests')
      .set({ lease_until: leaseUntil })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_sent_on', 'is', null), eb('last_sent_on', '<', today)]))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The digest went out (`today` set) or was not sent after all (`today` null): the lease goes back. */
  async releaseDigest(userId: number, today: string | null): Promise<void> {
    await this.db
      .updateTable('notification_digests')
      .set(today === null ? { lease_until: null } : { lease_until: null, last_sent_on: today })
      .where('user_id', '=', userId)
      .execute();
  }

  async lastDigest(userId: number): Promise<string | null> {
    const row = await this.db
      .selectFrom('notification_digests')
      .select('last_sent_on')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.last_sent_on ?? null;
  }

  /**
   * When the daily run of `day` started: `at` when this is the first to ask, else the earlier start.
   * The insert that makes the row decides who is first (the others' do nothing).
   */
  async dailyRun(day: string, at: string = now()): Promise<{ startedAt: string; first: boolean }> {
    const inserted = await this.db
      .insertInto('notification_runs')
      .values({ day, started_at: at })
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('started_at')
      .executeTakeFirst();
    if (inserted) return { startedAt: inserted.started_at, first: true };
    const row = await this.db
      .selectFrom('notification_runs')
      .select('started_at')
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    return { startedAt: row.started_at, first: false };
  }

  /** Whether the daily run of `day` has started (in any process). */
  async dailyRunStarted(day: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('notification_runs')
      .select('day')
      .where('day', '=', day)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Where to mail a person; null for an unknown or disabled account. */
  async recipient(userId: number): Promise<Recipient | null> {
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'name'])
      .where('id', '=', userId)
      .where('disabled', '=', 0)
      .executeTakeFirst();
    return row ? { id: Number(row.id), email: row.email, name: row.name } : null;
  }

  /** Of these people, those with an account that is not disabled. */
  async activeUsers(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', ids)
      .where('disabled', '=', 0)
      .orderBy('id')
      .execute();
    return idsOf(rows);
  }

  /** The coordinators of a ministry: a coordinator role in it or one of its directorates. */
  async coordinatorsOf(ministryId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.user_id as id')
      .distinct()
      .where('m.role', '=', 'coordinator')
      .where('u.disabled', '=', 0)
      .where('m.organisation_id', 'in', (eb) =>
        eb
          .selectFrom('organisations')
          .select('id')
          .where((o) => o.or([o('id', '=', ministryId), o('parent_id', '=', ministryId)])),
      )
      .orderBy('id')
      .execute();
    return idsOf(rows);
  }

  /** Who worked on a list: whoever made it, the drafters it was assigned to and whoever saved an answer. */
  async participants(listId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('users')
      .select('id')
      .where('disabled', '=', 0)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('question_lists')
          .select('created_by as id')
          .where('id', '=', listId)
          .union(eb.selectFrom('list_questions').select('assignee_id as id').where('list_id', '=', listId))
          .union(
            eb
              .selectFrom('answer_versions as v')
              .innerJoin('list_questions as q', 'q.id', 'v.question_id')
              .select('v.author_id as id')
              .where('q.list_id', '=', listId),
          ),
      )
      .orderBy('id')
      .execute();
    return idsOf(rows);
  }
}
