// What a browser fetches and feels on the issue list: the RSC payload of a client navigation, and
// the time from a key press to the menu it opens, in a real chromium.
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import type { SessionClient } from "../../tests/support/session";

/**
 * The RSC payload a client navigation to `path` receives. Next 16 answers a request whose `_rsc`
 * value does not match the hash of its router headers with a 307 to the right value (cache
 * poisoning guard), so that redirect is followed once, headers kept.
 */
export async function rscPayload(
  client: SessionClient,
  path: string,
): Promise<{ status: number; bytes: number; gzipBytes: number; type: string | null }> {
  // Without a router state tree the whole page is rendered, as for a navigation from elsewhere.
  const headers = { RSC: "1" };
  const separator = path.includes("?") ? "&" : "?";
  let response = await client.request("GET", `${path}${separator}_rsc=bench`, undefined, headers);
  const location = response.headers.get("location");
  if (response.status === 307 && location?.includes("_rsc")) {
    await response.arrayBuffer();
    response = await client.request(
      "GET",
      new URL(location, "http://x").pathname + new URL(location, "http://x").search,
      undefined,
      headers,
    );
  }
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    bytes: body.length,
    gzipBytes: gzipSync(body).length,
    type: response.headers.get("content-type"),
  };
}

// Checks every frame from the keydown on; resolves at the first frame where a dialog has a box (the
// page keeps other, hidden dialogs in the DOM).
const ARM_MENU_TIMER = `window.__menuMs = new Promise((resolve, reject) => {
  const give = setTimeout(() => reject(new Error("no status menu within 10 s")), 10000);
  addEventListener("keydown", (event) => {
    if (event.key !== "s") return;
    const start = event.timeStamp;
    const frame = () => {
      const open = [...document.querySelectorAll('[role="dialog"]')].some((dialog) => dialog.getClientRects().length > 0);
      if (open) {
        clearTimeout(give);
        resolve(performance.now() - start);
      } else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, { capture: true, once: true });
});
0 // not the promise: evaluate would wait for it`;

/**
 * `presses` times: focus the first row (j), press `s`, and time in the page from the keydown to the
 * frame after the status menu is in the DOM and visible; Escape closes it. Milliseconds, sorted.
 */
export async function keyToMenuTimes(baseUrl: string, client: SessionClient, presses: number): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const context = await browser.newContext();
    const cookies = client.jar
      .header()
      .split("; ")
      .map((pair) => {
        const index = pair.indexOf("=");
        return { name: pair.slice(0, index), value: pair.slice(index + 1), url: baseUrl };
      });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/issues`);
    await page.getByTestId("issue-row").first().waitFor();
    await page.locator("h1").click();
    await page.keyboard.press("j");
    const times: number[] = [];
    for (let i = 0; i < presses + 2; i++) {
      // A string, not a function: the bundler's helpers (__name) do not exist in the page.
      await page.evaluate(ARM_MENU_TIMER);
      await page.keyboard.press("s");
      await page.getByRole("dialog", { name: /Change status/ }).waitFor();
      const ms = await page.evaluate<number>("window.__menuMs");
      if (i >= 2) times.push(ms);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog", { name: /Change status/ }).waitFor({ state: "hidden" });
    }
    return times.sort((a, b) => a - b);
  } finally {
    await browser.close();
  }
}
