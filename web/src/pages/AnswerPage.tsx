// One question of a list and its answer: /werk/vragen/{id}. The question; for the assigned drafter the
// answer's editor (each save names the version it started from: when someone saved in between, both
// texts are shown side by side to take theirs, keep one's own or edit, then save again); submitting,
// declining with a reason; for an approver editing the answer under review (the same editor), approving
// or returning with a comment; the saved versions with the differences between two of them; and "Eerder
// gesteld": earlier similar questions, a paragraph of whose answer (the first, or any of the whole answer)
// can be taken over, or referred to, at the cursor.
import {
  Alert,
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Heading4,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { diffWords } from 'diff';
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { ApiError, isAbort } from '../api.js';
import { useAuth } from '../auth.js';
import {
  ErrorMessage,
  Highlighted,
  Loading,
  officialName,
  PageHeading,
  PlainText,
  publicationName,
  publicationUrl,
  resultUrl,
  useDocumentTitle,
  useRequest,
} from '../components.js';
import { DataTable, Restricted, SelectField } from '../forms.js';
import { formatDate, formatDateTime, useLanguage, useMessages } from '../i18n.js';
import { RouterLink } from '../router.js';
import { useWorkMessages } from '../work-i18n.js';
import {
  type AnswerEvent,
  answerEvent,
  getListQuestion,
  type ListQuestion,
  listVersions,
  type QuestionDetail,
  type SimilarAnswered,
  saveAnswer,
} from '../workflow-api.js';
import {
  AnswerStateBadge,
  Deadline,
  Feedback,
  TextareaField,
  useFeedback,
  workListUrl,
} from './work-shared.js';

/** Official names in Dutch whatever the interface's language: they go into the (Dutch) answer. */
const DUTCH_NAMES = {
  kamerstuk: (dossier: string, number: string) => `Kamerstuk ${dossier}, nr. ${number}`,
  appendix: (session: string, number: string) => `Aanhangsel van de Handelingen ${session}, nr. ${number}`,
};

/** "Zie ook het antwoord op vraag 24 van Kamerstuk 36 360 VI, nr. 12." */
export function crossReference(item: Pick<SimilarAnswered, 'publication' | 'question'>): string {
  const name =
    officialName(item.publication.id, DUTCH_NAMES) ?? item.publication.title ?? item.publication.id;
  return item.question === null
    ? `Zie ook ${name}.`
    : `Zie ook het antwoord op vraag ${item.question} van ${name}.`;
}

/**
 * The passage an answer's opening offers: the opening is cut after about 240 characters (marked " …"),
 * so its whole sentences are taken; without one, the cut text with its mark.
 */
export function passageOf(opening: string): string {
  if (!opening.endsWith(' …')) return opening.trim();
  const body = opening.slice(0, -2);
  const sentences = /^[\s\S]*[.!?](?=\s|$)/.exec(body);
  return sentences ? sentences[0].trim() : `${body.trim()} …`;
}

/** An answer's paragraphs (split by a blank line, as PlainText shows them). */
export function paragraphsOf(answer: string | null): string[] {
  return (answer ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** What "Passage overnemen" takes: the whole answer's first paragraph, else the opening's sentences. */
export function firstPassage(item: Pick<SimilarAnswered, 'answer' | 'answerOpening'>): string | null {
  const first = paragraphsOf(item.answer)[0];
  if (first) return first;
  return item.answerOpening ? passageOf(item.answerOpening) : null;
}

/** Puts `snippet` in `text` at the selection, or as a paragraph of its own at the end; where the caret goes. */
export function insertAt(
  text: string,
  snippet: string,
  selection: { start: number; end: number } | null,
): { text: string; caret: number } {
  if (!selection || selection.start >= text.trimEnd().length) {
    const before = text.trimEnd();
    const joined = before ? `${before}\n\n${snippet}` : snippet;
    return { text: joined, caret: joined.length };
  }
  const before = text.slice(0, selection.start);
  const after = text.slice(selection.end);
  let piece = snippet;
  if (before && !/\s$/.test(before)) piece = ` ${piece}`;
  if (after && !/^\s/.test(after)) piece = `${piece} `;
  return { text: before + piece + after, caret: before.length + piece.length };
}

export function AnswerPage({ id }: { id: number }) {
  const w = useWorkMessages();
  const [detail, setDetail] = useState<QuestionDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const number = detail?.question.number;
  useDocumentTitle(number === undefined ? w.answerTitle : `${w.questionOf(number)} – ${detail?.list.title}`);

  // Loaded once someone is signed in (a visitor is asked to sign in first).
  const signedIn = useAuth().status === 'user';
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    getListQuestion(id, controller.signal).then(setDetail, (error: unknown) => {
      if (!isAbort(error)) setLoadError(error);
    });
    return () => controller.abort();
  }, [id, signedIn]);

  return (
    <>
      <PageHeading>
        {number === undefined ? w.answerTitle : w.questionOf(number)}
        {detail && (
          <>
            <span className="vb-visually-hidden">, </span>
            <span className="vb-heading-sub">{detail.list.title}</span>
          </>
        )}
      </PageHeading>
      <Restricted>
        {() => (
          <>
            {loadError !== null && <ErrorMessage error={loadError} />}
            {detail === null && loadError === null && <Loading />}
            {detail && (
              <AnswerContent
                detail={detail}
                setQuestion={(question) => setDetail((d) => (d ? { ...d, question } : d))}
              />
            )}
          </>
        )}
      </Restricted>
    </>
  );
}

function AnswerContent({
  detail,
  setQuestion,
}: {
  detail: QuestionDetail;
  setQuestion: (question: ListQuestion) => void;
}) {
  const w = useWorkMessages();
  const t = useMessages();
  const language = useLanguage();
  const { question, list } = detail;
  const editable = question.events.includes('save');
  // An approver may edit the answer under review (a new version) before approving it.
  const reviewing = editable && question.state === 'submitted';
  const feedback = useFeedback();
  // The editor's text lives here, so that "Eerder gesteld" below can put a passage into it.
  const [text, setText] = useState(question.answer ?? '');
  const [savedText, setSavedText] = useState(question.answer ?? '');
  const [base, setBase] = useState(question.answerVersion);
  const selection = useRef<{ start: number; end: number } | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);
  /** The editor's save, so that approving or returning saves unsaved edits first. */
  const saveRef = useRef<(() => Promise<ListQuestion | null>) | null>(null);
  const dirty = editable && text !== savedText;

  // After an insertion the editor takes the focus with the caret after what was put in.
  useEffect(() => {
    if (caret.current === null || !editor.current) return;
    editor.current.focus();
    editor.current.setSelectionRange(caret.current, caret.current);
    selection.current = { start: caret.current, end: caret.current };
    caret.current = null;
  });

  function insert(snippet: string, message: string) {
    const next = insertAt(text, snippet, selection.current);
    caret.current = next.caret;
    setText(next.text);
    feedback.setMessage(message);
  }

  const comment =
    question.lastComment && ['returned', 'drafting', 'unassigned'].includes(question.state)
      ? question.lastComment
      : null;

  return (
    <>
      <Paragraph>
        <RouterLink href={workListUrl(list.id)}>{w.backToList(list.title)}</RouterLink>
      </Paragraph>
      <Paragraph className="vb-list-status">
        <AnswerStateBadge state={question.state} />
        <span>
          {w.heldBy}: {question.assignee?.name ?? w.nobody}
          {question.directorate ? ` (${question.directorate.name})` : ''}
        </span>
        {question.internalDeadline && (
          <span>
            {w.internalDeadline}:{' '}
            <time dateTime={question.internalDeadline}>
              {formatDate(question.internalDeadline, language)}
            </time>
          </span>
        )}
        <span>
          {w.detailDeadline}: <Deadline date={list.deadline} due={list.due} />
        </span>
      </Paragraph>
      {comment && (
        <Alert type="warning" className="vb-alert">
          <Paragraph>
            <strong>{question.state === 'unassigned' ? w.declinedComment : w.returnedComment}</strong>
          </Paragraph>
          <Paragraph lang="nl">{comment}</Paragraph>
        </Alert>
      )}

      <section className="vb-qa" aria-labelledby="question-heading">
        <Heading2 id="question-heading">{t.question}</Heading2>
        <div className="vb-qa__text" lang="nl">
          {question.section && <Paragraph className="vb-meta">{question.section}</Paragraph>}
          <PlainText text={question.text} />
        </div>
      </section>

      <section className="vb-qa" aria-labelledby="answer-heading">
        <Heading2 id="answer-heading">{t.answer}</Heading2>
        <Feedback feedback={feedback} />
        {question.answeredWith !== null && <Paragraph>{w.answeredWithNote(question.answeredWith)}</Paragraph>}
        {editable ? (
          <Editor
            question={question}
            text={text}
            setText={setText}
            savedText={savedText}
            setSavedText={setSavedText}
            base={base}
            setBase={setBase}
            editor={editor}
            selection={selection}
            feedback={feedback}
            setQuestion={setQuestion}
            saveRef={saveRef}
            reviewing={reviewing}
          />
        ) : (
          <div className="vb-qa__text" lang="nl">
            {question.answer ? (
              <PlainText text={question.answer} />
            ) : (
              <Paragraph lang={language}>{w.noAnswerYet}</Paragraph>
            )}
          </div>
        )}
        <Review
          question={question}
          feedback={feedback}
          setQuestion={setQuestion}
          saveFirst={dirty ? () => saveRef.current?.() ?? Promise.resolve(null) : null}
        />
      </section>

      {/* a version saved in between (a conflict moves `base` on) is listed too */}
      <Versions questionId={question.id} version={Math.max(question.answerVersion, base)} />
      <Similar
        items={detail.similar}
        editable={editable}
        onPassage={(passage) => insert(passage, w.passageInserted)}
        onReference={(item) => insert(crossReference(item), w.referenceInserted)}
      />
    </>
  );
}

