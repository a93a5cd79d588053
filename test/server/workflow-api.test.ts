// The workflow over HTTP: a list's whole life through the API by the people whose roles allow each step,
// the refusals on the way (404 for what one may not see, 403 for a step not theirs, 409 naming the
// state), parallel saves of one answer (one wins, the other gets a 409 with the winner's version), and
// the embargo: nothing of the answers is found before the letter is sent, everything after.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyAudit } from '../../src/audit/log.js';
import type { Role } from '../../src/auth/actor.js';
import { readPublication } from '../../src/read/index.js';
import { addWorkflowOrganisations } from '../helpers/organisations.js';
import { comparable, words } from '../helpers/read.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};

before(async () => {
  server = await startTestServer();
  const a = server.store.accounts;
  const organisations = await addWorkflowOrganisations(a, {
    ministry: 'Ministerie van Binnenlandse Zaken',
    directorate: 'DG Digitale Overheid',
  });
  ids.committee = organisations.committee;
  ids.ministry = organisations.ministry;
  ids.directorate = organisations.directorate;
  ids.other = await a.addOrganisation({ name: 'Ministerie van Financiën', kind: 'ministry' });
  const person = async (name: string, org: number, role: Role) => {
    const id = await a.addUser({ email: `${name}@example.org`, name, passwordHash: null, admin: false });
    await a.addMembership(id, org, role);
    ids[name] = id;
    tokens[name] = (await server.auth.createToken(id, name, ['read', 'workflow'])).secret;
  };
  await person('griffier', ids.committee, 'clerk');
  await person('coordinator', ids.ministry, 'coordinator');
  await person('anne', ids.directorate, 'drafter');
  await person('bram', ids.directorate, 'drafter');
  await person('directie', ids.ministry, 'approver');
  await person('buiten', ids.other, 'coordinator');
});
after(async () => {
  await server.close();
});

