// Notifications in SQL: each person's in-app list, the mail queue (rows with `mail` set and no
// `mailed_at`), preferences per kind and the daily digest's state. Sending mail takes a lease first
// (a compare-and-set on `mail_lease_until`), so two processes never mail the same row twice; a failed
// send gives the lease back and the row stays queued for the next try.
import type SQLite from 'better-sqlite3';
import {
  DEFAULT_PREFERENCES,
  isMailMode,
  isNotificationKind,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type Preference,
} from '../notify/kinds.js';

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

interface DbRow {
  id: number;
  user_id: number;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  list_id: number | null;
  question_id: number | null;
  moment: string | null;
  in_app: number;
  mail: QueuedMail | null;
  created_at: string;
  read_at: string | null;
  mailed_at: string | null;
  mail_attempts: number;
  mail_error: string | null;
}

function rowOf(r: DbRow): NotificationRow {
  if (!isNotificationKind(r.kind)) throw new Error(`notification ${r.id} has an unknown kind: ${r.kind}`);
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    subject: r.subject,
    body: r.body,
    link: r.link,
    listId: r.list_id,
    questionId: r.question_id,
    moment: r.moment,
    inApp: r.in_app === 1,
    mail: r.mail,
    createdAt: r.created_at,
    readAt: r.read_at,
    mailedAt: r.mailed_at,
    mailAttempts: r.mail_attempts,
    mailError: r.mail_error,
  };
}

const now = (): string => new Date().toISOString();
/** An error message kept short: it is for the operator, not an archive of SMTP transcripts. */
const clip = (s: string): string => (s.length > 500 ? `${s.slice(0, 499)}…` : s);

export class NotificationStore {
  constructor(private readonly raw: SQLite.Database) {}

  /** Records a notification; null when this reminder (user, kind, question, moment) already exists. */
  add(n: NewNotification, at: string = now()): NotificationRow | null {
    const row = this.raw
      .prepare(
        `INSERT INTO notifications (user_id, kind, subject, body, link, list_id, question_id, moment, in_app, mail,
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id, kind, question_id, moment) DO NOTHING RETURNING *`,
      )
      .get(
        n.userId,
        n.kind,
        n.subject,
        n.body,
        n.link,
        n.listId,
        n.questionId,
        n.moment,
        n.inApp ? 1 : 0,
        n.mail,
        at,
      ) as DbRow | undefined;
    return row ? rowOf(row) : null;
  }

  /** Several at once, in one transaction; only those that were new. */
  addAll(ns: readonly NewNotification[], at: string = now()): NotificationRow[] {
    return this.raw.transaction(() =>
      ns.map((n) => this.add(n, at)).filter((r): r is NotificationRow => r !== null),
    )();
  }

  get(id: number): NotificationRow | null {
    const row = this.raw.prepare('SELECT * FROM notifications WHERE id = ?').get(id) as DbRow | undefined;
    return row ? rowOf(row) : null;
  }

  /** A person's in-app list, newest first; `beforeId` pages back. */
  forUser(
    userId: number,
    options: { unreadOnly?: boolean; limit?: number; beforeId?: number } = {},
  ): NotificationRow[] {
    const rows = this.raw
      .prepare(
        `SELECT * FROM notifications WHERE user_id = ? AND in_app = 1 AND (? = 0 OR read_at IS NULL) AND id < ?
         ORDER BY id DESC LIMIT ?`,
      )
      .all(
        userId,
        options.unreadOnly ? 1 : 0,
        options.beforeId ?? Number.MAX_SAFE_INTEGER,
        Math.min(Math.max(options.limit ?? 50, 1), 500),
      ) as DbRow[];
    return rows.map(rowOf);
  }

  unreadCount(userId: number): number {
    return (
      this.raw
        .prepare(
          'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND in_app = 1 AND read_at IS NULL',
        )
        .get(userId) as { n: number }
    ).n;
  }

  /** Marks the person's own notifications read (others' ids are ignored); how many changed. */
  markRead(userId: number, ids: readonly number[] | 'all', at: string = now()): number {
    if (ids === 'all') {
      return this.raw
        .prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL')
        .run(at, userId).changes;
    }
    return this.raw
      .prepare(
        `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL
         AND id IN (SELECT value FROM json_each(?))`,
      )
      .run(at, userId, JSON.stringify(ids.filter(Number.isSafeInteger))).changes;
  }

