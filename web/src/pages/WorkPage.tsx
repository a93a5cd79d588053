// Werk: /werk. The desk (a drafter's own open questions, or for a coordinator every open question of
// the ministry, soonest due first), for an approver what waits for review (submitted answers and
// assembled letters of lists addressed to their ministry), and the question lists one works on; a
// clerk starts a new list here.
import { Heading2, Paragraph, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { User } from '../api.js';
import { ErrorMessage, Loading, useRequest } from '../components.js';
import { DataTable, RestrictedPage } from '../forms.js';
import { RouterLink } from '../router.js';
import { useWorkMessages } from '../work-i18n.js';
import {
  type DeskItem,
  getDesk,
  getQuestionList,
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
  answers: Array<{ question: ListQuestion; list: QuestionListSummary }>;
  letters: QuestionListSummary[];
}

interface Work {
  lists: QuestionListSummary[];
  desk: DeskItem[] | null;
  review: Review | null;
}

/** Everything the page shows, in one go: the lists, the desk, and what waits for this approver. */
async function loadWork(user: User, signal: AbortSignal): Promise<Work> {
  const [lists, desk] = await Promise.all([
    listQuestionLists(signal),
    hasRole(user, 'drafter', 'coordinator') ? getDesk(signal) : Promise.resolve(null),
  ]);
  let review: Review | null = null;
  if (hasRole(user, 'approver')) {
    // The desk is the drafters' and coordinators': an approver's queue is the submitted answers of the
    // lists they approve for, found through the lists' counts.
    const mine = lists.filter((l) => l.roles.includes('approver'));
    const withSubmitted = await Promise.all(
      mine.filter((l) => (l.counts.submitted ?? 0) > 0).map((l) => getQuestionList(l.id, signal)),
    );
    review = {
      answers: withSubmitted.flatMap((list) =>
        list.questions.filter((q) => q.state === 'submitted').map((question) => ({ question, list })),
      ),
      letters: mine.filter((l) => l.state === 'letter-assembled'),
    };
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
          {review.answers.map(({ question, list }) => (
            <TableRow key={question.id}>
              <QuestionCell question={question} />
              <TableCell>
                <RouterLink href={workListUrl(list.id)}>{list.title}</RouterLink>
              </TableCell>
              <TableCell>{question.assignee?.name ?? w.nobody}</TableCell>
              <TableCell>
                <Deadline
                  date={question.internalDeadline ?? list.deadline}
                  due={question.internalDeadline ? null : list.due}
                />
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