interface Conflict {
  version: number;
  theirs: string;
  mine: string;
  author: string | null;
}

function Editor({
  question,
  text,
  setText,
  savedText,
  setSavedText,
  base,
  setBase,
  editor,
  selection,
  feedback,
  setQuestion,
  saveRef,
  reviewing,
}: {
  question: ListQuestion;
  text: string;
  setText: (text: string) => void;
  savedText: string;
  setSavedText: (text: string) => void;
  base: number;
  setBase: (version: number) => void;
  editor: RefObject<HTMLTextAreaElement | null>;
  selection: RefObject<{ start: number; end: number } | null>;
  feedback: ReturnType<typeof useFeedback>;
  setQuestion: (question: ListQuestion) => void;
  saveRef: RefObject<(() => Promise<ListQuestion | null>) | null>;
  /** The approver edits the answer under review. */
  reviewing: boolean;
}) {
  const w = useWorkMessages();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const conflictBox = useRef<HTMLElement>(null);
  const dirty = text !== savedText;
  const canSubmit = question.events.includes('submit') || (dirty && question.state !== 'submitted');

  useEffect(() => {
    if (conflict) conflictBox.current?.focus();
  }, [conflict]);

  /** Saves the text as a new version; null when someone saved in between (the merge view opens). */
  async function save(): Promise<ListQuestion | null> {
    const saving = text;
    try {
      const saved = await saveAnswer(question.id, base, saving);
      setBase(saved.answerVersion);
      setSavedText(saving);
      setConflict(null);
      setQuestion(saved);
      return saved;
    } catch (error) {
      const current = error instanceof ApiError && error.status === 409 ? error.problem?.current : undefined;
      if (current && typeof current.text === 'string') {
        // The next save starts from their version: whatever is saved then was chosen with theirs in view.
        setBase(current.version);
        setConflict({
          version: current.version,
          theirs: current.text,
          mine: saving,
          author: current.author ?? null,
        });
        return null;
      }
      throw error;
    }
  }

  saveRef.current = save;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    feedback.run('save', save, (saved) => (saved ? w.savedVersion(saved.answerVersion) : ''));
  }

  function submitForReview() {
    feedback.run(
      'submit',
      async () => {
        if (dirty && !(await save())) return null;
        const submitted = await answerEvent(question.id, 'submit');
        setQuestion(submitted);
        return submitted;
      },
      (submitted) => (submitted ? (w.answerEventDone.submit ?? '') : ''),
    );
  }

  return (
    <>
      {conflict && (
        <section
          ref={conflictBox}
          tabIndex={-1}
          className="vb-conflict vb-panel vb-focus-target"
          aria-labelledby="conflict-heading"
        >
          <Heading3 id="conflict-heading">{w.conflictTitle}</Heading3>
          <Paragraph>{w.conflictIntro(conflict.author ?? w.someone, conflict.version)}</Paragraph>
          <div className="vb-conflict__sides">
            <div className="vb-conflict__side">
              <Heading4>{w.yourText}</Heading4>
              <div className="vb-conflict__text" lang="nl">
                <PlainText text={conflict.mine} />
              </div>
            </div>
            <div className="vb-conflict__side">
              <Heading4>{w.theirText(conflict.author ?? w.someone, conflict.version)}</Heading4>
              <div className="vb-conflict__text" lang="nl">
                <PlainText text={conflict.theirs} />
              </div>
            </div>
          </div>
          <Heading4>{w.conflictDiff}</Heading4>
          <DiffView from={conflict.mine} to={conflict.theirs} />
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              onClick={() => {
                setText(conflict.theirs);
                setSavedText(conflict.theirs);
                setConflict(null);
                feedback.setMessage(w.tookTheirs);
                editor.current?.focus();
              }}
            >
              {w.takeTheirs}
            </Button>
            <Button
              appearance="secondary-action-button"
              onClick={() => {
                setConflict(null);
                feedback.setMessage(w.keptMine);
                editor.current?.focus();
              }}
            >
              {w.keepMine}
            </Button>
          </ButtonGroup>
        </section>
      )}
      <form className="vb-form vb-form--wide" onSubmit={submit} aria-labelledby="answer-heading">
        <TextareaField
          label={reviewing ? w.answerLabelReview : w.answerLabel}
          description={reviewing ? w.answerHintReview : w.answerHint}
          value={text}
          onChange={setText}
          rows={12}
          maxLength={100_000}
          textareaRef={editor}
          className="vb-editor"
          onSelect={() => {
            const el = editor.current;
            if (el) selection.current = { start: el.selectionStart, end: el.selectionEnd };
          }}
        />
        {dirty && <Paragraph className="vb-meta">{w.unsaved}</Paragraph>}
        <ButtonGroup>
          {/* for the approver, approving is the main step and saving an edit on the way */}
          <Button
            type="submit"
            appearance={reviewing ? 'secondary-action-button' : 'primary-action-button'}
            busy={feedback.busy === 'save'}
          >
            {w.saveAnswer}
          </Button>
          {canSubmit && (
            <Button
              appearance="secondary-action-button"
              busy={feedback.busy === 'submit'}
              onClick={submitForReview}
            >
              {w.submit}
            </Button>
          )}
        </ButtonGroup>
      </form>
    </>
  );
}

