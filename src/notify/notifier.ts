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
   * preferences say: in the app, and by mail at once or in the digest. The promise settles when the
   * notifications are stored and their immediate mails have been tried, and never rejects.
   */
  async notify(
    kind: NotificationKind,
    userIds: readonly number[],
    data: MessageData,
  ): Promise<NotificationRow[]> {
    return this.deliver(kind, userIds, data, () => {});
  }

  /** notify(), calling `stored` once the notifications are stored (or failed to be), before the mails. */
  private async deliver(
    kind: NotificationKind,
    userIds: readonly number[],
    data: MessageData,
    stored: () => void,
  ): Promise<NotificationRow[]> {
    let made: NotificationRow[];
    try {
      made = await this.record(kind, userIds, data, null);
    } catch (error) {
      this.onError(error, `recording '${kind}' for list ${data.list.id}`);
      return [];
    } finally {
      stored();
    }
    await this.mailNow(made);
    return made;
  }

  /**
   * The workflow's notice hook: `new Workflow(store, { notify: (n) => notifier.handle(n) })`. The
   * promise resolves once the notifications are stored (it never rejects); their mails go out in the
   * background (see idle()), so an operation that awaits this does not wait for the mail server.
   */
  handle(notice: WorkflowNotice): Promise<void> {
    return new Promise<void>((stored) => {
      // Finding the recipients may fail (notify() itself never rejects): reported, never the workflow's
      // problem.
      const done: Promise<unknown> = this.fromNotice(notice, stored)
        .catch((error: unknown) =>
          this.onError(error, `the '${notice.kind}' notice of list ${notice.list.id}`),
        )
        .finally(() => {
          stored();
          this.inFlight.delete(done);
        });
      this.inFlight.add(done);
    });
  }

  /** Resolves when every notice handed to handle() has had its mails tried (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async fromNotice(notice: WorkflowNotice, stored: () => void): Promise<NotificationRow[]> {
    const { list } = notice;
    switch (notice.kind) {
      case 'assigned':
      case 'returned': {
        // To the drafter the question is (still) with.
        const { question } = notice;
        const to = question.assigneeId === null ? [] : [question.assigneeId];
        return this.deliver(
          notice.kind,
          to,
          {
            list,
            question,
            comment: notice.kind === 'returned' ? notice.comment : null,
            actor: notice.by ?? null,
          },
          stored,
        );
      }
      case 'declined': {
        // The question as it was: its assignee is the drafter who gave it back.
        const { question } = notice;
        const by =
          question.assigneeId === null ? null : await this.store.accounts.userById(question.assigneeId);
        return this.deliver(
          'declined',
          await this.coordinatorsOf(list),
          { list, question, comment: notice.comment, actor: by?.name ?? null },
          stored,
        );
      }
      case 'published':
        return this.deliver(
          'published',
          await this.workedOn(list),
          { list, publicationId: notice.publicationId },
          stored,
        );
    }
  }

  /** The coordinators of the list's ministry (a coordinator role in it or one of its directorates). */
  async coordinatorsOf(list: Pick<ListRow, 'ministryId'>): Promise<number[]> {
    return list.ministryId === null ? [] : this.store.notifications.coordinatorsOf(list.ministryId);
  }

  /** Everyone who worked on a list: its maker, its drafters, whoever saved an answer, its coordinators. */
  async workedOn(list: Pick<ListRow, 'id' | 'ministryId'>): Promise<number[]> {
    const [participants, coordinators] = await Promise.all([
      this.store.notifications.participants(list.id),
      this.coordinatorsOf(list),
    ]);
    return [...new Set([...participants, ...coordinators])];
  }

  /** Stores the notifications (a reminder's `moment` makes it once) and returns those that are new. */
  private async record(
    kind: NotificationKind,
    userIds: readonly number[],
    data: MessageData,
    moment: string | null,
    prefs: Map<number, Record<NotificationKind, Preference>> = new Map(),
  ): Promise<NotificationRow[]> {
    const text = messageFor(kind, data);
    const rows: NewNotification[] = [];
    for (const userId of await this.store.notifications.activeUsers([...new Set(userIds)])) {
      let mine = prefs.get(userId);
      if (!mine) {
        mine = await this.store.notifications.preferences(userId);
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
        const [id] = await n.claimMail(
          [row.id],
          new Date(at.getTime() + LEASE_MS).toISOString(),
          at.toISOString(),
        );
        if (id === undefined) continue; // another sender has it, or it went out already
        const to = await n.recipient(row.userId);
        if (!to) {
          await n.dropMail([row.id], 'no active account');
          continue;
        }
        const mail = mailFor(row, to.name, this.publicUrl);
        try {
          await mailer.send({ to: { name: to.name, address: to.email }, ...mail });
          await n.mailSent([row.id], this.clock().toISOString());
          sent++;
        } catch (error) {
          await n.mailFailed([row.id], message(error), backoff(row.mailAttempts + 1, this.clock()));
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
    const organisations = (await this.store.accounts.organisations()).map((o) => o.id);
    const open = await this.store.workflow.openQuestions({ ministryIds: organisations });
    const coordinators = new Map<number, number[]>();
    for (const { list } of open) {
      if (list.ministryId !== null && !coordinators.has(list.ministryId)) {
        coordinators.set(list.ministryId, await this.store.notifications.coordinatorsOf(list.ministryId));
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
      made.push(...(await this.record(r.kind, r.userIds, data, r.moment, prefs)));
    }
    await this.mailNow(made);
    return made;
  }

  /** Tries again the mails that were to go at once and did not; how many went now. Never rejects. */
  async retryMail(): Promise<number> {
    try {
      const now = this.clock();
      const rows = await this.store.notifications.unmailed({
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
      users = await n.digestDue(today, since, before.toISOString());
    } catch (error) {
      this.onError(error, 'finding the digests due');
      return result;
    }
    for (const userId of users) {
      try {
        if (!(await n.claimDigest(userId, today, lease, now.toISOString()))) continue;
        const waiting = await n.unmailed({
          userId,
          since,
          before: before.toISOString(),
          at: now.toISOString(),
        });
        const ids = new Set(
          await n.claimMail(
            waiting.map((r) => r.id),
            lease,
            now.toISOString(),
          ),
        );
        const items = waiting.filter((r) => ids.has(r.id));
        const to = await n.recipient(userId);
        if (items.length === 0 || !to) {
          if (items.length > 0) await n.dropMail([...ids], 'no active account');
          await n.releaseDigest(userId, null);
          continue;
        }
        const mail = digestMail(items, { name: to.name, today, publicUrl: this.publicUrl });
        try {
          await mailer.send({ to: { name: to.name, address: to.email }, ...mail });
          await n.mailSent([...ids], this.clock().toISOString());
          await n.releaseDigest(userId, today);
          result.sent++;
        } catch (error) {
          const tried = Math.max(...items.map((r) => r.mailAttempts)) + 1;
          await n.mailFailed([...ids], message(error), backoff(tried, this.clock()));
          await n.releaseDigest(userId, null);
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
      if (!(await this.store.notifications.dailyRunStarted(date))) await this.runReminders(date);
      const { startedAt } = await this.store.notifications.dailyRun(date, this.clock().toISOString());
      await this.sendDigests(date, new Date(startedAt));
    } catch (error) {
      this.onError(error, `the daily run of ${date}`);
    }
  }

  async preferences(userId: number): Promise<Record<NotificationKind, Preference>> {
    return this.store.notifications.preferences(userId);
  }

  async setPreference(userId: number, kind: NotificationKind, pref: Preference): Promise<void> {
    await this.store.notifications.setPreference(userId, kind, pref);
  }

  /** The person's notifications in the app, newest first. */
  async forUser(
    userId: number,
    options: { unreadOnly?: boolean; limit?: number; beforeId?: number } = {},
  ): Promise<NotificationRow[]> {
    return this.store.notifications.forUser(userId, options);
  }

  async unreadCount(userId: number): Promise<number> {
    return this.store.notifications.unreadCount(userId);
  }

  /** Marks the person's own notifications read; how many changed. */
  async markRead(userId: number, ids: readonly number[] | 'all'): Promise<number> {
    return this.store.notifications.markRead(userId, ids, this.clock().toISOString());
  }

  close(): void {
    this.mailer?.close();
  }
}
