// One question list: /werk/lijsten/{id} (#vraag-N, as notifications link, goes to question N's row). Its
// particulars, its state and each question's state and holder, and what the signed-in person may do now
// (the list's `events`, as the server says): the clerk composes a draft (changes its particulars; adds,
// pastes, edits, moves and removes questions) and sends it; the coordinator assigns
// questions to drafters, postpones, groups a question with another, assembles and sends the letter; the
// approver approves or returns the letter. Once every answer is approved the letter can be read here.
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  Heading2,
  Link,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError, isAbort } from '../api.js';
import { useAuth } from '../auth.js';
import {
  ErrorMessage,
  Facts,
  Loading,
  PageHeading,
  publicationUrl,
  useDocumentTitle,
  useRequest,
} from '../components.js';
import { SubmitButton, TextField } from '../fields.js';
import { DataTable, Restricted, SelectField, useSubmission } from '../forms.js';
import { formatDate, formatDateTime, useLanguage, useMessages } from '../i18n.js';
import { RouterLink, useLocation } from '../router.js';
import { useWorkMessages } from '../work-i18n.js';
import {
  addQuestion,
  answerEvent,
  assign,
  getLetterText,
  getPeople,
  getQuestionList,
  importQuestions,
  type ListEvent,
  type ListQuestion,
  letterUrl,
  listEvent,
  postpone,
  type QuestionList,
  removeListQuestion,
  updateListQuestion,
  updateQuestionList,
} from '../workflow-api.js';
import {
  AnswerStateBadge,
  Confirm,
  DateField,
  Deadline,
  documentIds,
  Feedback,
  ListStateBadge,
  lines,
  TextareaField,
  useFeedback,
  workQuestionUrl,
} from './work-shared.js';

/** The order in which the list's steps are offered. */
const LIST_EVENTS: ListEvent[] = [
  'send',
  'assemble',
  'approve-letter',
  'return-letter',
  'send-letter',
  'reopen',
  'withdraw',
];
/** Steps asked once more before they are taken: they cannot be undone. */
const CONFIRMED: ListEvent[] = ['withdraw', 'send-letter'];
const LETTER_STATES = ['answers-approved', 'letter-assembled', 'letter-approved', 'published'];

export function ListPage({ id }: { id: number }) {
  const w = useWorkMessages();
  const [list, setList] = useState<QuestionList | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  useDocumentTitle(list?.title ?? w.listFallback);

  // Loaded once someone is signed in (a visitor is asked to sign in first).
  const signedIn = useAuth().status === 'user';
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    getQuestionList(id, controller.signal).then(setList, (error: unknown) => {
      if (!isAbort(error)) setLoadError(error);
    });
    return () => controller.abort();
  }, [id, signedIn]);

  const fetchList = () =>
    getQuestionList(id).then((fresh) => {
      setList(fresh);
      return fresh;
    });
  const reload = async () => {
    await fetchList();
  };

  // A link to one of its questions (#vraag-2, as in a notification): that row is shown, its link focused.
  const { hash } = useLocation();
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!list || !/^#vraag-\d+$/.test(hash) || shown.current === hash) return;
    shown.current = hash;
    const row = document.getElementById(hash.slice(1));
    row?.scrollIntoView({ block: 'center' });
    row?.querySelector<HTMLElement>('th a')?.focus({ preventScroll: true });
  }, [list, hash]);

  return (
    <>
      <PageHeading>
        {list?.title ?? w.listFallback}
        {list && (
          <>
            <span className="vb-visually-hidden">, </span>
            <span className="vb-heading-sub">{w.kinds[list.kind] ?? list.kind}</span>
          </>
        )}
      </PageHeading>
      <Restricted>
        {() => (
          <>
            {loadError !== null && <ErrorMessage error={loadError} />}
            {list === null && loadError === null && <Loading />}
            {list && (
              <ListContent
                list={list}
                setList={setList}
                reload={reload}
                fetchList={fetchList}
                target={hash}
              />
            )}
          </>
        )}
      </Restricted>
    </>
  );
}

