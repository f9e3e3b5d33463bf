/** Where the browser tests leave their screenshots (gitignored): test/browser/artifacts/. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/run-process.js';

export const ARTIFACTS = path.join(REPO_ROOT, 'test', 'browser', 'artifacts');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