async function call(
  who: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

interface QuestionView {
  id: number;
  number: number;
  state: string;
  answerVersion: number;
  answer: string | null;
  events: string[];
  assignee: { id: number; name: string } | null;
  lastComment: string | null;
}

const questionsOf = (body: Record<string, unknown>) => body.questions as QuestionView[];

test('a list from the clerk to a publication everyone finds, by the people whose roles allow each step', async () => {
  const made = await call('griffier', 'POST', '/api/v1/question-lists', {
    title: 'Jaarverslag en slotwet Digitale Zaken 2025',
    committee: ids.committee,
    ministry: ids.ministry,
    addressees: ['Minister van Binnenlandse Zaken en Koninkrijksrelaties'],
    documents: ['kst-36360-VI-1', 'kst-36360-VI-12'],
    deadline: '2027-02-01',
  });
  assert.equal(made.status, 201);
  const listId = made.body.id as number;
  assert.equal(made.body.state, 'draft');
  // The documents asked about are looked up in the archive.
  assert.deepEqual(
    (made.body.documents as { id: string; inArchive: boolean }[]).map((d) => [d.id, d.inArchive]),
    [
      ['kst-36360-VI-1', false],
      ['kst-36360-VI-12', true],
    ],
  );
  const imported = await call('griffier', 'POST', `/api/v1/question-lists/${listId}/question-imports`, {
    text: 'Jaarverslag\n\n1. Hoeveel datacenters van de rijksoverheid zijn in 2025 gesloten?\n2. Waarom is het budget voor de Digitale Overheid onderschreden?\n\nSlotwet\n\n3. Wanneer ontvangt de Kamer de evaluatie van de cloudstrategie?',
  });
  assert.equal(imported.status, 201);
  assert.deepEqual(
    (imported.body.items as QuestionView[]).map((q) => q.number),
    [1, 2, 3],
  );
  // A draft is the committee's own: the ministry does not see it, another ministry never does.
  assert.equal((await call('coordinator', 'GET', `/api/v1/question-lists/${listId}`)).status, 404);
  const sent = await call('griffier', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'send' });
  assert.equal(sent.body.state, 'sent');
  assert.equal((await call('buiten', 'GET', `/api/v1/question-lists/${listId}`)).status, 404);
  const again = await call('griffier', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'send' });
  assert.equal(again.status, 409);
  assert.equal(again.body.state, 'sent');
  assert.match(String(again.body.detail), /is sent/);

  const seen = await call('coordinator', 'GET', `/api/v1/question-lists/${listId}`);
  assert.deepEqual(seen.body.roles, ['coordinator']);
  assert.ok((seen.body.events as string[]).includes('postpone'), 'the coordinator may postpone');
  const [q1, q2, q3] = questionsOf(seen.body);
  const people = await call('coordinator', 'GET', `/api/v1/question-lists/${listId}/people`);
  assert.deepEqual(
    (people.body.drafters as { name: string }[]).map((p) => p.name),
    ['anne', 'bram'],
  );
  // A drafter without a question on the list does not even see it.
  assert.equal((await call('anne', 'GET', `/api/v1/question-lists/${listId}`)).status, 404);
  // Two to Anne at once, one to Bram.
  const assigned = await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/assignments`, {
    questions: [q1!.id, q2!.id],
    assignee: ids.anne,
    internalDeadline: '2027-01-20',
  });
  assert.equal(assigned.status, 201);
  assert.equal(assigned.body.state, 'in-progress');
  await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/assignments`, {
    questions: [q3!.id],
    assignee: ids.bram,
  });
  // Now Anne sees the list, but assigning is not hers to do.
  assert.equal(
    (
      await call('anne', 'POST', `/api/v1/question-lists/${listId}/assignments`, {
        questions: [q3!.id],
        assignee: ids.anne,
      })
    ).status,
    403,
  );
  // Anne is told, in the app, of each question given to her.
  const told = await call('anne', 'GET', '/api/v1/notifications');
  assert.deepEqual(
    (told.body.items as { kind: string; link: string }[]).map((n) => [n.kind, n.link]),
    [
      ['assigned', `/werk/lijsten/${listId}#vraag-2`],
      ['assigned', `/werk/lijsten/${listId}#vraag-1`],
    ],
  );
  assert.equal(told.body.unread, 2);
  assert.match((told.body.items as { body: string }[])[0]!.body, /^coordinator heeft vraag 2 van de lijst/);
  const desk = await call('anne', 'GET', '/api/v1/desk');
  assert.deepEqual(
    (desk.body.items as { question: QuestionView; due: string }[]).map((i) => [i.question.number, i.due]),
    [
      [1, '2027-01-20'],
      [2, '2027-01-20'],
    ],
  );

  // The editor: the question with earlier similar ones from the archive.
  const detail = await call('anne', 'GET', `/api/v1/list-questions/${q1!.id}`);
  assert.equal(detail.status, 200);
  const similar = detail.body.similar as { publication: { id: string }; number: number }[];
  assert.ok(similar.length > 0, 'earlier similar questions');
  assert.ok(similar.some((s) => s.publication.id === 'kst-36360-VI-12'));
  // Each with its whole answer, to reuse a passage from.
  for (const s of similar as unknown as { answer: string | null; answerOpening: string | null }[]) {
    if (s.answerOpening) assert.ok(s.answer?.startsWith(s.answerOpening.replace(/ …$/, '')));
  }
  // Bram may not write Anne's answer.
  assert.equal(
    (await call('bram', 'PUT', `/api/v1/list-questions/${q1!.id}/answer`, { baseVersion: 0, text: 'Nee.' }))
      .status,
    403,
  );
  for (const [q, text] of [
    [q1!, 'In 2025 zijn vier datacenters gesloten.'],
    [q2!, 'Projecten zijn vertraagd.\n\nHet restant schuift door naar 2026.'],
  ] as const) {
    const saved = await call('anne', 'PUT', `/api/v1/list-questions/${q.id}/answer`, {
      baseVersion: 0,
      text,
    });
    assert.equal(saved.status, 200);
    assert.equal((saved.body as unknown as QuestionView).answerVersion, 1);
    const submitted = await call('anne', 'POST', `/api/v1/list-questions/${q.id}/events`, {
      event: 'submit',
    });
    assert.equal((submitted.body as unknown as QuestionView).state, 'submitted');
  }
  await call('bram', 'PUT', `/api/v1/list-questions/${q3!.id}/answer`, {
    baseVersion: 0,
    text: 'De evaluatie volgt voor de zomer.',
  });
  await call('bram', 'POST', `/api/v1/list-questions/${q3!.id}/events`, { event: 'submit' });

  // The approver's desk: the three answers waiting for review. The reviewer may edit one under review.
  const review = await call('directie', 'GET', '/api/v1/desk');
  assert.deepEqual(
    (review.body.items as { question: QuestionView }[]).map((i) => [i.question.number, i.question.state]),
    [
      [1, 'submitted'],
      [2, 'submitted'],
      [3, 'submitted'],
    ],
  );
  const edited = await call('directie', 'PUT', `/api/v1/list-questions/${q3!.id}/answer`, {
    baseVersion: 1,
    text: 'De evaluatie volgt voor het zomerreces.',
  });
  assert.equal(edited.status, 200);
  assert.equal((edited.body as unknown as QuestionView).state, 'submitted');
  assert.equal((edited.body as unknown as QuestionView).answerVersion, 2);

  // Review: one returned with a comment, fixed, approved.
  const returned = await call('directie', 'POST', `/api/v1/list-questions/${q2!.id}/events`, {
    event: 'return',
    comment: 'Noem het bedrag.',
  });
  assert.equal((returned.body as unknown as QuestionView).lastComment, 'Noem het bedrag.');
  await call('anne', 'PUT', `/api/v1/list-questions/${q2!.id}/answer`, {
    baseVersion: 1,
    text: 'Projecten zijn vertraagd; € 12 miljoen bleef onbesteed.\n\nHet restant schuift door naar 2026.',
  });
  await call('anne', 'POST', `/api/v1/list-questions/${q2!.id}/events`, { event: 'submit' });
  const versions = await call('anne', 'GET', `/api/v1/list-questions/${q2!.id}/versions`);
  assert.deepEqual(
    (versions.body.items as { version: number; author: string }[]).map((v) => [v.version, v.author]),
    [
      [1, 'anne'],
      [2, 'anne'],
    ],
  );
  for (const q of [q1!, q2!, q3!]) {
    const approved = await call('directie', 'POST', `/api/v1/list-questions/${q.id}/events`, {
      event: 'approve',
    });
    assert.equal(approved.status, 200);
  }
  const approvedList = await call('coordinator', 'GET', `/api/v1/question-lists/${listId}`);
  assert.equal(approvedList.body.state, 'answers-approved');

  // Before the letter is sent nobody outside finds the answers.
  const before = await call(null, 'GET', '/api/v1/search?q=%22onbesteed%22');
  assert.equal((before.body.results as unknown[]).length, 0);

  // The letter: assembled, approved by the minister's office, sent.
  assert.equal(
    (await call('directie', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'assemble' })).status,
    403,
  );
  await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'assemble' });
  await call('directie', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'approve-letter' });
  const published = await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/events`, {
    event: 'send-letter',
  });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  assert.equal(published.body.state, 'published');
  const publicationId = published.body.publicationId as string;
  assert.equal(publicationId, 'kst-36360-VI-13');
  assert.ok(questionsOf(published.body).every((q) => q.state === 'published'));

  // The return and the publication reached Anne too; she marks all read.
  const kinds = ((await call('anne', 'GET', '/api/v1/notifications')).body.items as { kind: string }[]).map(
    (n) => n.kind,
  );
  assert.deepEqual(kinds.slice(0, 2), ['published', 'returned']);
  const marked = await call('anne', 'POST', '/api/v1/notifications/read-markers', { all: true });
  assert.equal(marked.body.unread, 0);
  const found = await call(null, 'GET', '/api/v1/search?q=%22onbesteed%22');
  assert.deepEqual(
    (found.body.results as { publication: { id: string }; question: number }[]).map((h) => [
      h.publication.id,
      h.question,
    ]),
    [[publicationId, 2]],
  );
  // Its text reads back into the same tree.
  const asJson = await call(null, 'GET', `/api/v1/publications/${publicationId}`);
  const text = await (await fetch(`${server.url}/api/v1/publications/${publicationId}?format=text`)).text();
  assert.match(text, /De Minister heeft deze vragen beantwoord bij brief van/);
  assert.deepEqual(
    comparable(readPublication(text, { fileName: `${publicationId}.txt`, words })),
    comparable(asJson.body as never),
  );
  assert.equal((await verifyAudit(server.store.db)).ok, true);
  const actions = (await server.store.auditEntries({ limit: 500 })).map((e) => e.action);
  for (const action of [
    'list.created',
    'list.send',
    'answer.assigned',
    'answer.saved',
    'answer.return',
    'list.send_letter',
  ]) {
    assert.ok(actions.includes(action), `${action} in the audit log`);
  }
});

test('two drafters saving one answer at once: one version wins, the other gets a 409 with it to merge', async () => {
  const made = await call('griffier', 'POST', '/api/v1/question-lists', {
    title: 'Begroting',
    committee: ids.committee,
    ministry: ids.ministry,
    documents: ['kst-36360-VI-2'],
  });
  const listId = made.body.id as number;
  await call('griffier', 'POST', `/api/v1/question-lists/${listId}/questions`, { text: 'Hoeveel?' });
  await call('griffier', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'send' });
  const question = questionsOf(
    (await call('coordinator', 'GET', `/api/v1/question-lists/${listId}`)).body,
  )[0]!;
  await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/assignments`, {
    questions: [question.id],
    assignee: ids.anne,
  });
  let base = 0;
  let wins = 0;
  let conflicts = 0;
  for (let round = 0; round < 20; round++) {
    const results = await Promise.all(
      [0, 1, 2, 3].map((k) =>
        call('anne', 'PUT', `/api/v1/list-questions/${question.id}/answer`, {
          baseVersion: base,
          text: `ronde ${round}, schrijver ${k}`,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status === 409);
    assert.equal(ok.length, 1, `round ${round}: exactly one save wins`);
    assert.equal(ok.length + lost.length, 4);
    const winner = ok[0]!.body as unknown as QuestionView;
    for (const r of lost) {
      const current = r.body.current as { version: number; text: string; author: string };
      // The loser sees the winner's version, text and name: nothing is silently overwritten.
      assert.equal(current.version, winner.answerVersion);
      assert.equal(current.text, winner.answer);
      assert.equal(current.author, 'anne');
    }
    base = winner.answerVersion;
    wins += ok.length;
    conflicts += lost.length;
  }
  const versions = await call('anne', 'GET', `/api/v1/list-questions/${question.id}/versions`);
  assert.deepEqual(
    (versions.body.items as { version: number }[]).map((v) => v.version),
    Array.from({ length: wins }, (_, i) => i + 1),
  );
  assert.equal(conflicts, 60);
});

test('written questions (Kamervragen): three weeks from sending, answered in the Aanhangsel', async () => {
  const refused = await call('griffier', 'POST', '/api/v1/question-lists', {
    kind: 'written-questions',
    title: 'Vragen over datacenters',
    committee: ids.committee,
    ministry: ids.ministry,
  });
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body.invalidParams, [
    { name: 'askers', reason: 'is required for written questions' },
  ]);
  const made = await call('griffier', 'POST', '/api/v1/question-lists', {
    kind: 'written-questions',
    title: 'Vragen over het energieverbruik van datacenters',
    committee: ids.committee,
    ministry: ids.ministry,
    addressees: ['Minister van Binnenlandse Zaken en Koninkrijksrelaties'],
    askers: [{ name: 'Kathmann', party: 'GroenLinks-PvdA' }],
    answeredBy: 'Minister Uitermark',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const listId = made.body.id as number;
  await call('griffier', 'POST', `/api/v1/question-lists/${listId}/question-imports`, {
    text: '1. Hoeveel stroom verbruikten de datacenters van het Rijk in 2025?\n2. Welke besparing verwacht u van de nieuwe koeling?',
  });
  const sent = await call('griffier', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'send' });
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(sent.body.submittedOn, today);
  // Three weeks, to the next working day when the last one is closed.
  const deadline = sent.body.deadline as string;
  const days = (Date.parse(deadline) - Date.parse(today)) / 86_400_000;
  assert.ok(days >= 21 && days <= 25, `deadline ${deadline} is three weeks from ${today}`);
  const postponed = await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/postponements`);
  assert.ok((postponed.body.deadline as string) > deadline, 'a postponement notice moves the deadline');

  const questions = questionsOf((await call('coordinator', 'GET', `/api/v1/question-lists/${listId}`)).body);
  await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/assignments`, {
    questions: questions.map((q) => q.id),
    assignee: ids.bram,
  });
  for (const [q, text] of [
    [questions[0]!, 'In 2025 verbruikten zij 41 gigawattuur.'],
    [questions[1]!, 'Ongeveer een vijfde minder koelenergie.'],
  ] as const) {
    await call('bram', 'PUT', `/api/v1/list-questions/${q.id}/answer`, { baseVersion: 0, text });
    await call('bram', 'POST', `/api/v1/list-questions/${q.id}/events`, { event: 'submit' });
    await call('directie', 'POST', `/api/v1/list-questions/${q.id}/events`, { event: 'approve' });
  }
  await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'assemble' });
  const preview = await fetch(`${server.url}/api/v1/question-lists/${listId}/letter`, {
    headers: { authorization: `Bearer ${tokens.coordinator}` },
  });
  assert.match(await preview.text(), /Vragen van het lid Kathmann \(GroenLinks-PvdA\)/);
  await call('directie', 'POST', `/api/v1/question-lists/${listId}/events`, { event: 'approve-letter' });
  const published = await call('coordinator', 'POST', `/api/v1/question-lists/${listId}/events`, {
    event: 'send-letter',
  });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  const id = published.body.publicationId as string;
  assert.match(id, /^ah-tk-\d{8}-\d+$/);
  const pub = await call(null, 'GET', `/api/v1/publications/${id}`);
  assert.equal(pub.body.kind, 'written-questions');
  const found = await call(null, 'GET', '/api/v1/search?q=gigawattuur');
  assert.deepEqual(
    (found.body.results as { publication: { id: string }; question: number }[]).map((h) => [
      h.publication.id,
      h.question,
    ]),
    [[id, 1]],
  );
});