/**
 * What others than the writer do with an answer: approve, return with a comment, hand back, reopen. An
 * approver's unsaved edits are saved first (`saveFirst`), so that what they approve is what they see.
 */
function Review({
  question,
  feedback,
  setQuestion,
  saveFirst,
}: {
  question: ListQuestion;
  feedback: ReturnType<typeof useFeedback>;
  setQuestion: (question: ListQuestion) => void;
  saveFirst: (() => Promise<ListQuestion | null>) | null;
}) {
  const w = useWorkMessages();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const can = (event: AnswerEvent) => question.events.includes(event);

  function take(event: AnswerEvent, extra: { comment?: string } = {}) {
    feedback.run(
      event,
      async () => {
        // a save that met a version saved in between opens the merge view, and the step waits
        if (saveFirst && (event === 'approve' || event === 'return') && !(await saveFirst())) return null;
        return answerEvent(question.id, event, extra);
      },
      (changed) => {
        if (!changed) return '';
        setQuestion(changed);
        setComment('');
        setReason('');
        return w.answerEventDone[event] ?? '';
      },
    );
  }

  return (
    <>
      {(can('approve') || can('reopen')) && (
        <ButtonGroup className="vb-review-actions">
          {can('approve') && (
            <Button
              appearance="primary-action-button"
              busy={feedback.busy === 'approve'}
              onClick={() => take('approve')}
            >
              {w.approve}
            </Button>
          )}
          {can('reopen') && (
            <Button
              appearance="secondary-action-button"
              busy={feedback.busy === 'reopen'}
              onClick={() => take('reopen')}
            >
              {w.reopen}
            </Button>
          )}
        </ButtonGroup>
      )}
      {can('return') && (
        <form
          className="vb-form vb-panel vb-section"
          aria-labelledby="return-heading"
          onSubmit={(event) => {
            event.preventDefault();
            if (comment.trim()) take('return', { comment: comment.trim() });
          }}
        >
          <Heading3 id="return-heading">{w.returnTitle}</Heading3>
          <TextareaField
            label={w.fieldComment}
            description={w.commentHint}
            value={comment}
            onChange={setComment}
            required
            rows={3}
            maxLength={5000}
          />
          <div className="vb-form__actions">
            <Button type="submit" appearance="secondary-action-button" busy={feedback.busy === 'return'}>
              {w.returnButton}
            </Button>
          </div>
        </form>
      )}
      {can('decline') && (
        <form
          className="vb-form vb-panel vb-section"
          aria-labelledby="decline-heading"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) take('decline', { comment: reason.trim() });
          }}
        >
          <Heading3 id="decline-heading">{w.declineTitle}</Heading3>
          <TextareaField
            label={w.fieldReason}
            description={w.reasonHint}
            value={reason}
            onChange={setReason}
            required
            rows={3}
            maxLength={5000}
          />
          <div className="vb-form__actions">
            <Button type="submit" appearance="secondary-action-button" busy={feedback.busy === 'decline'}>
              {w.declineButton}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}

