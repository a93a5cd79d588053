// The notifications' edge with the world: records what happened for each person, as their preferences
// say, and mails it: at once, or in the next morning's digest. Nothing here throws into the workflow
// operation that caused a notification: a failed mail leaves the notification queued (retried by
// retryMail and the digest after a back-off of 1, 2, 4 … 60 minutes, for `mailRetryDays`), and a
// failure to record one is reported to `onError`.
//
// Time: the day's run (reminders, then digests) happens from `digestHour` o'clock in Europe/Amsterdam on
// working days; `tick()` is meant to be called every few minutes and does whatever is due.

import type { NewNotification, NotificationRow } from '../store/notifications.js';
import type { Store } from '../store/store.js';
import type { ListRow } from '../store/workflow.js';
import { CLOSED_DAYS_NL, type DeadlineCalendar, isWorkingDay } from '../workflow/deadlines.js';
import type { WorkflowNotice } from '../workflow/service.js';
import { DEFAULT_DIGEST_HOUR, DEFAULT_REMINDER_DAYS, type NotifySettings } from './config.js';
import { digestMail } from './digest.js';
import type { NotificationKind, Preference } from './kinds.js';
import { createMailer, type Mailer, serverFailure } from './mailer.js';
import { type MessageData, mailFor, messageFor } from './messages.js';
import { checkMoments, dueReminders } from './reminders.js';

export interface NotifierOptions {
  /** Null: e-mail off, notifications in the app only. */
  mailer: Mailer | null;
  /** The web app's address, for links in mails. */
  publicUrl?: string | null;
  /** Working days before a deadline to remind at (default 5, 2 and 0). */
  reminderDays?: readonly number[];
  /** From this hour (Europe/Amsterdam) the day's reminders are made and digests sent (default 7). */
  digestHour?: number;
  /** Closed days for working-day counts (default: the Dutch holidays and CLOSED_DAYS_NL). */
  calendar?: DeadlineCalendar;
  /** How long an unsent mail keeps being retried after its notification was made (default 7 days). */
  mailRetryDays?: number;
  /** Where failures go instead of being thrown (default: console.warn). */
  onError?: (error: unknown, context: string) => void;
  clock?: () => Date;
}

export interface DigestResult {
  sent: number;
  failed: number;
}

