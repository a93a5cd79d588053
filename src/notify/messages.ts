// What each notification says, in Dutch, from the list, question and deadline it is about. Pure: the
// same data gives the same text. Plain text only (mails are text/plain, the app shows text), so nothing
// is escaped here; a subject is one line, whatever a title holds.
import { formatDutchDate } from '../render/dutch-date.js';
import type { NotificationKind } from './kinds.js';

export interface ListRef {
  id: number;
  title: string;
  deadline: string | null;
}

export interface QuestionRef {
  id: number;
  /** The question's number on its list. */
  number: number;
  text: string;
  internalDeadline?: string | null;
}

/** What a notification is about; ListRow and QuestionRow (src/store/workflow.ts) fit as they are. */
export interface MessageData {
  list: ListRef;
  question?: QuestionRef | null;
  /** The deadline that applies: the question's internal one, else the list's. */
  due?: string | null;
  /** For a reminder: working days from today to `due`, and today. */
  workingDaysLeft?: number | null;
  today?: string | null;
  /** The reason given with a return or a decline. */
  comment?: string | null;
  /** Who acted, by name. */
  actor?: string | null;
  /** For 'published': the Kamerstuk the answers became (kst-…). */
  publicationId?: string | null;
}

export interface Message {
  subject: string;
  body: string;
  /** A path in the web app. */
  link: string;
}

const WEEKDAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];

/** '2026-06-04' → 'donderdag 4 juni 2026'. */
export function dayLabel(iso: string): string {
  const weekday = WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()] ?? '';
  return `${weekday} ${formatDutchDate(iso)}`;
}

/** One line of at most `max` characters: line breaks and runs of spaces become one space. */
export function oneLine(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The web app's page of a list, at a question when given. */
export function linkTo(listId: number, questionNumber?: number | null): string {
  return `/werk/lijsten/${listId}${questionNumber ? `#vraag-${questionNumber}` : ''}`;
}

function workingDays(n: number): string {
  return n === 1 ? '1 werkdag' : `${n} werkdagen`;
}

/** The question's own lines: its number and (the start of) its text. */
function questionLines(q: QuestionRef | null | undefined): string[] {
  return q ? ['', `Vraag ${q.number}: ${oneLine(q.text, 400)}`] : [];
}

function deadlineLine(data: MessageData): string[] {
  const internal = data.question?.internalDeadline ?? null;
  const lines: string[] = [];
  if (internal) lines.push(`Interne termijn: ${dayLabel(internal)}.`);
  if (data.list.deadline) lines.push(`Termijn van de lijst: ${dayLabel(data.list.deadline)}.`);
  return lines.length ? ['', ...lines] : [];
}

function reasonLines(label: string, comment: string | null | undefined): string[] {
  return comment?.trim() ? ['', `${label}:`, comment.trim()] : [];
}

/** The subject and body of a notification of `kind` about `data`. */
export function messageFor(kind: NotificationKind, data: MessageData): Message {
  const title = oneLine(data.list.title, 80);
  const q = data.question ?? null;
  const what = q ? `vraag ${q.number}` : 'de vragen';
  const What = q ? `Vraag ${q.number}` : 'De vragen';
  const by = data.actor ? oneLine(data.actor, 60) : null;
  const link = linkTo(data.list.id, q?.number);
  const onList = `van de lijst "${title}"`;
  let subject: string;
  let lines: string[];
  switch (kind) {
    case 'assigned':
      subject = `${What} aan u toegewezen: ${title}`;
      lines = [
        `${by ?? 'De coördinator'} heeft ${what} ${onList} aan u toegewezen om te beantwoorden.`,
        ...questionLines(q),
        ...deadlineLine(data),
      ];
      break;
    case 'returned':
      subject = `Antwoord op ${what} teruggestuurd: ${title}`;
      lines = [
        `${by ?? 'De beoordelaar'} heeft uw antwoord op ${what} ${onList} teruggestuurd.`,
        ...reasonLines('Opmerking', data.comment),
        ...questionLines(q),
        ...deadlineLine(data),
      ];
      break;
    case 'declined':
      subject = `${What} teruggegeven: ${title}`;
      lines = [
        `${by ?? 'De behandelaar'} heeft ${what} ${onList} teruggegeven; wijs de vraag opnieuw toe.`,
        ...reasonLines('Reden', data.comment),
        ...questionLines(q),
        ...deadlineLine(data),
      ];
      break;
    case 'deadline-approaching': {
      const due = data.due ?? q?.internalDeadline ?? data.list.deadline;
      const left = data.workingDaysLeft ?? null;
      // No working day left but not today: a deadline on a closed day (an internal one on a Saturday).
      const when =
        due && due === data.today
          ? 'vandaag'
          : left !== null && left > 0
            ? `over ${workingDays(left)}`
            : `uiterlijk ${due ? dayLabel(due) : 'vandaag'}`;
      subject =
        when === 'vandaag'
          ? `${What} moet vandaag af: ${title}`
          : `Termijn van ${what} verloopt ${when}: ${title}`;
      lines = [
        `De termijn voor ${what} ${onList} verloopt ${when}${due && when.startsWith('over') ? `, op ${dayLabel(due)}` : ''}.`,
        ...questionLines(q),
      ];
      break;
    }
    case 'overdue': {
      const due = data.due ?? q?.internalDeadline ?? data.list.deadline;
      subject = `Termijn van ${what} verstreken: ${title}`;
      lines = [
        `De termijn voor ${what} ${onList} is verstreken${due ? ` (${dayLabel(due)})` : ''} en het antwoord is nog niet goedgekeurd.`,
        ...questionLines(q),
      ];
      break;
    }
    case 'published':
      subject = `Antwoorden verzonden: ${title}`;
      lines = [
        `De antwoorden op de lijst "${title}" zijn verzonden${
          data.publicationId ? ` en gepubliceerd (${data.publicationId})` : ''
        }. Dank voor uw bijdrage.`,
      ];
      break;
  }
  return { subject: oneLine(subject), body: lines.join('\n'), link };
}

/** A path made absolute for a mail, when the web app's address is known. */
export function absoluteLink(link: string, publicUrl: string | null): string {
  return publicUrl ? new URL(link, publicUrl).href : link;
}

/** The footer every mail ends with: why it came and where to change that. */
export function mailFooter(publicUrl: string | null): string {
  return [
    '-- ',
    'Dit bericht is automatisch verstuurd door Vraagbaak.',
    `Welke meldingen u krijgt, en of per e-mail, stelt u in bij uw account: ${absoluteLink('/account', publicUrl)}`,
  ].join('\n');
}

/** One notification as a mail of its own. */
export function mailFor(
  n: { subject: string; body: string; link: string | null },
  recipientName: string,
  publicUrl: string | null,
): { subject: string; text: string } {
  const open = n.link ? ['', `Openen: ${absoluteLink(n.link, publicUrl)}`] : [];
  return {
    subject: `Vraagbaak: ${n.subject}`,
    text: [`Beste ${oneLine(recipientName, 80)},`, '', n.body, ...open, '', mailFooter(publicUrl)].join('\n'),
  };
}
