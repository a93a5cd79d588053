// What the work pages share: the states as status badges (always with their words, never colour alone),
// a deadline with how it stands, a textarea and a date field, a step confirmed before it is taken, and
// the addresses of the work pages.
import {
  Button,
  ButtonGroup,
  ButtonLink,
  FormField,
  FormFieldDescription,
  FormLabel,
  Paragraph,
  StatusBadge,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { type ReactNode, type Ref, useEffect, useId, useRef, useState } from 'react';
import type { Role, User } from '../api.js';
import { ErrorMessage } from '../components.js';
import type { FieldProps } from '../fields.js';
import { formatDate, useLanguage } from '../i18n.js';
import { routeLinkClick } from '../router.js';
import { useWorkMessages } from '../work-i18n.js';
import type { AnswerState, DueState, QuestionListSummary } from '../workflow-api.js';

export const workListUrl = (id: number): string => `/werk/lijsten/${id}`;

/** The server's pattern for a document id (src/server/schemas/workflow.ts). */
const DOCUMENT_ID = /^(kst|ah)-[A-Za-z0-9-]{3,60}$/;

/** The non-empty lines of a text, trimmed (addressees, one a line). */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Document ids typed apart by spaces, commas or lines: the valid ones (once each), and the wrong ones. */
export function documentIds(text: string): { ids: string[]; wrong: string[] } {
  const all = text.split(/[\s,;]+/).filter(Boolean);
  return {
    ids: [...new Set(all.filter((id) => DOCUMENT_ID.test(id)))],
    wrong: all.filter((id) => !DOCUMENT_ID.test(id)),
  };
}
export const workQuestionUrl = (id: number): string => `/werk/vragen/${id}`;

/** A link within the app that looks like a button (to a page where something is made). */
export function RouterButtonLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <ButtonLink
      href={href}
      appearance="primary-action-button"
      onClick={(event) => routeLinkClick(event, event.currentTarget)}
    >
      {children}
    </ButtonLink>
  );
}

export function hasRole(user: User, ...roles: Role[]): boolean {
  return user.memberships.some((m) => roles.includes(m.role));
}

/** The badge's look follows the state; its text always says it. */
const ANSWER_LOOK: Record<string, string> = {
  unassigned: 'inactive',
  assigned: 'neutral',
  drafting: 'neutral',
  submitted: 'warning',
  returned: 'danger',
  approved: 'success',
  published: 'success',
};
const LIST_LOOK: Record<string, string> = {
  draft: 'inactive',
  sent: 'neutral',
  'in-progress': 'neutral',
  'answers-approved': 'success',
  'letter-assembled': 'warning',
  'letter-approved': 'success',
  published: 'success',
  withdrawn: 'inactive',
};
const DUE_LOOK: Record<DueState, string> = {
  overdue: 'danger',
  'due-today': 'warning',
  'due-soon': 'warning',
  'on-time': 'safe',
};

export function AnswerStateBadge({ state }: { state: AnswerState }) {
  const w = useWorkMessages();
  return (
    <StatusBadge status={ANSWER_LOOK[state] ?? 'neutral'} className="vb-badge">
      {w.answerStates[state] ?? state}
    </StatusBadge>
  );
}

export function ListStateBadge({ state }: { state: string }) {
  const w = useWorkMessages();
  return (
    <StatusBadge status={LIST_LOOK[state] ?? 'neutral'} className="vb-badge">
      {w.listStates[state] ?? state}
    </StatusBadge>
  );
}

/** A deadline and how it stands (overdue, due today …): the date, then the badge. */
export function Deadline({ date, due }: { date: string | null; due: DueState | null }) {
  const w = useWorkMessages();
  const language = useLanguage();
  if (!date) return <span className="vb-meta">{w.noDeadline}</span>;
  return (
    <span className="vb-deadline">
      <time dateTime={date}>{formatDate(date, language)}</time>
      {due && (
        <StatusBadge status={DUE_LOOK[due]} className="vb-badge">
          {w.dueStates[due] ?? due}
        </StatusBadge>
      )}
    </span>
  );
}

