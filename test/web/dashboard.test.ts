// The interviewers' dashboard and the interview's lifecycle in a real browser (Debian's Chromium
// driven by playwright-core) against the real server and Redis (no worker: nothing here is
// graded). No challenge is chosen for the interviewer, and the chosen one is previewed as the
// candidate sees it through the admin API alone (no interview, so nothing recorded). From a
// fresh browser context with only the admin token, the dashboard opens an interview's
// interviewer view (no token copied by hand); a new candidate link replaces the old
// one; the interviewer follows the candidate's code live; a paste and time away on the candidate
// page reach the interviewer's summary and playback marks; the candidate's page counts down, and when the interviewer ends the interview it turns
// read-only at once and the dashboard says who ended it; archive hides an interview, delete
// removes it; the scorecard saves itself as the interviewer types (a reload keeps it, leaving with
// a change unsaved asks first); an interview of two challenges made from a template saved on the
// dashboard keeps a draft per challenge as the candidate moves between them, and both pages show
// where the candidate is. Screenshots of the dashboard, the interviewer's top bar, the ended
// candidate page, the scorecard and the challenge steps.
// Fails (never skips) when Chromium or redis-server is missing.
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, startRedis, uniqueQueue, type LocalRedis } from '../../scripts/local-service.js';
import { serviceEnv } from '../service/service-harness.js';
import { SCREENSHOTS, launchBrowser } from './browser.js';
import { startWebServer, type WebServer } from './start-web-server.js';

function poll<T>(fn: () => Promise<T> | T, timeout = 15_000) {
  return expect.poll(fn, { timeout, interval: 200 });
}

