// The candidate workspace's layout and the pages' accessibility, in a real browser (Debian's
// Chromium driven by playwright-core) against the real server and Redis, on the shipped
// session-analysis challenge (wide statement tables). No worker runs and nothing is graded: no
// Run or Submit is pressed. Both splitters drag with the mouse and keep their sizes across a
// reload, and move with the keyboard; the editor maximises and comes back (Escape, the toggle);
// at 1024x768 every toolbar control is inside the viewport; the editor's font size and the dark
// theme are remembered in the browser (the interviewer page follows them); statement tables
// never make the page scroll sideways and each schema is shown once; each page has one h1 and no
// heading skips a level; the results are not a live region; axe-core finds nothing serious or
// critical on the candidate and interviewer pages, light and dark. Screenshots of the workspace
// at 1280x800 and 1920x1080, light and dark.
// Fails (never skips) when Chromium or redis-server is missing.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  api,
  createInterview,
  serviceEnv,
  startRedis,
  uniqueQueue,
  type CreatedInterview,
  type LocalRedis,
} from '../../scripts/local-service.js';
import { SCREENSHOTS, launchBrowser } from './browser.js';
import { startWebServer, type WebServer } from './start-web-server.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

function poll<T>(fn: () => Promise<T> | T, timeout = 10_000) {
  return expect.poll(fn, { timeout, interval: 100 });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return b;
}

/** Drags the element's middle by (dx, dy) with the mouse, in steps as a hand would. */
async function drag(page: Page, selector: string, dx: number, dy: number): Promise<void> {
  const b = await box(page, selector);
  const [x, y] = [b.x + b.width / 2, b.y + b.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 8 });
  await page.mouse.up();
}

/** The levels of the page's headings that are shown (or hidden for sight only), in document order. */
function headingLevels(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter((el) => el.checkVisibility({ visibilityProperty: true }) || el.classList.contains('visually-hidden'))
    .map((el) => Number(el.tagName[1]))`);
}

/** Ids of the page's live regions, Monaco's own (its screen-reader announcements) left out. */
function liveRegions(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]')]
    .filter((el) => !el.closest('.monaco-aria-container') && el.checkVisibility({ visibilityProperty: true }) || el.id === 'announcer')
    .map((el) => el.id)`);
}

function fontSizeOf(page: Page, selector: string): Promise<string> {
  return page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).fontSize`);
}

/** One h1, first, and no heading deeper than one level below the one before it. */
async function expectHeadingOutline(page: Page, name: string): Promise<void> {
  expect(await page.locator('h1').count(), `h1 elements on the ${name}`).toBe(1);
  const levels = await headingLevels(page);
  expect(levels[0], `first heading on the ${name}`).toBe(1);
  const skips = levels.flatMap((level, i) => (i > 0 && level > levels[i - 1]! + 1 ? [`h${levels[i - 1]} -> h${level}`] : []));
  expect(skips, `heading levels skipped on the ${name}`).toEqual([]);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page (injected as code: the CSP refuses inline scripts). */
async function seriousViolations(page: Page, source: string): Promise<string[]> {
  await page.evaluate(source);
  const violations = await page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`).join('\n'),
    );
}

