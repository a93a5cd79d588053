// Werk: /werk. The desk (a drafter's own open questions, or for a coordinator every open question of
// the ministry, soonest due first), for an approver what waits for review (the submitted answers their
// desk holds, and the assembled letters of lists addressed to their ministry), and the question lists
// one works on; a clerk starts a new list here.
import { Heading2, Paragraph, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { User } from '../api.js';
import { ErrorMessage, Loading, useRequest } from '../components.js';
import { DataTable, RestrictedPage } from '../forms.js';
import { RouterLink } from '../router.js';
import { useWorkMessages } from '../work-i18n.js';
import {
  type DeskItem,
  getDesk,
  type ListQuestion,
  listQuestionLists,
  type QuestionListSummary,
} from '../workflow-api.js';
import {
  AnswerStateBadge,
  countsText,
  Deadline,
  hasRole,
  ListStateBadge,
  RouterButtonLink,
  workListUrl,
  workQuestionUrl,
} from './work-shared.js';

interface Review {
  answers: DeskItem[];
  letters: QuestionListSummary[];
}

interface Work {
  lists: QuestionListSummary[];
  desk: DeskItem[] | null;
  review: Review | null;
}

/** Everything the page shows, in one go: the lists, the desk, and what waits for this approver. */
async function loadWork(user: User, signal: AbortSignal): Promise<Work> {
  const approver = hasRole(user, 'approver');
  const [lists, items] = await Promise.all([
    listQuestionLists(signal),
    hasRole(user, 'drafter', 'coordinator') || approver ? getDesk(signal) : Promise.resolve(null),
  ]);
  // An approver's desk holds the answers waiting for their review: those they may approve.
  const waiting = (item: DeskItem) => item.question.events.includes('approve');
  const review: Review | null = approver
    ? {
        answers: (items ?? []).filter(waiting),
        letters: lists.filter((l) => l.roles.includes('approver') && l.state === 'letter-assembled'),
      }
    : null;
  let desk: DeskItem[] | null = null;
  if (items && hasRole(user, 'drafter', 'coordinator')) {
    // A coordinator's desk is every open question; what only waits for review is in the queue below.
    desk = hasRole(user, 'coordinator') ? items : items.filter((item) => !waiting(item));
  }
  return { lists, desk, review };
}

/** The first words of a question, for a table. */
export function excerpt(text: string, length = 110): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length).replace(/\s+\S*$/, '')} …`;
}

export function WorkPage() {
  const w = useWorkMessages();
  return (
    <RestrictedPage title={w.workTitle}>{(user) => <WorkContent key={user.id} user={user} />}</RestrictedPage>
  );
}

function WorkContent({ user }: { user: User }) {
  const w = useWorkMessages();
  const work = useRequest((signal) => loadWork(user, signal), `work:${user.id}`);
  if (!user.admin && user.memberships.length === 0) {
    return <Paragraph>{w.noWorkRole}</Paragraph>;
  }
  const coordinator = hasRole(user, 'coordinator');
  return (
    <>
      <Paragraph>{w.workIntro}</Paragraph>
      {hasRole(user, 'clerk') && (
        <Paragraph>
          <RouterButtonLink href="/werk/lijsten/nieuw">{w.newList}</RouterButtonLink>
        </Paragraph>
      )}
      {work.state === 'loading' && <Loading />}
      {work.state === 'failed' && <ErrorMessage error={work.error} />}
      {work.state === 'done' && (
        <>
          {work.data.desk !== null && (
            <section aria-labelledby="desk-heading" className="vb-section">
              <Heading2 id="desk-heading">{coordinator ? w.deskTitleCoordinator : w.deskTitle}</Heading2>
              <Paragraph>{coordinator ? w.deskIntroCoordinator : w.deskIntro}</Paragraph>
              {work.data.desk.length === 0 ? (
                <Paragraph>{w.deskEmpty}</Paragraph>
              ) : (
                <Desk items={work.data.desk} coordinator={coordinator} />
              )}
            </section>
          )}
          {work.data.review !== null && <ReviewQueue review={work.data.review} />}
          <section aria-labelledby="lists-heading" className="vb-section">
            <Heading2 id="lists-heading">{w.listsTitle}</Heading2>
            {work.data.lists.length === 0 ? (
              <Paragraph>{w.listsEmpty}</Paragraph>
            ) : (
              <Lists lists={work.data.lists} />
            )}
          </section>
        </>
      )}
    </>
  );
}

function QuestionCell({ question }: { question: ListQuestion }) {
  const w = useWorkMessages();
  return (
    <TableHeaderCell scope="row" className="vb-table__row-header vb-work__question">
      <RouterLink href={workQuestionUrl(question.id)}>{w.questionOf(question.number)}</RouterLink>
      <span className="vb-work__excerpt" lang="nl">
        {excerpt(question.text)}
      </span>
    </TableHeaderCell>
  );
}

function Desk({ items, coordinator }: { items: DeskItem[]; coordinator: boolean }) {
  const w = useWorkMessages();
  const columns = [w.colQuestion, w.colList, w.colState, ...(coordinator ? [w.colAssignee] : []), w.colDue];
  return (
    <DataTable
      caption={coordinator ? w.deskTitleCoordinator : w.deskTitle}
      captionHidden
      columns={columns}
      className="vb-work-table"
    >
      {items.map((item) => (
        <TableRow key={item.question.id}>
          <QuestionCell question={item.question} />
          <TableCell>
            <RouterLink href={workListUrl(item.list.id)}>{item.list.title}</RouterLink>
          </TableCell>
          <TableCell>
            <AnswerStateBadge state={item.question.state} />
          </TableCell>
          {coordinator && <TableCell>{item.question.assignee?.name ?? w.nobody}</TableCell>}
          <TableCell>
            <Deadline date={item.due} due={item.state} />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

function ReviewQueue({ review }: { review: Review }) {
  const w = useWorkMessages();
  const empty = review.answers.length === 0 && review.letters.length === 0;
  return (
    <section aria-labelledby="review-heading" className="vb-section">
      <Heading2 id="review-heading">{w.reviewTitle}</Heading2>
      <Paragraph>{w.reviewIntro}</Paragraph>
      {empty && <Paragraph>{w.reviewEmpty}</Paragraph>}
      {review.answers.length > 0 && (
        <DataTable
          caption={w.answersCaption}
          columns={[w.colQuestion, w.colList, w.colAssignee, w.colDue]}
          className="vb-work-table"
        >
          {review.answers.map((item) => (
            <TableRow key={item.question.id}>
              <QuestionCell question={item.question} />
              <TableCell>
                <RouterLink href={workListUrl(item.list.id)}>{item.list.title}</RouterLink>
              </TableCell>
              <TableCell>{item.question.assignee?.name ?? w.nobody}</TableCell>
              <TableCell>
                <Deadline date={item.due} due={item.state} />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      {review.letters.length > 0 && (
        <DataTable
          caption={w.lettersCaption}
          columns={[w.colList, w.colState, w.colDue]}
          className="vb-work-table"
        >
          {review.letters.map((list) => (
            <TableRow key={list.id}>
              <TableHeaderCell scope="row" className="vb-table__row-header">
                <RouterLink href={workListUrl(list.id)}>{list.title}</RouterLink>
              </TableHeaderCell>
              <TableCell>
                <ListStateBadge state={list.state} />
              </TableCell>
              <TableCell>
                <Deadline date={list.deadline} due={list.due} />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function Lists({ lists }: { lists: QuestionListSummary[] }) {
  const w = useWorkMessages();
  return (
    <DataTable
      caption={w.listsTitle}
      captionHidden
      columns={[w.colList, w.colParties, w.colState, w.colDue, w.colCounts]}
      className="vb-work-table"
    >
      {lists.map((list) => (
        <TableRow key={list.id}>
          <TableHeaderCell scope="row" className="vb-table__row-header">
            <RouterLink href={workListUrl(list.id)}>{list.title}</RouterLink>
          </TableHeaderCell>
          <TableCell>
            {list.committee?.name ?? '?'} → {list.ministry?.name ?? '?'}
          </TableCell>
          <TableCell>
            <ListStateBadge state={list.state} />
          </TableCell>
          <TableCell>
            <Deadline date={list.deadline} due={list.due} />
          </TableCell>
          <TableCell>{countsText(list.counts, w.answerStates, w.countsNone)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
