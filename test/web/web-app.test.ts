// The web app in a real browser (Debian's Chromium driven by playwright-core) against the real
// service (Redis, server, a worker process, Docker, Spark) on the fast group-sum fixture: the
// interviewer creates an interview; the candidate sees the statement and starter, gets PySpark
// completions and syntax marks, runs a wrong solution (diff table), submits a correct one
// (accepted), reloads (draft kept); the interviewer's open page follows both submissions live,
// shows hidden-case results, plays the edits back and saves a scorecard, and its report holds the
// final code, verdicts and scorecard, never the reference or hidden data. Every response and
// event the candidate's browser receives is checked for hidden expected rows and the reference.
// While draft saves fail, what the candidate types is kept in the browser, survives the tab
// crashing and reaches the server from the next page.
// Fails (never skips) when Chromium, Docker, the sandbox image or redis-server is missing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Docker from 'dockerode';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSandboxConfig } from '../../worker/config.js';
import { sandboxImageTag } from '../../worker/sandbox-image.js';
import {
  ADMIN_TOKEN,
  api,
  createInterview,
  startRedis,
  startWorkerProcess,
  uniqueQueue,
  type LocalRedis,
  type LocalWorker,
} from '../../scripts/local-service.js';
import { requireDocker, serviceEnv } from '../service/service-harness.js';
import { FIXTURE_CHALLENGES } from '../support/grader.js';
import { SCREENSHOTS, launchBrowser } from './browser.js';
import { startWebServer, type WebServer } from './start-web-server.js';

const GRADING_TIMEOUT_MS = 240_000;
const challengeDir = path.join(FIXTURE_CHALLENGES, 'group-sum');
const reference = (await readFile(path.join(challengeDir, 'reference.py'), 'utf8')).trim();
const starter = await readFile(path.join(challengeDir, 'starter.py'), 'utf8');
// The reference with a comment added inside: the candidate's own code then never contains
// reference.py verbatim, so finding it in a response would be a leak.
const correct = reference.replace(
  'def solve(spark, numbers):\n',
  'def solve(spark, numbers):\n    # one row per group; sum() skips nulls\n',
);
const wrong =
  'from pyspark.sql import functions as F\n\n\ndef solve(spark, numbers):\n    return numbers.groupBy("grp").agg(F.count("n").alias("total"))\n';
/** A column Spark cannot resolve, written on line 5 and raised on line 6. */
const unknownColumn =
  'from pyspark.sql import functions as F\n\n\ndef solve(spark, numbers):\n    key = F.col("grpp")\n    return numbers.groupBy(key).agg(F.sum("n").alias("total"))\n';
/** Counts instead of sums, through a Python UDF: wrong on any rows, and its rows go through Python. */
const countsThroughPython =
  'from pyspark.sql import functions as F\n\n\n@F.udf("long")\ndef one(n):\n    return 0 if n is None else 1\n\n\ndef solve(spark, numbers):\n    return numbers.groupBy("grp").agg(F.sum(one("n")).alias("total"))\n';
/** Never returns: the candidate stops it. */
const endless = 'import time\n\n\ndef solve(spark, numbers):\n    while True:\n        time.sleep(0.05)\n';
/** Right on the example, wrong on the hidden all-null group (0 instead of null). */
const nullsAsZero =
  'from pyspark.sql import functions as F\n\n\ndef solve(spark, numbers):\n    return numbers.groupBy("grp").agg(F.coalesce(F.sum("n"), F.lit(0)).alias("total"))\n';
/** What hidden expected rows look like in any form: JSON rows, display cells, the case's rule. */
const HIDDEN_MARKERS = ['"grp":"c"', '\\"c\\"', '"total":4', '"total":"4"', 'a group of only nulls sums to null'];

async function requireSandboxImage(): Promise<void> {
  const config = parseSandboxConfig();
  const image = config.GRADER_SANDBOX_IMAGE ?? (await sandboxImageTag(config.GRADER_BASE_IMAGE));
  await new Docker()
    .getImage(image)
    .inspect()
    .catch(() => {
      throw new Error(`the browser tests need the sandbox image ${image}: run scripts/setup.sh`);
    });
}