describe('the candidate workspace layout and the pages accessibility, in Chromium', () => {
  let redis: LocalRedis;
  let server: WebServer;
  let browser: Browser;
  let created: CreatedInterview;
  let axeSource: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const freshContext = async (viewport = { width: 1280, height: 800 }): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport, colorScheme: 'light' });
    contexts.push(context);
    return context;
  };
  const openPage = async (context: BrowserContext, url: string, ready: string): Promise<Page> => {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    await page.waitForSelector(`#app[data-ready="${ready}"]`);
    return page;
  };
  const candidate = (context: BrowserContext): Promise<Page> => openPage(context, created.candidateUrl, 'candidate');
  const interviewer = (context: BrowserContext): Promise<Page> => openPage(context, created.interviewerUrl, 'interviewer');

  beforeAll(async () => {
    axeSource = await readFile(AXE_SOURCE, 'utf8');
    redis = await startRedis();
    // The shipped catalogue (the default): session-analysis has the widest statement tables.
    server = await startWebServer(serviceEnv(redis.url, uniqueQueue('workspace-layout')));
    browser = await launchBrowser();
    created = await createInterview(api(server.url), 'session-analysis', 'Ada Lovelace');
  });
  // Each test's pages go with it: every open page holds an event stream of the interview.
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await redis?.destroy();
  });

  it('keeps the sizes both splitters were dragged to across a reload, and Monaco fills its pane', async () => {
    const page = await candidate(await freshContext());
    const statementBefore = (await box(page, '#statement-pane')).width;
    await drag(page, '.splitter-vertical', 150, 0);
    // Measured after the first drag: a narrower editor column may wrap the toolbar.
    const editorBefore = (await box(page, '#editor')).height;
    await drag(page, '.splitter-horizontal', 0, -120);
    const statement = (await box(page, '#statement-pane')).width;
    const editor = (await box(page, '#editor')).height;
    expect(statement).toBeGreaterThan(statementBefore + 140);
    expect(editor).toBeLessThan(editorBefore - 110);
    // Monaco lays itself out again in the new size.
    await poll(async () => Math.abs((await box(page, '#editor .monaco-editor')).height - editor)).toBeLessThan(2);

    await page.reload();
    await page.waitForSelector('#app[data-ready="candidate"]');
    expect(Math.abs((await box(page, '#statement-pane')).width - statement)).toBeLessThan(2);
    expect(Math.abs((await box(page, '#editor')).height - editor)).toBeLessThan(2);
    await poll(async () => Math.abs((await box(page, '#editor .monaco-editor')).height - editor)).toBeLessThan(2);
  });

  it('moves a splitter with the arrow keys, Home and End, saying where it is', async () => {
    const page = await candidate(await freshContext());
    const splitter = page.locator('.splitter-horizontal');
    expect(await splitter.getAttribute('role')).toBe('separator');
    expect(await splitter.getAttribute('aria-orientation')).toBe('horizontal');
    expect(await splitter.getAttribute('aria-controls')).toBe('editor');
    const start = Number(await splitter.getAttribute('aria-valuenow'));
    const height = (await box(page, '#editor')).height;
    await splitter.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(start + 6);
    expect((await box(page, '#editor')).height).toBeGreaterThan(height + 20);
    await page.keyboard.press('Home');
    expect(await splitter.getAttribute('aria-valuenow')).toBe(await splitter.getAttribute('aria-valuemin'));
    const vertical = page.locator('.splitter-vertical');
    const width = (await box(page, '#statement-pane')).width;
    await vertical.focus();
    await page.keyboard.press('Shift+ArrowLeft');
    expect((await box(page, '#statement-pane')).width).toBeLessThan(width - 60);
  });

  it('maximises the editor and restores it with Escape and with the toggle', async () => {
    const page = await candidate(await freshContext());
    const toggle = page.locator('#maximise-editor');
    const width = (await box(page, '#editor')).width;
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#statement-pane').isVisible()).toBe(false);
    expect(await page.locator('#results-section').isVisible()).toBe(false);
    await poll(async () => (await box(page, '#editor .monaco-editor')).width).toBeGreaterThan(1200);
    await page.locator('#editor .view-lines').click();
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('#statement-pane').isVisible()).toBe(true);
    expect(await page.locator('#results-section').isVisible()).toBe(true);
    await poll(async () => Math.abs((await box(page, '#editor .monaco-editor')).width - width)).toBeLessThan(2);
    await toggle.click();
    await toggle.click();
    expect(await page.locator('#statement-pane').isVisible()).toBe(true);
    // The skip link, first in the tab order and shown when focused, brings the reader to the results.
    expect(await page.evaluate<string>("document.querySelector('#app a, #app button, #app [tabindex]').textContent")).toBe(
      'Skip to results',
    );
    await page.locator('.skip-link').focus();
    expect((await box(page, '.skip-link')).y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('results-section');
  });

  it('fits every toolbar and top bar control inside a 1024x768 window, and no statement table widens the page', async () => {
    const page = await candidate(await freshContext({ width: 1024, height: 768 }));
    const viewport = { width: 1024, height: 768 };
    const controls = page.locator(
      '[role="toolbar"] button:visible, [role="toolbar"] select:visible, .topbar button:visible, .topbar select:visible',
    );
    expect(await controls.count()).toBeGreaterThanOrEqual(6);
    for (const control of await controls.all()) {
      const b = await control.boundingBox();
      const name = await control.evaluate((el) => el.id || el.textContent);
      expect(b, `${name} shown`).not.toBeNull();
      expect(b!.x, `${name} left edge`).toBeGreaterThanOrEqual(0);
      expect(b!.y, `${name} top edge`).toBeGreaterThanOrEqual(0);
      expect(b!.x + b!.width, `${name} right edge`).toBeLessThanOrEqual(viewport.width);
      expect(b!.y + b!.height, `${name} bottom edge`).toBeLessThanOrEqual(viewport.height);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'candidate-workspace-1024.png') });
    for (const width of [1024, 1280]) {
      await page.setViewportSize({ width, height: 768 });
      // The statement pane itself does not scroll sideways either: the tables do, in their boxes.
      const sizes = await page.evaluate<{ page: number; window: number; pane: number }>(`({
        page: document.scrollingElement.scrollWidth,
        window: innerWidth,
        pane: document.getElementById('statement-pane').scrollWidth - document.getElementById('statement-pane').clientWidth,
      })`);
      expect(sizes.page, `page width at ${width} px`).toBeLessThanOrEqual(sizes.window);
      expect(sizes.pane, `statement pane overflow at ${width} px`).toBeLessThanOrEqual(0);
    }
    // Each schema once: the markdown's column tables became the generated ones (events, the output).
    expect(await page.locator('.statement table.schema-table').count()).toBe(2);
    const firstHeaders = await page.locator('.statement table thead tr th:first-child').allInnerTexts();
    expect(firstHeaders.filter((t) => t.trim() === 'column')).toHaveLength(2);
    // A table that scrolls takes focus, so the keyboard can scroll it.
    expect(await page.locator('.statement .table-scroll[tabindex="0"]').count()).toBeGreaterThan(0);
    await page.locator('.statement .example').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'candidate-statement-examples.png') });
  });

  it('remembers the font size and the dark theme in this browser, for the interviewer page too', async () => {
    const context = await freshContext();
    const page = await candidate(context);
    const fontSize = () => fontSizeOf(page, '#editor .view-line');
    expect(await fontSize()).toBe('14px');
    await page.locator('#editor-font-size').selectOption('18');
    await poll(fontSize).toBe('18px');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await page.locator('#theme-toggle').click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await poll(() => page.locator('#editor .monaco-editor.vs-dark').count()).toBe(1);
    await page.reload();
    await page.waitForSelector('#app[data-ready="candidate"]');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.locator('#theme-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#editor-font-size').inputValue()).toBe('18');
    await poll(fontSize).toBe('18px');
    expect(await page.locator('#editor .monaco-editor.vs-dark').count()).toBe(1);
    const background = await page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');
    expect(background).toBe('rgb(13, 17, 23)');

    const other = await interviewer(context);
    expect(await other.locator('html').getAttribute('data-theme')).toBe('dark');
    await poll(() => fontSizeOf(other, '#submission-code .view-line')).toBe('18px');
    // Back to light by hand; a browser that prefers dark and chose nothing gets dark.
    await other.locator('#theme-toggle').click();
    expect(await other.locator('html').getAttribute('data-theme')).toBe('light');
    const prefersDark = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    contexts.push(prefersDark);
    const darkPage = await candidate(prefersDark);
    expect(await darkPage.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('gives every page one h1 and headings that skip no level; only the announcer is a live region', async () => {
    const context = await freshContext();
    const dashboard = await openPage(context, `${server.url}/`, 'signin');
    await expectHeadingOutline(dashboard, 'sign-in page');
    await dashboard.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await dashboard.getByRole('button', { name: 'Continue' }).click();
    await dashboard.waitForSelector('#app[data-ready="start"]');
    await expectHeadingOutline(dashboard, 'dashboard');
    const page = await candidate(context);
    await expectHeadingOutline(page, 'candidate page');
    expect(await page.locator('h1').innerText()).toContain('User session analysis');
    // Nothing that re-renders while grading is live; the one live region is the announcer's.
    expect(await liveRegions(page)).toEqual(['save-state', 'announcer']);
    expect(await page.locator('#announcer').getAttribute('role')).toBe('status');
    const other = await interviewer(context);
    await expectHeadingOutline(other, 'interviewer page');
    expect(await liveRegions(other)).toEqual(['announcer']);
    expect(await other.evaluate<string>("document.querySelector('#app a, #app button').getAttribute('href')")).toBe('#detail');
    await other.locator('.skip-link').focus();
    await other.keyboard.press('Enter');
    expect(await other.evaluate<string>('document.activeElement?.id')).toBe('detail');
    const report = await openPage(context, `${created.interviewerUrl}/report`, 'report');
    await expectHeadingOutline(report, 'report page');
  });

  it('has no serious or critical axe-core violation on the candidate and interviewer pages, light and dark; screenshots', async () => {
    const found: string[] = [];
    const context = await freshContext();
    const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    // An interview of its own: its editor opens at the top, nothing typed or clicked before.
    const untouched = await createInterview(api(server.url), 'session-analysis', 'Ada Lovelace');
    const pages = [
      ['candidate', await openPage(context, untouched.candidateUrl, 'candidate')],
      ['interviewer', await openPage(context, untouched.interviewerUrl, 'interviewer')],
    ] as const;
    for (const theme of ['light', 'dark']) {
      // Chosen on the candidate page; the interviewer page, another tab of this browser, follows.
      if (theme === 'dark') await pages[0][1].locator('#theme-toggle').click();
      for (const [name, page] of pages) {
        await poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme);
        for (const v of await seriousViolations(page, axeSource)) found.push(`${name} page (${theme}): ${v}`);
        if (name === 'candidate') await shot(page, `candidate-workspace-1280-${theme}`);
      }
    }
    if (found.length > 0) console.log(found.join('\n'));
    expect(found).toEqual([]);

    const wide = await openPage(await freshContext({ width: 1920, height: 1080 }), untouched.candidateUrl, 'candidate');
    await shot(wide, 'candidate-workspace-1920-light');
    await wide.locator('#theme-toggle').click();
    await poll(() => wide.locator('#editor .monaco-editor.vs-dark').count()).toBe(1);
    await wide.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await shot(wide, 'candidate-workspace-1920-dark');
    expect(pageErrors).toEqual([]);
  });
});
