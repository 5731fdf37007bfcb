import { defineConfig } from '@playwright/test';

// Journeys run in Debian's Chromium against the real Go server (global-setup.ts builds and
// starts it on a free port with a fresh SQLite file). No browser is downloaded.
export default defineConfig({
  testDir: './e2e',
  // The journey behind nginx has its own servers: playwright.nginx.config.ts.
  testIgnore: ['nginx/**'],
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  // One server for all journeys, and one journey restarts it: run them one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    baseURL: process.env.FLEETMAN_URL,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
