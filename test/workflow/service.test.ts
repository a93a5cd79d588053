// A list's whole life through the workflow's operations: who may do what (roles in the committee and
// the ministry, directorates counting for their ministry), the states it passes, and the audit log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyAudit } from '../../src/audit/log.js';
import type { Role, UserActor } from '../../src/auth/actor.js';
import { Store } from '../../src/store/store.js';
import { WorkflowConflict } from '../../src/store/workflow.js';
import { CLOSED_DAYS_NL } from '../../src/workflow/deadlines.js';
import { Workflow, WorkflowForbidden } from '../../src/workflow/service.js';
import { TransitionError } from '../../src/workflow/states.js';
import { tempDbPath } from '../helpers/archive.js';

async function world() {
  const path = tempDbPath();
  const store = await Store.open(path);
  const a = store.accounts;
  const committee = a.addOrganisation({ name: 'vaste commissie voor Binnenlandse Zaken', kind: 'committee' });
  const ministry = a.addOrganisation({ name: 'Ministerie van BZK', kind: 'ministry' });
  const directorate = a.addOrganisation({
    name: 'DG Openbaar Bestuur',
    kind: 'directorate',
    parentId: ministry,
  });
  const other = a.addOrganisation({ name: 'Ministerie van Financiën', kind: 'ministry' });
  const person = (name: string, org: number, role: Role): UserActor => {
    const id = a.addUser({ email: `${name}@example.org`, name, passwordHash: null, admin: false });
    a.addMembership(id, org, role);
    return {
      kind: 'user',
      id,
      email: `${name}@example.org`,
      name,
      admin: false,
      memberships: a.memberships(id),
      via: 'session',
      scopes: null,
    };
  };
  return {
    path,
    store,
    workflow: new Workflow(store),
    ministry,
    committee,
    directorate,
    clerk: person('griffier', committee, 'clerk'),
    coordinator: person('coordinator', ministry, 'coordinator'),
    anne: person('anne', directorate, 'drafter'),
    bram: person('bram', directorate, 'drafter'),
    approver: person('approver', ministry, 'approver'),
    outsider: person('buiten', other, 'coordinator'),
  };
}

test('from a draft to an approved letter: three questions, two drafters, a return, by the right people', async () => {
  const w = await world();
  const list = w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Jaarverslag BZK 2025',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: ['Minister van Binnenlandse Zaken en Koninkrijksrelaties'],
    documents: ['kst-36560-VII-1'],
    scope: null,
    deadline: '2026-06-04',
  });
  const [q1, q2, q3] = ['Hoeveel?', 'Waarom?', 'Wanneer?'].map((t) =>
    w.workflow.addQuestion(w.clerk, list.id, t, 'Jaarverslag'),
  );
  // Before it is sent the ministry does not see the list.
  assert.equal(w.workflow.canSee(w.coordinator, w.store.workflow.list(list.id)), false);
  assert.throws(() => w.workflow.listEvent(w.coordinator, list.id, 'send'), WorkflowForbidden);
  assert.equal(w.workflow.listEvent(w.clerk, list.id, 'send').state, 'sent');
  assert.throws(() => w.workflow.addQuestion(w.clerk, list.id, 'Nog een?', null), TransitionError);
  // Another ministry sees nothing of it.
  assert.throws(
    () =>
      w.workflow.assign(w.outsider, q1!.id, {
        assigneeId: w.anne.id,
        directorateId: null,
        internalDeadline: null,
      }),
    WorkflowForbidden,
  );

  const to = (drafter: UserActor) => ({
    assigneeId: drafter.id,
    directorateId: w.directorate,
    internalDeadline: '2026-05-28',
  });
  // A drafter cannot assign; the coordinator can, and that takes the list up.
  assert.throws(() => w.workflow.assign(w.anne, q1!.id, to(w.anne)), WorkflowForbidden);
  w.workflow.assign(w.coordinator, q1!.id, to(w.anne));
  assert.equal(w.store.workflow.list(list.id).state, 'in-progress');
  w.workflow.assign(w.coordinator, q2!.id, to(w.anne));
  w.workflow.assign(w.coordinator, q3!.id, to(w.bram));

  // Only the assignee drafts and submits.
  assert.throws(() => w.workflow.saveAnswer(w.bram, q1!.id, 0, 'Niet mijn vraag.'), TransitionError);
  w.workflow.saveAnswer(w.anne, q1!.id, 0, 'Twaalf.');
  w.workflow.saveAnswer(w.anne, q2!.id, 0, 'Omdat het moet.');
  w.workflow.saveAnswer(w.bram, q3!.id, 0, 'Morgen.');
  // A save from an old version is a conflict, not an overwrite.
  assert.throws(() => w.workflow.saveAnswer(w.anne, q1!.id, 0, 'Dertien.'), WorkflowConflict);
  for (const [who, q] of [
    [w.anne, q1],
    [w.anne, q2],
    [w.bram, q3],
  ] as const)
    w.workflow.answerEvent(who, q!.id, 'submit');

  // The approver returns one, with a reason; the drafter fixes it and submits again.
  assert.throws(() => w.workflow.answerEvent(w.approver, q2!.id, 'return'), /say why/);
  w.workflow.answerEvent(w.approver, q2!.id, 'return', 'Noem de wet.');
  assert.equal(w.store.workflow.question(q2!.id).state, 'returned');
  w.workflow.saveAnswer(w.anne, q2!.id, 1, 'Omdat de Gemeentewet het vraagt.');
  w.workflow.answerEvent(w.anne, q2!.id, 'submit');
  // A drafter cannot approve.
  assert.throws(() => w.workflow.answerEvent(w.anne, q1!.id, 'approve'), /only a approver may approve/);
  for (const q of [q1, q2]) w.workflow.answerEvent(w.approver, q!.id, 'approve');
  assert.equal(w.store.workflow.list(list.id).state, 'in-progress');
  w.workflow.answerEvent(w.approver, q3!.id, 'approve');
  // The last approval approves the list's answers.
  assert.equal(w.store.workflow.list(list.id).state, 'answers-approved');

  w.workflow.listEvent(w.coordinator, list.id, 'assemble');
  assert.throws(() => w.workflow.listEvent(w.coordinator, list.id, 'approve-letter'), /only a approver/);
  w.workflow.listEvent(w.approver, list.id, 'approve-letter');
  assert.equal(w.store.workflow.list(list.id).state, 'letter-approved');
  assert.deepEqual(
    w.store.workflow.versions(q2!.id).map((v) => v.text),
    ['Omdat het moet.', 'Omdat de Gemeentewet het vraagt.'],
  );

  // Every step is in the audit log, and the log verifies.
  const actions = w.store.auditEntries({ limit: 200 }).map((e) => e.action);
  for (const action of [
    'list.created',
    'list.send',
    'answer.assigned',
    'answer.saved',
    'answer.return',
    'answer.approve',
    'list.all_approved',
    'list.approve_letter',
  ])
    assert.ok(actions.includes(action), action);
  const raw = (w.store as unknown as { raw: Parameters<typeof verifyAudit>[0] }).raw;
  assert.equal(verifyAudit(raw).ok, true);
  await w.store.close();
});