/**
 * The differences between two texts, word by word: what was added in <ins> (underlined), what was
 * removed in <del> (struck through), each also said in words for screen readers.
 */
export function DiffView({ from, to }: { from: string; to: string }) {
  const w = useWorkMessages();
  const parts = diffWords(from, to);
  if (!parts.some((p) => p.added || p.removed)) return <Paragraph>{w.noDifferences}</Paragraph>;
  return (
    <>
      <Paragraph className="vb-meta">{w.diffLegend}</Paragraph>
      <div className="vb-diff" lang="nl">
        {parts.map((part, i) => {
          const key = `${i}:${part.added ? '+' : part.removed ? '-' : '='}`;
          if (part.added) {
            return (
              <ins key={key} className="vb-diff__ins">
                <span className="vb-visually-hidden">[{w.inserted}] </span>
                {part.value}
                <span className="vb-visually-hidden"> [{w.insertedEnd}]</span>
              </ins>
            );
          }
          if (part.removed) {
            return (
              <del key={key} className="vb-diff__del">
                <span className="vb-visually-hidden">[{w.deleted}] </span>
                {part.value}
                <span className="vb-visually-hidden"> [{w.deletedEnd}]</span>
              </del>
            );
          }
          return <span key={key}>{part.value}</span>;
        })}
      </div>
    </>
  );
}

