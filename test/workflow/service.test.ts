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
import { addWorkflowOrganisations } from '../helpers/organisations.js';

async function world() {
  const path = tempDbPath();
  const store = await Store.open(path);
  const a = store.accounts;
  const { committee, ministry, directorate } = await addWorkflowOrganisations(a);
  const other = await a.addOrganisation({ name: 'Ministerie van Financiën', kind: 'ministry' });
  const person = async (name: string, org: number, role: Role): Promise<UserActor> => {
    const id = await a.addUser({ email: `${name}@example.org`, name, passwordHash: null, admin: false });
    await a.addMembership(id, org, role);
    return {
      kind: 'user',
      id,
      email: `${name}@example.org`,
      name,
      admin: false,
      memberships: await a.memberships(id),
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
    clerk: await person('griffier', committee, 'clerk'),
    coordinator: await person('coordinator', ministry, 'coordinator'),
    anne: await person('anne', directorate, 'drafter'),
    bram: await person('bram', directorate, 'drafter'),
    approver: await person('approver', ministry, 'approver'),
    outsider: await person('buiten', other, 'coordinator'),
  };
}

test('from a draft to an approved letter: three questions, two drafters, a return, by the right people', async () => {
  const w = await world();
  const list = await w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Jaarverslag BZK 2025',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: ['Minister van Binnenlandse Zaken en Koninkrijksrelaties'],
    documents: ['kst-36560-VII-1'],
    scope: null,
    deadline: '2026-06-04',
  });
  const added = [];
  for (const t of ['Hoeveel?', 'Waarom?', 'Wanneer?']) {
    added.push(await w.workflow.addQuestion(w.clerk, list.id, t, 'Jaarverslag'));
  }
  const [q1, q2, q3] = added;
  // Before it is sent the ministry does not see the list.
  assert.equal(await w.workflow.canSee(w.coordinator, await w.store.workflow.list(list.id)), false);
  await assert.rejects(w.workflow.listEvent(w.coordinator, list.id, 'send'), WorkflowForbidden);
  assert.equal((await w.workflow.listEvent(w.clerk, list.id, 'send')).state, 'sent');
  await assert.rejects(w.workflow.addQuestion(w.clerk, list.id, 'Nog een?', null), TransitionError);
  // Another ministry sees nothing of it.
  await assert.rejects(
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
  await assert.rejects(w.workflow.assign(w.anne, q1!.id, to(w.anne)), WorkflowForbidden);
  await w.workflow.assign(w.coordinator, q1!.id, to(w.anne));
  assert.equal((await w.store.workflow.list(list.id)).state, 'in-progress');
  await w.workflow.assign(w.coordinator, q2!.id, to(w.anne));
  await w.workflow.assign(w.coordinator, q3!.id, to(w.bram));

  // Only the assignee drafts and submits.
  await assert.rejects(w.workflow.saveAnswer(w.bram, q1!.id, 0, 'Niet mijn vraag.'), TransitionError);
  await w.workflow.saveAnswer(w.anne, q1!.id, 0, 'Twaalf.');
  await w.workflow.saveAnswer(w.anne, q2!.id, 0, 'Omdat het moet.');
  await w.workflow.saveAnswer(w.bram, q3!.id, 0, 'Morgen.');
  // A save from an old version is a conflict, not an overwrite.
  await assert.rejects(w.workflow.saveAnswer(w.anne, q1!.id, 0, 'Dertien.'), WorkflowConflict);
  for (const [who, q] of [
    [w.anne, q1],
    [w.anne, q2],
    [w.bram, q3],
  ] as const)
    await w.workflow.answerEvent(who, q!.id, 'submit');

  // The approver returns one, with a reason; the drafter fixes it and submits again.
  await assert.rejects(w.workflow.answerEvent(w.approver, q2!.id, 'return'), /say why/);
  await w.workflow.answerEvent(w.approver, q2!.id, 'return', 'Noem de wet.');
  assert.equal((await w.store.workflow.question(q2!.id)).state, 'returned');
  await w.workflow.saveAnswer(w.anne, q2!.id, 1, 'Omdat de Gemeentewet het vraagt.');
  await w.workflow.answerEvent(w.anne, q2!.id, 'submit');
  // A drafter cannot approve.
  await assert.rejects(w.workflow.answerEvent(w.anne, q1!.id, 'approve'), /only a approver may approve/);
  for (const q of [q1, q2]) await w.workflow.answerEvent(w.approver, q!.id, 'approve');
  assert.equal((await w.store.workflow.list(list.id)).state, 'in-progress');
  await w.workflow.answerEvent(w.approver, q3!.id, 'approve');
  // The last approval approves the list's answers.
  assert.equal((await w.store.workflow.list(list.id)).state, 'answers-approved');

  await w.workflow.listEvent(w.coordinator, list.id, 'assemble');
  await assert.rejects(w.workflow.listEvent(w.coordinator, list.id, 'approve-letter'), /only a approver/);
  await w.workflow.listEvent(w.approver, list.id, 'approve-letter');
  assert.equal((await w.store.workflow.list(list.id)).state, 'letter-approved');
  assert.deepEqual(
    (await w.store.workflow.versions(q2!.id)).map((v) => v.text),
    ['Omdat het moet.', 'Omdat de Gemeentewet het vraagt.'],
  );

  // Every step is in the audit log, and the log verifies.
  const actions = (await w.store.auditEntries({ limit: 200 })).map((e) => e.action);
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
  assert.equal((await verifyAudit(w.store.db)).ok, true);
  await w.store.close();
});

