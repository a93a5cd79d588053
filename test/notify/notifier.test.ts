// Notifications end to end: a real SQLite file, a list run through the workflow's operations, and a real
// SMTP server (smtp-server) on 127.0.0.1 receiving what the notifier sends through nodemailer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import type { Role, UserActor } from '../../src/auth/actor.js';
import { ConfigError } from '../../src/config.js';
import { describeSmtp, notifySettings, smtpSettings } from '../../src/notify/config.js';
import { createMailer } from '../../src/notify/mailer.js';
import { Notifier } from '../../src/notify/notifier.js';
import { Store } from '../../src/store/store.js';
import type { QuestionRow } from '../../src/store/workflow.js';
import { Workflow } from '../../src/workflow/service.js';
import { tempDbPath } from '../helpers/archive.js';
import { addWorkflowOrganisations } from '../helpers/organisations.js';
import { closedPort, startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const FROM = 'Vraagbaak <noreply@vraagbaak.test>';
const TITLE = 'Jaarverslag BZK 2025 — coördinatie';

async function world(smtp: { port: number; user?: string; password?: string } | null) {
  const store = await Store.open(tempDbPath());
  const a = store.accounts;
  const { committee, ministry, directorate } = await addWorkflowOrganisations(a);
  const person = async (name: string, org: number, role: Role): Promise<UserActor> => {
    const email = `${name}@example.org`;
    const id = await a.addUser({ email, name, passwordHash: null, admin: false });
    await a.addMembership(id, org, role);
    return {
      kind: 'user',
      id,
      email,
      name,
      admin: false,
      memberships: await a.memberships(id),
      via: 'session',
      scopes: null,
    };
  };
  const clerk = await person('griffier', committee, 'clerk');
  const coordinator = await person('coordinator', ministry, 'coordinator');
  const deputy = await person('plaatsvervanger', directorate, 'coordinator');
  const anne = await person('anne', directorate, 'drafter');
  const bram = await person('bram', directorate, 'drafter');
  const approver = await person('approver', ministry, 'approver');
  const workflow = new Workflow(store);
  const list = await workflow.createList(clerk, {
    kind: 'question-list',
    title: TITLE,
    committeeId: committee,
    ministryId: ministry,
    addressees: ['Minister van Binnenlandse Zaken en Koninkrijksrelaties'],
    documents: ['kst-36560-VII-1'],
    scope: null,
    deadline: '2026-06-04',
  });
  const questions: QuestionRow[] = [];
  for (const text of ['Hoeveel datacenters?', 'Waarom zo laat?', 'Wanneer komt de wet?']) {
    questions.push(await workflow.addQuestion(clerk, list.id, text, 'Jaarverslag'));
  }
  const [q1, q2, q3] = questions;
  await workflow.listEvent(clerk, list.id, 'send');
  const errors: string[] = [];
  // The notifier's clock, moved on by `later` (mail back-off) without waiting.
  let offset = 0;
  const notifier = new Notifier(store, {
    clock: () => new Date(Date.now() + offset),
    mailer: smtp
      ? createMailer(
          smtpSettings({
            host: '127.0.0.1',
            port: smtp.port,
            secure: false,
            user: smtp.user ?? null,
            password: smtp.password ?? null,
            from: FROM,
          }),
          { connectTimeout: 2000, socketTimeout: 5000 },
        )
      : null,
    publicUrl: 'https://vraagbaak.test',
    reminderDays: [5, 2, 0],
    onError: (error, context) => errors.push(`${context}: ${error instanceof Error ? error.message : error}`),
  });
  const assign = (q: typeof q1, who: UserActor, internalDeadline: string | null = '2026-04-29') =>
    workflow.assign(coordinator, q!.id, { assigneeId: who.id, directorateId: directorate, internalDeadline });
  return {
    store,
    workflow,
    notifier,
    errors,
    listId: list.id,
    list: () => store.workflow.list(list.id),
    q1: q1!,
    q2: q2!,
    q3: q3!,
    assign,
    clerk,
    coordinator,
    deputy,
    anne,
    bram,
    approver,
    later(ms: number) {
      offset += ms;
    },
    async close() {
      notifier.close();
      await store.close();
    },
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** What the lead's workflow does after an assignment: tell the drafter. */
async function notifyAssigned(w: World, q: World['q1'], who: UserActor) {
  const question = await w.assign(q, who);
  return w.notifier.notify('assigned', [who.id], {
    list: await w.list(),
    question,
    actor: w.coordinator.name,
  });
}

async function withServer(
  options: { user?: string; password?: string },
  run: (server: TestSmtpServer) => Promise<void>,
): Promise<void> {
  const server = await startSmtpServer(options);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

test('an assignment reaches the drafter in the app and by mail, through a real SMTP server with a login', async () => {
  await withServer({ user: 'vraagbaak', password: 'geheim wachtwoord' }, async (server) => {
    const w = await world({ port: server.port, user: 'vraagbaak', password: 'geheim wachtwoord' });
    const made = await notifyAssigned(w, w.q1, w.anne);
    assert.equal(made.length, 1);

    const inbox = await w.notifier.forUser(w.anne.id);
    assert.deepEqual(
      inbox.map((n) => [n.kind, n.subject, n.link, n.questionId]),
      [['assigned', `Vraag 1 aan u toegewezen: ${TITLE}`, `/werk/lijsten/${w.listId}#vraag-1`, w.q1.id]],
    );
    assert.match(inbox[0]!.body, /coordinator heeft vraag 1 van de lijst ".*coördinatie" aan u toegewezen/);
    assert.match(inbox[0]!.body, /Interne termijn: woensdag 29 april 2026\./);
    assert.ok(inbox[0]!.mailedAt, 'marked mailed');
    assert.deepEqual(await w.notifier.forUser(w.bram.id), []);

    assert.equal(server.mails.length, 1);
    const mail = server.mails[0]!;
    assert.deepEqual(mail.to, ['anne@example.org']);
    assert.equal(mail.from, 'noreply@vraagbaak.test');
    assert.equal(mail.user, 'vraagbaak');
    assert.equal(mail.subject, `Vraagbaak: Vraag 1 aan u toegewezen: ${TITLE}`);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.match(mail.text, /^Beste anne,\n/);
    assert.match(mail.text, /Vraag 1: Hoeveel datacenters\?/);
    assert.match(mail.text, new RegExp(`Openen: https://vraagbaak.test/werk/lijsten/${w.listId}#vraag-1`));
    assert.match(mail.text, /https:\/\/vraagbaak.test\/account/);

    // Read in the app.
    assert.equal(await w.notifier.unreadCount(w.anne.id), 1);
    assert.equal(await w.notifier.markRead(w.bram.id, [inbox[0]!.id]), 0, 'not bram’s to mark');
    assert.equal(await w.notifier.markRead(w.anne.id, [inbox[0]!.id]), 1);
    assert.equal(await w.notifier.unreadCount(w.anne.id), 0);
    assert.deepEqual(await w.notifier.forUser(w.anne.id, { unreadOnly: true }), []);
    assert.equal((await w.notifier.forUser(w.anne.id)).length, 1);
    assert.deepEqual(w.errors, []);
    await w.close();
  });
});

test('wired to the workflow: assign, return and decline tell the right people through the notice hook', async () => {
  await withServer({}, async (server) => {
    const w = await world({ port: server.port });
    // handle()'s promise resolves once the notifications are stored; the mails go out in the background.
    let stored: Promise<void>[] = [];
    const workflow = new Workflow(w.store, {
      notify: (notice) => {
        stored.push(w.notifier.handle(notice));
      },
    });
    const recorded = async () => {
      await Promise.all(stored);
      stored = [];
    };
    const to = (who: UserActor) => ({ assigneeId: who.id, directorateId: null, internalDeadline: null });
    await workflow.assign(w.coordinator, w.q1.id, to(w.anne));
    await workflow.assign(w.coordinator, w.q2.id, to(w.bram));
    await recorded();
    assert.equal((await w.notifier.forUser(w.anne.id))[0]?.kind, 'assigned');
    await w.notifier.idle();
    assert.deepEqual(server.mails.map((m) => m.to[0]).sort(), ['anne@example.org', 'bram@example.org']);

    await workflow.saveAnswer(w.anne, w.q1.id, 0, 'Twaalf.');
    await workflow.answerEvent(w.anne, w.q1.id, 'submit');
    await workflow.answerEvent(w.approver, w.q1.id, 'return', 'Noem de bron.');
    await workflow.answerEvent(w.bram, w.q2.id, 'decline', 'Hoort bij Financiën.');
    await recorded();
    await w.notifier.idle();
    const returned = (await w.notifier.forUser(w.anne.id))[0]!;
    assert.equal(returned.kind, 'returned');
    assert.match(returned.body, /Opmerking:\nNoem de bron\./);
    const declined = (await w.notifier.forUser(w.coordinator.id))[0]!;
    assert.equal(declined.kind, 'declined');
    assert.match(declined.body, /^bram heeft vraag 2 /);
    assert.equal(
      (await w.notifier.forUser(w.deputy.id))[0]?.kind,
      'declined',
      'every coordinator of the ministry',
    );
    assert.deepEqual(
      server.mails
        .slice(2)
        .map((m) => [m.to[0], m.subject])
        .sort(),
      [
        ['anne@example.org', `Vraagbaak: Antwoord op vraag 1 teruggestuurd: ${TITLE}`],
        ['coordinator@example.org', `Vraagbaak: Vraag 2 teruggegeven: ${TITLE}`],
        ['plaatsvervanger@example.org', `Vraagbaak: Vraag 2 teruggegeven: ${TITLE}`],
      ],
    );
    assert.deepEqual(w.errors, []);
    await w.close();
  });
});

test('a wrong SMTP password: the mail stays queued and the password appears nowhere', async () => {
  await withServer({ user: 'vraagbaak', password: 'juist' }, async (server) => {
    const w = await world({ port: server.port, user: 'vraagbaak', password: 'fout-wachtwoord-123' });
    await notifyAssigned(w, w.q1, w.anne);
    assert.equal(server.mails.length, 0);
    assert.ok(server.refusedLogins >= 1);
    const [n] = await w.notifier.forUser(w.anne.id);
    assert.equal(n?.mailedAt, null);
    assert.equal(n?.mailAttempts, 1);
    assert.ok(n?.mailError);
    assert.equal(w.errors.length, 1);
    for (const text of [...w.errors, n?.mailError ?? '']) assert.doesNotMatch(text, /fout-wachtwoord-123/);
    await w.close();
  });
});

test('opt-outs: no mail for a kind still shows it in the app; no in-app hides it but still mails', async () => {
  await withServer({}, async (server) => {
    const w = await world({ port: server.port });
    await w.notifier.setPreference(w.anne.id, 'assigned', { email: 'off', inApp: true });
    await w.notifier.setPreference(w.bram.id, 'assigned', { email: 'immediate', inApp: false });
    assert.deepEqual((await w.notifier.preferences(w.anne.id)).assigned, { email: 'off', inApp: true });
    assert.deepEqual(
      (await w.notifier.preferences(w.anne.id)).returned,
      { email: 'immediate', inApp: true },
      'default',
    );

    await notifyAssigned(w, w.q1, w.anne);
    assert.equal((await w.notifier.forUser(w.anne.id)).length, 1);
    assert.equal((await w.notifier.forUser(w.anne.id))[0]!.mail, null, 'not queued for mail');
    assert.equal(server.mails.length, 0);

    await notifyAssigned(w, w.q3, w.bram);
    assert.deepEqual(await w.notifier.forUser(w.bram.id), []);
    assert.equal(await w.notifier.unreadCount(w.bram.id), 0);
    assert.deepEqual(
      server.mails.map((m) => [m.to, m.subject]),
      [[['bram@example.org'], `Vraagbaak: Vraag 3 aan u toegewezen: ${TITLE}`]],
    );

    // Both off: nothing is kept at all.
    await w.notifier.setPreference(w.anne.id, 'returned', { email: 'off', inApp: false });
    const made = await w.notifier.notify('returned', [w.anne.id], {
      list: await w.list(),
      question: w.q1,
      comment: 'Noem de wet.',
    });
    assert.deepEqual(made, []);
    assert.equal((await w.notifier.forUser(w.anne.id)).length, 1);
    await w.close();
  });
});

test('reminders at the configured moments are made once, however often the run repeats', async () => {
  await withServer({}, async (server) => {
    const w = await world({ port: server.port });
    // Due Wednesday 29 April 2026 (internal deadline); Koningsdag on Monday 27 April.
    await w.assign(w.q1, w.anne);
    await w.assign(w.q2, w.anne);
    await w.assign(w.q3, w.bram);
    // Anne wants reminders at once; bram keeps the default (the digest).
    await w.notifier.setPreference(w.anne.id, 'deadline-approaching', { email: 'immediate', inApp: true });

    assert.deepEqual(await w.notifier.runReminders('2026-04-20'), [], 'six working days left');
    const first = await w.notifier.runReminders('2026-04-21');
    assert.deepEqual(
      first.map((n) => [n.userId, n.kind, n.questionId, n.moment]),
      [
        [w.anne.id, 'deadline-approaching', w.q1.id, '2026-04-29/5d'],
        [w.anne.id, 'deadline-approaching', w.q2.id, '2026-04-29/5d'],
        [w.bram.id, 'deadline-approaching', w.q3.id, '2026-04-29/5d'],
      ],
    );
    assert.match(first[0]!.subject, /^Termijn van vraag 1 verloopt over 5 werkdagen: /);
    assert.match(first[0]!.body, /op woensdag 29 april 2026/);
    assert.deepEqual(await w.notifier.runReminders('2026-04-21'), [], 'the same day again');
    assert.deepEqual(await w.notifier.runReminders('2026-04-22'), [], 'the same moment the next day');
    assert.deepEqual(await w.notifier.runReminders('2026-04-25'), [], 'a Saturday');
    // Anne's two mails went at once, once; bram's waits for the digest.
    assert.deepEqual(
      server.mails.map((m) => m.to[0]),
      ['anne@example.org', 'anne@example.org'],
    );

    const friday = await w.notifier.runReminders('2026-04-24');
    assert.deepEqual(
      friday.map((n) => n.moment),
      ['2026-04-29/2d', '2026-04-29/2d', '2026-04-29/2d'],
    );
    assert.deepEqual(
      await w.notifier.runReminders('2026-04-28'),
      [],
      'the two-day moment was made on Friday',
    );
    const dueDay = await w.notifier.runReminders('2026-04-29');
    assert.match(dueDay[0]!.subject, /^Vraag 1 moet vandaag af: /);
    assert.equal((await w.notifier.forUser(w.anne.id)).length, 6);
    assert.equal(server.mails.length, 6);

    // Bram submits: waiting for review, no more reminders to him.
    const submitted = (await w.store.workflow.questions(w.listId)).find((q) => q.id === w.q3.id)!;
    await w.workflow.saveAnswer(w.bram, submitted.id, 0, 'Volgend jaar.');
    await w.workflow.answerEvent(w.bram, submitted.id, 'submit');
    const overdue = await w.notifier.runReminders('2026-04-30');
    assert.deepEqual(
      overdue.filter((n) => n.questionId === w.q3.id).map((n) => n.userId),
      [w.coordinator.id, w.deputy.id],
      'his answer waits for review: the overdue notice goes to the coordinators only',
    );
    assert.equal((await w.notifier.forUser(w.bram.id)).length, 3);
    await w.close();
  });
});

test('overdue goes to the drafter and to every coordinator of the ministry, once', async () => {
  await withServer({}, async (server) => {
    const w = await world({ port: server.port });
    await w.assign(w.q1, w.anne);
    const made = await w.notifier.runReminders('2026-04-30');
    assert.deepEqual(
      made.map((n) => [n.userId, n.kind, n.moment]).sort(),
      [
        [w.anne.id, 'overdue', '2026-04-29/overdue'],
        [w.coordinator.id, 'overdue', '2026-04-29/overdue'],
        [w.deputy.id, 'overdue', '2026-04-29/overdue'],
      ].sort(),
    );
    assert.match(made[0]!.subject, /^Termijn van vraag 1 verstreken: /);
    assert.match(made[0]!.body, /is verstreken \(woensdag 29 april 2026\)/);
    // The unassigned questions 2 and 3 have the list's deadline (4 June): nothing for them yet.
    assert.ok(made.every((n) => n.questionId === w.q1.id));
    assert.deepEqual(await w.notifier.runReminders('2026-05-01'), []);
    assert.equal(server.mails.length, 0, 'overdue notices go in the digest by default');
    await w.close();
  });
});

test('the digest collects the unmailed notifications into one mail per person and marks them mailed', async () => {
  await withServer({}, async (server) => {
    const w = await world({ port: server.port });
    await w.assign(w.q1, w.anne);
    await w.assign(w.q2, w.anne);
    await w.assign(w.q3, w.bram);
    await w.notifier.runReminders('2026-04-30'); // overdue: anne ×2, bram, both coordinators ×3
    const list = await w.list();
    await w.notifier.notify('published', await w.notifier.workedOn(list), { list, publicationId: 'kst-1' });
    assert.equal(server.mails.length, 0);

    const result = await w.notifier.sendDigests('2026-04-30');
    assert.deepEqual(result, { sent: 5, failed: 0 });
    const byRecipient = new Map(server.mails.map((m) => [m.to.join(), m]));
    assert.deepEqual([...byRecipient.keys()].sort(), [
      'anne@example.org',
      'bram@example.org',
      'coordinator@example.org',
      'griffier@example.org',
      'plaatsvervanger@example.org',
    ]);
    assert.equal(server.mails.length, 5, 'one each');
    const anne = byRecipient.get('anne@example.org')!;
    assert.equal(anne.subject, 'Vraagbaak: overzicht van 30 april 2026 (3 meldingen)');
    assert.match(
      anne.text,
      /Termijn verstreken \(2\)\n- Termijn van vraag 1 verstreken: .*\n {2}https:\/\/vraagbaak.test\/werk\/lijsten\/\d+#vraag-1\n- Termijn van vraag 2/,
    );
    assert.match(anne.text, /Antwoorden verzonden \(1\)\n- Antwoorden verzonden: /);
    const coordinator = byRecipient.get('coordinator@example.org')!;
    assert.match(coordinator.subject, /\(4 meldingen\)/, 'three overdue questions and the publication');
    const griffier = byRecipient.get('griffier@example.org')!;
    assert.match(griffier.subject, /\(1 melding\)$/);

    for (const who of [w.anne, w.bram, w.coordinator, w.deputy, w.clerk]) {
      assert.ok(
        (await w.notifier.forUser(who.id)).every((n) => n.mailedAt !== null),
        `${who.name}'s marked mailed`,
      );
      assert.equal(await w.store.notifications.lastDigest(who.id), '2026-04-30');
    }
    assert.equal(await w.notifier.unreadCount(w.anne.id), 3, 'mailed is not read');
    // Once a day: a second run sends nothing, also when something new came in meanwhile.
    await w.notifier.notify('published', [w.anne.id], { list: await w.list() });
    assert.deepEqual(await w.notifier.sendDigests('2026-04-30'), { sent: 0, failed: 0 });
    assert.deepEqual(await w.notifier.sendDigests('2026-05-01'), { sent: 1, failed: 0 });
    assert.equal(server.mails.at(-1)?.subject, 'Vraagbaak: overzicht van 1 mei 2026 (1 melding)');
    await w.close();
  });
});

test('with the SMTP server down nothing is lost: the mail stays queued, the workflow goes on, a later run sends it', async () => {
  const port = await closedPort();
  const w = await world({ port });
  // The assignment and its notification do not fail because the mail does.
  const made = await notifyAssigned(w, w.q1, w.anne);
  assert.equal(made.length, 1);
  assert.equal((await w.list()).state, 'in-progress');
  const [queued] = await w.notifier.forUser(w.anne.id);
  assert.equal(queued?.mailedAt, null);
  assert.equal(queued?.mailAttempts, 1);
  assert.match(queued?.mailError ?? '', /ECONNREFUSED|connect/i);
  assert.equal(w.errors.length, 1);
  // The digests wait too; the first shows the server is down, so the others are not even tried.
  await w.notifier.runReminders('2026-04-30');
  assert.deepEqual(await w.notifier.sendDigests('2026-04-30'), { sent: 0, failed: 1 });
  assert.equal(w.errors.length, 2);
  assert.equal(await w.store.notifications.lastDigest(w.anne.id), null, 'the day stays open');
  assert.equal(await w.notifier.retryMail(), 0);

  const server = await startSmtpServer({ port });
  try {
    // Tried again after a back-off (a minute after the first failure), not on every call.
    assert.equal(await w.notifier.retryMail(), 0, 'still backing off');
    w.later(61_000);
    assert.equal(await w.notifier.retryMail(), 1);
    assert.deepEqual(
      server.mails.map((m) => [m.to[0], m.subject]),
      [['anne@example.org', `Vraagbaak: Vraag 1 aan u toegewezen: ${TITLE}`]],
    );
    const sent = await w.store.notifications.get(queued!.id);
    assert.ok(sent?.mailedAt);
    assert.equal(sent?.mailAttempts, 2);
    assert.equal(sent?.mailError, null);
    assert.equal(await w.notifier.retryMail(), 0, 'sent once');
    assert.deepEqual(await w.notifier.sendDigests('2026-04-30'), { sent: 3, failed: 0 });
    assert.equal(server.mails.length, 4);
  } finally {
    await server.close();
    await w.close();
  }
});

test('without SMTP settings mail is off and the app still gets everything', async () => {
  const w = await world(null);
  assert.equal(w.notifier.mailEnabled, false);
  await notifyAssigned(w, w.q1, w.anne);
  const [n] = await w.notifier.forUser(w.anne.id);
  assert.equal(n?.kind, 'assigned');
  assert.equal(n?.mail, null);
  assert.deepEqual(await w.notifier.sendDigests('2026-04-30'), { sent: 0, failed: 0 });
  await w.close();
});

test('declined goes to the coordinators; unknown and disabled accounts are skipped', async () => {
  const w = await world(null);
  const question = await w.assign(w.q1, w.anne);
  await w.store.accounts.setDisabled(w.deputy.id, true);
  const list = await w.list();
  const made = await w.notifier.notify('declined', [...(await w.notifier.coordinatorsOf(list)), 9999], {
    list,
    question,
    actor: w.anne.name,
    comment: 'Hoort bij Financiën.',
  });
  assert.deepEqual(
    made.map((n) => n.userId),
    [w.coordinator.id],
  );
  assert.equal(made[0]!.subject, `Vraag 1 teruggegeven: ${TITLE}`);
  assert.match(
    made[0]!.body,
    /anne heeft vraag 1 .* teruggegeven; wijs de vraag opnieuw toe\.\n\nReden:\nHoort bij Financiën\./,
  );
  await w.close();
});

test('mail queued for an account disabled since is dropped from the queue, not retried', async () => {
  await withServer({}, async (server) => {
    const w = await world({ port: server.port });
    await w.notifier.notify('published', [w.anne.id], { list: await w.list() });
    await w.store.accounts.setDisabled(w.anne.id, true);
    assert.deepEqual(await w.notifier.sendDigests('2026-04-30'), { sent: 0, failed: 0 });
    const [n] = await w.store.notifications.forUser(w.anne.id);
    assert.equal(n?.mail, null);
    assert.equal(n?.mailError, 'no active account');
    assert.deepEqual(await w.store.notifications.digestDue('2026-04-30', '2000-01-01', '2100-01-01'), []);
    assert.equal(server.mails.length, 0);
    await w.close();
  });
});

test('tick: from the digest hour on a working day it makes the reminders, then the digests, once', async () => {
  await withServer({}, async (server) => {
    const w = await world({ port: server.port });
    await w.assign(w.q1, w.anne);
    let now = new Date('2026-04-30T04:30:00Z'); // 06:30 in Amsterdam (summer time): before the hour
    const notifier = new Notifier(w.store, {
      mailer: createMailer(
        smtpSettings({
          host: '127.0.0.1',
          port: server.port,
          secure: false,
          user: null,
          password: null,
          from: FROM,
        }),
      ),
      digestHour: 7,
      clock: () => now,
    });
    await notifier.tick();
    assert.equal((await w.notifier.forUser(w.anne.id)).length, 0);
    now = new Date('2026-04-30T05:05:00Z'); // 07:05
    await notifier.tick();
    assert.equal((await w.notifier.forUser(w.anne.id)).length, 1);
    assert.deepEqual(server.mails.map((m) => m.to[0]).sort(), [
      'anne@example.org',
      'coordinator@example.org',
      'plaatsvervanger@example.org',
    ]);
    now = new Date('2026-04-30T09:00:00Z');
    await notifier.tick();
    assert.equal(server.mails.length, 3, 'once a day');
    // Saturday 2 May: nothing is made or sent.
    now = new Date('2026-05-02T08:00:00Z');
    await notifier.tick();
    assert.equal(server.mails.length, 3);
    notifier.close();
    await w.close();
  });
});

test('settings from the environment: e-mail off without a host, errors name the variable, the password stays hidden', () => {
  const off = notifySettings({});
  assert.equal(off.smtp, null);
  assert.deepEqual(off.reminderDays, [5, 2, 0]);
  assert.equal(off.digestHour, 7);
  assert.match(describeSmtp(off.smtp), /e-mail off/);

  const on = notifySettings({
    VRAAGBAAK_SMTP_HOST: 'smtp.example.org',
    VRAAGBAAK_SMTP_USER: 'vraagbaak',
    VRAAGBAAK_SMTP_PASSWORD: 's3cret!',
    VRAAGBAAK_MAIL_FROM: 'Vraagbaak <noreply@example.org>',
    VRAAGBAAK_REMINDER_DAYS: '0, 10,3',
    VRAAGBAAK_PUBLIC_URL: 'https://vraagbaak.example.org',
  });
  assert.deepEqual(
    { ...on.smtp },
    {
      host: 'smtp.example.org',
      port: 587,
      secure: false,
      requireTLS: true,
      user: 'vraagbaak',
      from: 'Vraagbaak <noreply@example.org>',
    },
  );
  assert.equal(on.smtp?.password, 's3cret!');
  assert.deepEqual(on.reminderDays, [10, 3, 0]);
  for (const shown of [JSON.stringify(on), inspect(on, { depth: 5 }), describeSmtp(on.smtp)]) {
    assert.doesNotMatch(shown, /s3cret/);
  }
  assert.equal(
    notifySettings({ VRAAGBAAK_SMTP_HOST: 'mail', VRAAGBAAK_SMTP_PORT: '465', VRAAGBAAK_MAIL_FROM: 'a@b.nl' })
      .smtp?.secure,
    true,
  );
  assert.deepEqual(notifySettings({ VRAAGBAAK_REMINDER_DAYS: 'none' }).reminderDays, []);

  const fails = (env: Record<string, string>, pattern: RegExp) =>
    assert.throws(
      () => notifySettings(env),
      (e: unknown) => e instanceof ConfigError && pattern.test(e.message),
    );
  const host = { VRAAGBAAK_SMTP_HOST: 'smtp.example.org', VRAAGBAAK_MAIL_FROM: 'noreply@example.org' };
  fails({ ...host, VRAAGBAAK_SMTP_PORT: 'abc' }, /^VRAAGBAAK_SMTP_PORT must be a port number .*'abc'/);
  fails({ ...host, VRAAGBAAK_SMTP_PORT: '70000' }, /^VRAAGBAAK_SMTP_PORT must be a port number/);
  fails({ ...host, VRAAGBAAK_SMTP_SECURE: 'misschien' }, /^VRAAGBAAK_SMTP_SECURE must be true or false/);
  fails({ ...host, VRAAGBAAK_REMINDER_DAYS: '5;2' }, /^VRAAGBAAK_REMINDER_DAYS must be working days/);
  fails({ ...host, VRAAGBAAK_MAIL_FROM: 'niet een adres' }, /^VRAAGBAAK_MAIL_FROM must be an address/);
  fails({ ...host, VRAAGBAAK_DIGEST_HOUR: '24' }, /^VRAAGBAAK_DIGEST_HOUR must be an hour/);
  fails({ VRAAGBAAK_SMTP_HOST: 'smtp.example.org' }, /VRAAGBAAK_MAIL_FROM is required/);
  fails({ ...host, VRAAGBAAK_SMTP_USER: 'x' }, /VRAAGBAAK_SMTP_USER and VRAAGBAAK_SMTP_PASSWORD go together/);
  fails({ ...host, VRAAGBAAK_SMTP_HOST: 'bad host!' }, /^VRAAGBAAK_SMTP_HOST must be a host name/);
  // A loopback relay may take a password without TLS (a local relay, these tests).
  assert.equal(
    smtpSettings({ host: '127.0.0.1', port: 25, secure: false, user: 'u', password: 'p', from: 'a@b.nl' })
      .requireTLS,
    false,
  );
});
