// axe over the page as it stands, in both colour schemes: when the theme is "System" (no cookie,
// the default) the page is checked again with the OS asking for the other scheme, without a reload,
// so an open menu or dialog is checked in dark too.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// A toast fading in or out is half transparent, which axe measures as low contrast: let finite
// animations and transitions end first (spinners run forever and are left alone).
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== "running" || animation.effect?.getComputedTiming().iterations === Infinity,
      ),
  );
}

async function seriousViolations(page: Page, label: string): Promise<string[]> {
  await settle(page);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${label}: ${violation.id} ${violation.help} (${violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`).join("; ")})`,
    );
}

export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const theme = await page.evaluate(() => document.documentElement.className);
  const osDark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
  const found = await seriousViolations(page, `${label} [${theme}, os ${osDark ? "dark" : "light"}]`);
  if (theme.split(" ").includes("system")) {
    await page.emulateMedia({ colorScheme: osDark ? "light" : "dark" });
    found.push(...(await seriousViolations(page, `${label} [system, os ${osDark ? "light" : "dark"}]`)));
    await page.emulateMedia({ colorScheme: osDark ? "dark" : "light" });
  }
  expect(found).toEqual([]);
}
