// The admin console's configuration pages, driven as an admin would: every form with its validation
// errors beside the field, copy buttons, Jira pickers and Test connection against the local fake Jira,
// and the Sentry / GlitchTip test deliveries through the running server's real endpoints.
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { type FakeJira, startFakeJira } from "../support/fake-jira";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, deliverSentryIssue, ensureMember, expect, MEMBER, signIn, test, uniqueSentryId } from "./fixtures";

const SHOTS = "/tmp/shots-admin-config";
mkdirSync(SHOTS, { recursive: true });

/** Full-page screenshots of the page as it stands, light then dark. */
async function shoot(page: Page, name: string): Promise<void> {
  // A window as tall as the page, so the sticky sidebar renders as a person sees it.
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(viewport);
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

// Long flows on a shared 2-core machine: each drives several forms through the real server.
test.describe.configure({ timeout: 180_000 });

let jira: FakeJira;
test.beforeAll(async () => {
  jira = await startFakeJira({
    projects: [
      { key: "OPS", name: "Operations", issueTypes: ["Bug", "Task", "Incident"], components: ["Backend"] },
      { key: "SUP", name: "Support", issueTypes: ["Bug", "Question"] },
    ],
  });
});
test.afterAll(async () => jira.stop());
test.beforeEach(async ({ context, app }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
});

test("a member is refused every admin configuration page", async ({ page, app }) => {
  await ensureMember(app);
  await signIn(page, MEMBER);
  for (const path of [
    "/admin/projects",
    "/admin/mappings",
    "/admin/mappings/new",
    "/admin/jira-connections",
    "/admin/sentry",
    "/admin/glitchtip",
  ]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/issues\?denied=admin$/);
  }
});

test("projects: create with errors beside the field, rename, key fixed once issues exist", async ({ page, app }) => {
  await signIn(page, ADMIN, "/admin/projects");
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Projects" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await shoot(page, "projects-empty");

  // Keyboard only: focus the key field, type, Tab to the name, Enter submits.
  const form = page.getByRole("form", { name: "New project" });
  await form.getByLabel("Key").focus();
  await page.keyboard.type("web app");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Web");
  await page.keyboard.press("Enter");
  await expect(form.locator('[data-field-error="key"]')).toContainText("must be 2-10 upper-case letters/digits");
  await expect(form.getByLabel("Key")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Name")).toHaveValue("Web");
  await shoot(page, "projects-error");

  await form.getByLabel("Key").fill("SHOP");
  await form.getByLabel("Name").fill("Shop");
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-row").filter({ hasText: "SHOP" })).toContainText("Shop");

  // A duplicate key is a conflict, said in the form.
  await form.getByLabel("Key").fill("SHOP");
  await form.getByLabel("Name").fill("Again");
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(form.getByRole("alert")).toContainText("Project SHOP already exists");

  // No issues yet: the key may change.
  await page.getByRole("button", { name: "Rename SHOP" }).click();
  const rename = page.getByRole("form", { name: "Rename SHOP" });
  await rename.getByLabel("Key").fill("STORE");
  await rename.getByLabel("Name").fill("Storefront");
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("project-row").filter({ hasText: "STORE" })).toContainText("Storefront");

  // With issues the key field is read-only and says why; a forged change is refused by the server.
  const slug = `fixed-${uniqueSentryId()}`;
  const project = await app.db.project.upsert({
    where: { key: "FIXD" },
    update: {},
    create: { key: "FIXD", name: "Fixed" },
  });
  await app.db.sourceMapping.create({ data: { source: "sentry", externalProject: slug, projectId: project.id } });
  await deliverSentryIssue(app, { id: uniqueSentryId(), slug });
  await page.reload();
  await page.getByRole("button", { name: "Rename FIXD" }).click();
  const fixed = page.getByRole("form", { name: "Rename FIXD" });
  await expect(fixed.getByLabel("Key")).toHaveAttribute("readonly", "");
  await expect(fixed).toContainText("already in Jira tickets, links and commits");
  await shoot(page, "projects-full-rename");
  await fixed.getByLabel("Key").evaluate((input: HTMLInputElement) => {
    input.readOnly = false;
    input.value = "OTHER";
  });
  await fixed.getByRole("button", { name: "Save" }).click();
  await expect(fixed.locator('[data-field-error="key"]')).toContainText("cannot change once the project has issues");
  expect((await app.db.project.findUniqueOrThrow({ where: { id: project.id } })).key).toBe("FIXD");

  const actions = (
    await app.db.adminAuditEntry.findMany({
      where: { targetType: "project" },
      select: { action: true, targetName: true },
    })
  ).map((entry) => `${entry.action} ${entry.targetName}`);
  expect(actions).toEqual(expect.arrayContaining(["project.created SHOP", "project.updated STORE"]));
  await expectNoSeriousA11yViolations(page, "admin projects");
});