function ListContent({
  list,
  setList,
  reload,
  fetchList,
  target,
}: {
  list: QuestionList;
  setList: (list: QuestionList) => void;
  reload: () => Promise<void>;
  fetchList: () => Promise<QuestionList>;
  /** The location's hash: the row it names (#vraag-2) is marked. */
  target: string;
}) {
  const w = useWorkMessages();
  const t = useMessages();
  const roles = list.roles;
  const clerkDraft = list.state === 'draft' && roles.includes('clerk');
  const coordinator = roles.includes('coordinator');
  const canAssign = coordinator && ['sent', 'in-progress'].includes(list.state);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const questionsFeedback = useFeedback();

  return (
    <>
      <Paragraph className="vb-list-status">
        <ListStateBadge state={list.state} />
        <span>
          {w.detailDeadline}: <Deadline date={list.deadline} due={list.due} />
        </span>
        {roles.length > 0 && (
          <span className="vb-meta">
            {w.yourRoles}: {roles.map((r) => t.roles[r] ?? r).join(', ')}
          </span>
        )}
      </Paragraph>
      {list.state === 'published' && list.publicationId && (
        <Alert type="ok" className="vb-alert">
          <Paragraph>
            {w.publishedAs}{' '}
            <RouterLink href={publicationUrl(list.publicationId)}>{list.publicationId}</RouterLink>
          </Paragraph>
        </Alert>
      )}
      <ListActions list={list} setList={setList} />
      <Particulars list={list} editable={clerkDraft} setList={setList} fetchList={fetchList} />

      <section aria-labelledby="questions-heading" className="vb-section">
        <Heading2 id="questions-heading">{w.questionsTitle}</Heading2>
        <Feedback feedback={questionsFeedback} />
        {list.questions.length === 0 ? (
          <Paragraph>{w.questionsEmpty}</Paragraph>
        ) : (
          <QuestionsTable
            list={list}
            editable={clerkDraft}
            selectable={canAssign}
            selected={selected}
            setSelected={setSelected}
            feedback={questionsFeedback}
            reload={reload}
            target={target}
          />
        )}
      </section>

      {clerkDraft && (
        <>
          <AddQuestion list={list} setList={setList} onDone={questionsFeedback.setMessage} />
          <ImportQuestions list={list} reload={reload} onDone={questionsFeedback.setMessage} />
        </>
      )}
      {canAssign && (
        <AssignQuestions
          list={list}
          selected={selected}
          onAssigned={(updated, count, name) => {
            setList(updated);
            setSelected(new Set());
            questionsFeedback.setMessage(w.assigned(count, name));
          }}
        />
      )}
      {coordinator && list.questions.some((q) => q.events.includes('group')) && (
        <GroupQuestion list={list} reload={reload} onDone={questionsFeedback.setMessage} />
      )}
      {LETTER_STATES.includes(list.state) && roles.some((r) => r !== 'clerk') && <Letter list={list} />}
    </>
  );
}