/** The text Monaco shows (all lines are visible for these short files). */
async function editorText(page: Page, scope = ''): Promise<string> {
  const lines = await page.locator(`${scope} .monaco-editor .view-lines .view-line`.trim()).evaluateAll((els) =>
    els.map((el) => ({
      top: parseFloat((el as unknown as { style: { top: string } }).style.top),
      text: (el as unknown as { textContent: string }).textContent,
    })),
  );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text.replace(/\u00a0/g, ' '))
    .join('\n')
    .trimEnd();
}

/** Replaces the editor's content the way a candidate pasting code would (select all, paste). */
async function putCode(page: Page, code: string): Promise<void> {
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(code)})`);
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** The verdict of the result the page shows; null while there is none. */
function shownVerdict(page: Page): Promise<string | null> {
  return page
    .locator('.result-line [data-verdict]')
    .getAttribute('data-verdict')
    .catch(() => null);
}

/** expect.poll with a timeout fit for a browser (vitest's default is one second). */
function poll<T>(fn: () => Promise<T> | T, timeout = 15_000) {
  return expect.poll(fn, { timeout, interval: 200 });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

describe('the web app in Chromium', () => {
  let redis: LocalRedis;
  let server: WebServer;
  let worker: LocalWorker;
  let browser: Browser;
  let context: BrowserContext;
  let interviewerPage: Page;
  let candidatePage: Page;
  let candidateUrl = '';
  let interviewerUrl = '';
  const consoleErrors: string[] = [];
  const candidateBodies: { url: string; body: string }[] = [];
  const queueName = uniqueQueue('web');

  const watchConsole = (page: Page, label: string): void => {
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${label}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${label}: ${e.message}`));
  };

  beforeAll(async () => {
    await requireDocker();
    await requireSandboxImage();
    redis = await startRedis();
    const env = serviceEnv(redis.url, queueName, { GRADER_WORKER_CONCURRENCY: '1' });
    server = await startWebServer(env);
    worker = await startWorkerProcess(env);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await worker?.stop();
    await server?.close();
    await redis?.destroy();
  });

  it('lets the interviewer create an interview and copy both links', async () => {
    const page = await context.newPage();
    watchConsole(page, 'start page');
    await page.goto(`${server.url}/`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Challenge').selectOption('group-sum');
    await page.getByLabel('Candidate name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Create interview' }).click();
    candidateUrl = await page.locator('#candidate-url').inputValue();
    interviewerUrl = await page.locator('#interviewer-url').inputValue();
    expect(candidateUrl).toMatch(new RegExp(`^${server.url}/i/[A-Za-z0-9_-]{43}$`));
    expect(interviewerUrl).toMatch(new RegExp(`^${server.url}/i/[A-Za-z0-9_-]{43}$`));
    await poll(() => page.locator('.interviews-table tbody tr').count()).toBe(1);
    await poll(() => page.locator('.interviews-table').innerText()).toContain('Ada Lovelace');
    await screenshot(page, 'start-page');
    // The admin token lives in the page only: not in web storage, and a reload asks for it again.
    const storage = await page.evaluate<string>('JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage } })');
    expect(storage).not.toContain(ADMIN_TOKEN);
    await page.reload();
    await page.waitForSelector('#app[data-ready="signin"]');
    await page.close();

    // The interviewer's page stays open from here on: what follows must reach it live.
    interviewerPage = await context.newPage();
    watchConsole(interviewerPage, 'interviewer page');
    await interviewerPage.goto(interviewerUrl);
    await interviewerPage.waitForSelector('#app[data-ready="interviewer"]');
    await poll(() => interviewerPage.locator('#live-state').innerText()).toBe('Live');
  });

  it('shows the candidate the statement and the starter code in Monaco', async () => {
    candidatePage = await context.newPage();
    watchConsole(candidatePage, 'candidate page');
    candidatePage.on('response', async (res) => {
      if ((res.headers()['content-type'] ?? '').includes('text/event-stream')) return;
      candidateBodies.push({ url: res.url(), body: await res.text().catch(() => '') });
    });
    // Event streams never end, so their messages are read from the DevTools protocol instead.
    const cdp = await context.newCDPSession(candidatePage);
    await cdp.send('Network.enable');
    cdp.on('Network.eventSourceMessageReceived', (e) => candidateBodies.push({ url: `sse:${e.eventName}`, body: e.data }));

    const response = await candidatePage.goto(candidateUrl);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    await candidatePage.waitForSelector('#app[data-ready="candidate"]');
    await poll(() => candidatePage.locator('.statement').innerText()).toContain('output one row per');
    expect(await candidatePage.locator('#challenge-title').innerText()).toContain('Group sum');
    await poll(() => editorText(candidatePage, '#editor')).toBe(starter.trimEnd());
    expect(await candidatePage.locator('#editor .monaco-editor .mtk1, #editor .monaco-editor [class*="mtk"]').count()).toBeGreaterThan(3);
    await screenshot(candidatePage, 'candidate-start');
  });

  it('offers session_window and lag after F., shows the docs of lag on hover, and marks a syntax error before any run', async () => {
    const page = candidatePage;
    await page.locator('#editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('F.session_w');
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await poll(() => rows.allInnerTexts(), 10_000).toContainEqual(expect.stringContaining('session_window'));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.type('F.la');
    await poll(() => rows.allInnerTexts(), 10_000).toContainEqual(expect.stringMatching(/\blag\b/));
    await screenshot(page, 'candidate-completion');
    await page.keyboard.press('Escape');
    // Hover docs, opened from the keyboard (Ctrl/Cmd+K Ctrl/Cmd+I) on the word under the cursor.
    await page.keyboard.type('g');
    await page.keyboard.press('ControlOrMeta+K');
    await page.keyboard.press('ControlOrMeta+I');
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents');
    await poll(() => hover.allInnerTexts(), 10_000).toContainEqual(expect.stringMatching(/lag\(/));
    await screenshot(page, 'candidate-hover');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.type('if numbers is None');
    await page.keyboard.press('Enter');
    const squiggles = page.locator('#editor .squiggly-error');
    await poll(() => squiggles.count(), 5_000).toBeGreaterThan(0);
    await screenshot(page, 'candidate-syntax-error');
    await putCode(page, wrong);
    await poll(() => squiggles.count(), 5_000).toBe(0);
  });

  it('runs a wrong solution and shows the mismatch in the diff table', async () => {
    const page = candidatePage;
    await putCode(page, wrong);
    await poll(() => editorText(page, '#editor')).toBe(wrong.trimEnd());
    await page.locator('#editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Enter');
    const mismatches = page.locator('.diff-table td.cell-mismatch');
    await poll(() => mismatches.count(), GRADING_TIMEOUT_MS).toBeGreaterThan(0);
    expect(await page.locator('.result-line [data-verdict]').getAttribute('data-verdict')).toBe('wrong_answer');
    const cells = (await mismatches.allInnerTexts()).map((t) => t.replace(/\s*\(differs\)/, '').trim());
    // Expected totals 3 and 5 against counts 2 and 1, in the output and expected tables side by side,
    // the matching key cells shown dimmed beside them.
    expect(cells).toEqual(expect.arrayContaining(['3', '2', '5', '1']));
    expect(await page.locator('.aligned-table thead tr').first().innerText()).toMatch(/Your output\s+Expected/);
    expect(await page.locator('.aligned-table td.cell-same').allInnerTexts()).toEqual(['"a"', '"a"', '"b"', '"b"']);
    expect(await page.locator('.result-line').innerText()).toMatch(/1 of 1 example failed: basic$/);
    // The public case's Spark findings in short form.
    expect(await page.locator('.case[data-case="basic"] .spark-insights').innerText()).toMatch(/^Spark: \d+ shuffles?; no skew$/);
    await page.locator('.diff-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'candidate-wrong-run');
  });

  it('submits a correct solution after confirming and shows accepted', async () => {
    const page = candidatePage;
    await putCode(page, correct);
    await poll(() => editorText(page, '#editor')).toBe(correct);
    await page.keyboard.press('ControlOrMeta+Shift+Enter');
    await page.locator('#confirm-submit-button').click();
    await poll(() => shownVerdict(page), GRADING_TIMEOUT_MS).toBe('accepted');
    // All passed: every case closed, its verdict on its summary line.
    expect(await page.locator('.result-line').innerText()).toMatch(/all 2 cases passed$/);
    expect(await page.locator('.case[data-case="hidden 1"] summary [data-verdict]').getAttribute('data-verdict')).toBe('accepted');
    expect(await page.locator('.case[open]').count()).toBe(0);
    // Nothing of a hidden case's Spark metrics reaches the candidate.
    expect(await page.locator('.case[data-case="basic"] .spark-insights').count()).toBe(1);
    expect(await page.locator('.case[data-case="hidden 1"] .spark-insights').count()).toBe(0);
    await screenshot(page, 'candidate-accepted');
  });

  it('keeps the draft across a reload', async () => {
    const page = candidatePage;
    await poll(() => page.locator('#save-state').getAttribute('data-state')).toBe('saved');
    await page.reload();
    await page.waitForSelector('#app[data-ready="candidate"]');
    await poll(() => editorText(page, '#editor')).toBe(correct);
    const draft = await api(server.url).json<{ code: string }>('GET', `/api/i/${candidateUrl.split('/i/')[1]}/draft`);
    expect(draft.body.code).toBe(correct);
  });

  it('shows the interviewer both submissions live, hidden-case results, playback and the scorecard', async () => {
    const page = interviewerPage;
    const items = page.locator('#submission-list .submission-item');
    await poll(() => items.count()).toBe(2);
    expect(await items.nth(0).getAttribute('data-kind')).toBe('submit');
    expect(await items.nth(1).getAttribute('data-kind')).toBe('run');
    await poll(() => items.nth(0).locator('[data-verdict]').getAttribute('data-verdict')).toBe('accepted');
    const hidden = page.locator('.case[data-case="nulls"]');
    expect(await hidden.innerText()).toContain('a group of only nulls sums to null');
    await hidden.scrollIntoViewIfNeeded();
    await screenshot(page, 'interviewer-hidden-case');
    await page.locator('#detail-title').scrollIntoViewIfNeeded();
    expect(await page.locator('.timing-chart rect.bar-candidate').count()).toBeGreaterThan(0);
    expect(await page.locator('details.plan').count()).toBeGreaterThan(0);
    // The Spark panel: the submission's findings on top, each case's totals beside the reference's and its longest stages.
    expect(await page.locator('.spark-summary').innerText()).toMatch(/Spark findings\s+Measured by Spark inside the sandbox/);
    await page.locator('.case[data-case="nulls"] > summary').click(); // a passed case starts closed
    const sparkPanel = page.locator('.case[data-case="nulls"] .spark-panel');
    await sparkPanel.locator('summary').click();
    expect(await sparkPanel.locator('.spark-totals').innerText()).toMatch(/Rows read from inputs\s+3/);
    expect(await sparkPanel.locator('.spark-stages .spread').count()).toBeGreaterThan(0);
    await sparkPanel.scrollIntoViewIfNeeded();
    await sparkPanel.screenshot({ path: path.join(SCREENSHOTS, 'interviewer-spark-panel.png') });
    await poll(() => editorText(page, '#submission-code')).toBe(correct);
    await screenshot(page, 'interviewer-submission');
    await page.getByRole('button', { name: /Changes since Run 1/ }).click();
    await poll(() => page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').count()).toBeGreaterThan(0);
    await screenshot(page, 'interviewer-diff');

    await items.nth(1).click();
    await poll(() => page.locator('.diff-table td.cell-mismatch').count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Playback' }).click();
    // The slider moves by time (play milliseconds, idle stretches cut); the position names the edit.
    const slider = page.locator('#playback-slider');
    const position = page.locator('#playback-position');
    await poll(async () => Number(/ of (\d+) · /.exec(await position.innerText())?.[1] ?? 0)).toBeGreaterThan(3);
    const edits = Number(/ of (\d+) · /.exec(await position.innerText())![1]);
    const playMs = Number(await slider.getAttribute('max'));
    await poll(() => editorText(page, '.playback-panel')).toBe(correct);
    await slider.focus();
    await page.keyboard.press('Home');
    await poll(() => editorText(page, '.playback-panel')).toBe(starter.trimEnd());
    expect(await position.innerText()).toMatch(new RegExp(`^0:00 of \\d+:\\d\\d \\(idle cut\\) · edit 0 of ${edits} · starter code$`));
    await slider.fill(String(Math.floor(playMs / 2)));
    await poll(async () => [starter.trimEnd(), correct].includes(await editorText(page, '.playback-panel'))).toBe(false);
    expect(await position.innerText()).toMatch(new RegExp(`edit \\d+ of ${edits} · `));
    // Every Run and Submit is marked with its verdict, each jumping to the edit it came after.
    expect(await page.locator('#playback-marks .mark-submission').allInnerTexts()).toEqual([
      expect.stringMatching(/Run 1: wrong answer$/),
      expect.stringMatching(/Submit 1: accepted$/),
    ]);
    await page.locator('#playback-marks .mark-submission').first().click();
    await poll(async () => [starter.trimEnd(), correct].includes(await editorText(page, '.playback-panel'))).toBe(false);
    await screenshot(page, 'interviewer-playback');

    await page.getByRole('tab', { name: 'Scorecard' }).click();
    // System thinking links to the latest graded submission's Spark findings.
    await page.locator('fieldset[data-criterion="systemThinking"] .spark-findings-link').click();
    await poll(() => page.locator('#detail-title').innerText()).toMatch(/^Submit 1/);
    expect(await page.locator('.spark-summary[id^="spark-findings-"]').count()).toBe(1);
    await page.getByRole('tab', { name: 'Scorecard' }).click();
    const problemSolving = page.locator('fieldset[data-criterion="problemSolving"]');
    await problemSolving.getByLabel('3').check();
    await problemSolving.getByLabel('Notes').fill('Found groupBy + sum quickly; fixed count vs sum after the diff.');
    await page.getByRole('button', { name: 'Save scorecard' }).click();
    await poll(() => page.locator('#scorecard-status').innerText()).toMatch(/^Saved/);
    const saved = await api(server.url).json<{ scorecard: { criteria: { problemSolving: { score: number } } } }>(
      'GET',
      `/api/i/${interviewerUrl.split('/i/')[1]}/scorecard`,
    );
    expect(saved.body.scorecard.criteria.problemSolving.score).toBe(3);
    await screenshot(page, 'interviewer-scorecard');
    // The candidate's token cannot read it; a score outside 1-4 is refused; the admin lists need the token.
    const client = api(server.url);
    expect((await client.json('GET', `/api/i/${candidateUrl.split('/i/')[1]}/scorecard`)).status).toBe(404);
    const bad = structuredClone(saved.body.scorecard);
    bad.criteria.problemSolving.score = 5;
    const refused = await client.json<{ error: string }>('PUT', `/api/i/${interviewerUrl.split('/i/')[1]}/scorecard`, bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('criteria.problemSolving.score');
    expect((await client.json('GET', '/api/interviews')).status).toBe(401);
    expect((await client.json('GET', '/api/challenges')).status).toBe(401);
  });

  it('makes a report with the final code, the verdicts and the scorecard, printable and as JSON, with no reference or hidden data', async () => {
    const page = await context.newPage();
    watchConsole(page, 'report page');
    await page.goto(`${interviewerUrl}/report`);
    await page.waitForSelector('#app[data-ready="report"]');
    expect(await page.locator('#final-code').innerText()).toBe(correct);
    const text = await page.locator('#report').innerText();
    expect(text).toMatch(/1\. Run · .* · wrong answer/);
    expect(text).toMatch(/2\. Submit · .* · accepted/);
    expect(await page.locator('.report-submission').last().locator('td').allInnerTexts()).toContain('hidden');
    expect(await page.locator('#report-integrity').innerText()).toMatch(/^Recorded: \d+ pastes?, largest [\d.]+ K?B; /);
    expect(await page.locator('#report-scorecard').innerText()).toMatch(/Problem solving\s+3 \/ 4\s+Found groupBy \+ sum quickly/);
    await screenshot(page, 'interview-report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-report').click()]);
    const json = await readFile((await download.path())!, 'utf8');
    expect(JSON.parse(json)).toMatchObject({
      challenges: [{ finalCode: correct }],
      submissions: [{ verdict: 'wrong_answer' }, { verdict: 'accepted' }],
    });
    for (const body of [json, await page.content()]) {
      for (const marker of HIDDEN_MARKERS) expect(body.includes(marker), marker).toBe(false);
      expect(body.includes(reference)).toBe(false);
    }
    expect((await api(server.url).json('GET', `/api/i/${candidateUrl.split('/i/')[1]}/report`)).status).toBe(404);
    await page.close();
  });

  it('never sends the candidate hidden expected rows or the reference, and logs no console errors', async () => {
    const html = await candidatePage.content();
    expect(candidateBodies.some((b) => b.url.startsWith('sse:'))).toBe(true);
    expect(candidateBodies.some((b) => b.url.includes('/api/i/'))).toBe(true);
    for (const { url, body } of [...candidateBodies, { url: 'candidate page DOM', body: html }]) {
      for (const marker of HIDDEN_MARKERS) expect(body.includes(marker), `${marker} in ${url}`).toBe(false);
      for (const form of [reference, JSON.stringify(reference).slice(1, -1)])
        expect(body.includes(form), `reference.py in ${url}`).toBe(false);
    }
    expect(consoleErrors).toEqual([]);
  });

  it("opens bull-board with the admin token under a CSP that allows only this origin's scripts", async () => {
    const board = await browser.newContext({ httpCredentials: { username: 'admin', password: ADMIN_TOKEN } });
    const requested: string[] = [];
    const errors: string[] = [];
    try {
      const page = await board.newPage();
      // Whatever the page asks for, only this server is ever reached.
      await page.route('**/*', (route) => {
        requested.push(route.request().url());
        return route.request().url().startsWith(server.url) ? route.continue() : route.abort('blockedbyclient');
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const response = await page.goto(`${server.url}/admin/queues`);
      expect(response?.status()).toBe(200);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      await poll(() => page.locator('body').innerText()).toContain(queueName);
      // The one refusal: its web font stylesheet from a third-party host (the fallback fonts are used).
      expect(errors.filter((e) => !e.includes('fonts.googleapis.com'))).toEqual([]);
      expect(requested.filter((u) => !u.startsWith(server.url))).toEqual([]);
      await screenshot(page, 'bull-board');
    } finally {
      await board.close();
    }
  });

  it('points at the line that wrote an unknown column, stops a running Run, lists a failing Submit failed-case first, and restores earlier code', async () => {
    const created = await createInterview(api(server.url), 'group-sum', 'Stops and restores');
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept()); // the restore and reset confirmations
    watchConsole(page, 'second candidate page');
    await page.goto(created.candidateUrl);
    await page.waitForSelector('#app[data-ready="candidate"]');

    // An unknown column: Spark's suggestion, and the line that wrote the name (not the line that raised).
    await putCode(page, unknownColumn);
    await poll(() => editorText(page, '#editor')).toBe(unknownColumn.trimEnd());
    await page.locator('#editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Enter');
    await poll(
      () =>
        page
          .locator('.error-suggestion')
          .innerText()
          .catch(() => ''),
      GRADING_TIMEOUT_MS,
    ).toMatch(/Did you mean .*`grp`/);
    const jump = page.locator('.error-block .error-jump');
    expect(await jump.innerText()).toBe('Go to line 5, where `grpp` is written');
    await jump.click();
    // Monaco moves the cursor and redraws its line numbers after the click returns.
    await poll(() => page.locator('#editor .active-line-number').innerText()).toBe('5');
    expect(await page.locator('details.error-plan').count()).toBe(1);
    await screenshot(page, 'candidate-unknown-column');

    // A Run that never ends: the elapsed time shows, Stop ends it within seconds, and Run is free again.
    await putCode(page, endless);
    await poll(() => editorText(page, '#editor')).toBe(endless.trimEnd());
    await page.locator('#run-button').click();
    await poll(() => page.locator('#stop-button').isVisible(), GRADING_TIMEOUT_MS).toBe(true);
    await poll(() => page.locator('#elapsed').innerText()).toMatch(/^\d+:\d\d$/);
    await poll(() => page.locator('#results').innerText(), GRADING_TIMEOUT_MS).toContain('Running case');
    const stoppedAt = Date.now();
    await page.locator('#stop-button').click();
    await poll(() => page.locator('#results').innerText(), 15_000).toContain('You stopped this Run');
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(await page.locator('#run-button').isDisabled()).toBe(false);
    expect(await page.locator('#stop-button').isVisible()).toBe(false);

    // A Submit that fails a hidden case: the summary names it, and it comes first, open; the passed one is closed.
    await putCode(page, nullsAsZero);
    await poll(() => editorText(page, '#editor')).toBe(nullsAsZero.trimEnd());
    await page.locator('#submit-button').click();
    await page.locator('#confirm-submit-button').click();
    await poll(
      () =>
        page
          .locator('.result-line')
          .innerText()
          .catch(() => ''),
      GRADING_TIMEOUT_MS,
    ).toMatch(/1 of 2 cases failed: hidden 1$/);
    expect(await page.locator('.result .case').first().getAttribute('data-case')).toBe('hidden 1');
    expect(await page.locator('.case[data-case="hidden 1"]').getAttribute('open')).not.toBeNull();
    expect(await page.locator('.case[data-case="basic"]').getAttribute('open')).toBeNull();
    await screenshot(page, 'candidate-failing-submit');

    // Restore the first Run's code from the history, then reset to the starter (each confirmed).
    const history = page.locator('#history');
    const firstRun = await history.locator('option').last().getAttribute('value');
    await history.selectOption(firstRun!);
    await page.locator('#restore-code').click();
    await poll(() => editorText(page, '#editor')).toBe(unknownColumn.trimEnd());
    await page.locator('#reset-starter').click();
    await poll(() => editorText(page, '#editor')).toBe(starter.trimEnd());
    await page.close();
  });

  it('runs a wrong solution on the candidate’s own rows, marks a bad cell, and shows the diff against the reference’s output', async () => {
    const created = await createInterview(api(server.url), 'group-sum', 'Own rows');
    const page = await context.newPage();
    await page.goto(created.candidateUrl);
    await page.waitForSelector('#app[data-ready="candidate"]');
    await putCode(page, countsThroughPython);
    await poll(() => editorText(page, '#editor')).toBe(countsThroughPython.trimEnd());

    // The panel starts from the public example's rows, typed by the declared columns.
    await page.locator('#custom-input-button').click();
    expect(await page.locator('#custom-input-button').getAttribute('aria-expanded')).toBe('true');
    const cell = (row: number, column: string) =>
      page.locator(`#custom-table-numbers tbody tr:nth-child(${row}) input[data-column="${column}"]`);
    await poll(() => page.locator('#custom-table-numbers tbody tr').count()).toBe(3);
    expect(await cell(1, 'grp').inputValue()).toBe('a');
    expect(await cell(3, 'n').inputValue()).toBe('5');

    // A cell that is not a long is refused before anything is queued, the cell named and marked.
    await cell(2, 'n').fill('ten');
    await page.locator('#custom-run-button').click();
    await poll(() => page.locator('#custom-input-problem').innerText()).toContain('numbers row 2, column n: not an integer: "ten"');
    expect(await cell(2, 'n').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#custom-input-problem').scrollIntoViewIfNeeded();
    await screenshot(page, 'candidate-custom-input');
    expect(await page.locator('#history option').first().innerText()).toBe('nothing yet');

    // Fixed, plus a row of its own: the reference's sums are "expected", the counts differ.
    await cell(2, 'n').fill('40');
    await page.locator('#custom-input button[data-input="numbers"]').click();
    await cell(4, 'grp').fill('c');
    await cell(4, 'n').fill('7');
    await page.locator('#custom-run-button').click();
    await poll(() => shownVerdict(page), GRADING_TIMEOUT_MS).toBe('wrong_answer');
    expect(await page.locator('.result-kind').innerText()).toMatch(/^Run on your own rows at /);
    expect(await page.locator('.result-line').innerText()).toMatch(/on your own rows$/);
    const expectedRows = await page.locator('#custom-expected tbody tr').allInnerTexts();
    expect(expectedRows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['"a"', '41'],
      ['"b"', '5'],
      ['"c"', '7'],
    ]);
    const mismatches = (await page.locator('.diff-table td.cell-mismatch').allInnerTexts()).map((t) =>
      t.replace(/\s*\(differs\)/, '').trim(),
    );
    expect(mismatches).toEqual(expect.arrayContaining(['41', '2', '5', '1', '7']));
    expect(await page.locator('#history option').first().innerText()).toMatch(/^Run 1 \(own rows\)/);
    expect(await page.locator('.case[data-case="custom input"] .spark-insights').innerText()).toMatch(/rows through Python/);
    await page.locator('#custom-expected').scrollIntoViewIfNeeded();
    await screenshot(page, 'candidate-custom-result');
    await page.close();

    // The interviewer: the rows the candidate typed, and the Spark panel's finding, also in the report.
    const interviewer = await context.newPage();
    watchConsole(interviewer, 'own-rows interviewer page');
    await interviewer.goto(created.interviewerUrl);
    await interviewer.waitForSelector('#app[data-ready="interviewer"]');
    await poll(() => interviewer.locator('#custom-rows tbody tr').count(), GRADING_TIMEOUT_MS).toBe(4);
    const finding = interviewer.locator('.spark-summary .spark-findings');
    expect(await finding.innerText()).toMatch(/4 rows went through Python/);
    await interviewer.locator('.spark-summary').scrollIntoViewIfNeeded();
    await screenshot(interviewer, 'interviewer-spark-findings');
    await interviewer.goto(`${created.interviewerUrl}/report`);
    await interviewer.waitForSelector('#app[data-ready="report"]');
    expect(await interviewer.locator('.report-submission h3').first().innerText()).toMatch(/Run on own rows/);
    expect(await interviewer.locator('.report-findings').innerText()).toMatch(/custom input: 4 rows went through Python/);
    await interviewer.close();
  });

  // Last, in pages of their own: the refused saves log network errors by design.
  it('keeps what the candidate types while drafts cannot be saved, and saves it from the next page', async () => {
    const page = await context.newPage();
    await page.route('**/draft', (route) => (route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.continue()));
    await page.goto(candidateUrl);
    await page.waitForSelector('#app[data-ready="candidate"]');
    const typedOffline = `${correct}\n# typed while the server could not save\n`;
    await putCode(page, typedOffline);
    await poll(() => page.locator('#save-state').getAttribute('data-state')).toBe('offline');
    expect(await page.locator('#save-state').innerText()).toContain('kept in this browser');
    await screenshot(page, 'candidate-draft-offline');
    // The tab dies with the edit unsaved (no chance to send it on the way out).
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    void (await context.newCDPSession(page)).send('Page.crash').catch(() => undefined);
    await crashed;

    const next = await context.newPage();
    await next.goto(candidateUrl);
    await next.waitForSelector('#app[data-ready="candidate"]');
    await poll(() => editorText(next, '#editor')).toBe(typedOffline.trimEnd());
    expect(await next.locator('#notice').innerText()).toContain('Restored unsaved changes');
    await poll(() => next.locator('#save-state').getAttribute('data-state')).toBe('saved');
    const draft = await api(server.url).json<{ code: string }>('GET', `/api/i/${candidateUrl.split('/i/')[1]}/draft`);
    expect(draft.body.code).toBe(typedOffline);
    await next.close();
    await page.close().catch(() => undefined);
  });
});
