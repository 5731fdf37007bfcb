import { expect, type Page, type TestInfo } from '@playwright/test';

/** The bell's unread badge (absent at zero). */
export const badge = (page: Page) => page.getByTestId('unread-badge');

export async function expectLive(page: Page, timeout = 10_000): Promise<void> {
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'open', { timeout });
}

export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Kept under test-results/<journey>/ as the journey's artifacts.
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** The badge shows `count`, or is absent when it is zero. */
export async function expectBadge(page: Page, count: number, timeout?: number): Promise<void> {
  if (count === 0) await expect(badge(page)).toHaveCount(0, { timeout });
  else await expect(badge(page)).toHaveText(String(count), { timeout });
}
