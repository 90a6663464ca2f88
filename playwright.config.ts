import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against a production build (`next start`), run through `npm run test:e2e`
 * (scripts/e2e.ts seeds the database and builds first; it also sets DATABASE_URL and DATA_DIR).
 */
const PORT = 3100;
const baseURL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium, never a downloaded one (the network is closed; see STACK.md).
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  },
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // When sign-in exists: add a `setup` project (testMatch: /.*\.setup\.ts/) that logs in once
    // per role (shopper, seller, admin) and saves `e2e/.auth/<role>.json`; role-specific projects
    // then declare `dependencies: ['setup']` and `use: { storageState: 'e2e/.auth/<role>.json' }`.
    { name: 'chromium', use: chromium },
  ],
  webServer: {
    // The keep-alive timeout as `npm start` sets it (scripts/run.ts): no ECONNRESET on a reused idle connection.
    command: `node node_modules/next/dist/bin/next start -p ${PORT} --keepAliveTimeout 65000`,
    url: `${baseURL}/api/health/ready`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      DATA_DIR: process.env.DATA_DIR ?? '.data/e2e',
      PUBLIC_URL: process.env.PUBLIC_URL ?? baseURL,
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