function ListActions({ list, setList }: { list: QuestionList; setList: (list: QuestionList) => void }) {
  const w = useWorkMessages();
  const language = useLanguage();
  const feedback = useFeedback();
  const [confirming, setConfirming] = useState<ListEvent | null>(null);
  const events = LIST_EVENTS.filter((e) => list.events.includes(e));
  const canPostpone = list.events.includes('postpone');
  if (events.length === 0 && !canPostpone && !feedback.message && feedback.error === null) return null;

  function take(event: ListEvent) {
    setConfirming(null);
    feedback.run(
      event,
      () => listEvent(list.id, event),
      (updated) => {
        setList(updated);
        return w.listEventDone[event] ?? '';
      },
    );
  }

  return (
    <section aria-labelledby="actions-heading" className="vb-section vb-actions">
      <Heading2 id="actions-heading">{w.actionsTitle}</Heading2>
      <Feedback feedback={feedback} />
      <div className="vb-actions__row">
        {events.map((event) =>
          CONFIRMED.includes(event) ? (
            <Confirm
              key={event}
              open={confirming === event}
              question={event === 'withdraw' ? w.confirmWithdraw : w.confirmSendLetter}
              yes={w.confirmYes}
              no={w.cancel}
              busy={feedback.busy === event}
              onYes={() => take(event)}
              onNo={() => setConfirming(null)}
            >
              <Button
                appearance={event === 'withdraw' ? 'secondary-action-button' : 'primary-action-button'}
                onClick={() => setConfirming(event)}
              >
                {w.listEvents[event]}
              </Button>
            </Confirm>
          ) : (
            <Button
              key={event}
              appearance={
                event === 'reopen' || event === 'return-letter'
                  ? 'secondary-action-button'
                  : 'primary-action-button'
              }
              busy={feedback.busy === event}
              onClick={() => take(event)}
            >
              {w.listEvents[event]}
            </Button>
          ),
        )}
        {canPostpone && (
          <Button
            appearance="secondary-action-button"
            busy={feedback.busy === 'postpone'}
            aria-describedby="postpone-hint"
            onClick={() =>
              feedback.run(
                'postpone',
                () => postpone(list.id),
                (updated) => {
                  setList(updated);
                  return w.postponed(formatDate(updated.deadline, language));
                },
              )
            }
          >
            {w.postpone}
          </Button>
        )}
      </div>
      {canPostpone && (
        <Paragraph id="postpone-hint" className="vb-meta">
          {w.postponeHint}
        </Paragraph>
      )}
    </section>
  );
}

