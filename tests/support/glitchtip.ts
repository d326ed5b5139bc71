// GlitchTip deliveries for tests: the shared fixtures, alert bodies as GlitchTip builds them, a
// mapping with a URL secret (only its hash stored, as the admin UI will), and posting to both URLs.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hashToken, newToken } from "../../lib/crypto/secret-box";
import type { DbClient } from "../../lib/db";

const GLITCHTIP_FIXTURES_DIR = fileURLToPath(new URL("../fixtures/captured/glitchtip/", import.meta.url));

/** Every alert webhook body among the fixtures (the project_alert_api files are REST API shapes, not webhooks). */
export const GLITCHTIP_ALERT_FIXTURES = readdirSync(GLITCHTIP_FIXTURES_DIR)
  .filter((name) => name.endsWith(".json") && !name.startsWith("project_alert_api"))
  .sort();
export const GLITCHTIP_API_FIXTURES = readdirSync(GLITCHTIP_FIXTURES_DIR)
  .filter((name) => name.startsWith("project_alert_api") && name.endsWith(".json"))
  .sort();

export function readGlitchTipFixture(name: string): Buffer {
  return readFileSync(`${GLITCHTIP_FIXTURES_DIR}${name}`);
}

export interface AttachmentInput {
  id: number | string;
  title?: string;
  host?: string;
  org?: string;
  culprit?: string | null;
  color?: string | null;
  fields?: { title: string; value: string; short?: boolean }[] | null;
}

/** An attachment as GlitchTip 6 sends it (send_issue_as_webhook). */
export function glitchtipAttachment(input: AttachmentInput) {
  return {
    title: input.title ?? `ValueError: bad value #${input.id}`,
    title_link: `https://${input.host ?? "glitchtip.example.com"}/${input.org ?? "acme"}/issues/${input.id}`,
    ...(input.culprit === undefined ? {} : { text: input.culprit }),
    color: input.color === undefined ? "#e52b50" : input.color,
    ...(input.fields === null
      ? {}
      : {
          fields: input.fields ?? [
            { title: "Project", value: "web-api", short: true },
            { title: "Environment", value: "prod", short: true },
          ],
        }),
    mrkdown_in: ["text"],
  };
}

export function glitchtipAlert(attachments: ReturnType<typeof glitchtipAttachment>[]) {
  return {
    text: attachments.length > 1 ? `GlitchTip Alert (${attachments.length} issues)` : "GlitchTip Alert",
    attachments,
  };
}

export function uptimeAlert(
  monitorId: number | string,
  state: "down" | "up",
  name = "shop-frontend",
  host = "glitchtip.example.com",
) {
  const message = state === "down" ? "The monitored site has gone down." : "The monitored site is back up.";
  return {
    alias: "GlitchTip",
    text: "GlitchTip Uptime Alert",
    attachments: [
      {
        title: name,
        title_link: `https://${host}/acme/uptime-monitors/${monitorId}`,
        text: message,
        image_url: null,
        color: null,
        fields: null,
        mrkdown_in: null,
      },
    ],
    sections: [{ activityTitle: name, activitySubtitle: message }],
  };
}

export interface GlitchTipMappingInput {
  projectId: string;
  externalProject: string;
  jiraProjectKey?: string | null;
  glitchtipApiUrl?: string | null;
  glitchtipTokenEncrypted?: string | null;
}

/** A GlitchTip source mapping and the secret of its webhook URL. */
export async function createGlitchTipMapping(
  db: DbClient,
  input: GlitchTipMappingInput,
): Promise<{ id: string; token: string }> {
  const token = newToken();
  const mapping = await db.sourceMapping.create({
    data: {
      source: "glitchtip",
      externalProject: input.externalProject,
      projectId: input.projectId,
      webhookTokenHash: hashToken(token),
      jiraProjectKey: input.jiraProjectKey ?? null,
      glitchtipApiUrl: input.glitchtipApiUrl ?? null,
      glitchtipTokenEncrypted: input.glitchtipTokenEncrypted ?? null,
    },
    select: { id: true },
  });
  return { id: mapping.id, token };
}

export interface PostGlitchTipOptions {
  /** Where the token goes: the query string (GlitchTip's way), a Bearer header, or nowhere. */
  tokenIn?: "query" | "bearer" | "none";
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

async function post(
  url: URL,
  body: Buffer | string | object,
  token: string,
  options: PostGlitchTipOptions,
): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "python-requests/2.32.3",
    ...options.headers,
  };
  const tokenIn = options.tokenIn ?? "query";
  if (tokenIn === "query") url.searchParams.set("token", token);
  if (tokenIn === "bearer") headers.authorization = `Bearer ${token}`;
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const bytes =
    typeof body === "string" || Buffer.isBuffer(body) ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
  return fetch(url, { method: "POST", body: new Uint8Array(bytes), headers });
}

/** POST /api/glitchtip/webhook/{mapping}. */
export function postGlitchTip(
  baseUrl: string,
  mappingId: string,
  token: string,
  body: Buffer | string | object,
  options: PostGlitchTipOptions = {},
) {
  return post(new URL(`/api/glitchtip/webhook/${encodeURIComponent(mappingId)}`, baseUrl), body, token, options);
}

/** POST /api/v1/alert/{KEY} (the glitchtip-jira-bridge URL). */
export function postBridge(
  baseUrl: string,
  jiraProjectKey: string,
  token: string,
  body: Buffer | string | object,
  options: PostGlitchTipOptions = {},
) {
  return post(new URL(`/api/v1/alert/${encodeURIComponent(jiraProjectKey)}`, baseUrl), body, token, options);
}