/** A list's questions by state, in words: "2 ingediend, 1 goedgekeurd". */
export function countsText(
  counts: QuestionListSummary['counts'],
  states: Record<string, string>,
  none: string,
) {
  const parts = Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([state, n]) => `${n} ${(states[state] ?? state).toLowerCase()}`);
  return parts.length ? parts.join(', ') : none;
}

export function TextareaField({
  label,
  description,
  value,
  onChange,
  required = false,
  rows = 4,
  maxLength,
  textareaRef,
  onSelect,
  className,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  rows?: number;
  maxLength?: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
  onSelect?: () => void;
}) {
  const id = useId();
  return (
    <FormField className={`vb-field ${className ?? ''}`}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`${id}-input`}>{label}</FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-hint`}>{description}</FormFieldDescription>}
      <Textarea
        ref={textareaRef}
        id={`${id}-input`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onSelect={onSelect}
        inputRequired={required}
        rows={rows}
        maxLength={maxLength}
        aria-describedby={description ? `${id}-hint` : undefined}
        className="vb-field__textarea"
        dir="auto"
      />
    </FormField>
  );
}

export function DateField({
  label,
  description,
  value,
  onChange,
  required = false,
  max,
}: FieldProps & { value: string; onChange: (value: string) => void; required?: boolean; max?: string }) {
  const id = useId();
  return (
    <FormField className="vb-field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`${id}-input`}>{label}</FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-hint`}>{description}</FormFieldDescription>}
      <Textbox
        id={`${id}-input`}
        type="date"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        inputRequired={required}
        max={max}
        aria-describedby={description ? `${id}-hint` : undefined}
        className="vb-field__date"
        dir="ltr"
      />
    </FormField>
  );
}

/**
 * A step that cannot be undone, asked once more: the question and "yes" (which takes the focus) or
 * "cancel". `children` ends with the button that opens it, which has the focus again when it closes.
 */
export function Confirm({
  open,
  question,
  yes,
  no,
  busy,
  onYes,
  onNo,
  children,
}: {
  open: boolean;
  question: string;
  yes: string;
  no: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
  children: ReactNode;
}) {
  const id = useId();
  const yesButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) yesButton.current?.focus();
    // closed again: the focus goes back to the button that opened it (the last of `children`)
    else if (wasOpen.current) [...(opener.current?.querySelectorAll('button') ?? [])].at(-1)?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open) {
    return (
      <div ref={opener} className="vb-confirm-opener">
        {children}
      </div>
    );
  }
  return (
    <div className="vb-confirm vb-panel">
      <Paragraph id={id}>{question}</Paragraph>
      <ButtonGroup>
        <Button
          ref={yesButton}
          appearance="primary-action-button"
          busy={busy}
          aria-describedby={id}
          onClick={onYes}
        >
          {yes}
        </Button>
        <Button appearance="secondary-action-button" onClick={onNo}>
          {no}
        </Button>
      </ButtonGroup>
    </div>
  );
}

/**
 * Feedback of a section's steps: a running step's key, what came of it (said in a status message), or
 * the problem's detail in an alert; the box takes the focus, as the button pressed may be gone.
 */
export function useFeedback() {
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  function run<T>(key: string, request: () => Promise<T>, done: (result: T) => string) {
    if (busy) return;
    setBusy(key);
    setError(null);
    setMessage('');
    request().then(
      (result) => {
        setBusy(null);
        setMessage(done(result));
        box.current?.focus();
      },
      (failure: unknown) => {
        setBusy(null);
        setError(failure);
        box.current?.focus();
      },
    );
  }
  return { message, setMessage, error, busy, run, box };
}

export function Feedback({ feedback }: { feedback: ReturnType<typeof useFeedback> }) {
  return (
    <div ref={feedback.box} tabIndex={-1} className="vb-focus-target vb-feedback">
      {feedback.error !== null && <ErrorMessage error={feedback.error} />}
      <Paragraph role="status" className="vb-message">
        {feedback.message}
      </Paragraph>
    </div>
  );
}