  /** Every kind's preference, the defaults filled in for kinds the person never set. */
  preferences(userId: number): Record<NotificationKind, Preference> {
    const out = { ...DEFAULT_PREFERENCES };
    const rows = this.raw
      .prepare('SELECT kind, email, in_app AS inApp FROM notification_preferences WHERE user_id = ?')
      .all(userId) as { kind: string; email: string; inApp: number }[];
    for (const r of rows) {
      if (isNotificationKind(r.kind) && isMailMode(r.email))
        out[r.kind] = { email: r.email, inApp: r.inApp === 1 };
    }
    return out;
  }

  setPreference(userId: number, kind: NotificationKind, pref: Preference): void {
    if (!NOTIFICATION_KINDS.includes(kind)) throw new RangeError(`no such notification kind: ${kind}`);
    this.raw
      .prepare(
        `INSERT INTO notification_preferences (user_id, kind, email, in_app) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email, in_app = excluded.in_app`,
      )
      .run(userId, kind, pref.email, pref.inApp ? 1 : 0);
  }

  /**
   * Rows waiting to be mailed and not leased by a sender now: created in [since, before], of one person
   * or all, of one mode or both; oldest first.
   */
  unmailed(filter: {
    since: string;
    before: string;
    at?: string;
    userId?: number;
    mail?: QueuedMail;
    limit?: number;
  }): NotificationRow[] {
    const rows = this.raw
      .prepare(
        `SELECT * FROM notifications WHERE mail IS NOT NULL AND mailed_at IS NULL
         AND created_at >= ? AND created_at <= ? AND (mail_lease_until IS NULL OR mail_lease_until < ?)
         AND (? IS NULL OR user_id = ?) AND (? IS NULL OR mail = ?)
         ORDER BY created_at, id LIMIT ?`,
      )
      .all(
        filter.since,
        filter.before,
        filter.at ?? now(),
        filter.userId ?? null,
        filter.userId ?? null,
        filter.mail ?? null,
        filter.mail ?? null,
        filter.limit ?? 1000,
      ) as DbRow[];
    return rows.map(rowOf);
  }

