// What the Jira sync needs from its surroundings: the database, a client per connection, a clock, a log.
import type { Db } from "../db";
import type { Logger } from "../logger";
import type { JiraClientFactory } from "./jira-client-for";

export interface JiraSyncDeps {
  db: Db;
  clientFor: JiraClientFactory;
  now: () => Date;
  log: Logger;
  /** Where links back to our issues point (e.g. NEXTAUTH_URL); no link when unset. */
  appUrl?: string;
}