function Versions({ questionId, version }: { questionId: number; version: number }) {
  const w = useWorkMessages();
  const language = useLanguage();
  const versions = useRequest(
    (signal) => listVersions(questionId, signal),
    `versions:${questionId}:${version}`,
  );
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const items = versions.state === 'done' ? versions.data : [];
  const fromVersion = items.find((v) => String(v.version) === from) ?? items.at(-2);
  const toVersion = items.find((v) => String(v.version) === to) ?? items.at(-1);
  const options = items.map((v) => ({
    value: String(v.version),
    label: w.versionOption(v.version, v.author),
  }));

  return (
    <section aria-labelledby="versions-heading" className="vb-section">
      <Heading2 id="versions-heading">{w.versionsTitle}</Heading2>
      {versions.state === 'loading' && <Loading />}
      {versions.state === 'failed' && <ErrorMessage error={versions.error} />}
      {versions.state === 'done' && items.length === 0 && <Paragraph>{w.versionsEmpty}</Paragraph>}
      {items.length > 0 && (
        <DataTable
          caption={w.versionsCaption}
          captionHidden
          columns={[w.colVersion, w.colAuthor, w.colSaved]}
        >
          {items.map((v) => (
            <TableRow key={v.version}>
              <TableHeaderCell scope="row" className="vb-table__row-header">
                {v.version}
              </TableHeaderCell>
              <TableCell>{v.author ?? '—'}</TableCell>
              <TableCell>
                <time dateTime={v.savedAt}>{formatDateTime(v.savedAt, language)}</time>
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      {items.length > 1 && fromVersion && toVersion && (
        <>
          <Heading3 id="compare-heading">{w.compareTitle}</Heading3>
          <div className="vb-compare">
            <SelectField
              label={w.compareFrom}
              value={String(fromVersion.version)}
              onChange={setFrom}
              options={options}
            />
            <SelectField
              label={w.compareTo}
              value={String(toVersion.version)}
              onChange={setTo}
              options={options}
            />
          </div>
          <DiffView from={fromVersion.text} to={toVersion.text} />
        </>
      )}
    </section>
  );
}

function Similar({
  items,
  editable,
  onPassage,
  onReference,
}: {
  items: SimilarAnswered[];
  editable: boolean;
  onPassage: (passage: string) => void;
  onReference: (item: SimilarAnswered) => void;
}) {
  const t = useMessages();
  const w = useWorkMessages();
  const language = useLanguage();
  return (
    <section className="vb-section vb-similar" aria-labelledby="similar-heading">
      <Heading2 id="similar-heading">{t.askedBefore}</Heading2>
      {items.length === 0 ? (
        <Paragraph>{t.askedBeforeEmpty}</Paragraph>
      ) : (
        <>
          <Paragraph>{w.similarIntro}</Paragraph>
          <ol className="vb-results vb-similar__list">
            {items.map((item) => {
              const name = publicationName(item.publication, t);
              const label = w.itemLabel(item.question, officialName(item.publication.id, t) ?? name);
              const passage = firstPassage(item);
              const paragraphs = paragraphsOf(item.answer);
              // The whole answer is worth opening when it holds more than the opening shows.
              const more = paragraphs.length > 1 || (item.answerOpening?.endsWith(' …') ?? false);
              return (
                <li key={`${item.publication.id}#${item.position}`} className="vb-result">
                  <Heading3 className="vb-result__title">
                    <RouterLink href={resultUrl(item)}>
                      {item.question !== null && (
                        <span className="vb-result__number">{t.questionN(item.question)}: </span>
                      )}
                      <Highlighted snippet={item.snippets.question} />
                    </RouterLink>
                  </Heading3>
                  <Paragraph className="vb-meta">
                    {t.inPublication}{' '}
                    <RouterLink href={publicationUrl(item.publication.id)}>{name}</RouterLink>
                    {item.publication.date ? ` · ${formatDate(item.publication.date, language)}` : ''}
                  </Paragraph>
                  {item.answerOpening && (
                    <Paragraph className="vb-result__answer">
                      <span className="vb-result__label">{t.answerOpening}: </span>
                      <span lang="nl">{item.answerOpening}</span>
                    </Paragraph>
                  )}
                  {paragraphs.length > 0 && more && (
                    <details className="vb-whole-answer">
                      <summary className="vb-whole-answer__summary">
                        {w.wholeAnswer(paragraphs.length)}
                        <span className="vb-visually-hidden">: {label}</span>
                      </summary>
                      <ol className="vb-whole-answer__list">
                        {paragraphs.map((paragraph, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of a fixed answer
                          <li key={i} className="vb-whole-answer__item">
                            <div lang="nl">
                              <PlainText text={paragraph} className="vb-whole-answer__text" />
                            </div>
                            {editable && paragraphs.length > 1 && (
                              <Button
                                appearance="subtle-button"
                                aria-label={`${w.takeParagraph(i + 1)}: ${label}`}
                                onClick={() => onPassage(paragraph)}
                              >
                                {w.takeParagraph(i + 1)}
                              </Button>
                            )}
                          </li>
                        ))}
                      </ol>
                    </details>
                  )}
                  {editable && (
                    <ButtonGroup className="vb-similar__actions">
                      {passage && (
                        <Button
                          appearance="secondary-action-button"
                          aria-label={`${w.takePassage}: ${label}`}
                          onClick={() => onPassage(passage)}
                        >
                          {w.takePassage}
                        </Button>
                      )}
                      <Button
                        appearance="secondary-action-button"
                        aria-label={`${w.insertReference}: ${label}`}
                        onClick={() => onReference(item)}
                      >
                        {w.insertReference}
                      </Button>
                    </ButtonGroup>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
