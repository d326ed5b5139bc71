// E2E tests against the built app (`npx next build` first). Each worker starts its own server and
// database through tests/e2e/fixtures.ts, so no webServer block is needed here.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    viewport: { width: 1280, height: 800 },
    // E2E_COLOR_SCHEME=dark runs every spec with the OS asking for dark (the default theme, System,
    // follows it), so each screenshot shows the dark state too.
    colorScheme: process.env.E2E_COLOR_SCHEME === "dark" ? "dark" : "light",
  },
  projects: [
    { name: "api", testMatch: /.*\.api\.spec\.ts$/ },
    { name: "ui", testMatch: /.*\.ui\.spec\.ts$/, use: { browserName: "chromium" } },
  ],
});
