// What every browser test starts from: Debian's Chromium (missing, the test fails with how to get
// it, never skips), the screenshots folder, and the web app built from the current sources.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../../core/repo-root.js';
import { buildWebIfStale } from './build-web.js';

export const CHROMIUM = process.env.GRADER_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** Chromium launched on a fresh build of the web app (as root it runs without its own sandbox). */
export async function launchBrowser(): Promise<Browser> {
  await access(CHROMIUM, constants.X_OK).catch(() => {
    throw new Error(`the browser tests need Chromium at ${CHROMIUM} (scripts/setup.sh installs Debian's chromium)`);
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  await buildWebIfStale();
  return chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
}
