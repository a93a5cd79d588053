// The kinds of notification, their labels and what each person gets unless they choose otherwise.
// `email`: 'immediate' mails each one as it happens, 'daily' collects them in the next morning's digest,
// 'off' sends none; `inApp`: whether it shows in the app's list.

export const NOTIFICATION_KINDS = [
  'assigned',
  'returned',
  'declined',
  'deadline-approaching',
  'overdue',
  'published',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const MAIL_MODES = ['immediate', 'daily', 'off'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

export interface Preference {
  email: MailMode;
  inApp: boolean;
}

export interface KindLabel {
  nl: string;
  en: string;
  /** Who gets it and when, for the settings screen (Dutch). */
  about: string;
}

export const KIND_LABELS: Record<NotificationKind, KindLabel> = {
  assigned: {
    nl: 'Vraag toegewezen',
    en: 'Question assigned',
    about: 'Een coördinator wijst u een vraag toe om te beantwoorden.',
  },
  returned: {
    nl: 'Antwoord teruggestuurd',
    en: 'Answer returned',
    about: 'Een beoordelaar stuurt uw antwoord terug, met een opmerking.',
  },
  declined: {
    nl: 'Vraag teruggegeven',
    en: 'Question declined',
    about: 'Een behandelaar geeft een vraag terug die u hebt toegewezen (voor coördinatoren).',
  },
  'deadline-approaching': {
    nl: 'Termijn nadert',
    en: 'Deadline approaching',
    about: 'Herinnering enkele werkdagen voor de termijn van een vraag die bij u ligt.',
  },
  overdue: {
    nl: 'Termijn verstreken',
    en: 'Overdue',
    about: 'De termijn van een vraag is verstreken (aan de behandelaar en de coördinatoren).',
  },
  published: {
    nl: 'Antwoorden verzonden',
    en: 'Answers published',
    about: 'De antwoordbrief van een lijst waaraan u werkte is verzonden en gepubliceerd.',
  },
};

/**
 * What a person gets until they change it: what asks them to act now comes at once; reminders and
 * news come together in the morning's digest, so that a list of 24 questions is one mail, not 24.
 */
export const DEFAULT_PREFERENCES: Record<NotificationKind, Preference> = {
  assigned: { email: 'immediate', inApp: true },
  returned: { email: 'immediate', inApp: true },
  declined: { email: 'immediate', inApp: true },
  'deadline-approaching': { email: 'daily', inApp: true },
  overdue: { email: 'daily', inApp: true },
  published: { email: 'daily', inApp: true },
};

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function isMailMode(value: string): value is MailMode {
  return (MAIL_MODES as readonly string[]).includes(value);
}
