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
