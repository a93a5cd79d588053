// The web app in a real browser (Debian's Chromium through playwright-core, never a downloaded one),
// against the real server over a temporary archive of the fixtures: the scenario of the issue (search,
// a question, a footnote and back, the table of contents, an upload found by search afterwards), the
// language switch, axe on every page (no serious or critical violation), and phone width.
// Screenshots go to test-results/screenshots/, the folder CI keeps.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const MISSING = 'Chromium is missing: apt-get install chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'text');
const PUBLICATION = '/publicaties/kst-36360-VI-12';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) {
  test('the browser tests have a browser', () => {
    assert.fail(MISSING);
  });
}

describe('the web app in a browser', { skip: hasChromium ? false : MISSING, timeout: 240_000 }, () => {
  let webRoot: string;
  let profile: string;
  let archive: TestServer;
  let empty: TestServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'vraagbaak-web-'));
    await build({
      configFile: join(ROOT, 'web', 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: webRoot, emptyOutDir: true, sourcemap: false },
    });
    // One server over the fixtures, one over an empty archive for the upload.
    archive = await startTestServer({ webRoot });
    empty = await startTestServer({ webRoot, fixtures: false });
    profile = mkdtempSync(join(tmpdir(), 'pw-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
    });
    page = context.pages()[0] ?? (await context.newPage());
    // Anything the browser complains about (a script error, a CSP violation, a failed request) fails the suite.
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await archive?.close();
    await empty?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** axe on the page as it is now: no serious or critical violation; then a screenshot. */
  async function check(name: string): Promise<void> {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      [],
      `axe on ${name}`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** Waits until the element with this id is in the viewport and has the focus. */
  async function inViewAndFocused(id: string): Promise<void> {
    const script = `(() => {
      const el = document.getElementById(${JSON.stringify(id)});
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.top >= -1 && r.top < window.innerHeight && document.activeElement === el;
    })()`;
    await page.waitForFunction(script, undefined, { timeout: 5_000 });
  }

  async function hash(): Promise<string> {
    return page.evaluate<string>('window.location.hash');
  }

  async function noHorizontalScroll(): Promise<boolean> {
    return page.evaluate<boolean>(
      'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
    );
  }

  test('home: a search box and the latest publications', async () => {
    await page.goto(`${archive.url}/`);
    await page.locator('h1', { hasText: 'Vraagbaak' }).waitFor();
    await page.locator('.vb-publication-list a').first().waitFor();
    assert.equal(await page.locator('.vb-publication-list a').count(), 10);
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.title(), 'Vraagbaak');
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    await check('home');

    await page.getByLabel('Zoek in vragen en antwoorden').fill('datacenters');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL('**/zoeken?q=datacenters');
  });

  test('search: highlighted results, facets that narrow and are removed, the state in the URL', async () => {
    const summary = page.locator('.vb-search-summary');
    await summary.filter({ hasText: 'Resultaten 1–4 van 4' }).waitFor();
    assert.equal(await page.title(), 'Zoeken: datacenters – Vraagbaak');
    assert.ok((await page.locator('.vb-result mark').count()) > 0, 'the hits are marked');
    assert.match((await page.locator('.vb-result mark').first().textContent()) ?? '', /^datacenter/i);
    await check('search');

    // A facet narrows the search; its value goes into the URL (session=2022-2023).
    await page.locator('.vb-facet__link', { hasText: '2022-2023' }).click();
    await page.waitForURL(/session=2022-2023/);
    await page.locator('.vb-chip', { hasText: 'Vergaderjaar: 2022-2023' }).waitFor();
    await summary.filter({ hasText: 'Resultaten 1–4 van 4' }).waitFor();
    // … and is removed again.
    await page.locator('.vb-chip', { hasText: 'Vergaderjaar' }).click();
    await page.waitForURL((url) => !url.search.includes('session='));
    await page.locator('.vb-chip').waitFor({ state: 'detached' });
    // The back button restores the filter, the next back the unfiltered search.
    await page.goBack();
    await page.waitForURL(/session=2022-2023/);
    await page.locator('.vb-chip', { hasText: 'Vergaderjaar' }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('session='));

    // A search shared as a URL: a filter that matches nothing, and the message for no results.
    await page.goto(`${archive.url}/zoeken?q=datacenters&chamber=eerste-kamer`);
    await summary.filter({ hasText: 'Geen resultaten' }).waitFor();
    // An error of the API shows the problem's detail.
    const tooMany = Array.from({ length: 40 }, (_, i) => `woord${i}`).join(' ');
    await page.goto(`${archive.url}/zoeken?q=${encodeURIComponent(tooMany)}`);
    await page.locator('.utrecht-alert--error').waitFor();
    assert.match((await page.locator('.utrecht-alert--error').textContent()) ?? '', /32|woorden|words/);

    await page.goto(`${archive.url}/zoeken?q=datacenters`);
    await page.locator(`a[href="${PUBLICATION}/vragen/21"]`).click();
    await page.waitForURL(`**${PUBLICATION}/vragen/21`);
  });

  test('question: the answer, a link into the publication, and Eerder gesteld', async () => {
    await page.locator('h2', { hasText: 'Eerder gesteld' }).waitFor();
    assert.match((await page.locator('h1').textContent()) ?? '', /^Vraag 21/);
    assert.match(
      (await page.locator('.vb-qa').textContent()) ?? '',
      /Hoeveel datacenters staan er nu in Nederland/,
    );
    const similar = page.locator('.vb-similar .vb-result');
    assert.ok((await similar.count()) > 0, 'similar questions are listed');
    assert.ok(
      (await similar.first().locator('.vb-result__answer').count()) > 0,
      'with the opening of the answer',
    );
    await check('question');

    await page.getByRole('link', { name: 'Bekijk de vraag in de publicatie' }).click();
    await page.waitForURL(`**${PUBLICATION}#vraag-21`);
    await inViewAndFocused('vraag-21');
  });

  test('publication: a footnote and back', async () => {
    await page.locator('a[href="#noot-3"]').click();
    assert.equal(await hash(), '#noot-3');
    await inViewAndFocused('noot-3');
    await page.locator('#noot-3 a[href="#noot-ref-3"]').click();
    assert.equal(await hash(), '#noot-ref-3');
    await inViewAndFocused('noot-ref-3');
    // The browser's back button returns to the footnote.
    await page.goBack();
    await page.waitForURL(/#noot-3$/);
    await inViewAndFocused('noot-3');
  });

  test('publication: the table of contents', async () => {
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto(`${archive.url}${PUBLICATION}`);
    const toc = page.locator('nav.vb-toc');
    await toc.waitFor();
    await page.locator('.vb-document').waitFor();
    assert.equal(await page.locator('h1').count(), 1, 'the fragment brings no second h1');
    // At this width the table of contents starts closed: open it and follow an entry.
    await toc.locator('summary').click();
    await toc.locator('a[href="#vraag-14"]').click();
    assert.equal(await hash(), '#vraag-14');
    await inViewAndFocused('vraag-14');
    await page.evaluate('window.scrollTo(0, 0)');
    await check('publication');

    // The question page is one click from the table of contents, routed without a page load.
    await page.evaluate('window.__samePage = true');
    await toc.locator(`a[href="${PUBLICATION}/vragen/14"]`).click();
    await page.waitForURL(`**${PUBLICATION}/vragen/14`);
    await page.locator('h1', { hasText: 'Vraag 14' }).waitFor();
    assert.equal(await page.evaluate('window.__samePage'), true, 'client-side navigation');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('the language switch changes the interface to English and back', async () => {
    await page.goto(`${archive.url}/zoeken?q=datacenters`);
    await page.locator('.vb-search-summary', { hasText: 'Resultaten' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('.vb-search-summary', { hasText: 'Results 1–4 of 4' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h1').textContent(), 'Search');
    assert.equal(await page.title(), 'Search: datacenters – Vraagbaak');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Import' }).waitFor();
    // The choice is kept.
    await page.reload();
    await page.locator('.vb-search-summary', { hasText: 'Results' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await check('search-english');
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.locator('.vb-search-summary', { hasText: 'Resultaten' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  });

  test('phone width (375 px): no horizontal scrolling on search and publication', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.goto(`${archive.url}/zoeken?q=datacenters`);
      await page.locator('.vb-result').first().waitFor();
      assert.ok(await noHorizontalScroll(), 'search scrolls sideways at 375 px');
      await page.screenshot({ path: join(SCREENSHOTS, 'search-phone.png'), fullPage: true });
      await page.goto(`${archive.url}${PUBLICATION}`);
      await page.locator('.vb-document').waitFor();
      assert.ok(await noHorizontalScroll(), 'the publication scrolls sideways at 375 px');
      await page.screenshot({ path: join(SCREENSHOTS, 'publication-phone.png') });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('import: read a file, store it, find it by search', async () => {
    await page.goto(`${empty.url}/importeren`);
    await page.locator('h1', { hasText: 'Importeren' }).waitFor();
    await check('import');
    const input = page.getByLabel('Bestand');

    // What is not a publication is refused with the problem's detail, and nothing is stored.
    const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-upload-'));
    try {
      const binary = join(dir, 'plaatje.txt');
      writeFileSync(
        binary,
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0, 1, 2, 3]),
      );
      await input.setInputFiles(binary);
      await page.locator('.utrecht-alert--error', { hasText: 'PNG image' }).waitFor();
      const prose = join(dir, 'boodschappen.txt');
      writeFileSync(prose, 'Melk, brood en kaas.\nEen lijstje voor de markt van zaterdag.\n');
      await input.setInputFiles(prose);
      await page.locator('.utrecht-alert--error', { hasText: 'no questions and answers found' }).waitFor();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const file = join(FIXTURES, 'kst-36100-4.txt');
    assert.ok(readFileSync(file, 'utf8').includes('rijkssaldibalans'));
    await input.setInputFiles(file);
    const preview = page.locator('.vb-import-preview');
    await preview.waitFor();
    assert.match((await preview.textContent()) ?? '', /kst-36100-4/);
    assert.match((await preview.locator('.vb-import-data').textContent()) ?? '', /Aantal vragen\s*2/);
    await check('import-preview');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('.vb-saved', { hasText: 'De publicatie is opgeslagen.' }).waitFor();
    await page.getByRole('link', { name: 'Bekijk kst-36100-4' }).click();
    await page.waitForURL('**/publicaties/kst-36100-4');
    await page.locator('h1', { hasText: 'Algemene Rekenkamer' }).waitFor();

    await page.goto(`${empty.url}/zoeken?q=rijkssaldibalans`);
    await page.locator('.vb-search-summary', { hasText: 'Resultaten 1–1 van 1' }).waitFor();
    await page.locator('a[href="/publicaties/kst-36100-4/vragen/1"]').waitFor();
  });

  test('no script errors, CSP violations or failed requests along the way', () => {
    // The too long query (400) and the uploads of the image and the prose (415, 422) are refused on
    // purpose: the browser logs those responses.
    const unexpected = problems.filter((p) => !/status of (400|415|422)\b/.test(p));
    assert.deepEqual(unexpected, []);
  });
});
