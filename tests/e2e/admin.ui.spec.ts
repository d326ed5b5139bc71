// The admin page is for admins only; the role is checked on the server, not just hidden in the UI.
import { postSentry } from "../support/sentry";
import {
  ADMIN,
  deliverSentryIssue,
  ensureMember,
  expect,
  MEMBER,
  screenshot,
  signIn,
  test,
  uniqueSentryId,
} from "./fixtures";

test("a member cannot open /admin", async ({ page, app }) => {
  await ensureMember(app);
  await signIn(page, MEMBER);
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/issues\?denied=admin$/);
  await expect(page.getByText("only available to admins")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toHaveCount(0);
});

test("an admin sees source mappings and recent deliveries", async ({ page, app }) => {
  const project = await app.db.project.upsert({
    where: { key: "WEB" },
    update: {},
    create: { key: "WEB", name: "Web app" },
  });
  const slug = `mapped-${uniqueSentryId()}`;
  await app.db.sourceMapping.create({ data: { source: "sentry", externalProject: slug, projectId: project.id } });
  const identifier = await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title: "Mapped error" });
  expect(identifier).toMatch(/^WEB-\d+$/);
  expect((await postSentry(app.url, "{}", { signature: "0".repeat(64) })).status).toBe(401);

  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const mappings = page.getByRole("region", { name: "Source mappings" });
  await expect(mappings.getByRole("row").filter({ hasText: slug })).toContainText("WEB");
  const deliveries = page.getByTestId("delivery-row");
  await expect(deliveries.filter({ hasText: identifier })).toContainText("created");
  await expect(deliveries.filter({ hasText: "rejected" }).first()).toBeVisible();
  await screenshot(page, "admin");
});
