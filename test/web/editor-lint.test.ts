// The candidate's editor lints as the candidate types, in a real browser (Debian's Chromium driven
// by playwright-core) against the real server and Redis, on the shipped challenges (no worker:
// nothing here is graded, no Run or Submit is pressed). Ruff (and Monaco) is not fetched by the
// dashboard, and Ruff is fetched by the candidate page; F used without its import is marked F821 and a missing colon
// a syntax error; every shipped challenge's reference pasted into the editor gets no mark; after
// `df.groupBy(` the PySpark signature shows with the parameter being typed. Screenshots of the
// marks and the signature help.
// Fails (never skips) when Chromium or redis-server is missing.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { ADMIN_TOKEN, api, createInterview, serviceEnv, startRedis, uniqueQueue, type LocalRedis } from '../../scripts/local-service.js';
import { SCREENSHOTS, launchBrowser } from './browser.js';
import { startWebServer, type WebServer } from './start-web-server.js';

const CHALLENGES = path.join(REPO_ROOT, 'challenges');
/** Ruff's files as the build names them: its JS chunk and its .wasm. */
const RUFF_ASSET = /\/assets\/ruff[-_][^/]*\.(js|wasm)$/;

function poll<T>(fn: () => Promise<T> | T, timeout = 15_000) {
  return expect.poll(fn, { timeout, interval: 200 });
}

/** Replaces the editor's content the way a candidate pasting code would (select all, paste). */
async function putCode(page: Page, code: string): Promise<void> {
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(code)})`);
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** Empties the editor, so what is typed next is all it holds. */
async function clearEditor(page: Page): Promise<void> {
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
}

/**
 * The text of the marker Monaco shows on going to the next problem (F8) from the top; with
 * `screenshot`, the page is saved under that name while it shows.
 */
async function nextMarkerText(page: Page, screenshot?: string): Promise<string> {
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('F8');
  const widget = page.locator('.marker-widget');
  await widget.waitFor({ state: 'visible' });
  const text = await widget.innerText();
  if (screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, `${screenshot}.png`) });
  await page.keyboard.press('Escape');
  return text;
}

describe('lint and signature help in the candidate editor, in Chromium', () => {
  let redis: LocalRedis;
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const squiggles = () => page.locator('#editor .squiggly-error');
  const anyMark = () => page.locator('#editor [class*="squiggly-"]');

  beforeAll(async () => {
    redis = await startRedis();
    // The shipped catalogue (the default): its references are what no mark may land on.
    server = await startWebServer(serviceEnv(redis.url, uniqueQueue('editor-lint')));
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await redis?.destroy();
  });

  it('leaves Ruff out of the dashboard and fetches it when the candidate editor mounts', async () => {
    const dashboard = await context.newPage();
    const dashboardRequests: string[] = [];
    dashboard.on('request', (r) => dashboardRequests.push(new URL(r.url()).pathname));
    await dashboard.goto(`${server.url}/`);
    await dashboard.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await dashboard.getByRole('button', { name: 'Continue' }).click();
    await dashboard.waitForSelector('#app[data-ready="start"]');
    expect(dashboardRequests.some((p) => p.endsWith('.js'))).toBe(true);
    expect(dashboardRequests.filter((p) => RUFF_ASSET.test(p))).toEqual([]);
    // Nor Monaco (Vite's preload helper once pulled its chunk into every page).
    expect(dashboardRequests.filter((p) => /\/assets\/monaco-/.test(p))).toEqual([]);
    await dashboard.close();

    const { candidateUrl } = await createInterview(api(server.url), 'session-analysis', 'Grace Hopper');
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    await page.goto(candidateUrl);
    await page.waitForSelector('#app[data-ready="candidate"]');
    const response = await wasm;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/wasm');
    expect(response.headers()['content-encoding']).toBe('gzip'); // the build's gzip copy: about a third of the size
  });

  it('marks F used without its import as F821 and a missing colon as a syntax error, as they are typed', async () => {
    await clearEditor(page);
    await poll(() => anyMark().count()).toBe(0);
    await page.keyboard.type('def solve(spark, events):');
    await page.keyboard.press('Enter');
    // Monaco closes brackets and quotes itself; typing the closer steps over it.
    await page.keyboard.type('return events.select(F.col("user_id"))');
    await page.keyboard.press('Escape');
    await poll(() => squiggles().count()).toBe(1);
    const undefinedName = await nextMarkerText(page, 'candidate-lint-undefined-name');
    expect(undefinedName).toContain('Undefined name `F`');
    expect(undefinedName).toContain('from pyspark.sql import functions as F');
    expect(undefinedName).toContain('F821');

    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('if events.isEmpty()');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.type('return events');
    // While the code does not parse, Ruff reports the syntax error alone.
    await poll(() => nextMarkerText(page)).toMatch(/SyntaxError: Expected `:`/);
    await nextMarkerText(page, 'candidate-lint-syntax-error');
  });

  it('marks nothing on any shipped challenge reference pasted into the editor', async () => {
    const ids = (await readdir(CHALLENGES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      // A mark first, so that none afterwards shows the reference was linted (not that lint had not run yet).
      await putCode(page, 'def solve(spark, events):\n    return F.col("x")\n');
      await poll(() => squiggles().count()).toBe(1);
      await putCode(page, await readFile(path.join(CHALLENGES, id, 'reference.py'), 'utf8'));
      await poll(() => anyMark().count(), 10_000).toBe(0);
    }
  });

  it('shows the PySpark signature after `df.groupBy(`, with the parameter being typed', async () => {
    await putCode(page, 'from pyspark.sql import functions as F\n\n\ndef solve(spark, events):\n    df = events\n    return df\n');
    // On a line of its own before the return.
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('df.groupBy(');
    const hints = page.locator('.parameter-hints-widget');
    await poll(() => hints.isVisible()).toBe(true);
    await poll(() => hints.innerText()).toContain('DataFrame.groupBy(*cols) -> GroupedData');
    expect(await hints.innerText()).toContain('using the specified columns');
    expect(await hints.locator('.parameter.active').innerText()).toBe('*cols');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'candidate-signature-help.png') });
    await page.keyboard.type('"user_id").agg(F.count("event_id"), ');
    await poll(() => hints.innerText()).toContain('GroupedData.agg(*exprs) -> DataFrame');
    expect(await hints.locator('.parameter.active').innerText()).toBe('*exprs');
    await page.keyboard.press('Escape');
  });

  it('logs no error or warning on the candidate page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