  /** Takes the lease on those of `ids` still waiting and free; returns the ids it got. */
  claimMail(ids: readonly number[], leaseUntil: string, at: string = now()): number[] {
    const rows = this.raw
      .prepare(
        `UPDATE notifications SET mail_lease_until = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND mail IS NOT NULL AND mailed_at IS NULL
         AND (mail_lease_until IS NULL OR mail_lease_until < ?) RETURNING id`,
      )
      .all(leaseUntil, JSON.stringify(ids), at) as { id: number }[];
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  mailSent(ids: readonly number[], at: string = now()): void {
    this.raw
      .prepare(
        `UPDATE notifications SET mailed_at = ?, mail_lease_until = NULL, mail_attempts = mail_attempts + 1,
         mail_error = NULL WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .run(at, JSON.stringify(ids));
  }

  /**
   * The send failed: the row stays queued, with the reason, and is not tried again before `retryAt`
   * (its lease becomes the back-off; null: at once).
   */
  mailFailed(ids: readonly number[], error: string, retryAt: string | null = null): void {
    this.raw
      .prepare(
        `UPDATE notifications SET mail_lease_until = ?, mail_attempts = mail_attempts + 1, mail_error = ?
         WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .run(retryAt, clip(error), JSON.stringify(ids));
  }

  /** Takes rows off the mail queue for good (the account is gone or disabled), saying why. */
  dropMail(ids: readonly number[], reason: string): void {
    this.raw
      .prepare(
        `UPDATE notifications SET mail = NULL, mail_lease_until = NULL, mail_error = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND mailed_at IS NULL`,
      )
      .run(clip(reason), JSON.stringify(ids));
  }

  /** People with mail waiting (created in [since, before]) whose digest for `today` has not gone out. */
  digestDue(today: string, since: string, before: string): number[] {
    const rows = this.raw
      .prepare(
        `SELECT DISTINCT n.user_id AS id FROM notifications n
         LEFT JOIN notification_digests d ON d.user_id = n.user_id
         WHERE n.mail IS NOT NULL AND n.mailed_at IS NULL AND n.created_at >= ? AND n.created_at <= ?
         AND (d.last_sent_on IS NULL OR d.last_sent_on < ?) ORDER BY n.user_id`,
      )
      .all(since, before, today) as { id: number }[];
    return rows.map((r) => r.id);
  }

  /** Takes the person's digest for `today`: false when it went out already or another sender has it. */
  claimDigest(userId: number, today: string, leaseUntil: string, at: string = now()): boolean {
    return this.raw.transaction(() => {
      this.raw
        .prepare('INSERT INTO notification_digests (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING')
        .run(userId);
      return (
        this.raw
          .prepare(
            `UPDATE notification_digests SET lease_until = ? WHERE user_id = ?
             AND (last_sent_on IS NULL OR last_sent_on < ?) AND (lease_until IS NULL OR lease_until < ?)`,
          )
          .run(leaseUntil, userId, today, at).changes === 1
      );
    })();
  }

  /** The digest went out (`today` set) or was not sent after all (`today` null): the lease goes back. */
  releaseDigest(userId: number, today: string | null): void {
    this.raw
      .prepare(
        'UPDATE notification_digests SET lease_until = NULL, last_sent_on = coalesce(?, last_sent_on) WHERE user_id = ?',
      )
      .run(today, userId);
  }

  lastDigest(userId: number): string | null {
    const row = this.raw
      .prepare('SELECT last_sent_on AS day FROM notification_digests WHERE user_id = ?')
      .get(userId) as { day: string | null } | undefined;
    return row?.day ?? null;
  }

  /** When the daily run of `day` started: `at` when this is the first to ask, else the earlier start. */
  dailyRun(day: string, at: string = now()): { startedAt: string; first: boolean } {
    const inserted = this.raw
      .prepare('INSERT INTO notification_runs (day, started_at) VALUES (?, ?) ON CONFLICT (day) DO NOTHING')
      .run(day, at).changes;
    const row = this.raw
      .prepare('SELECT started_at AS startedAt FROM notification_runs WHERE day = ?')
      .get(day) as {
      startedAt: string;
    };
    return { startedAt: row.startedAt, first: inserted === 1 };
  }

  /** Whether the daily run of `day` has started (in any process). */
  dailyRunStarted(day: string): boolean {
    return this.raw.prepare('SELECT 1 FROM notification_runs WHERE day = ?').get(day) !== undefined;
  }

  /** Where to mail a person; null for an unknown or disabled account. */
  recipient(userId: number): Recipient | null {
    return (
      (this.raw.prepare('SELECT id, email, name FROM users WHERE id = ? AND disabled = 0').get(userId) as
        | Recipient
        | undefined) ?? null
    );
  }

  /** Of these people, those with an account that is not disabled. */
  activeUsers(ids: readonly number[]): number[] {
    const rows = this.raw
      .prepare(
        'SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?)) AND disabled = 0 ORDER BY id',
      )
      .all(JSON.stringify(ids)) as { id: number }[];
    return rows.map((r) => r.id);
  }

  /** The coordinators of a ministry: a coordinator role in it or one of its directorates. */
  coordinatorsOf(ministryId: number): number[] {
    const rows = this.raw
      .prepare(
        `SELECT DISTINCT m.user_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.role = 'coordinator' AND u.disabled = 0
         AND m.organisation_id IN (SELECT id FROM organisations WHERE id = ? OR parent_id = ?) ORDER BY m.user_id`,
      )
      .all(ministryId, ministryId) as { id: number }[];
    return rows.map((r) => r.id);
  }

  /** Who worked on a list: whoever made it, the drafters it was assigned to and whoever saved an answer. */
  participants(listId: number): number[] {
    const rows = this.raw
      .prepare(
        `SELECT id FROM users WHERE disabled = 0 AND id IN (
           SELECT created_by FROM question_lists WHERE id = ?
           UNION SELECT assignee_id FROM list_questions WHERE list_id = ?
           UNION SELECT v.author_id FROM answer_versions v JOIN list_questions q ON q.id = v.question_id
             WHERE q.list_id = ?)
         ORDER BY id`,
      )
      .all(listId, listId, listId) as { id: number }[];
    return rows.map((r) => r.id);
  }
}