test('a drafter may decline with a reason; the question goes back to the coordinator', async () => {
  const w = await world();
  const list = await w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Suppletoire begroting',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: [],
    documents: [],
    scope: null,
    deadline: null,
  });
  const q = await w.workflow.addQuestion(w.clerk, list.id, 'Hoeveel?', null);
  await w.workflow.listEvent(w.clerk, list.id, 'send');
  await w.workflow.assign(w.coordinator, q.id, {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: null,
  });
  await assert.rejects(w.workflow.answerEvent(w.anne, q.id, 'decline', ''), /say why/);
  const declined = await w.workflow.answerEvent(w.anne, q.id, 'decline', 'Hoort bij Financiën.');
  assert.equal(declined.state, 'unassigned');
  assert.equal(declined.assigneeId, null);
  await w.workflow.assign(w.coordinator, q.id, {
    assigneeId: w.bram.id,
    directorateId: null,
    internalDeadline: null,
  });
  assert.equal((await w.store.workflow.question(q.id)).assigneeId, w.bram.id);
  await w.store.close();
});

test('each desk shows its open questions, soonest first, with how they stand; a postponement adds three weeks', async () => {
  const w = await world();
  const calendar = { recesses: [], closedDays: CLOSED_DAYS_NL };
  const start = async (title: string, deadline: string) => {
    const list = await w.workflow.createList(w.clerk, {
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
    const q = await w.workflow.addQuestion(w.clerk, list.id, `${title}?`, null);
    await w.workflow.listEvent(w.clerk, list.id, 'send');
    return { list, q };
  };
  const late = await start('Laat', '2026-04-29');
  const soon = await start('Binnenkort', '2026-05-06');
  const later = await start('Later', '2026-06-03');
  await w.workflow.assign(w.coordinator, late.q.id, {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: null,
  });
  await w.workflow.assign(w.coordinator, soon.q.id, {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: '2026-05-04',
  });
  await w.workflow.assign(w.coordinator, later.q.id, {
    assigneeId: w.bram.id,
    directorateId: null,
    internalDeadline: null,
  });

  // Thursday 30 April 2026: the first is overdue; the internal deadline of Monday 4 May is two working
  // days away (Friday 1 May, Monday 4 May).
  const today = '2026-04-30';
  const desk = async (who: UserActor) =>
    (await w.workflow.dueItems(who, today, calendar)).map((d) => [d.list.title, d.due, d.state]);
  assert.deepEqual(await desk(w.anne), [
    ['Laat', '2026-04-29', 'overdue'],
    ['Binnenkort', '2026-05-04', 'due-soon'],
  ]);
  assert.deepEqual(await desk(w.bram), [['Later', '2026-06-03', 'on-time']]);
  assert.deepEqual(
    (await desk(w.coordinator)).map((d) => d[0]),
    ['Laat', 'Binnenkort', 'Later'],
  );
  // Someone of another ministry has nothing on their desk.
  assert.deepEqual(await desk(w.outsider), []);

  // Postponed: 29 April + three weeks = Wednesday 20 May.
  await assert.rejects(w.workflow.postpone(w.anne, late.list.id, calendar), WorkflowForbidden);
  assert.equal((await w.workflow.postpone(w.coordinator, late.list.id, calendar)).deadline, '2026-05-20');
  assert.deepEqual((await desk(w.anne))[1], ['Laat', '2026-05-20', 'on-time']);
  await w.store.close();
});

test("a draft's questions are edited, moved and removed with numbering kept continuous; not once sent", async () => {
  const w = await world();
  const list = await w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Jaarverslag',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: [],
    documents: ['kst-36560-VII-1'],
    scope: null,
    deadline: null,
  });
  const added = await w.workflow.importQuestions(
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
  const texts = async () => (await w.store.workflow.questions(list.id)).map((q) => `${q.number}:${q.text}`);
  await w.workflow.updateQuestion(w.clerk, added[3]!.id, { number: 1, text: 'Vier, eerst?' });
  assert.deepEqual(await texts(), ['1:Vier, eerst?', '2:Een?', '3:Twee?', '4:Drie?']);
  await w.workflow.updateQuestion(w.clerk, added[0]!.id, { number: 4 });
  assert.deepEqual(await texts(), ['1:Vier, eerst?', '2:Twee?', '3:Drie?', '4:Een?']);
  await w.workflow.removeQuestion(w.clerk, added[1]!.id);
  assert.deepEqual(await texts(), ['1:Vier, eerst?', '2:Drie?', '3:Een?']);
  // Only the clerk, only a draft; a stale version of the list is a conflict.
  await assert.rejects(
    w.workflow.updateQuestion(w.coordinator, added[0]!.id, { text: 'Nee' }),
    WorkflowForbidden,
  );
  const version = (await w.store.workflow.list(list.id)).version;
  await w.workflow.updateList(w.clerk, list.id, version, { scope: 'De verantwoording over 2025' });
  await assert.rejects(w.workflow.updateList(w.clerk, list.id, version, { scope: 'Oud' }), WorkflowConflict);
  await w.workflow.listEvent(w.clerk, list.id, 'send');
  await assert.rejects(w.workflow.removeQuestion(w.clerk, added[0]!.id), /only a draft can be changed/);
  await w.store.close();
});

test('one answer serving two questions: grouped, it counts as approved; reopening ungroups it', async () => {
  const w = await world();
  const list = await w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Jaarverslag',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: [],
    documents: ['kst-36560-VII-1'],
    scope: null,
    deadline: null,
  });
  const [q1, q2] = await w.workflow.importQuestions(
    w.clerk,
    list.id,
    '1. Hoeveel?\n2. En hoeveel precies?',
    null,
  );
  await w.workflow.listEvent(w.clerk, list.id, 'send');
  await w.workflow.assign(w.coordinator, q1!.id, {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: null,
  });
  await assert.rejects(w.workflow.group(w.anne, q2!.id, 1), /only a coordinator/);
  await assert.rejects(w.workflow.group(w.coordinator, q2!.id, 2), /cannot answer question 2/);
  const grouped = await w.workflow.group(w.coordinator, q2!.id, 1);
  assert.equal(grouped.state, 'approved');
  assert.equal(grouped.answeredWith, q1!.id);
  // A question answered with another's cannot serve a third.
  assert.equal((await w.store.workflow.list(list.id)).state, 'in-progress');
  await w.workflow.saveAnswer(w.anne, q1!.id, 0, 'Twaalf.');
  await w.workflow.answerEvent(w.anne, q1!.id, 'submit');
  await w.workflow.answerEvent(w.approver, q1!.id, 'approve');
  assert.equal((await w.store.workflow.list(list.id)).state, 'answers-approved');
  // Reopening the grouped one makes it an answer of its own again, and the list is in progress again.
  const reopened = await w.workflow.answerEvent(w.coordinator, q2!.id, 'reopen');
  assert.equal(reopened.answeredWith, null);
  assert.equal(reopened.state, 'drafting');
  assert.equal((await w.store.workflow.list(list.id)).state, 'in-progress');
  await w.store.close();
});

