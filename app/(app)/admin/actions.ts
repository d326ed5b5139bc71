"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/auth";
import { jiraConnectionFormInput, mappingFormInput, projectFormInput } from "@/lib/admin/form-input";
import {
  createJiraConnection,
  deleteJiraConnection,
  rotateJiraWebhookSecret,
  updateJiraConnection,
} from "@/lib/admin/jira-connections";
import { type JiraPickerOptions, jiraPickerOptions } from "@/lib/admin/jira-pickers";
import {
  createMapping,
  deleteMapping,
  type MappingWithWebhook,
  rotateWebhookToken,
  updateMapping,
} from "@/lib/admin/mappings";
import { createProject, updateProject } from "@/lib/admin/projects";
import { sendGlitchTipTestAlert } from "@/lib/admin/send-test-alert";
import { sendSentryTestEvent, type TestSendResult } from "@/lib/admin/send-test-event";
import { type ConnectionTestResult, testJiraConnection } from "@/lib/admin/test-jira-connection";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
// The admin console's writes. Each checks the role on the server (requireAdmin reads the session from
// the database), turns the form into the admin API's JSON input and calls the same lib function the API
// route calls, so both parse with one schema and record one audit entry.
import { textArgument } from "@/lib/validation";
import { trackerBaseUrl } from "./base-url";
import { type FormState, formAttempt } from "./form-state";

const refresh = () => revalidatePath("/admin", "layout");
const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function createProjectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const state = await formAttempt(
    formData,
    async () => void (await createProject(getDb(), projectFormInput(formData), { actorId: admin.id })),
  );
  if (state.savedAt) refresh();
  return state;
}

export async function updateProjectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const state = await formAttempt(
    formData,
    async () =>
      void (await updateProject(getDb(), field(formData, "$id"), projectFormInput(formData), { actorId: admin.id })),
  );
  if (state.savedAt) refresh();
  return state;
}

export type MappingFormState = FormState<MappingWithWebhook>;

export async function saveMappingAction(_previous: MappingFormState, formData: FormData): Promise<MappingFormState> {
  const admin = await requireAdmin();
  const id = field(formData, "$id");
  const options = { baseUrl: await trackerBaseUrl(), actorId: admin.id };
  const input = mappingFormInput(formData);
  const state = await formAttempt(formData, () =>
    id ? updateMapping(getDb(), id, input, options) : createMapping(getDb(), input, options),
  );
  if (!state.result) return state;
  refresh();
  // A new webhook token is shown once, on this page; anything else goes back to the list.
  if (state.result.webhook) return state;
  redirect(`/admin/mappings?saved=${encodeURIComponent(state.result.id)}`);
}

export async function deleteMappingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const state = await formAttempt(
    formData,
    async () => void (await deleteMapping(getDb(), field(formData, "$id"), { actorId: admin.id })),
  );
  if (!state.savedAt) return state;
  refresh();
  redirect("/admin/mappings?deleted=1");
}

export async function rotateWebhookTokenAction(
  _previous: MappingFormState,
  formData: FormData,
): Promise<MappingFormState> {
  const admin = await requireAdmin();
  const options = { baseUrl: await trackerBaseUrl(), actorId: admin.id };
  const state = await formAttempt(formData, () => rotateWebhookToken(getDb(), field(formData, "$id"), options));
  if (state.savedAt) refresh();
  return state;
}

export async function jiraPickerAction(connectionId: string, projectKey: string | null): Promise<JiraPickerOptions> {
  await requireAdmin();
  return jiraPickerOptions(getDb(), {
    connectionId: textArgument(connectionId),
    projectKey: projectKey === null ? null : textArgument(projectKey),
  });
}

export async function saveJiraConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const id = field(formData, "$id");
  const input = jiraConnectionFormInput(formData);
  const state = await formAttempt(formData, () =>
    id
      ? updateJiraConnection(getDb(), id, input, { actorId: admin.id })
      : createJiraConnection(getDb(), input, { actorId: admin.id }),
  );
  if (!state.result) return { ...state, result: undefined };
  refresh();
  redirect(`/admin/jira-connections/${state.result.id}?saved=1`);
}

export async function deleteJiraConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const state = await formAttempt(
    formData,
    async () => void (await deleteJiraConnection(getDb(), field(formData, "$id"), { actorId: admin.id })),
  );
  if (!state.savedAt) return state;
  refresh();
  redirect("/admin/jira-connections?deleted=1");
}

export async function testJiraConnectionAction(
  _previous: FormState<ConnectionTestResult>,
  formData: FormData,
): Promise<FormState<ConnectionTestResult>> {
  await requireAdmin();
  const state = await formAttempt(formData, () => testJiraConnection(getDb(), field(formData, "$id")));
  refresh();
  return state;
}

export async function rotateJiraWebhookSecretAction(
  _previous: FormState<{ secret: string }>,
  formData: FormData,
): Promise<FormState<{ secret: string }>> {
  const admin = await requireAdmin();
  const state = await formAttempt(formData, async () => ({
    secret: (await rotateJiraWebhookSecret(getDb(), field(formData, "$id"), { actorId: admin.id })).secret,
  }));
  if (state.savedAt) refresh();
  return state;
}

export async function sendSentryTestAction(
  _previous: FormState<TestSendResult>,
  formData: FormData,
): Promise<FormState<TestSendResult>> {
  const admin = await requireAdmin();
  const baseUrl = await trackerBaseUrl();
  const state = await formAttempt(formData, () =>
    sendSentryTestEvent(getDb(), {
      baseUrl,
      secret: getEnv().SENTRY_CLIENT_SECRET,
      slug: field(formData, "slug") || "tracker-test",
      actorId: admin.id,
    }),
  );
  refresh();
  return state;
}

export async function sendGlitchTipTestAction(
  _previous: FormState<TestSendResult>,
  formData: FormData,
): Promise<FormState<TestSendResult>> {
  const admin = await requireAdmin();
  const baseUrl = await trackerBaseUrl();
  const state = await formAttempt(formData, () =>
    sendGlitchTipTestAlert(getDb(), { baseUrl, url: field(formData, "url"), actorId: admin.id }),
  );
  refresh();
  return state;
}