test("a clerk adds questions from a ministry's Word file; a file that is no Word document adds nothing", async () => {
  const { Document, Packer, Paragraph } = await import('docx');
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('Subsidies'),
          new Paragraph('1. Hoeveel subsidie is in 2025 verleend?'),
          new Paragraph('2. Welke regelingen zijn geëvalueerd?'),
        ],
      },
    ],
  });
  const docx = Buffer.from(await Packer.toBuffer(doc)).toString('base64');
  const made = await call('griffier', 'POST', '/api/v1/question-lists', {
    title: 'Subsidies',
    committee: ids.committee,
    ministry: ids.ministry,
    documents: ['kst-36360-VI-3'],
  });
  const listId = made.body.id as number;
  const bad = await call('griffier', 'POST', `/api/v1/question-lists/${listId}/question-imports`, {
    docx: Buffer.from('dit is geen Word-bestand').toString('base64'),
  });
  assert.equal(bad.status, 422);
  const both = await call('griffier', 'POST', `/api/v1/question-lists/${listId}/question-imports`, {
    text: '1. Waarom?',
    docx,
  });
  assert.equal(both.status, 400);
  assert.equal(
    questionsOf((await call('griffier', 'GET', `/api/v1/question-lists/${listId}`)).body).length,
    0,
  );
  const added = await call('griffier', 'POST', `/api/v1/question-lists/${listId}/question-imports`, { docx });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.deepEqual(
    (added.body.items as { number: number; text: string; section: string }[]).map((q) => [
      q.number,
      q.text,
      q.section,
    ]),
    [
      [1, 'Hoeveel subsidie is in 2025 verleend?', 'Subsidies'],
      [2, 'Welke regelingen zijn geëvalueerd?', 'Subsidies'],
    ],
  );
});
