// A question list's whole life in a real browser (Debian's Chromium through playwright-core), each person
// signing in through the login page in turn: a clerk composes a list of three questions on an annual
// report and sends it; the coordinator assigns two to one drafter and one to another; the first drafter
// finds question 24 of Kamerstuk 36 360 VI, nr. 12 under "Eerder gesteld" and takes over a passage, and
// meets a version saved in between (the merge view); a review returns one answer, the drafter fixes it;
// all are approved; the letter is assembled, approved and sent. Before that an anonymous visitor finds
// nothing of it; after, the new answers are found by search, and the publication's text reads back into
// the same tree. On the way: the clerk changes the draft's particulars while someone else does too (the
// 409 reloads the list); the drafter is told of her assignments by the unread count in the header, opens
// the notifications page, follows one to its question in the list (the count goes down) and changes what
// reaches her how on the account page; the approver's queue comes from the desk, and the approver edits
// an answer under review before approving it. axe on every new page (no serious or critical violation);
// screenshots in test-results/screenshots/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { build } from 'vite';
import type { Role } from '../../src/auth/actor.js';
import { hashPassword } from '../../src/auth/passwords.js';
import type { Publication } from '../../src/model/publication.js';
import { readPublication } from '../../src/read/index.js';
import { comparable, words } from '../helpers/read.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const MISSING = 'Chromium is missing: apt-get install chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const PASSWORD = 'een lang genoeg wachtwoord voor de werkstroom';

/** Question 24 of the sample publication: its answer's first sentence is the passage taken over. */
const PASSAGE =
  'De omvang en het gebruik van verschillende koeltechnieken is bepalend voor het watergebruik van een datacenter.';
const QUESTIONS = [
  'Hoeveel water gebruikt een gemiddeld datacenter van de rijksoverheid per jaar?',
  'Waarom is het budget voor de Digitale Overheid in 2025 onderschreden?',
  'Wanneer ontvangt de Kamer de evaluatie van de cloudstrategie?',
];

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) {
  test('the workflow browser test has a browser', () => {
    assert.fail(MISSING);
  });
}

