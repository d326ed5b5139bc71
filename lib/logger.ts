// Structured logging. Secrets are redacted by path so that no call site has to remember to.
import { pino } from "pino";
import { getEnv } from "./env";

const redactPaths = [
  "password",
  "passwordHash",
  "secret",
  "token",
  "headers.authorization",
  "headers.cookie",
  "headers['sentry-hook-signature']",
  "*.password",
  "*.passwordHash",
  "*.secret",
  "*.token",
  "*.authorization",
  "*.cookie",
];

export const logger = pino({
  level: getEnv().LOG_LEVEL,
  redact: { paths: redactPaths, censor: "[redacted]" },
  base: { service: "tracker" },
});

export type Logger = typeof logger;