function Particulars({
  list,
  editable,
  setList,
  fetchList,
}: {
  list: QuestionList;
  /** A draft, and the signed-in person its committee's clerk. */
  editable: boolean;
  setList: (list: QuestionList) => void;
  fetchList: () => Promise<QuestionList>;
}) {
  const w = useWorkMessages();
  const language = useLanguage();
  const [editing, setEditing] = useState(false);
  const feedback = useFeedback();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // The form closed (saved or cancelled): the focus goes back to the button that opened it.
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const items: Array<{ label: string; value: ReactNode; lang?: string }> = [
    { label: w.detailCommittee, value: list.committee?.name ?? '' },
    { label: w.detailMinistry, value: list.ministry?.name ?? '' },
  ];
  if (list.addressees.length) {
    items.push({ label: w.detailAddressees, value: list.addressees.join('; '), lang: 'nl' });
  }
  if (list.documents.length) {
    items.push({
      label: w.detailDocuments,
      value: (
        <ul className="vb-plain-list">
          {list.documents.map((d) => (
            <li key={d.id}>
              {d.inArchive ? (
                <RouterLink href={publicationUrl(d.id)}>{d.title ? `${d.title} (${d.id})` : d.id}</RouterLink>
              ) : (
                <>
                  <span className="vb-code">{d.id}</span> {w.notInArchive}
                </>
              )}
            </li>
          ))}
        </ul>
      ),
    });
  }
  if (list.scope) items.push({ label: w.detailScope, value: list.scope, lang: 'nl' });
  if (list.sentAt) items.push({ label: w.detailSent, value: formatDateTime(list.sentAt, language) });
  if (list.letterDate)
    items.push({ label: w.detailLetterDate, value: formatDate(list.letterDate, language) });
  return (
    <section aria-labelledby="particulars-heading" className="vb-section">
      <Heading2 id="particulars-heading">{w.particulars}</Heading2>
      <Feedback feedback={feedback} />
      <Facts items={items} />
      {editable &&
        (editing ? (
          <EditParticulars
            list={list}
            fetchList={fetchList}
            onSaved={(updated) => {
              setList(updated);
              setEditing(false);
              feedback.setMessage(w.particularsSaved);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Button
            ref={editButton}
            appearance="secondary-action-button"
            onClick={() => {
              feedback.setMessage('');
              setEditing(true);
            }}
          >
            {w.editParticulars}
          </Button>
        ))}
    </section>
  );
}

/** A draft's particulars as the form holds them (text per field), and the list version they are of. */
interface ParticularValues {
  version: number;
  title: string;
  addressees: string;
  documents: string;
  scope: string;
  deadline: string;
}

const PARTICULAR_FIELDS = ['title', 'addressees', 'documents', 'scope', 'deadline'] as const;

function particularsOf(list: QuestionList): ParticularValues {
  return {
    version: list.version,
    title: list.title,
    addressees: list.addressees.join('\n'),
    documents: list.documents.map((d) => d.id).join('\n'),
    scope: list.scope ?? '',
    deadline: list.deadline ?? '',
  };
}

/**
 * The clerk changes a draft's title, addressees, documents, scope and deadline. The change names the list
 * version the form started from: when someone changed the particulars since (409), the list is loaded
 * again and the form says which particulars changed; what the clerk had not touched takes the new value,
 * what they typed stays, to look at and save again. A 409 for another change only (a question added,
 * which also moves the version on) is saved again at once.
 */
function EditParticulars({
  list,
  fetchList,
  onSaved,
  onCancel,
}: {
  list: QuestionList;
  fetchList: () => Promise<QuestionList>;
  onSaved: (list: QuestionList) => void;
  onCancel: () => void;
}) {
  const w = useWorkMessages();
  const [start, setStart] = useState(() => particularsOf(list));
  const [values, setValues] = useState(start);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string[] | null>(null);
  const { busy, error, send } = useSubmission();
  const form = useRef<HTMLFormElement>(null);
  const conflictBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    form.current?.querySelector('input')?.focus();
  }, []);
  useEffect(() => {
    if (conflict) conflictBox.current?.focus();
  }, [conflict]);

  const set = (field: (typeof PARTICULAR_FIELDS)[number]) => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));
  const labels: Record<(typeof PARTICULAR_FIELDS)[number], string> = {
    title: w.fieldTitle,
    addressees: w.fieldAddressees,
    documents: w.fieldDocuments,
    scope: w.fieldScope,
    deadline: w.fieldDeadline,
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { ids, wrong } = documentIds(values.documents);
    setInvalid(wrong.length ? w.documentsInvalid(wrong.join(', ')) : null);
    if (wrong.length) return;
    const changes = {
      title: values.title.trim(),
      addressees: lines(values.addressees),
      documents: ids,
      scope: values.scope.trim() || null,
      deadline: values.deadline || null,
    };
    send(
      async () => {
        try {
          // the version the form shows, not a newer one this page may have loaded meanwhile
          return await updateQuestionList(list.id, { version: start.version, ...changes });
        } catch (failure) {
          if (!(failure instanceof ApiError && failure.status === 409)) throw failure;
          const fresh = particularsOf(await fetchList());
          const changed = PARTICULAR_FIELDS.filter((f) => fresh[f] !== start[f]);
          if (changed.length === 0) {
            return await updateQuestionList(list.id, { version: fresh.version, ...changes });
          }
          setValues((typed) => {
            const merged = { ...typed, version: fresh.version };
            for (const f of changed) if (typed[f] === start[f]) merged[f] = fresh[f];
            return merged;
          });
          setStart(fresh);
          setConflict(changed.map((f) => labels[f]));
          return null;
        }
      },
      (updated) => {
        if (updated) onSaved(updated);
      },
    );
  }

  return (
    <form
      ref={form}
      className="vb-form vb-form--wide vb-panel"
      onSubmit={submit}
      aria-label={w.editParticulars}
    >
      {conflict && (
        <div ref={conflictBox} tabIndex={-1} className="vb-focus-target">
          <Alert type="warning" className="vb-alert">
            <Paragraph>
              <strong>{w.particularsConflictTitle}</strong>
            </Paragraph>
            <Paragraph>{w.particularsConflict(conflict.join(', '))}</Paragraph>
          </Alert>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {invalid && (
        <Alert type="error" className="vb-alert">
          <Paragraph>{invalid}</Paragraph>
        </Alert>
      )}
      <TextField
        label={w.fieldTitle}
        value={values.title}
        onChange={set('title')}
        required
        maxLength={300}
        autoComplete="off"
      />
      <TextareaField
        label={w.fieldAddressees}
        description={w.addresseesHint}
        value={values.addressees}
        onChange={set('addressees')}
        rows={2}
      />
      <TextareaField
        label={w.fieldDocuments}
        description={w.documentsHint}
        value={values.documents}
        onChange={set('documents')}
        rows={2}
      />
      <TextareaField
        label={w.fieldScope}
        description={w.scopeHint}
        value={values.scope}
        onChange={set('scope')}
        rows={3}
        maxLength={5000}
      />
      <DateField
        label={w.fieldDeadline}
        description={w.deadlineHint}
        value={values.deadline}
        onChange={set('deadline')}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {w.save}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {w.cancel}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function QuestionsTable({
  list,
  editable,
  selectable,
  selected,
  setSelected,
  feedback,
  reload,
  target,
}: {
  list: QuestionList;
  editable: boolean;
  selectable: boolean;
  selected: Set<number>;
  setSelected: (selected: Set<number>) => void;
  feedback: ReturnType<typeof useFeedback>;
  reload: () => Promise<void>;
  target: string;
}) {
  const w = useWorkMessages();
  const language = useLanguage();
  const [editing, setEditing] = useState<number | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const columns = [
    ...(selectable ? [w.colSelect] : []),
    w.colQuestion,
    w.colText,
    w.colState,
    w.colAssignee,
    w.internalDeadline,
    ...(editable ? [w.colActions] : []),
  ];
  const last = list.questions.length;

  function toggle(id: number, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  function move(q: ListQuestion, to: number) {
    feedback.run(
      `move:${q.id}`,
      async () => {
        await updateListQuestion(q.id, { number: to });
        await reload();
      },
      () => w.questionMoved(q.number, to),
    );
  }

  const rows: ReactNode[] = [];
  let section: string | null | undefined;
  for (const q of list.questions) {
    if (q.section !== section && (q.section || section !== undefined)) {
      rows.push(
        <TableRow key={`section:${q.id}`} className="vb-section-row">
          <TableCell colSpan={columns.length}>
            <strong lang="nl">{q.section ?? w.untitledSection}</strong>
          </TableCell>
        </TableRow>,
      );
    }
    section = q.section;
    const assignable = q.events.includes('assign') || q.events.includes('reassign');
    const anchor = `vraag-${q.number}`;
    rows.push(
      <TableRow key={q.id} id={anchor} className={target === `#${anchor}` ? 'vb-row--target' : undefined}>
        {selectable && (
          <TableCell>
            {assignable && (
              <Checkbox
                appearance="custom"
                className="vb-select"
                checked={selected.has(q.id)}
                aria-label={w.selectQuestion(q.number)}
                onChange={(event) => toggle(q.id, event.target.checked)}
              />
            )}
          </TableCell>
        )}
        <TableHeaderCell scope="row" className="vb-table__row-header vb-nowrap">
          <RouterLink href={workQuestionUrl(q.id)} aria-label={w.openQuestion(q.number)}>
            {w.questionOf(q.number)}
          </RouterLink>
        </TableHeaderCell>
        <TableCell className="vb-work__text" lang="nl">
          {q.text}
        </TableCell>
        <TableCell>
          <AnswerStateBadge state={q.state} />
          {q.answeredWith !== null && (
            <span className="vb-meta vb-block">{w.answeredWith(q.answeredWith)}</span>
          )}
        </TableCell>
        <TableCell>
          {q.assignee ? q.assignee.name : '—'}
          {q.directorate && <span className="vb-meta vb-block">{q.directorate.name}</span>}
        </TableCell>
        <TableCell>
          {q.internalDeadline ? (
            <time dateTime={q.internalDeadline}>{formatDate(q.internalDeadline, language)}</time>
          ) : (
            '—'
          )}
        </TableCell>
        {editable && (
          <TableCell>
            <Confirm
              open={removing === q.id}
              question={w.confirmRemove(q.number)}
              yes={w.remove}
              no={w.cancel}
              busy={feedback.busy === `remove:${q.id}`}
              onYes={() => {
                setRemoving(null);
                feedback.run(
                  `remove:${q.id}`,
                  async () => {
                    await removeListQuestion(q.id);
                    await reload();
                  },
                  () => w.questionRemoved(q.number),
                );
              }}
              onNo={() => setRemoving(null)}
            >
              <ButtonGroup className="vb-row-actions">
                <Button
                  appearance="subtle-button"
                  aria-label={w.moveUp(q.number)}
                  disabled={q.number === 1 || feedback.busy !== null}
                  onClick={() => move(q, q.number - 1)}
                >
                  {w.up}
                </Button>
                <Button
                  appearance="subtle-button"
                  aria-label={w.moveDown(q.number)}
                  disabled={q.number === last || feedback.busy !== null}
                  onClick={() => move(q, q.number + 1)}
                >
                  {w.down}
                </Button>
                <Button
                  appearance="secondary-action-button"
                  aria-label={w.editQuestion(q.number)}
                  aria-expanded={editing === q.id}
                  onClick={() => setEditing(editing === q.id ? null : q.id)}
                >
                  {w.edit}
                </Button>
                <Button
                  appearance="secondary-action-button"
                  aria-label={w.removeQuestion(q.number)}
                  onClick={() => setRemoving(q.id)}
                >
                  {w.remove}
                </Button>
              </ButtonGroup>
            </Confirm>
          </TableCell>
        )}
      </TableRow>,
    );
    if (editable && editing === q.id) {
      rows.push(
        <TableRow key={`edit:${q.id}`}>
          <TableCell colSpan={columns.length}>
            <EditQuestion
              question={q}
              last={last}
              onCancel={() => setEditing(null)}
              onSaved={async () => {
                setEditing(null);
                await reload();
                feedback.setMessage(w.questionChanged(q.number));
              }}
            />
          </TableCell>
        </TableRow>,
      );
    }
  }

  return (
    <>
      {selectable && (
        <Paragraph className="vb-meta" role="status">
          {selected.size > 0 ? w.chosen(selected.size) : ''}
        </Paragraph>
      )}
      <DataTable caption={w.questionsCaption} captionHidden columns={columns} className="vb-work-table">
        {rows}
      </DataTable>
    </>
  );
}

function EditQuestion({
  question,
  last,
  onCancel,
  onSaved,
}: {
  question: ListQuestion;
  last: number;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const w = useWorkMessages();
  const [text, setText] = useState(question.text);
  const [section, setSection] = useState(question.section ?? '');
  const [number, setNumber] = useState(String(question.number));
  const { busy, error, send } = useSubmission();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector('textarea')?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const to = Number(number);
    send(
      () =>
        updateListQuestion(question.id, {
          text: text.trim(),
          section: section.trim() || null,
          ...(Number.isInteger(to) && to !== question.number ? { number: to } : {}),
        }),
      onSaved,
    );
  }

  return (
    <form
      ref={form}
      className="vb-form vb-form--wide"
      onSubmit={submit}
      aria-label={w.editQuestion(question.number)}
    >
      {error !== null && <ErrorMessage error={error} />}
      <TextareaField
        label={w.fieldQuestion}
        value={text}
        onChange={setText}
        required
        rows={3}
        maxLength={10_000}
      />
      <TextField
        label={w.fieldSection}
        value={section}
        onChange={setSection}
        maxLength={300}
        autoComplete="off"
      />
      <TextField label={w.fieldNumber} type="number" value={number} onChange={setNumber} min={1} max={last} />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {w.save}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {w.cancel}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function AddQuestion({
  list,
  setList,
  onDone,
}: {
  list: QuestionList;
  setList: (list: QuestionList) => void;
  onDone: (message: string) => void;
}) {
  const w = useWorkMessages();
  const [text, setText] = useState('');
  const [section, setSection] = useState(list.questions.at(-1)?.section ?? '');
  const [number, setNumber] = useState('');
  const { busy, error, send } = useSubmission();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const at = Number(number);
    send(
      () =>
        addQuestion(list.id, {
          text: text.trim(),
          section: section.trim() || null,
          ...(number && Number.isInteger(at) && at > 0 ? { number: at } : {}),
        }),
      (updated) => {
        setList(updated);
        setText('');
        setNumber('');
        onDone(w.questionAdded(number ? at : updated.questions.length));
      },
    );
  }

  return (
    <section aria-labelledby="add-question-heading" className="vb-section">
      <Heading2 id="add-question-heading">{w.addQuestionTitle}</Heading2>
      <form
        className="vb-form vb-form--wide vb-panel"
        onSubmit={submit}
        aria-labelledby="add-question-heading"
      >
        {error !== null && <ErrorMessage error={error} />}
        <TextareaField
          label={w.fieldQuestion}
          value={text}
          onChange={setText}
          required
          rows={3}
          maxLength={10_000}
        />
        <TextField
          label={w.fieldSection}
          description={w.sectionHint}
          value={section}
          onChange={setSection}
          maxLength={300}
          autoComplete="off"
        />
        <TextField
          label={w.fieldNumber}
          description={w.numberHint}
          type="number"
          value={number}
          onChange={setNumber}
          min={1}
          max={list.questions.length + 1}
        />
        <SubmitButton busy={busy}>{w.addQuestionButton}</SubmitButton>
      </form>
    </section>
  );
}

function ImportQuestions({
  list,
  reload,
  onDone,
}: {
  list: QuestionList;
  reload: () => Promise<void>;
  onDone: (message: string) => void;
}) {
  const w = useWorkMessages();
  const [text, setText] = useState('');
  const [section, setSection] = useState('');
  const { busy, error, send } = useSubmission();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send(
      async () => {
        const added = await importQuestions(list.id, { text, section: section.trim() || null });
        await reload();
        return added.length;
      },
      (count) => {
        setText('');
        onDone(w.questionsImported(count));
      },
    );
  }

  return (
    <section aria-labelledby="import-questions-heading" className="vb-section">
      <Heading2 id="import-questions-heading">{w.importTitle}</Heading2>
      <form
        className="vb-form vb-form--wide vb-panel"
        onSubmit={submit}
        aria-labelledby="import-questions-heading"
      >
        {error !== null && <ErrorMessage error={error} />}
        <TextareaField
          label={w.fieldPasted}
          description={w.importHint}
          value={text}
          onChange={setText}
          required
          rows={8}
          maxLength={200_000}
        />
        <TextField
          label={w.fieldSection}
          description={w.sectionHint}
          value={section}
          onChange={setSection}
          maxLength={300}
          autoComplete="off"
        />
        <SubmitButton busy={busy}>{w.importButton}</SubmitButton>
      </form>
    </section>
  );
}

function AssignQuestions({
  list,
  selected,
  onAssigned,
}: {
  list: QuestionList;
  selected: Set<number>;
  onAssigned: (list: QuestionList, count: number, name: string) => void;
}) {
  const w = useWorkMessages();
  const people = useRequest((signal) => getPeople(list.id, signal), `people:${list.id}`);
  const [drafter, setDrafter] = useState('');
  const [directorate, setDirectorate] = useState('');
  const [deadline, setDeadline] = useState('');
  const [none, setNone] = useState(false);
  const { busy, error, send } = useSubmission();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected.size === 0) {
      setNone(true);
      return;
    }
    setNone(false);
    const person = people.data?.drafters.find((d) => String(d.id) === drafter);
    if (!person) return;
    const questions = [...selected];
    send(
      () =>
        assign(list.id, {
          questions,
          assignee: person.id,
          ...(directorate ? { directorate: Number(directorate) } : {}),
          ...(deadline ? { internalDeadline: deadline } : {}),
        }),
      (updated) => onAssigned(updated, questions.length, person.name),
    );
  }

  return (
    <section aria-labelledby="assign-heading" className="vb-section">
      <Heading2 id="assign-heading">{w.assignTitle}</Heading2>
      <Paragraph>{w.assignIntro}</Paragraph>
      {people.state === 'loading' && <Loading />}
      {people.state === 'failed' && <ErrorMessage error={people.error} />}
      {people.state === 'done' && (
        <form className="vb-form vb-panel" onSubmit={submit} aria-labelledby="assign-heading">
          {error !== null && <ErrorMessage error={error} />}
          {none && (
            <Alert type="error" className="vb-alert">
              <Paragraph>{w.assignNone}</Paragraph>
            </Alert>
          )}
          <Paragraph className="vb-meta">{w.chosen(selected.size)}</Paragraph>
          <SelectField
            label={w.fieldDrafter}
            value={drafter}
            onChange={setDrafter}
            required
            options={[
              { value: '', label: w.choose },
              ...people.data.drafters.map((d) => ({
                value: String(d.id),
                label: `${d.name} (${d.organisation})`,
              })),
            ]}
          />
          <SelectField
            label={w.fieldDirectorate}
            description={w.directorateHint}
            value={directorate}
            onChange={setDirectorate}
            options={[
              { value: '', label: w.ownDirectorate },
              ...people.data.directorates.map((d) => ({ value: String(d.id), label: d.name })),
            ]}
          />
          <DateField
            label={w.fieldInternalDeadline}
            description={w.internalDeadlineHint}
            value={deadline}
            onChange={setDeadline}
            {...(list.deadline ? { max: list.deadline } : {})}
          />
          <SubmitButton busy={busy}>{w.assignButton}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function GroupQuestion({
  list,
  reload,
  onDone,
}: {
  list: QuestionList;
  reload: () => Promise<void>;
  onDone: (message: string) => void;
}) {
  const w = useWorkMessages();
  const [question, setQuestion] = useState('');
  const [main, setMain] = useState('');
  const { busy, error, send } = useSubmission();
  const groupable = list.questions.filter((q) => q.events.includes('group'));
  const chosen = list.questions.find((q) => String(q.id) === question);
  const mains = list.questions.filter((q) => q.answeredWith === null && q.id !== chosen?.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen || !main) return;
    const withNumber = Number(main);
    send(
      async () => {
        await answerEvent(chosen.id, 'group', { with: withNumber });
        await reload();
      },
      () => {
        setQuestion('');
        setMain('');
        onDone(w.grouped(chosen.number, withNumber));
      },
    );
  }

  return (
    <section aria-labelledby="group-heading" className="vb-section">
      <Heading2 id="group-heading">{w.groupTitle}</Heading2>
      <Paragraph>{w.groupIntro}</Paragraph>
      <form className="vb-form vb-panel" onSubmit={submit} aria-labelledby="group-heading">
        {error !== null && <ErrorMessage error={error} />}
        <SelectField
          label={w.fieldGroupQuestion}
          value={question}
          onChange={setQuestion}
          required
          options={[
            { value: '', label: w.choose },
            ...groupable.map((q) => ({ value: String(q.id), label: w.questionOf(q.number) })),
          ]}
        />
        <SelectField
          label={w.fieldGroupWith}
          value={main}
          onChange={setMain}
          required
          options={[
            { value: '', label: w.choose },
            ...mains.map((q) => ({ value: String(q.number), label: w.questionOf(q.number) })),
          ]}
        />
        <SubmitButton busy={busy}>{w.groupButton}</SubmitButton>
      </form>
    </section>
  );
}

/** The answer letter: DOCX and PDF downloads, and its text to read here. */
function Letter({ list }: { list: QuestionList }) {
  const w = useWorkMessages();
  const text = useRequest((signal) => getLetterText(list.id, signal), `letter:${list.id}:${list.updatedAt}`);
  return (
    <section aria-labelledby="letter-heading" className="vb-section">
      <Heading2 id="letter-heading">{w.letterTitle}</Heading2>
      <Paragraph>{w.letterIntro}</Paragraph>
      <ul className="vb-downloads__list vb-letter-links">
        <li>
          <Link href={letterUrl(list.id, 'docx')} download>
            {w.letterDocx}
          </Link>
        </li>
        <li>
          <Link href={letterUrl(list.id, 'pdf')} download>
            {w.letterPdf}
          </Link>
        </li>
      </ul>
      <details className="vb-letter">
        <summary className="vb-letter__summary">{w.letterPreview}</summary>
        {text.state === 'loading' && <Loading />}
        {text.state === 'failed' && <ErrorMessage error={text.error} />}
        {text.state === 'done' && (
          // the whole text, wrapped: nothing scrolls, so nothing needs the keyboard's focus
          <pre className="vb-letter__text" lang="nl">
            {text.data}
          </pre>
        )}
      </details>
    </section>
  );
}