/** A date `days` from today, as YYYY-MM-DD. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('a question list from the clerk to the archive, in a browser', {
  skip: hasChromium ? false : MISSING,
  timeout: 240_000,
}, () => {
  let webRoot: string;
  let profile: string;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const people = {
    griffier: { email: 'griffier@example.org', name: 'Greet Griffier' },
    coordinator: { email: 'coordinator@example.org', name: 'Cor Coördinator' },
    anne: { email: 'anne@example.org', name: 'Anne Opsteller' },
    bram: { email: 'bram@example.org', name: 'Bram Opsteller' },
    directeur: { email: 'directeur@example.org', name: 'Dirk Directeur' },
  };
  let listUrl = '';
  let publicationId = '';
  const questionIds: number[] = [];

  before(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'vraagbaak-web-'));
    await build({
      configFile: join(ROOT, 'web', 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: webRoot, emptyOutDir: true, sourcemap: false },
    });
    server = await startTestServer({ webRoot });
    const a = server.store.accounts;
    const committee = await a.addOrganisation({
      name: 'vaste commissie voor Digitale Zaken',
      kind: 'committee',
    });
    const ministry = await a.addOrganisation({
      name: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
      kind: 'ministry',
    });
    const digital = await a.addOrganisation({
      name: 'DG Digitale Overheid',
      kind: 'directorate',
      parentId: ministry,
    });
    const organisation = await a.addOrganisation({
      name: 'DG Overheidsorganisatie',
      kind: 'directorate',
      parentId: ministry,
    });
    const passwordHash = await hashPassword(PASSWORD);
    const roles: Record<keyof typeof people, [number, Role]> = {
      griffier: [committee, 'clerk'],
      coordinator: [ministry, 'coordinator'],
      anne: [digital, 'drafter'],
      bram: [organisation, 'drafter'],
      directeur: [ministry, 'approver'],
    };
    for (const [key, person] of Object.entries(people) as Array<
      [keyof typeof people, { email: string; name: string }]
    >) {
      const id = await a.addUser({ email: person.email, name: person.name, passwordHash, admin: false });
      await a.addMembership(id, roles[key][0], roles[key][1]);
    }
    profile = mkdtempSync(join(tmpdir(), 'pw-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** axe on the page as it is now: no serious or critical violation; then a screenshot. */
  async function check(name: string): Promise<void> {
    // Only the violations' nodes in full: the passes are not needed, and axe is the slow part of a check.
    const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      [],
      `axe on ${name}`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** At phone width: no sideways scrolling of the page, axe still clean, and a screenshot. */
  async function phone(name: string): Promise<void> {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.evaluate(
        'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
      );
      const fits = await page.evaluate<boolean>(
        'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
      );
      assert.ok(fits, `${name} scrolls sideways at 375 px`);
      await check(`${name}-phone`);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  const header = () => page.locator('header.vb-header');
  const nav = () => page.getByRole('navigation', { name: 'Hoofdmenu' });
  const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
  const main = () => page.locator('main');

  /** Signs in through the login page and lands on /werk (or `back`). */
  async function signInAs(who: keyof typeof people, back = '/werk'): Promise<void> {
    await page.goto(`${server.url}/inloggen?terug=${back}`);
    await page.getByLabel('E-mailadres').fill(people[who].email);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === back);
    await header().getByRole('link', { name: people[who].name }).waitFor();
  }

  async function signOut(): Promise<void> {
    await header().getByRole('button', { name: 'Uitloggen' }).click();
    await header().getByRole('link', { name: 'Inloggen' }).waitFor();
  }

  /** The signed-in session's CSRF token, for requests made beside the page (as from a second tab). */
  async function csrfToken(): Promise<string> {
    const session = (await (await page.request.get(`${server.url}/api/v1/sessions/current`)).json()) as {
      csrfToken: string;
    };
    return session.csrfToken;
  }

  async function getJson<T>(path: string): Promise<T> {
    const response = await page.request.get(`${server.url}${path}`);
    assert.equal(response.status(), 200, path);
    return (await response.json()) as T;
  }

  /** The answer editor of the list's question `n` (1-based). */
  async function openQuestion(n: number): Promise<void> {
    await page.goto(`${server.url}/werk/vragen/${questionIds[n - 1]}`);
    await page.locator('h1', { hasText: `Vraag ${n}` }).waitFor();
    await page.locator('#question-heading').waitFor();
  }

  /** What an anonymous request finds for a word (no cookie: node's fetch). */
  async function anonymousHits(q: string): Promise<Array<[string, number | null]>> {
    const response = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent(q)}`);
    const body = (await response.json()) as {
      results: Array<{ publication: { id: string }; question: number | null }>;
    };
    return body.results.map((r) => [r.publication.id, r.question]);
  }

  test('the clerk makes a list of three questions on an annual report, and sends it', async () => {
    await signInAs('griffier');
    await page.locator('h1', { hasText: 'Werk' }).waitFor();
    assert.equal(await nav().getByRole('link', { name: 'Werk' }).getAttribute('aria-current'), 'page');
    await page.getByText('U werkt nog aan geen vragenlijsten.').waitFor();
    await check('work-clerk-empty');

    await page.getByRole('link', { name: 'Nieuwe vragenlijst' }).click();
    await page.waitForURL('**/werk/lijsten/nieuw');
    await page.locator('h1', { hasText: 'Nieuwe vragenlijst' }).waitFor();
    await page.getByLabel('Ministerie').locator('option', { hasText: 'Binnenlandse Zaken' }).waitFor({
      state: 'attached',
    });
    assert.equal(
      await page.getByLabel('Commissie').locator('option:checked').textContent(),
      'vaste commissie voor Digitale Zaken',
    );
    await page
      .getByLabel('Ministerie')
      .selectOption({ label: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties' });
    await page.getByLabel('Titel').fill('Jaarverslag en slotwet Binnenlandse Zaken 2025');
    await page.getByLabel('Gericht aan').fill('Minister van Binnenlandse Zaken en Koninkrijksrelaties');
    await page.getByLabel('Stukken waarover vragen worden gesteld').fill('kst-36360-VI-1 kst-36360-VI-12');
    await page.getByLabel('Reikwijdte').fill('het jaarverslag 2025 en de digitale overheid');
    await page.getByLabel('Termijn').fill(inDays(28));
    await check('work-new-list');
    await page.getByRole('button', { name: 'Vragenlijst maken' }).click();
    await page.waitForURL(/\/werk\/lijsten\/\d+$/);
    listUrl = new URL(page.url()).pathname;
    await page.locator('h1', { hasText: 'Jaarverslag en slotwet Binnenlandse Zaken 2025' }).waitFor();
    await main().locator('.utrecht-status-badge', { hasText: 'Concept' }).first().waitFor();
    // The documents asked about: the one in the archive links to its publication.
    await main()
      .getByRole('link', { name: /kst-36360-VI-12/ })
      .waitFor();
    assert.equal(
      await main()
        .getByRole('link', { name: /kst-36360-VI-12/ })
        .getAttribute('href'),
      '/publicaties/kst-36360-VI-12',
    );
    await page.getByText('(niet in het archief)').waitFor();
    // Every page under /werk is in the Werk part of the menu.
    assert.equal(await nav().getByRole('link', { name: 'Werk' }).getAttribute('aria-current'), 'true');

    // Two questions pasted under a heading, the third added on its own under another.
    await page.getByLabel('Geplakte vragen').fill(`Jaarverslag\n\n1. ${QUESTIONS[0]}\n2. ${QUESTIONS[1]}`);
    await page.getByRole('button', { name: 'Vragen toevoegen' }).click();
    await status('2 vragen zijn toegevoegd.').waitFor();
    const addForm = page.locator('form', { has: page.getByRole('button', { name: 'Vraag toevoegen' }) });
    await addForm.getByLabel('Vraag', { exact: true }).fill('Wanneer ontvangt de Kamer de evaluatie?');
    await addForm.getByLabel('Kopje').fill('Slotwet');
    await page.getByRole('button', { name: 'Vraag toevoegen' }).click();
    await status('Vraag 3 is toegevoegd.').waitFor();
    // The third question edited, moved up and back down.
    await page.getByRole('button', { name: 'Vraag 3 wijzigen' }).click();
    const editForm = page.getByRole('form', { name: 'Vraag 3 wijzigen' });
    await editForm.getByLabel('Vraag', { exact: true }).fill(QUESTIONS[2]!);
    await editForm.getByRole('button', { name: 'Opslaan' }).click();
    await status('Vraag 3 is gewijzigd.').waitFor();
    await page.getByRole('button', { name: 'Vraag 3 een plaats omhoog' }).click();
    await status('Vraag 3 is nu vraag 2.').waitFor();
    await page.getByRole('button', { name: 'Vraag 3 een plaats omlaag' }).waitFor();
    assert.match(
      (await page.locator('tbody tr', { hasText: 'Vraag 2' }).first().textContent()) ?? '',
      /cloudstrategie/,
    );
    await page.getByRole('button', { name: 'Vraag 2 een plaats omlaag' }).click();
    await status('Vraag 2 is nu vraag 3.').waitFor();
    const rows = page.locator('table.vb-work-table tbody tr:not(.vb-section-row)');
    assert.deepEqual(
      (await rows.allTextContents()).map((r) => QUESTIONS.findIndex((q) => r.includes(q)) + 1),
      [1, 2, 3],
    );
    assert.deepEqual(await page.locator('.vb-section-row').allTextContents(), ['Jaarverslag', 'Slotwet']);

    // The particulars changed while someone else changes the scope (as from a second tab): the 409
    // reloads the list; the field she did not touch takes their scope, her deadline stays; saved again.
    // (axe and the screenshots of the draft with the form open and its conflict said.)
    const listPath = `/api/v1/question-lists/${listUrl.split('/').pop()}`;
    await page.getByRole('button', { name: 'Gegevens wijzigen' }).click();
    const particulars = page.getByRole('form', { name: 'Gegevens wijzigen' });
    await particulars.getByLabel('Termijn').fill(inDays(35));
    const theirScope = 'het jaarverslag 2025, de slotwet en de digitale overheid';
    const before = await getJson<{ version: number }>(listPath);
    const theirs = await page.request.patch(`${server.url}${listPath}`, {
      data: { version: before.version, scope: theirScope },
      headers: { 'X-CSRF-Token': await csrfToken() },
    });
    assert.equal(theirs.status(), 200);
    await particulars.getByRole('button', { name: 'Opslaan' }).click();
    const conflict = particulars.locator('.utrecht-alert', {
      hasText: 'Iemand anders heeft de gegevens intussen gewijzigd',
    });
    await conflict.waitFor();
    assert.match((await conflict.textContent()) ?? '', /Gewijzigd: Reikwijdte\./);
    await main().locator('.vb-import-data', { hasText: theirScope }).waitFor();
    assert.equal(await particulars.getByLabel('Reikwijdte').inputValue(), theirScope);
    assert.equal(await particulars.getByLabel('Termijn').inputValue(), inDays(35));
    await check('work-list-draft');
    await phone('work-list-draft');
    await particulars.getByRole('button', { name: 'Opslaan' }).click();
    await status('De gegevens zijn gewijzigd.').waitFor();
    const after = await getJson<{ scope: string; deadline: string; version: number }>(listPath);
    assert.deepEqual(
      [after.scope, after.deadline, after.version],
      [theirScope, inDays(35), before.version + 2],
    );

    await page.getByRole('button', { name: 'Versturen naar het ministerie' }).click();
    await status('De vragenlijst is verstuurd naar het ministerie.').waitFor();
    await main().locator('.utrecht-status-badge', { hasText: 'Verstuurd' }).first().waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Vraag toevoegen' }).count(),
      0,
      'sent: no more editing',
    );
    for (const href of await rows
      .locator('th a')
      .evaluateAll((links) => links.map((l) => l.getAttribute('href')))) {
      questionIds.push(Number(/\/werk\/vragen\/(\d+)$/.exec(href ?? '')?.[1]));
    }
    assert.equal(questionIds.length, 3);
    await signOut();
  });

  test('the coordinator assigns two questions to one drafter and one to another', async () => {
    await signInAs('coordinator');
    await page.locator('h2', { hasText: 'Open vragen van het ministerie' }).waitFor();
    const desk = page.locator('table', {
      has: page.locator('caption', { hasText: 'Open vragen van het ministerie' }),
    });
    assert.equal(await desk.locator('tbody tr').count(), 3);
    await desk.locator('.utrecht-status-badge', { hasText: 'Niet toegewezen' }).first().waitFor();
    await check('work-coordinator');
    // The same page in English, and back.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('h2', { hasText: "The ministry's open questions" }).waitFor();
    assert.equal(await page.locator('h1').textContent(), 'Work');
    await page.locator('main .utrecht-status-badge', { hasText: 'Unassigned' }).first().waitFor();
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.locator('h2', { hasText: 'Open vragen van het ministerie' }).waitFor();

    await page.getByRole('link', { name: 'Jaarverslag en slotwet Binnenlandse Zaken 2025' }).first().click();
    await page.waitForURL(`**${listUrl}`);
    await page
      .getByLabel('Opsteller')
      .locator('option', { hasText: 'Anne Opsteller' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Vraag 1 kiezen').check();
    await page.getByLabel('Vraag 2 kiezen').check();
    await page.getByText('2 vragen gekozen.').first().waitFor();
    await page.getByLabel('Opsteller').selectOption({ label: 'Anne Opsteller (DG Digitale Overheid)' });
    await page.getByLabel('Interne termijn').fill(inDays(14));
    await page.getByRole('button', { name: 'Toewijzen' }).click();
    await status('2 vragen zijn toegewezen aan Anne Opsteller.').waitFor();
    await page.getByLabel('Vraag 3 kiezen').check();
    await page.getByLabel('Opsteller').selectOption({ label: 'Bram Opsteller (DG Overheidsorganisatie)' });
    await page.getByRole('button', { name: 'Toewijzen' }).click();
    await status('1 vraag is toegewezen aan Bram Opsteller.').waitFor();
    const holders = await page
      .locator('table.vb-work-table tbody tr:not(.vb-section-row) td:nth-child(5)')
      .allTextContents();
    assert.deepEqual(
      holders.map((h) => h.replace(/DG.*/, '')),
      ['Anne Opsteller', 'Anne Opsteller', 'Bram Opsteller'],
    );
    await main().locator('.utrecht-status-badge', { hasText: 'In behandeling' }).first().waitFor();
    // Postponing is offered because the list's events say so.
    await page.getByRole('button', { name: 'Uitstel melden' }).waitFor();
    await check('work-list-coordinator');
    await phone('work-list-coordinator');
    await signOut();
  });

  test('the first drafter is told: the unread count in the header, the notifications page, her choices on the account page, the link to her question', async () => {
    await signInAs('anne');
    const desk = page.locator('table', { has: page.locator('caption', { hasText: 'Mijn vragen' }) });
    await desk.waitFor();
    assert.equal(await desk.locator('tbody tr').count(), 2, 'two questions on her desk');
    await desk
      .locator('.utrecht-status-badge', { hasText: /Op tijd|Binnenkort|Vandaag/ })
      .first()
      .waitFor();
    await check('work-drafter');

    // Two questions assigned, two notifications: the count is in the link's text.
    const notifications = header().getByRole('link', { name: 'Meldingen 2 ongelezen' });
    await notifications.click();
    await page.waitForURL('**/werk/meldingen');
    await page.locator('h1', { hasText: 'Meldingen' }).waitFor();
    assert.equal(await notifications.getAttribute('aria-current'), 'page');
    assert.equal(await nav().getByRole('link', { name: 'Werk' }).getAttribute('aria-current'), 'true');
    const items = main().locator('.vb-notification');
    await items.nth(1).waitFor();
    assert.equal(await items.count(), 2);
    // Newest first (question 2 was assigned after question 1), unread said in words.
    assert.match(
      (await items.nth(0).locator('h2').textContent()) ?? '',
      /^Ongelezen Vraag 2 aan u toegewezen/,
    );
    assert.match(
      (await items.nth(1).locator('h2').textContent()) ?? '',
      /^Ongelezen Vraag 1 aan u toegewezen/,
    );
    assert.match(
      (await items.nth(1).textContent()) ?? '',
      /Cor Coördinator heeft vraag 1 van de lijst "Jaarverslag en slotwet Binnenlandse Zaken 2025" aan u toegewezen/,
    );
    await main().getByText('2 ongelezen meldingen.').waitFor();
    await check('work-notifications');
    await phone('work-notifications');

    // What reaches her how, chosen on the account page and read back from the API.
    await main().getByRole('link', { name: 'Kiezen welke meldingen u krijgt, en hoe' }).click();
    await page.waitForURL('**/account#meldingen');
    const published = page.getByRole('group', { name: 'Antwoorden verzonden' });
    await published.waitFor();
    await page.getByText('Deze server verstuurt geen e-mail').waitFor();
    assert.ok(await published.getByRole('radio', { name: 'Dagelijks overzicht' }).isChecked(), 'the default');
    await published.getByRole('radio', { name: 'Niet', exact: true }).check();
    await page
      .getByRole('group', { name: 'Termijn nadert' })
      .getByRole('checkbox', { name: 'In de app tonen' })
      .uncheck();
    await page.getByRole('button', { name: 'Keuzes opslaan' }).click();
    await status('Uw keuzes voor meldingen zijn opgeslagen.').waitFor();
    const preferences = await getJson<{
      items: Array<{ kind: string; email: string; inApp: boolean }>;
      mail: boolean;
    }>('/api/v1/notification-preferences');
    assert.equal(preferences.mail, false);
    assert.deepEqual(
      preferences.items.map((p) => `${p.kind} ${p.email} ${p.inApp ? 'app' : '-'}`),
      [
        'assigned immediate app',
        'returned immediate app',
        'declined immediate app',
        'deadline-approaching daily -',
        'overdue daily app',
        'published off app',
      ],
    );
    await check('account-notifications');

    // Back to the notifications: the first assignment's link goes to her question in the list; it is
    // read now, and the count goes down.
    await page.goBack();
    await page.waitForURL('**/werk/meldingen');
    await main()
      .getByRole('link', { name: /^Vraag 1 aan u toegewezen/ })
      .click();
    await page.waitForURL(`**${listUrl}#vraag-1`);
    await header().getByRole('link', { name: 'Meldingen 1 ongelezen' }).waitFor();
    const row = page.locator('#vraag-1');
    assert.match((await row.getAttribute('class')) ?? '', /vb-row--target/);
    await page.waitForFunction(
      "() => document.activeElement?.getAttribute('aria-label') === 'Vraag 1 openen'",
    );
    const unread = await getJson<{ items: Array<{ subject: string }>; unread: number }>(
      '/api/v1/notifications?unread=true',
    );
    assert.equal(unread.unread, 1);
    assert.match(unread.items[0]?.subject ?? '', /^Vraag 2 aan u toegewezen/);
  });

  test('the first drafter takes over a passage of question 24 from "Eerder gesteld", and merges a version saved in between', async () => {
    await page.locator('#vraag-1').getByRole('link', { name: 'Vraag 1 openen' }).click();
    await page.waitForURL(`**/werk/vragen/${questionIds[0]}`);
    await page.locator('h2', { hasText: 'Eerder gesteld' }).waitFor();
    // Question 24 of the sample publication is among the earlier similar ones.
    const earlier = page
      .locator('.vb-similar .vb-result', { hasText: 'Kamerstuk 36 360 VI, nr. 12' })
      .filter({
        has: page.getByRole('link', { name: /^Vraag 24:/ }),
      });
    await earlier.waitFor();
    assert.match((await earlier.locator('.vb-result__answer').textContent()) ?? '', /koeltechnieken/);
    const editor = page.getByLabel('Uw antwoord');
    await editor.fill('Het watergebruik van de eigen datacenters wordt vanaf 2026 per locatie gemeten.');
    await page
      .getByRole('button', { name: 'Passage overnemen: vraag 24 van Kamerstuk 36 360 VI, nr. 12' })
      .click();
    await status('De passage staat nu in uw antwoord.').waitFor();
    assert.ok((await editor.inputValue()).includes(PASSAGE), 'the passage is in the editor');
    // The whole first paragraph, not only what the opening shows.
    assert.ok(
      (await editor.inputValue()).includes('minder dan 0,05% van het totale watergebruik'),
      'the whole first paragraph is in the editor',
    );
    await page
      .getByRole('button', { name: 'Verwijzing invoegen: vraag 24 van Kamerstuk 36 360 VI, nr. 12' })
      .click();
    assert.ok(
      (await editor.inputValue()).includes(
        'Zie ook het antwoord op vraag 24 van Kamerstuk 36 360 VI, nr. 12.',
      ),
      'the cross-reference is in the editor',
    );
    // Another paragraph of a whole earlier answer: the second of question 1 of Aanhangsel 1028.
    const appendix = page
      .locator('.vb-similar .vb-result', { hasText: 'Aanhangsel van de Handelingen 2024-2025, nr. 1028' })
      .filter({ has: page.getByRole('link', { name: /^Vraag 1:/ }) });
    await appendix.locator('summary', { hasText: 'Het hele antwoord (2 alinea’s)' }).click();
    await appendix.getByRole('button', { name: /^Alinea 2 overnemen: vraag 1 van Aanhangsel/ }).click();
    assert.ok(
      (await editor.inputValue()).endsWith(
        'de apparaatsuitgaven structureel met circa 1 mld. worden verminderd.',
      ),
      'the second paragraph is in the editor',
    );
    await page.getByRole('button', { name: 'Antwoord opslaan' }).click();
    await status('Versie 1 is opgeslagen.').waitFor();
    const saved = (await (
      await page.request.get(`${server.url}/api/v1/list-questions/${questionIds[0]}`)
    ).json()) as {
      question: { answer: string; answerVersion: number };
    };
    assert.equal(saved.question.answerVersion, 1);
    assert.ok(saved.question.answer.includes(PASSAGE), 'the saved answer holds the passage');
    await check('work-answer');
    await phone('work-answer');
    await page.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    await status('Het antwoord is ingediend ter beoordeling.').waitFor();
    await main().locator('.utrecht-status-badge', { hasText: 'Ingediend' }).first().waitFor();
    assert.equal(await page.getByLabel('Uw antwoord').count(), 0, 'submitted: the editor is closed');

    // Question 2: a first version, then another saved in between (as from a second tab), then hers.
    await openQuestion(2);
    await editor.fill('Projecten zijn vertraagd.');
    await page.getByRole('button', { name: 'Antwoord opslaan' }).click();
    await status('Versie 1 is opgeslagen.').waitFor();
    const between = await page.request.put(`${server.url}/api/v1/list-questions/${questionIds[1]}/answer`, {
      data: { baseVersion: 1, text: 'Projecten zijn vertraagd door de aanbesteding.' },
      headers: { 'X-CSRF-Token': await csrfToken() },
    });
    assert.equal(between.status(), 200);
    await editor.fill('Projecten zijn vertraagd.\n\nHet restant schuift door naar 2026.');
    await page.getByRole('button', { name: 'Antwoord opslaan' }).click();
    const merge = page.locator('.vb-conflict');
    await merge.locator('h3', { hasText: 'Intussen is een andere versie opgeslagen' }).waitFor();
    assert.match((await merge.textContent()) ?? '', /Anne Opsteller heeft versie 2 opgeslagen/);
    assert.match((await merge.textContent()) ?? '', /door de aanbesteding/);
    assert.ok((await merge.locator('ins').count()) > 0, 'the differences are marked');
    await check('work-answer-merge');
    await merge.getByRole('button', { name: 'Mijn tekst houden' }).click();
    await merge.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Antwoord opslaan' }).click();
    await status('Versie 3 is opgeslagen.').waitFor();
    // The versions and the differences between the last two.
    const versions = page.locator('section', { has: page.locator('#versions-heading') });
    await versions.locator('tbody tr').nth(2).waitFor();
    assert.equal(await versions.locator('tbody tr').count(), 3);
    assert.equal(await versions.getByLabel('Van versie').inputValue(), '2');
    assert.equal(await versions.getByLabel('Naar versie').inputValue(), '3');
    assert.match((await versions.locator('.vb-diff del').first().textContent()) ?? '', /aanbesteding/);
    assert.match((await versions.locator('.vb-diff ins').allTextContents()).join(' '), /restant/);
    await versions.getByLabel('Van versie').selectOption('1');
    assert.doesNotMatch((await versions.locator('.vb-diff').textContent()) ?? '', /aanbesteding/);
    await page.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    await status('Het antwoord is ingediend ter beoordeling.').waitFor();
    await signOut();
  });

  test('the second drafter answers and submits in one go', async () => {
    await signInAs('bram');
    const desk = page.locator('table', { has: page.locator('caption', { hasText: 'Mijn vragen' }) });
    await desk.waitFor();
    assert.equal(await desk.locator('tbody tr').count(), 1);
    await desk.getByRole('link', { name: 'Vraag 3' }).click();
    await page
      .getByLabel('Uw antwoord')
      .fill('De evaluatie van de cloudstrategie volgt voor het zomerreces.');
    // Submitting unsaved text saves it first.
    await page.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    await status('Het antwoord is ingediend ter beoordeling.').waitFor();
    await signOut();
  });

  test('the approver returns one answer with a comment, edits one and approves the others', async () => {
    // The queue comes from the desk, not from fetching every list.
    const asked: string[] = [];
    const listen = (request: Request) => {
      asked.push(new URL(request.url()).pathname);
    };
    page.on('request', listen);
    await signInAs('directeur');
    const queue = page.locator('table', {
      has: page.locator('caption', { hasText: 'Ingediende antwoorden' }),
    });
    await queue.waitFor();
    page.off('request', listen);
    assert.equal(await queue.locator('tbody tr').count(), 3, 'three answers to review');
    assert.ok(asked.includes('/api/v1/desk'), 'the desk is asked');
    assert.deepEqual(
      asked.filter((p) => /^\/api\/v1\/question-lists\/\d+$/.test(p)),
      [],
      'no list is fetched for the queue',
    );
    await check('work-approver');

    await queue.getByRole('link', { name: 'Vraag 2' }).click();
    await page.waitForURL(`**/werk/vragen/${questionIds[1]}`);
    // Without a comment the form is not sent (the field is required).
    await page.getByRole('button', { name: 'Terugsturen', exact: true }).click();
    assert.equal(await page.locator('textarea:invalid').count(), 1, 'the comment is required');
    await page.getByLabel('Opmerking').fill('Noem het bedrag dat onbesteed bleef.');
    await check('work-review');
    await page.getByRole('button', { name: 'Terugsturen', exact: true }).click();
    await status('Het antwoord is teruggestuurd naar de opsteller.').waitFor();
    await main().locator('.utrecht-status-badge', { hasText: 'Teruggestuurd' }).first().waitFor();

    await openQuestion(1);
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await status('Het antwoord is goedgekeurd.').waitFor();
    // The approver edits the answer under review; approving saves the edit first (a new version).
    await openQuestion(3);
    const review = page.getByLabel('Het antwoord ter beoordeling');
    await review.fill(`${await review.inputValue()} De Kamer ontvangt haar uiterlijk in juni.`);
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await status('Het antwoord is goedgekeurd.').waitFor();
    const third = await getJson<{ question: { state: string; answer: string; answerVersion: number } }>(
      `/api/v1/list-questions/${questionIds[2]}`,
    );
    assert.deepEqual(
      [third.question.state, third.question.answerVersion],
      ['approved', 2],
      'approved as edited: version 2',
    );
    assert.match(third.question.answer, /voor het zomerreces\. De Kamer ontvangt haar uiterlijk in juni\.$/);
    await signOut();
  });

  test('the drafter sees the comment, fixes the answer, and it is approved', async () => {
    await signInAs('anne');
    const desk = page.locator('table', { has: page.locator('caption', { hasText: 'Mijn vragen' }) });
    await desk.locator('.utrecht-status-badge', { hasText: 'Teruggestuurd' }).waitFor();
    await desk.getByRole('link', { name: 'Vraag 2' }).click();
    await page.locator('.utrecht-alert', { hasText: 'Noem het bedrag dat onbesteed bleef.' }).waitFor();
    assert.match(
      (await page.locator('.utrecht-alert').textContent()) ?? '',
      /Teruggestuurd met deze opmerking/,
    );
    await page
      .getByLabel('Uw antwoord')
      .fill('Projecten zijn vertraagd; € 12 miljoen bleef onbesteed.\n\nHet restant schuift door naar 2026.');
    await page.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    await status('Het antwoord is ingediend ter beoordeling.').waitFor();
    await signOut();

    await signInAs('directeur');
    await openQuestion(2);
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await status('Het antwoord is goedgekeurd.').waitFor();
    await page.goto(`${server.url}/werk`);
    await page.getByText('Er wacht niets op uw beoordeling.').waitFor();
    await signOut();
  });

  test('the coordinator assembles the letter, the approver approves it; an anonymous visitor finds nothing yet', async () => {
    await signInAs('coordinator', listUrl);
    await main().locator('.utrecht-status-badge', { hasText: 'Antwoorden goedgekeurd' }).first().waitFor();
    await page.getByRole('button', { name: 'Brief samenstellen' }).click();
    await status('De brief is samengesteld.').waitFor();
    await page.locator('summary', { hasText: 'Voorbeeld van de brief (tekst)' }).click();
    const preview = page.locator('pre.vb-letter__text');
    await preview.waitFor();
    assert.match((await preview.textContent()) ?? '', /onbesteed/);
    const docx = await page.request.get(
      `${server.url}${await page.getByRole('link', { name: 'Brief als Word (DOCX)' }).getAttribute('href')}`,
    );
    assert.equal(docx.status(), 200);
    assert.match(docx.headers()['content-type'] ?? '', /wordprocessingml/);
    const pdf = await page.request.get(
      `${server.url}${await page.getByRole('link', { name: 'Brief als PDF' }).getAttribute('href')}`,
    );
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await check('work-list-letter');
    await signOut();

    await signInAs('directeur');
    const letters = page.locator('table', {
      has: page.locator('caption', { hasText: 'Brieven ter goedkeuring' }),
    });
    await letters.getByRole('link', { name: 'Jaarverslag en slotwet Binnenlandse Zaken 2025' }).click();
    await page.getByRole('button', { name: 'Brief goedkeuren' }).click();
    await status('De brief is goedgekeurd.').waitFor();
    await signOut();

    // Nothing of it is public yet.
    await page.goto(`${server.url}/zoeken?q=onbesteed`);
    await page.locator('.vb-search-summary', { hasText: 'Geen resultaten' }).waitFor();
    assert.deepEqual(await anonymousHits('onbesteed'), []);
    assert.deepEqual(await anonymousHits('"evaluatie van de cloudstrategie"'), []);
    assert.equal((await fetch(`${server.url}/api/v1/publications/kst-36360-VI-13`)).status, 404);
  });

  test('the coordinator sends the letter: the answers are published', async () => {
    await signInAs('coordinator', listUrl);
    await page.getByRole('button', { name: 'Brief versturen en publiceren' }).click();
    await page.getByText('De brief versturen? De antwoorden worden dan openbaar.').waitFor();
    await page.getByRole('button', { name: 'Ja, doorgaan' }).click();
    await status('De brief is verstuurd en de antwoorden zijn gepubliceerd.').waitFor();
    const published = page.locator('.utrecht-alert', { hasText: 'De antwoorden zijn gepubliceerd:' });
    publicationId = ((await published.getByRole('link').textContent()) ?? '').trim();
    assert.equal(publicationId, 'kst-36360-VI-13');
    await main().locator('.utrecht-status-badge', { hasText: 'Gepubliceerd' }).first().waitFor();
    await check('work-list-published');
    await published.getByRole('link').click();
    await page.waitForURL(`**/publicaties/${publicationId}`);
    await page.locator('.vb-document').waitFor();
    await signOut();
  });

  test('an anonymous visitor finds the new answers, and the publication reads back into the same tree', async () => {
    await page.goto(`${server.url}/zoeken?q=onbesteed`);
    await page.locator('.vb-search-summary', { hasText: 'Resultaten 1–1 van 1' }).waitFor();
    await page.locator(`a[href="/publicaties/${publicationId}/vragen/2"]`).click();
    await page.locator('h1', { hasText: 'Vraag 2' }).waitFor();
    assert.match((await page.locator('.vb-qa').textContent()) ?? '', /€ 12 miljoen bleef onbesteed/);
    assert.deepEqual(await anonymousHits('onbesteed'), [[publicationId, 2]]);
    assert.deepEqual(await anonymousHits('"evaluatie van de cloudstrategie"'), [[publicationId, 3]]);

    const text = await (await fetch(`${server.url}/api/v1/publications/${publicationId}?format=text`)).text();
    const json = (await (
      await fetch(`${server.url}/api/v1/publications/${publicationId}`)
    ).json()) as Publication;
    assert.deepEqual(
      comparable(readPublication(text, { fileName: `${publicationId}.txt`, words })),
      comparable(json),
    );
    const answers = json.sections.flatMap((s) => s.questions);
    assert.deepEqual(
      answers.map((q) => q.number),
      [1, 2, 3],
    );
    assert.ok(answers[0]?.answer?.includes(PASSAGE), 'the passage taken over is published');
    assert.ok(
      answers[0]?.answer?.includes('Zie ook het antwoord op vraag 24 van Kamerstuk 36 360 VI, nr. 12.'),
      'and the cross-reference',
    );
  });

  test('no script errors, CSP violations or unexpected failed requests along the way', () => {
    // The save that met a version saved in between is answered 409 on purpose: the browser logs it.
    const unexpected = problems.filter((p) => !/status of 409\b/.test(p));
    assert.deepEqual(unexpected, []);
  });
});
