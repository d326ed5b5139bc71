// Stack frames from a Sentry event in either shape we receive: the snake_case event JSON inside
// `event_alert`/`error` webhooks, or the camelCase REST "latest event" (also served by GlitchTip).
// Parsing is lenient: a frame or field of the wrong type is dropped, never fatal, because
// correlation is a best-effort extra and must not fail an issue over one odd frame.
import { z } from "zod";

export interface StackFrame {
  filename?: string;
  absPath?: string;
  module?: string;
  function?: string;
  lineno?: number;
  inApp: boolean;
}

export interface ExtractedFrames {
  /** Oldest first, crash frame last; in-app frames only unless the event has none. */
  frames: StackFrame[];
  /** True when `frames` was narrowed to in-app frames. */
  inAppOnly: boolean;
  release?: string;
  environment?: string;
}

const text = z.string().nullish().catch(undefined);
const line = z.number().int().positive().nullish().catch(undefined);
const flag = z.boolean().nullish().catch(undefined);

// Both spellings in one schema: the shapes differ only in these keys.
const frameSchema = z
  .object({
    filename: text,
    abs_path: text,
    absPath: text,
    module: text,
    function: text,
    lineno: line,
    lineNo: line,
    in_app: flag,
    inApp: flag,
  })
  .nullable()
  .catch(null);
const stacktraceSchema = z
  .object({ frames: z.array(frameSchema).catch([]) })
  .nullish()
  .catch(undefined);
const valuesSchema = z
  .array(z.object({ stacktrace: stacktraceSchema }).nullable().catch(null))
  .nullish()
  .catch(undefined);

const eventSchema = z.object({
  exception: z.object({ values: valuesSchema }).nullish().catch(undefined),
  stacktrace: stacktraceSchema,
  entries: z
    .array(z.object({ type: text, data: z.unknown() }).nullable().catch(null))
    .nullish()
    .catch(undefined),
  release: z
    .union([z.string(), z.object({ version: z.string() })])
    .nullish()
    .catch(undefined),
  environment: text,
  // [key, value] pairs in event JSON, {key, value} objects in the REST shape.
  tags: z
    .array(
      z.union([z.tuple([z.string(), z.string()]), z.object({ key: z.string(), value: z.string() })]).catch(["", ""]),
    )
    .nullish()
    .catch(undefined),
});
type RawFrame = NonNullable<z.infer<typeof frameSchema>>;

const entryDataSchema = z.object({ values: valuesSchema, frames: z.array(frameSchema).nullish().catch(undefined) });

function stacks(event: z.infer<typeof eventSchema>): RawFrame[][] {
  const lists: (RawFrame | null)[][] = [];
  for (const value of event.exception?.values ?? []) lists.push(value?.stacktrace?.frames ?? []);
  for (const entry of event.entries ?? []) {
    if (entry?.type !== "exception" && entry?.type !== "stacktrace") continue;
    const data = entryDataSchema.safeParse(entry.data);
    if (!data.success) continue;
    for (const value of data.data.values ?? []) lists.push(value?.stacktrace?.frames ?? []);
    if (data.data.frames) lists.push(data.data.frames);
  }
  if (event.stacktrace?.frames) lists.push(event.stacktrace.frames);
  return lists.map((list) => list.filter((frame): frame is RawFrame => frame !== null));
}

function tag(event: z.infer<typeof eventSchema>, key: string): string | undefined {
  for (const entry of event.tags ?? []) {
    const [k, v] = Array.isArray(entry) ? entry : [entry.key, entry.value];
    if (k === key && v) return v;
  }
  return undefined;
}

export function extractFrames(payload: unknown): ExtractedFrames {
  // A whole webhook body carries the event under data.event.
  const inner = (payload as { data?: { event?: unknown } } | null)?.data?.event ?? payload;
  const parsed = eventSchema.safeParse(inner);
  if (!parsed.success) return { frames: [], inAppOnly: false };
  const event = parsed.data;
  // Chained exceptions list the cause first; the last one with frames is the error that was raised.
  const raw =
    stacks(event)
      .filter((list) => list.length > 0)
      .at(-1) ?? [];
  const all: StackFrame[] = raw.map((frame) => ({
    filename: frame.filename ?? undefined,
    absPath: frame.abs_path ?? frame.absPath ?? undefined,
    module: frame.module ?? undefined,
    function: frame.function ?? undefined,
    lineno: frame.lineno ?? frame.lineNo ?? undefined,
    inApp: (frame.in_app ?? frame.inApp) === true,
  }));
  const inApp = all.filter((frame) => frame.inApp);
  const release = typeof event.release === "string" ? event.release : event.release?.version;
  return {
    frames: inApp.length > 0 ? inApp : all,
    inAppOnly: inApp.length > 0,
    release: release || tag(event, "release"),
    environment: event.environment || tag(event, "environment"),
  };
}