test('the last two approvals at once: both stand, and the list is approved exactly once', async () => {
  const w = await world();
  const list = await w.workflow.createList(w.clerk, {
    kind: 'question-list',
    title: 'Jaarverslag',
    committeeId: w.committee,
    ministryId: w.ministry,
    addressees: [],
    documents: ['kst-36560-VII-1'],
    scope: null,
    deadline: null,
  });
  const [q1, q2] = await w.workflow.importQuestions(w.clerk, list.id, '1. Hoeveel?\n2. Waarom?', null);
  await w.workflow.listEvent(w.clerk, list.id, 'send');
  // Assigned together, in one transaction: the first takes the list up, the second finds it taken up.
  await w.workflow.assignMany(w.coordinator, [q1!.id, q2!.id], {
    assigneeId: w.anne.id,
    directorateId: null,
    internalDeadline: null,
  });
  for (const q of [q1, q2]) {
    await w.workflow.saveAnswer(w.anne, q!.id, 0, 'Twaalf.');
    await w.workflow.answerEvent(w.anne, q!.id, 'submit');
  }
  const approved = await Promise.all(
    [q1, q2].map((q) => w.workflow.answerEvent(w.approver, q!.id, 'approve')),
  );
  assert.deepEqual(
    approved.map((q) => q.state),
    ['approved', 'approved'],
  );
  assert.equal((await w.store.workflow.list(list.id)).state, 'answers-approved');
  const entries = await w.store.auditEntries({ limit: 200 });
  assert.equal(entries.filter((e) => e.action === 'list.all_approved').length, 1);
  await w.store.close();
});
