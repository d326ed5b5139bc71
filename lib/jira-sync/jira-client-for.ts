// A Jira client for a stored connection: the token is opened from the secret box only here.
import { getSecretBox } from "../crypto/secret-box";
import { getEnv } from "../env";
import { createJiraClient } from "../integrations/jira/client";
import type { JiraClient } from "../integrations/jira/types";

export interface StoredJiraConnection {
  id: string;
  flavor: "cloud" | "datacenter";
  baseUrl: string;
  email: string | null;
  tokenEncrypted: string;
}

export type JiraClientFactory = (connection: StoredJiraConnection) => JiraClient;

export const jiraClientFor: JiraClientFactory = (connection) =>
  createJiraClient({
    flavor: connection.flavor,
    baseUrl: connection.baseUrl,
    email: connection.email,
    token: getSecretBox().open(connection.tokenEncrypted),
    timeoutMs: getEnv().JIRA_TIMEOUT_SECONDS * 1000,
  });