describe('the dashboard in Chromium', () => {
  let redis: LocalRedis;
  let server: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    server = await startWebServer(serviceEnv(redis.url, uniqueQueue('dashboard'), { GRADER_DEADLINE_CHECK_MS: '500' }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    await redis?.destroy();
  });

  /** A browser context of its own (nothing shared with the others), its dialogs accepted. */
  const freshContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.on('page', (p) => p.on('dialog', (d) => void d.accept().catch(() => undefined)));
    contexts.push(context);
    return context;
  };
  const dashboard = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('#app[data-ready="start"]');
    return page;
  };
  const row = (page: Page, name: string) => page.locator('.interviews-table tbody tr', { hasText: name });

  let candidateUrl = '';
  let interviewerPage: Page;
  let candidate: Page;

  it('opens the interviewer view from a fresh browser with only the admin token, and re-issues the candidate link', async () => {
    const first = await dashboard(await freshContext());
    expect(await first.getByLabel('Challenge').inputValue()).toBe(''); // no challenge chosen for the interviewer
    const requests: string[] = [];
    first.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await first.getByLabel('Challenge').selectOption('group-sum');
    // The preview: the statement and starter as the candidate sees them, from the admin API only.
    await poll(() => first.locator('#challenge-preview summary').innerText()).toBe(
      'Preview: Group sum as the candidate sees it (1 example, 1 hidden case)',
    );
    await first.locator('#challenge-preview summary').click();
    expect(await first.locator('#preview-starter').innerText()).toContain('def solve(spark, numbers):');
    await first.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-preview.png'), fullPage: true });
    expect(requests.filter((p) => p.startsWith('/api/'))).toEqual(['/api/challenges/group-sum']);
    await first.getByLabel('Candidate name').fill('Grace Hopper');
    await first.getByLabel('Time box (minutes)').fill('45');
    await first.getByRole('button', { name: 'Create interview' }).click();
    const oldCandidateUrl = await first.locator('#candidate-url').inputValue();
    await poll(() => row(first, 'Grace Hopper').locator('.status-cell').innerText()).toBe('Not started (45 min box)');

    // Another browser: nothing of the first one, no link copied.
    const context = await freshContext();
    const page = await dashboard(context);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png') });
    const opened = context.waitForEvent('page');
    await row(page, 'Grace Hopper').locator('[data-action="open"]').click();
    interviewerPage = await opened;
    await interviewerPage.waitForSelector('#app[data-ready="interviewer"]');
    await poll(() => interviewerPage.locator('#interview-clock').innerText()).toBe('Not started · 45:00 once opened');

    await row(page, 'Grace Hopper').locator('[data-action="new-candidate-link"]').click();
    candidateUrl = await page.locator('#candidate-url').inputValue();
    expect(candidateUrl).not.toBe(oldCandidateUrl);
    const stale = await context.newPage();
    await stale.goto(oldCandidateUrl);
    await poll(() => stale.locator('main').innerText()).toContain('This interview link is not valid');
    await stale.close();
  });

  it('records a paste and time away beside the edits, and shows them to the interviewer on the timeline and in the summary', async () => {
    const context = await freshContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    candidate = await context.newPage();
    await candidate.goto(candidateUrl);
    await candidate.waitForSelector('#app[data-ready="candidate"]');
    expect(await candidate.locator('#recording-notice').innerText()).toContain('pastes into the editor and leaving this page are recorded');
    await interviewerPage.getByRole('tab', { name: 'Live code' }).click();
    await candidate.evaluate(`navigator.clipboard.writeText(${JSON.stringify('# pasted from elsewhere\n')})`);
    await candidate.locator('#editor .view-lines').click();
    await candidate.keyboard.press('ControlOrMeta+End');
    await candidate.keyboard.press('ControlOrMeta+V');
    // The interviewer follows it live: the code as saved, and that the candidate is typing.
    const followed = async (): Promise<string> =>
      (await interviewerPage.locator('#follow-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
    await poll(followed, 5_000).toContain('# pasted from elsewhere');
    expect(await interviewerPage.locator('#follow-presence').innerText()).toMatch(/^Typing · saved /);
    await interviewerPage.locator('.follow-panel').screenshot({ path: path.join(SCREENSHOTS, 'interviewer-live-code.png') });
    await candidate.evaluate('window.dispatchEvent(new Event("blur"))');
    await new Promise((r) => setTimeout(r, 1_100));
    await candidate.evaluate('window.dispatchEvent(new Event("focus"))');
    // Saved once the focus is on the server too (the page saves in batches).
    const token = new URL(interviewerPage.url()).pathname.split('/')[2]!;
    await poll(async () => {
      const { body } = await api(server.url).json<{ events: { signal?: string }[] }>('GET', `/api/i/${token}/draft/events`);
      return body.events.at(-1)?.signal;
    }).toBe('focus');

    await interviewerPage.getByRole('tab', { name: 'Playback' }).click();
    await poll(() => interviewerPage.locator('#playback-integrity').innerText(), 20_000).toMatch(
      /^Recorded: 1 paste, largest 24 B; away once, [12] s\.$/,
    );
    expect(await interviewerPage.locator('#integrity-summary').innerText()).toMatch(/^Recorded: 1 paste, largest 24 B; away once/);
    const marks = await interviewerPage.locator('#playback-marks li').allInnerTexts();
    expect(marks).toEqual([expect.stringMatching(/paste 24 B: "# pasted from elsewhere/), expect.stringMatching(/away [12] s$/)]);
    await interviewerPage.locator('.playback-panel').screenshot({ path: path.join(SCREENSHOTS, 'interviewer-playback-signals.png') });
    await interviewerPage.getByRole('tab', { name: 'Submission' }).click();
  });

  it('counts down on the candidate page and turns it read-only the moment the interviewer ends the interview', async () => {
    await poll(() => candidate.locator('#interview-clock').innerText()).toMatch(/^4\d:\d\d left$/);
    await poll(() => interviewerPage.locator('#interview-clock').innerText()).toMatch(/^4\d:\d\d left$/);
    await interviewerPage.locator('.topbar').screenshot({ path: path.join(SCREENSHOTS, 'interviewer-clock.png') });

    await interviewerPage.locator('#end-interview').click();
    await poll(() => candidate.locator('#ended-banner').isVisible()).toBe(true);
    expect(await candidate.locator('#interview-clock').innerText()).toBe('Ended (ended by the interviewer)');
    expect(await candidate.locator('#run-button').isDisabled()).toBe(true);
    expect(await candidate.locator('#submit-button').isDisabled()).toBe(true);
    // The editor takes no more typing.
    await candidate.locator('#editor .view-lines').click();
    await candidate.keyboard.type('# too late');
    expect(await candidate.locator('#editor .view-lines').innerText()).not.toContain('too late');
    await candidate.screenshot({ path: path.join(SCREENSHOTS, 'candidate-ended.png') });
    await poll(() => interviewerPage.locator('#end-interview').isVisible()).toBe(false);
  });

  it('saves the scorecard as the interviewer types, keeps it across a reload, and asks before leaving with a change unsaved', async () => {
    const page = interviewerPage;
    await page.getByRole('tab', { name: 'Scorecard' }).click();
    await page.locator('#new-note').fill('asked about skew before coding');
    await page.locator('#new-note').press('Enter');
    await page.locator('[data-criterion="problemSolving"] textarea').fill('split the problem well');
    await page.getByLabel('Hire', { exact: true }).check();
    await poll(() => page.locator('#scorecard-status').innerText()).toMatch(/^Saved/);
    await page.reload();
    await page.waitForSelector('#app[data-ready="interviewer"]');
    await page.getByRole('tab', { name: 'Scorecard' }).click();
    await poll(() => page.locator('[data-criterion="problemSolving"] textarea').inputValue()).toBe('split the problem well');
    expect(await page.locator('#timed-notes').innerText()).toMatch(/^\d\d?:\d\d(:\d\d)?( [AP]M)? asked about skew before coding$/);
    expect(await page.getByLabel('Hire', { exact: true }).isChecked()).toBe(true);
    await page.locator('.scorecard').screenshot({ path: path.join(SCREENSHOTS, 'interviewer-scorecard-autosave.png') });

    // A change not saved yet: leaving asks first.
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => resolve(d.type())));
    await page.locator('textarea[name="summary"]').fill('leaving right away');
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
  });

  it('archives, shows archived on request, and deletes', async () => {
    const page = await dashboard(await freshContext());
    await poll(() => row(page, 'Grace Hopper').locator('.status-cell').innerText()).toBe('Ended (by the interviewer)');
    await row(page, 'Grace Hopper').locator('[data-action="archive"]').click();
    await poll(() => row(page, 'Grace Hopper').count()).toBe(0);
    await page.getByLabel('Show archived').check();
    await poll(() => row(page, 'Grace Hopper').locator('.status-cell').innerText()).toBe('Ended (by the interviewer) · archived');
    await row(page, 'Grace Hopper').locator('[data-action="delete"]').click();
    await poll(() => row(page, 'Grace Hopper').count()).toBe(0);
    const listed = await api(server.url).json<{ interviews: unknown[] }>('GET', '/api/interviews?archived=include', undefined, {
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(listed.body.interviews).toEqual([]);
  });

  it('makes a two-challenge interview from a template saved on the dashboard; each challenge keeps its own draft as the candidate moves', async () => {
    const page = await dashboard(await freshContext());
    await page.getByLabel('Challenge', { exact: true }).selectOption('group-sum');
    await page.locator('#budget-1').fill('5');
    await page.locator('#add-challenge').click();
    await page.locator('#challenge-2').selectOption('timed-sum');
    await page.locator('#budget-2').fill('10');
    await page.locator('#template-name').fill('Two fixtures');
    await page.locator('#save-template').click();
    await poll(() => page.locator('#template-hint').innerText()).toBe('Saved "Two fixtures".');
    // A fresh dashboard: the template fills the rows.
    const again = await dashboard(await freshContext());
    await again.getByLabel('Template').selectOption({ label: 'Two fixtures (Group sum → Timed group sum)' });
    expect(await again.locator('#challenge').inputValue()).toBe('group-sum');
    expect(await again.locator('#challenge-2').inputValue()).toBe('timed-sum');
    expect(await again.locator('#budget-2').inputValue()).toBe('10');
    await again.getByLabel('Candidate name').fill('Two Challenges');
    await again.getByRole('button', { name: 'Create interview' }).click();
    await poll(() => row(again, 'Two Challenges').locator('.status-cell').innerText()).toBe('Not started (15 min box)');
    expect(await row(again, 'Two Challenges').locator('.challenges-cell li').allInnerTexts()).toEqual(['Group sum', 'Timed group sum']);
    const candidateLink = await again.locator('#candidate-url').inputValue();
    const interviewerLink = await again.locator('#interviewer-url').inputValue();

    const cand = await (await freshContext()).newPage();
    await cand.goto(candidateLink);
    await cand.waitForSelector('#app[data-ready="candidate"]');
    const steps = cand.locator('#challenge-steps .challenge-step');
    expect(await steps.allInnerTexts()).toEqual([
      expect.stringMatching(/^1\. Group sum\s+0:0\d of 5 min\s+you are here$/),
      expect.stringMatching(/^2\. Timed group sum\s+0:00 of 10 min$/),
    ]);
    const editorText = async (): Promise<string> => (await cand.locator('#editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
    const typeAtEnd = async (text: string): Promise<void> => {
      await cand.locator('#editor .view-lines').click();
      await cand.keyboard.press('ControlOrMeta+End');
      await cand.keyboard.type(text);
    };
    await typeAtEnd('\n# first challenge');
    await steps.nth(1).click();
    await cand.waitForURL(/\?challenge=timed-sum$/);
    await cand.waitForSelector('#app[data-ready="candidate"]');
    expect(await cand.locator('.topbar-title').innerText()).toBe('2 of 2 · Timed group sum');
    expect(await editorText()).not.toContain('# first challenge');
    await typeAtEnd('\n# second challenge');
    await poll(() => cand.locator('#save-state').innerText()).toMatch(/^Saved/);

    // The interviewer sees where the candidate is, and the time spent on the first challenge.
    const int = await (await freshContext()).newPage();
    await int.goto(interviewerLink);
    await int.waitForSelector('#app[data-ready="interviewer"]');
    const here = int.locator('#challenge-steps .challenge-step', { hasText: 'the candidate is here' });
    expect(await here.getAttribute('data-challenge')).toBe('timed-sum');
    expect(await int.locator('.topbar-title').innerText()).toBe('2 of 2 · Timed group sum');
    await int.locator('#challenge-steps').screenshot({ path: path.join(SCREENSHOTS, 'interviewer-challenge-steps.png') });

    await cand.locator('#challenge-steps .challenge-step').nth(0).click();
    await cand.waitForURL(/\?challenge=group-sum$/);
    await cand.waitForSelector('#app[data-ready="candidate"]');
    expect(await editorText()).toContain('# first challenge');
    expect(await editorText()).not.toContain('# second challenge');
    // The cursor is back where it was when the candidate left: typing goes on at the end of the line.
    await cand.keyboard.type(' (resumed)');
    await poll(editorText).toContain('# first challenge (resumed)');
    await cand.screenshot({ path: path.join(SCREENSHOTS, 'candidate-challenge-steps.png') });
    await poll(async () =>
      int.locator('#challenge-steps .challenge-step', { hasText: 'the candidate is here' }).getAttribute('data-challenge'),
    ).toBe('group-sum');
    // On the second challenge, the live follow says the candidate is elsewhere.
    await int.getByRole('tab', { name: 'Live code' }).click();
    await poll(() => int.locator('#follow-presence').innerText()).toMatch(/^The candidate is on another challenge: Group sum/);
    // The candidate's cursor as last saved on this challenge: after the line they typed.
    expect(await int.locator('#follow-editor .follow-cursor').count()).toBe(1);
    const token = new URL(int.url()).pathname.split('/')[2]!;
    const second = await api(server.url).json<{ code: string }>('GET', `/api/i/${token}/draft?challenge=timed-sum`);
    expect(second.body.code).toContain('# second challenge');
  });
});