test('a drafter may decline with a reason; the question goes back to the coordinator', async () => {
  const w = await world();
  const list = w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Suppletoire begroting',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: [],
    documents: [],
    scope: null,
    deadline: null,
  });
  const q = w.workflow.addQuestion(w.clerk, list.id, 'Hoeveel?', null);
  w.workflow.listEvent(w.clerk, list.id, 'send');
  w.workflow.assign(w.coordinator, q.id, {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: null,
  });
  assert.throws(() => w.workflow.answerEvent(w.anne, q.id, 'decline', ''), /say why/);
  const declined = w.workflow.answerEvent(w.anne, q.id, 'decline', 'Hoort bij Financiën.');
  assert.equal(declined.state, 'unassigned');
  assert.equal(declined.assigneeId, null);
  w.workflow.assign(w.coordinator, q.id, {
    assigneeId: w.bram.id,
    directorateId: null,
    internalDeadline: null,
  });
  assert.equal(w.store.workflow.question(q.id).assigneeId, w.bram.id);
  await w.store.close();
});

test('each desk shows its open questions, soonest first, with how they stand; a postponement adds three weeks', async () => {
  const w = await world();
  const calendar = { recesses: [], closedDays: CLOSED_DAYS_NL };
  const start = (title: string, deadline: string) => {
    const list = w.workflow.createList(w.clerk, {
      kind: 'written-questions',
      title,
      committeeId: w.committee,
      ministryId: w.ministry,
      addressees: [],
      askers: [{ name: 'Kathmann', party: 'GroenLinks-PvdA' }],
      documents: [],
      scope: null,
      deadline,
    });
    const q = w.workflow.addQuestion(w.clerk, list.id, `${title}?`, null);
    w.workflow.listEvent(w.clerk, list.id, 'send');
    return { list, q };
  };
  const late = start('Laat', '2026-04-29');
  const soon = start('Binnenkort', '2026-05-06');
  const later = start('Later', '2026-06-03');
  w.workflow.assign(w.coordinator, late.q.id, {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: null,
  });
  w.workflow.assign(w.coordinator, soon.q.id, {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: '2026-05-04',
  });
  w.workflow.assign(w.coordinator, later.q.id, {
    assigneeId: w.bram.id,
    directorateId: null,
    internalDeadline: null,
  });

  // Thursday 30 April 2026: the first is overdue; the internal deadline of Monday 4 May is two working
  // days away (Friday 1 May, Monday 4 May).
  const today = '2026-04-30';
  const desk = (who: UserActor) =>
    w.workflow.dueItems(who, today, calendar).map((d) => [d.list.title, d.due, d.state]);
  assert.deepEqual(desk(w.anne), [
    ['Laat', '2026-04-29', 'overdue'],
    ['Binnenkort', '2026-05-04', 'due-soon'],
  ]);
  assert.deepEqual(desk(w.bram), [['Later', '2026-06-03', 'on-time']]);
  assert.deepEqual(
    desk(w.coordinator).map((d) => d[0]),
    ['Laat', 'Binnenkort', 'Later'],
  );
  // Someone of another ministry has nothing on their desk.
  assert.deepEqual(desk(w.outsider), []);

  // Postponed: 29 April + three weeks = Wednesday 20 May.
  assert.throws(() => w.workflow.postpone(w.anne, late.list.id, calendar), WorkflowForbidden);
  assert.equal(w.workflow.postpone(w.coordinator, late.list.id, calendar).deadline, '2026-05-20');
  assert.deepEqual(desk(w.anne)[1], ['Laat', '2026-05-20', 'on-time']);
  await w.store.close();
});