test("Jira connection: errors, Test connection naming a project without permission, webhook URL and secret", async ({
  page,
  app,
}) => {
  jira.reset();
  await signIn(page, ADMIN, "/admin/jira-connections");
  await shoot(page, "jira-connections-empty");
  const form = page.getByRole("form", { name: "New Jira connection" });
  const name = `fake-jira-${uniqueSentryId()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Site URL").fill("not a url");
  await form.getByLabel("API token").fill("cloud-api-token");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(form.locator('[data-field-error="baseUrl"]')).toContainText("must be an http(s) URL");
  await form.getByLabel("Site URL").fill(jira.url);
  await form.getByLabel("API token").fill("cloud-api-token");
  await form.getByRole("button", { name: "Add connection" }).click();
  // Cloud needs the account email (a rule across fields, still named at its field).
  await expect(form.locator('[data-field-error="email"]')).toContainText("is required for Jira Cloud");
  await shoot(page, "jira-connections-error");
  await form.getByLabel("Account email").fill("wrong@example.com");
  await form.getByLabel("API token").fill("cloud-api-token");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(page).toHaveURL(/\/admin\/jira-connections\/[0-9a-f-]{36}\?saved=1$/);
  const connectionId = /jira-connections\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  // Wrong email: Jira refuses the credentials, the connection is marked broken with the reason.
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-test-result")).toContainText("failed with HTTP 401");
  await expect(page.getByTestId("connection-status")).toContainText("broken");
  await shoot(page, "jira-connection-broken");

  const settings = page.getByRole("form", { name: "Edit Jira connection" });
  await settings.getByLabel("Account email").fill("bot@example.com");
  await settings.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("Connection saved.")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toContainText("not used yet");

  // Two mapped projects; the bot may not create issues in SUP: named per project, the connection stays ok.
  const project = await app.db.project.upsert({
    where: { key: "JIRA" },
    update: {},
    create: { key: "JIRA", name: "Jira bound" },
  });
  for (const key of ["OPS", "SUP"]) {
    await app.db.sourceMapping.create({
      data: {
        source: "sentry",
        externalProject: `jira-${key.toLowerCase()}-${uniqueSentryId()}`,
        projectId: project.id,
        jiraConnectionId: connectionId,
        jiraProjectKey: key,
      },
    });
  }
  jira.denyPermission("SUP", "CREATE_ISSUES");
  await page.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByTestId("connection-test-result");
  await expect(result).toContainText("Jira accepted the credentials");
  await expect(result).toContainText("OPS: may browse and create issues");
  await expect(result).toContainText("SUP: missing CREATE_ISSUES");
  await expect(page.getByTestId("connection-status")).toContainText("connected");
  expect(jira.calls.filter((call) => call.path === "/rest/api/3/mypermissions").map((call) => call.query)).toEqual([
    { projectKey: "OPS", permissions: "BROWSE_PROJECTS,CREATE_ISSUES" },
    { projectKey: "SUP", permissions: "BROWSE_PROJECTS,CREATE_ISSUES" },
  ]);

  await page.getByRole("button", { name: "Copy Jira webhook URL" }).click();
  expect(await clipboard(page)).toBe(`${app.url}/api/jira/webhook`);
  await page.getByRole("button", { name: "Generate secret" }).click();
  const secret = await page.getByTestId("copy-value-Webhook secret").textContent();
  expect(secret).toMatch(/^\S{20,}$/);
  await page.getByRole("button", { name: "Copy Webhook secret" }).click();
  expect(await clipboard(page)).toBe(secret);
  await shoot(page, "jira-connection-full");

  // In use: deleting is refused with the reason.
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete this connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is used by 2 mapping(s)" })).toBeVisible();

  const audit = await app.db.adminAuditEntry.findMany({
    where: { targetId: connectionId },
    orderBy: { createdAt: "asc" },
    select: { action: true, details: true },
  });
  expect(audit.map((entry) => entry.action)).toEqual([
    "jira_connection.created",
    "jira_connection.updated",
    "jira_connection.webhook_secret_rotated",
  ]);
  expect(audit[0]!.details).toMatchObject({ token: "replaced" });
  expect(JSON.stringify(audit)).not.toContain("cloud-api-token");
  expect(JSON.stringify(audit)).not.toContain(secret);
  await expectNoSeriousA11yViolations(page, "admin jira connection");
});

test("mappings: Jira pickers from the connection, errors at their field, manual fallback, edit, delete", async ({
  page,
  app,
}) => {
  jira.reset();
  await app.db.project.upsert({ where: { key: "MAPS" }, update: {}, create: { key: "MAPS", name: "Mapped" } });
  const connection = await app.db.jiraConnection.create({
    data: { name: `pickers-${uniqueSentryId()}`, baseUrl: jira.url, email: "bot@example.com", tokenEncrypted: "" },
  });
  // The stored token must be sealed with the server's key: set it through the server.
  await signIn(page, ADMIN, `/admin/jira-connections/${connection.id}`);
  const settings = page.getByRole("form", { name: "Edit Jira connection" });
  await settings.getByLabel(/API token/).fill("cloud-api-token");
  await settings.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("Connection saved.")).toBeVisible();

  await page.goto("/admin/mappings");
  await shoot(page, "mappings-list");
  await page.getByRole("link", { name: "New mapping" }).click();
  const form = page.getByRole("form", { name: "New mapping" });
  const slug = `picked-${uniqueSentryId()}`;
  await form.getByLabel("Internal project").selectOption("MAPS");
  await form.getByLabel("External project").fill(slug);
  await form.getByLabel("Jira connection").selectOption(connection.id);
  const projectPicker = form.getByRole("combobox", { name: "Jira project" });
  await expect(projectPicker.locator("option")).toHaveText(["Choose a project…", "OPS — Operations", "SUP — Support"]);
  await projectPicker.selectOption("OPS");
  await expect(form.getByRole("combobox", { name: "Issue type" }).locator("option")).toHaveText([
    "Bug",
    "Task",
    "Incident",
  ]);
  await form.getByRole("combobox", { name: "Issue type" }).selectOption("Incident");
  await form.getByLabel("Labels").fill("from-sentry, needs triage");
  await form.getByLabel("Tickets per hour").fill("5000");
  await form.getByLabel("P1").fill("Highest");
  await form.getByRole("button", { name: "Create mapping" }).click();
  await expect(form.locator('[data-field-error="jiraLabels"]')).toContainText(
    'Jira labels cannot contain spaces or other whitespace (Jira refuses them): "needs triage"',
  );
  await expect(form.locator('[data-field-error="jiraTicketsPerHour"]')).toContainText("must be between 1 and 1000");
  await expect(form.getByLabel("Labels")).toHaveValue("from-sentry, needs triage");
  await expect(form.getByRole("combobox", { name: "Issue type" })).toHaveValue("Incident");
  await shoot(page, "mapping-new-error");

  await form.getByLabel("Labels").fill("from-sentry, triage");
  await form.getByLabel("Tickets per hour").fill("20");
  await form.getByRole("button", { name: "Create mapping" }).click();
  await expect(page).toHaveURL(/\/admin\/mappings\?saved=/);
  const row = page.getByTestId("mapping-row").filter({ hasText: slug });
  await expect(row).toContainText("OPS");
  await expect(row).toContainText("Incident, ≤ 20/h");
  const saved = await app.db.sourceMapping.findFirstOrThrow({ where: { externalProject: slug } });
  expect(saved).toMatchObject({
    jiraProjectKey: "OPS",
    jiraIssueType: "Incident",
    jiraLabels: ["from-sentry", "triage"],
    jiraTicketsPerHour: 20,
    jiraPriorities: { P1: "Highest" },
  });
  await shoot(page, "mappings-full");

  // Jira unreachable: the pickers fall back to typing, and the mapping still saves.
  await row.getByRole("link", { name: slug }).click();
  await expect(page.getByRole("combobox", { name: "Jira project" })).toHaveValue("OPS");
  jira.failNext(5, { status: 503, path: "/rest/api/3/project/search" });
  // A new cache key: saving the connection bumps its updatedAt.
  await app.db.jiraConnection.update({ where: { id: connection.id }, data: { name: `${connection.name}-2` } });
  await page.reload();
  const edit = page.getByRole("form", { name: "Edit mapping" });
  await expect(edit.getByTestId("jira-picker-error")).toContainText("HTTP 503");
  await expect(edit.getByRole("textbox", { name: "Jira project" })).toHaveValue("OPS");
  await edit.getByRole("textbox", { name: "Jira project" }).fill("SUP");
  await edit.getByRole("textbox", { name: "Issue type" }).fill("Question");
  await edit.getByLabel("GitHub token").fill("ghp_secret_value");
  await edit.getByLabel("Repository").fill("not a repo");
  await edit.getByRole("button", { name: "Save mapping" }).click();
  await expect(edit.locator('[data-field-error="githubRepo"]')).toContainText('must be "owner/repo"');
  await shoot(page, "mapping-edit-fallback-error");
  await edit.getByLabel("Repository").fill("acme/web");
  await edit.getByLabel("GitHub token").fill("ghp_secret_value");
  await edit.getByRole("button", { name: "Save mapping" }).click();
  await expect(page).toHaveURL(/\/admin\/mappings\?saved=/);
  expect(await app.db.sourceMapping.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({
    jiraProjectKey: "SUP",
    jiraIssueType: "Question",
    githubRepo: "acme/web",
  });

  // The token is write-only: the form says it is set, never shows it.
  await page.getByTestId("mapping-row").filter({ hasText: slug }).getByRole("link", { name: slug }).click();
  await expect(page.getByLabel("GitHub token (set — type to replace)")).toHaveValue("");
  expect(await page.content()).not.toContain("ghp_secret_value");

  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete this mapping" }).click();
  await expect(page).toHaveURL(/\/admin\/mappings\?deleted=1$/);
  await expect(page.getByTestId("mapping-row").filter({ hasText: slug })).toHaveCount(0);

  const audit = await app.db.adminAuditEntry.findMany({
    where: { targetId: saved.id },
    orderBy: { createdAt: "asc" },
    select: { action: true, details: true },
  });
  expect(audit.map((entry) => entry.action)).toEqual(["mapping.created", "mapping.updated", "mapping.deleted"]);
  expect(audit[1]!.details).toMatchObject({ githubToken: "replaced", jiraProjectKey: "SUP" });
  expect(JSON.stringify(audit)).not.toContain("ghp_secret_value");
  await expectNoSeriousA11yViolations(page, "admin mappings");
});

test("Sentry: status, copy URL, Send test event through the real webhook links to its issue", async ({ page, app }) => {
  await signIn(page, ADMIN, "/admin/sentry");
  await expect(page.getByTestId("sentry-status")).toContainText("SENTRY_CLIENT_SECRET is set");
  await page.getByRole("button", { name: "Copy Sentry webhook URL" }).click();
  expect(await clipboard(page)).toBe(`${app.url}/api/sentry/webhook`);
  await shoot(page, "sentry-before-test");

  const deliveriesBefore = await app.db.webhookDelivery.count({ where: { source: "sentry" } });
  await page.getByRole("button", { name: "Send test event" }).click();
  const result = page.getByTestId("test-send-result");
  await expect(result).toContainText("HTTP 200");
  const link = result.getByRole("link", { name: /^Open [A-Z0-9]+-\d+$/ });
  const identifier = (await link.textContent())!.replace("Open ", "");
  // It really went through the endpoint: a stored, signed delivery that created the issue.
  expect(await app.db.webhookDelivery.count({ where: { source: "sentry" } })).toBe(deliveriesBefore + 1);
  await page.reload();
  await expect(page.getByTestId("sentry-last-delivery")).toContainText("created");
  await expect(page.getByTestId("sentry-last-delivery")).toContainText(identifier);
  await shoot(page, "sentry-after-test");
  await page.getByTestId("sentry-last-delivery").getByRole("link", { name: identifier }).click();
  await expect(page).toHaveURL(new RegExp(`/issues/${identifier}$`));
  await expect(page.getByText("Test event sent from the tracker's settings").first()).toBeVisible();
  expect(await app.db.adminAuditEntry.count({ where: { action: "sentry.test_event_sent" } })).toBeGreaterThan(0);
});

test("GlitchTip: URLs shown once after create and rotation, copy, Send test alert through them", async ({
  page,
  app,
}) => {
  await app.db.project.upsert({ where: { key: "GTP" }, update: {}, create: { key: "GTP", name: "GlitchTip project" } });
  await signIn(page, ADMIN, "/admin/glitchtip");
  await shoot(page, "glitchtip-page");
  await page.getByRole("link", { name: "New GlitchTip mapping" }).click();
  const form = page.getByRole("form", { name: "New mapping" });
  await expect(form.getByLabel("Source", { exact: true })).toHaveValue("glitchtip");
  await form.getByLabel("Internal project").selectOption("GTP");
  const external = `acme/web-${uniqueSentryId()}`;
  await form.getByLabel("External project").fill("just-a-slug");
  await form.getByRole("button", { name: "Create mapping" }).click();
  await expect(form.locator('[data-field-error="externalProject"]')).toContainText(
    'a GlitchTip project is "organization-slug/project-slug"',
  );
  await form.getByLabel("External project").fill(external);
  await form.getByLabel("GlitchTip URL").fill("https://glitchtip.acme.test");
  await form.getByRole("button", { name: "Create mapping" }).click();

  const panel = page.getByTestId("glitchtip-credentials");
  await expect(panel).toContainText("shown only this once");
  const url = (await panel.getByTestId("copy-value-Webhook URL").textContent())!;
  expect(url).toMatch(new RegExp(`^${app.url}/api/glitchtip/webhook/[0-9a-f-]{36}\\?token=`));
  await panel.getByRole("button", { name: "Copy Webhook URL" }).click();
  expect(await clipboard(page)).toBe(url);
  await shoot(page, "glitchtip-credentials");
  await panel.getByRole("button", { name: "Send test alert" }).click();
  const result = panel.getByTestId("test-send-result");
  await expect(result).toContainText("HTTP 200");
  await expect(result.getByRole("link", { name: /^Open GTP-\d+$/ })).toBeVisible();
  await shoot(page, "glitchtip-test-sent");

  // Rotation on the GlitchTip page: a new URL, the old one now refused.
  await page.goto("/admin/glitchtip");
  const row = page.getByTestId("glitchtip-mapping-row").filter({ hasText: external });
  await row.getByRole("button", { name: `Rotate the webhook token of ${external}` }).click();
  const rotated = (await row.getByTestId("copy-value-Webhook URL").textContent())!;
  expect(rotated).not.toBe(url);
  expect(
    (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status,
  ).toBe(401);
  await row.getByRole("button", { name: "Send test alert" }).click();
  await expect(row.getByTestId("test-send-result")).toContainText("HTTP 200");
  const mapping = await app.db.sourceMapping.findFirstOrThrow({ where: { externalProject: external } });
  const audit = (
    await app.db.adminAuditEntry.findMany({
      where: { targetId: mapping.id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    })
  ).map((entry) => entry.action);
  expect(audit).toEqual([
    "mapping.created",
    "glitchtip.test_alert_sent",
    "mapping.webhook_token_rotated",
    "glitchtip.test_alert_sent",
  ]);
  await expectNoSeriousA11yViolations(page, "admin glitchtip");
});

test("overview and nav link every admin page", async ({ page }) => {
  await signIn(page, ADMIN, "/admin");
  const nav = page.getByRole("navigation", { name: "Admin" });
  for (const [label, href] of <[string, string][]>[
    ["Projects", "/admin/projects"],
    ["Source mappings", "/admin/mappings"],
    ["Jira connections", "/admin/jira-connections"],
    ["Sentry", "/admin/sentry"],
    ["GlitchTip", "/admin/glitchtip"],
    ["Deliveries", "/admin/deliveries"],
    ["Jobs", "/admin/jobs"],
    ["Users", "/admin/users"],
    ["Audit log", "/admin/audit"],
  ]) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("href", href);
  }
  await shoot(page, "overview");
});