/** A sender holds a mail's lease this long: longer than the mailer's timeouts allow a send to take. */
const LEASE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** After the n-th failed try (n from 1), wait 1, 2, 4 … minutes, at most an hour, before the next. */
function backoff(attempts: number, now: Date): string {
  const wait = Math.min(2 ** Math.max(attempts - 1, 0), 60) * MINUTE_MS;
  return new Date(now.getTime() + wait).toISOString();
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The date and time of day in the Netherlands, whatever the server's time zone. */
function amsterdam(now: Date): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

export class Notifier {
  private readonly mailer: Mailer | null;
  private readonly publicUrl: string | null;
  private readonly reminderDays: number[];
  private readonly digestHour: number;
  private readonly calendar: DeadlineCalendar;
  private readonly retryMs: number;
  private readonly onError: (error: unknown, context: string) => void;
  private readonly clock: () => Date;
  /** Notices being handled (their mails being sent), for idle(). */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Store,
    options: NotifierOptions,
  ) {
    this.mailer = options.mailer;
    this.publicUrl = options.publicUrl ?? null;
    this.reminderDays = checkMoments(options.reminderDays ?? DEFAULT_REMINDER_DAYS);
    this.digestHour = options.digestHour ?? DEFAULT_DIGEST_HOUR;
    this.calendar = options.calendar ?? { recesses: [], closedDays: CLOSED_DAYS_NL };
    this.retryMs = (options.mailRetryDays ?? 7) * DAY_MS;
    this.onError =
      options.onError ?? ((error, context) => console.warn(`notifications: ${context}: ${message(error)}`));
    this.clock = options.clock ?? (() => new Date());
  }

  /** A notifier as the settings say (src/notify/config.ts: notifySettings()). */
  static fromSettings(
    store: Store,
    settings: NotifySettings,
    options: Omit<NotifierOptions, 'mailer' | 'publicUrl' | 'reminderDays' | 'digestHour'> = {},
  ): Notifier {
    return new Notifier(store, {
      ...options,
      mailer: createMailer(settings.smtp),
      publicUrl: settings.publicUrl,
      reminderDays: settings.reminderDays,
      digestHour: settings.digestHour,
    });
  }

  get mailEnabled(): boolean {
    return this.mailer !== null;
  }

  /**
   * Tells each of `userIds` (once each; unknown and disabled accounts skipped) about `kind`, as their
   * preferences say: in the app, and by mail at once or in the digest. The notifications are stored
   * before this returns its promise, so `void notifier.notify(…)` is enough in a synchronous operation;
   * the promise settles when the immediate mails have been tried, and never rejects.
   */
  async notify(
    kind: NotificationKind,
    userIds: readonly number[],
    data: MessageData,
  ): Promise<NotificationRow[]> {
    let made: NotificationRow[];
    try {
      made = this.record(kind, userIds, data, null);
    } catch (error) {
      this.onError(error, `recording '${kind}' for list ${data.list.id}`);
      return [];
    }
    await this.mailNow(made);
    return made;
  }

  /**
   * The workflow's notice hook: `new Workflow(store, { notify: (n) => notifier.handle(n) })`. Stores
   * the notifications at once and sends their mails in the background (see idle()).
   */
  handle(notice: WorkflowNotice): void {
    try {
      const done: Promise<unknown> = this.fromNotice(notice).finally(() => this.inFlight.delete(done));
      this.inFlight.add(done);
    } catch (error) {
      // Finding the recipients failed (notify() itself never throws): reported, never the workflow's problem.
      this.onError(error, `the '${notice.kind}' notice of list ${notice.list.id}`);
    }
  }

  /** Resolves when every notice handed to handle() has had its mails tried (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private fromNotice(notice: WorkflowNotice): Promise<NotificationRow[]> {
    const { list } = notice;
    switch (notice.kind) {
      case 'assigned':
      case 'returned': {
        // To the drafter the question is (still) with.
        const { question } = notice;
        const to = question.assigneeId === null ? [] : [question.assigneeId];
        return this.notify(notice.kind, to, {
          list,
          question,
          comment: notice.kind === 'returned' ? notice.comment : null,
          actor: notice.by ?? null,
        });
      }
      case 'declined': {
        // The question as it was: its assignee is the drafter who gave it back.
        const { question } = notice;
        const by = question.assigneeId === null ? null : this.store.accounts.userById(question.assigneeId);
        return this.notify('declined', this.coordinatorsOf(list), {
          list,
          question,
          comment: notice.comment,
          actor: by?.name ?? null,
        });
      }
      case 'published':
        return this.notify('published', this.workedOn(list), { list, publicationId: notice.publicationId });
    }
  }

  /** The coordinators of the list's ministry (a coordinator role in it or one of its directorates). */
  coordinatorsOf(list: Pick<ListRow, 'ministryId'>): number[] {
    return list.ministryId === null ? [] : this.store.notifications.coordinatorsOf(list.ministryId);
  }

  /** Everyone who worked on a list: its maker, its drafters, whoever saved an answer, its coordinators. */
  workedOn(list: Pick<ListRow, 'id' | 'ministryId'>): number[] {
    return [...new Set([...this.store.notifications.participants(list.id), ...this.coordinatorsOf(list)])];
  }

  /** Stores the notifications (a reminder's `moment` makes it once) and returns those that are new. */
  private record(
    kind: NotificationKind,
    userIds: readonly number[],
    data: MessageData,
    moment: string | null,
    prefs: Map<number, Record<NotificationKind, Preference>> = new Map(),
  ): NotificationRow[] {
    const text = messageFor(kind, data);
    const rows: NewNotification[] = [];
    for (const userId of this.store.notifications.activeUsers([...new Set(userIds)])) {
      let mine = prefs.get(userId);
      if (!mine) {
        mine = this.store.notifications.preferences(userId);
        prefs.set(userId, mine);
      }
      const pref = mine[kind];
      const mail = this.mailer && pref.email !== 'off' ? pref.email : null;
      if (!pref.inApp && mail === null) continue;
      rows.push({
        userId,
        kind,
        subject: text.subject,
        body: text.body,
        link: text.link,
        listId: data.list.id,
        questionId: data.question?.id ?? null,
        moment,
        inApp: pref.inApp,
        mail,
      });
    }
    return this.store.notifications.addAll(rows, this.clock().toISOString());
  }

  /**
   * Mails each of these that is wanted at once, one by one. A failure leaves it queued (tried again
   * after a back-off); when the server itself failed, the rest are left for the next try untouched.
   */
  private async mailNow(rows: readonly NotificationRow[]): Promise<number> {
    const mailer = this.mailer;
    if (!mailer) return 0;
    const n = this.store.notifications;
    let sent = 0;
    for (const row of rows) {
      if (row.mail !== 'immediate') continue;
      try {
        const at = this.clock();
        const [id] = n.claimMail([row.id], new Date(at.getTime() + LEASE_MS).toISOString(), at.toISOString());
        if (id === undefined) continue; // another sender has it, or it went out already
        const to = n.recipient(row.userId);
        if (!to) {
          n.dropMail([row.id], 'no active account');
          continue;
        }
        const mail = mailFor(row, to.name, this.publicUrl);
        try {
          await mailer.send({ to: { name: to.name, address: to.email }, ...mail });
          n.mailSent([row.id], this.clock().toISOString());
          sent++;
        } catch (error) {
          n.mailFailed([row.id], message(error), backoff(row.mailAttempts + 1, this.clock()));
          this.onError(error, `mailing notification ${row.id} (it stays queued)`);
          if (serverFailure(error)) break;
        }
      } catch (error) {
        this.onError(error, `mailing notification ${row.id}`);
      }
    }
    return sent;
  }

  /**
   * Makes the deadline reminders and overdue notices due on `today` (see reminders.ts), for every open
   * question of every list, and mails those wanted at once. Running it again makes nothing twice.
   * Returns the notifications made now.
   */
  async runReminders(
    today: string,
    calendar: DeadlineCalendar = this.calendar,
    moments: readonly number[] = this.reminderDays,
  ): Promise<NotificationRow[]> {
    const organisations = this.store.accounts.organisations().map((o) => o.id);
    const open = this.store.workflow.openQuestions({ ministryIds: organisations });
    const coordinators = new Map<number, number[]>();
    for (const { list } of open) {
      if (list.ministryId !== null && !coordinators.has(list.ministryId)) {
        coordinators.set(list.ministryId, this.store.notifications.coordinatorsOf(list.ministryId));
      }
    }
    const prefs = new Map<number, Record<NotificationKind, Preference>>();
    const made: NotificationRow[] = [];
    for (const r of dueReminders(open, today, calendar, moments, coordinators)) {
      const data: MessageData = {
        list: r.list,
        question: r.question,
        due: r.due,
        workingDaysLeft: r.workingDaysLeft,
        today,
      };
      made.push(...this.record(r.kind, r.userIds, data, r.moment, prefs));
    }
    await this.mailNow(made);
    return made;
  }

  /** Tries again the mails that were to go at once and did not; how many went now. Never rejects. */
  async retryMail(): Promise<number> {
    try {
      const now = this.clock();
      const rows = this.store.notifications.unmailed({
        mail: 'immediate',
        since: new Date(now.getTime() - this.retryMs).toISOString(),
        before: now.toISOString(),
        at: now.toISOString(),
      });
      return await this.mailNow(rows);
    } catch (error) {
      this.onError(error, 'retrying mail');
      return 0;
    }
  }

  /**
   * Mails each person one digest of every notification they want by mail and have not had mailed
   * (made up to `before`), at most one digest a day each. A failed digest leaves its notifications
   * queued and the day open, so a later call sends it. Never rejects.
   */
  async sendDigests(today: string, before: Date = this.clock()): Promise<DigestResult> {
    const result: DigestResult = { sent: 0, failed: 0 };
    const mailer = this.mailer;
    if (!mailer) return result;
    const n = this.store.notifications;
    const now = this.clock();
    const since = new Date(now.getTime() - this.retryMs).toISOString();
    const lease = new Date(now.getTime() + LEASE_MS).toISOString();
    let users: number[];
    try {
      users = n.digestDue(today, since, before.toISOString());
    } catch (error) {
      this.onError(error, 'finding the digests due');
      return result;
    }
    for (const userId of users) {
      try {
        if (!n.claimDigest(userId, today, lease, now.toISOString())) continue;
        const waiting = n.unmailed({ userId, since, before: before.toISOString(), at: now.toISOString() });
        const ids = new Set(
          n.claimMail(
            waiting.map((r) => r.id),
            lease,
            now.toISOString(),
          ),
        );
        const items = waiting.filter((r) => ids.has(r.id));
        const to = n.recipient(userId);
        if (items.length === 0 || !to) {
          if (items.length > 0) n.dropMail([...ids], 'no active account');
          n.releaseDigest(userId, null);
          continue;
        }
        const mail = digestMail(items, { name: to.name, today, publicUrl: this.publicUrl });
        try {
          await mailer.send({ to: { name: to.name, address: to.email }, ...mail });
          n.mailSent([...ids], this.clock().toISOString());
          n.releaseDigest(userId, today);
          result.sent++;
        } catch (error) {
          const tried = Math.max(...items.map((r) => r.mailAttempts)) + 1;
          n.mailFailed([...ids], message(error), backoff(tried, this.clock()));
          n.releaseDigest(userId, null);
          result.failed++;
          this.onError(error, `mailing the digest of user ${userId} (its notifications stay queued)`);
          // The server is down or refuses us: the other digests wait for the next call.
          if (serverFailure(error)) break;
        }
      } catch (error) {
        result.failed++;
        this.onError(error, `the digest of user ${userId}`);
      }
    }
    return result;
  }

  /**
   * Does what is due at `now`; call it every few minutes. Always: retry the mails that failed. From the
   * digest hour on a working day: the day's reminders once (in whichever process comes first), then
   * the digests of everything made before the day's run began. Never rejects.
   */
  async tick(now: Date = this.clock()): Promise<void> {
    await this.retryMail();
    const { date, hour } = amsterdam(now);
    if (hour < this.digestHour || !isWorkingDay(date, this.calendar)) return;
    try {
      if (!this.store.notifications.dailyRunStarted(date)) await this.runReminders(date);
      const { startedAt } = this.store.notifications.dailyRun(date, this.clock().toISOString());
      await this.sendDigests(date, new Date(startedAt));
    } catch (error) {
      this.onError(error, `the daily run of ${date}`);
    }
  }

  preferences(userId: number): Record<NotificationKind, Preference> {
    return this.store.notifications.preferences(userId);
  }

  setPreference(userId: number, kind: NotificationKind, pref: Preference): void {
    this.store.notifications.setPreference(userId, kind, pref);
  }

  /** The person's notifications in the app, newest first. */
  forUser(
    userId: number,
    options: { unreadOnly?: boolean; limit?: number; beforeId?: number } = {},
  ): NotificationRow[] {
    return this.store.notifications.forUser(userId, options);
  }

  unreadCount(userId: number): number {
    return this.store.notifications.unreadCount(userId);
  }

  /** Marks the person's own notifications read; how many changed. */
  markRead(userId: number, ids: readonly number[] | 'all'): number {
    return this.store.notifications.markRead(userId, ids, this.clock().toISOString());
  }

  close(): void {
    this.mailer?.close();
  }
}
