// The notifications tables as TypeScript types, for Kysely; mirrors the migrations.
import type { Generated } from 'kysely';

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  subject: string;
  body: string;
  /** A path in the web app. */
  link: string | null;
  list_id: number | null;
  question_id: number | null;
  /** A reminder's moment; (user_id, kind, question_id, moment) is unique. */
  moment: string | null;
  /** 0 or 1. */
  in_app: Generated<number>;
  /** Queued for mail (checked by the table), or null. */
  mail: 'immediate' | 'daily' | null;
  created_at: string;
  read_at: string | null;
  mailed_at: string | null;
  mail_attempts: Generated<number>;
  mail_error: string | null;
  /** A sender's lease on the mail, or the back-off after a failed send. */
  mail_lease_until: string | null;
}

export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  /** Checked by the table. */
  email: 'immediate' | 'daily' | 'off';
  /** 0 or 1. */
  in_app: number;
}

export interface NotificationDigestsTable {
  user_id: number;
  last_sent_on: string | null;
  lease_until: string | null;
}

export interface NotificationRunsTable {
  day: string;
  started_at: string;
}

export interface NotificationsTables {
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_digests: NotificationDigestsTable;
  notification_runs: NotificationRunsTable;
}