test("a draft's questions are edited, moved and removed with numbering kept continuous; not once sent", async () => {
  const w = await world();
  const list = w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Jaarverslag',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: [],
    documents: ['kst-36560-VII-1'],
    scope: null,
    deadline: null,
  });
  const added = w.workflow.importQuestions(
    w.clerk,
    list.id,
    '1. Een?\n2. Twee?\n3. Drie?\n4. Vier?',
    'Algemeen',
  );
  assert.deepEqual(
    added.map((q) => [q.number, q.text, q.section]),
    [
      [1, 'Een?', 'Algemeen'],
      [2, 'Twee?', 'Algemeen'],
      [3, 'Drie?', 'Algemeen'],
      [4, 'Vier?', 'Algemeen'],
    ],
  );
  const texts = () => w.store.workflow.questions(list.id).map((q) => `${q.number}:${q.text}`);
  w.workflow.updateQuestion(w.clerk, added[3]!.id, { number: 1, text: 'Vier, eerst?' });
  assert.deepEqual(texts(), ['1:Vier, eerst?', '2:Een?', '3:Twee?', '4:Drie?']);
  w.workflow.updateQuestion(w.clerk, added[0]!.id, { number: 4 });
  assert.deepEqual(texts(), ['1:Vier, eerst?', '2:Twee?', '3:Drie?', '4:Een?']);
  w.workflow.removeQuestion(w.clerk, added[1]!.id);
  assert.deepEqual(texts(), ['1:Vier, eerst?', '2:Drie?', '3:Een?']);
  // Only the clerk, only a draft; a stale version of the list is a conflict.
  assert.throws(
    () => w.workflow.updateQuestion(w.coordinator, added[0]!.id, { text: 'Nee' }),
    WorkflowForbidden,
  );
  const version = w.store.workflow.list(list.id).version;
  w.workflow.updateList(w.clerk, list.id, version, { scope: 'De verantwoording over 2025' });
  assert.throws(() => w.workflow.updateList(w.clerk, list.id, version, { scope: 'Oud' }), WorkflowConflict);
  w.workflow.listEvent(w.clerk, list.id, 'send');
  assert.throws(() => w.workflow.removeQuestion(w.clerk, added[0]!.id), /only a draft can be changed/);
  await w.store.close();
});

test('one answer serving two questions: grouped, it counts as approved; reopening ungroups it', async () => {
  const w = await world();
  const list = w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Jaarverslag',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: [],
    documents: ['kst-36560-VII-1'],
    scope: null,
    deadline: null,
  });
  const [q1, q2] = w.workflow.importQuestions(w.clerk, list.id, '1. Hoeveel?\n2. En hoeveel precies?', null);
  w.workflow.listEvent(w.clerk, list.id, 'send');
  w.workflow.assign(w.coordinator, q1!.id, {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: null,
  });
  assert.throws(() => w.workflow.group(w.anne, q2!.id, 1), /only a coordinator/);
  assert.throws(() => w.workflow.group(w.coordinator, q2!.id, 2), /cannot answer question 2/);
  const grouped = w.workflow.group(w.coordinator, q2!.id, 1);
  assert.equal(grouped.state, 'approved');
  assert.equal(grouped.answeredWith, q1!.id);
  // A question answered with another's cannot serve a third.
  assert.equal(w.store.workflow.list(list.id).state, 'in-progress');
  w.workflow.saveAnswer(w.anne, q1!.id, 0, 'Twaalf.');
  w.workflow.answerEvent(w.anne, q1!.id, 'submit');
  w.workflow.answerEvent(w.approver, q1!.id, 'approve');
  assert.equal(w.store.workflow.list(list.id).state, 'answers-approved');
  // Reopening the grouped one makes it an answer of its own again, and the list is in progress again.
  const reopened = w.workflow.answerEvent(w.coordinator, q2!.id, 'reopen');
  assert.equal(reopened.answeredWith, null);
  assert.equal(reopened.state, 'drafting');
  assert.equal(w.store.workflow.list(list.id).state, 'in-progress');
  await w.store.close();
});
