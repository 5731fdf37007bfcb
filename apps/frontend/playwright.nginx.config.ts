import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The web app over HTTPS/HTTP/2 through Debian's nginx with the shipped deploy/nginx/fleetman.conf,
// in front of two Go servers sharing one SQLite file and a redis-server (e2e/nginx/global-setup.ts
// starts them all on loopback). The certificate is self-signed, made by the setup.
export default defineConfig({
  ...base,
  testDir: './e2e/nginx',
  testIgnore: [],
  outputDir: './test-results/nginx',
  globalSetup: './e2e/nginx/global-setup.ts',
  globalTeardown: './e2e/nginx/global-teardown.ts',
  reporter: [['list'], ['html', { outputFolder: 'playwright-report/nginx', open: 'never' }]],
  use: {
    ...base.use,
    ignoreHTTPSErrors: true,
    launchOptions: {
      ...base.use?.launchOptions,
      args: [...(base.use?.launchOptions?.args ?? []), '--ignore-certificate-errors'],
    },
  },
});
