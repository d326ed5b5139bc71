import { describe, expect, it } from "vitest";
import { extractFrames } from "@/lib/correlation/extract-frames";
import { mapFramePath } from "@/lib/correlation/map-frame-path";
import { readSentryFixture } from "../support/sentry";

const fixture = (name: string): unknown => JSON.parse(readSentryFixture(name).toString("utf8"));

describe("extractFrames", () => {
  it("reads snake_case event JSON (python), oldest first, falling back to all frames when none is in-app", () => {
    const { frames, inAppOnly, release } = extractFrames(fixture("sentry_event_json.python_zero_division.oss.json"));
    expect(inAppOnly).toBe(false);
    expect(frames).toHaveLength(6);
    expect(frames[0]).toMatchObject({
      filename: "django/core/handlers/exception.py",
      function: "inner",
      lineno: 34,
      inApp: false,
    });
    expect(frames.at(-1)).toMatchObject({
      filename: "errors/views.py",
      absPath: "/code/errors/views.py",
      module: "errors.views",
      function: "get",
      lineno: 18,
    });
    expect(release).toBeUndefined();
    // Only our own file survives path mapping: the rest live in site-packages.
    expect(frames.map((frame) => mapFramePath(frame)).filter(Boolean)).toEqual(["errors/views.py"]);
  });

  it("reads the camelCase REST latest-event shape the same way", () => {
    const snake = extractFrames(fixture("sentry_event_json.python_zero_division.oss.json"));
    const camel = extractFrames(fixture("sentry_api_latest_event.python_zero_division.oss.json"));
    expect(camel.frames).toEqual(snake.frames);
  });

  it("reads both JavaScript shapes (a single browser frame)", () => {
    for (const name of [
      "sentry_event_json.js_error_with_context.oss.json",
      "sentry_api_latest_event.js_error_with_context.oss.json",
    ]) {
      const { frames } = extractFrames(fixture(name));
      expect(frames).toEqual([
        {
          filename: "/polyfills.js",
          absPath: "http://localhost:4201/polyfills.js",
          module: "polyfills",
          function: "globalZoneAwareCallback",
          lineno: 1660,
          inApp: false,
        },
      ]);
      expect(mapFramePath(frames[0]!)).toBe("polyfills.js");
    }
  });

  it("unwraps an event_alert webhook body (data.event) and tolerates null fields", () => {
    const { frames } = extractFrames(fixture("event_alert_triggered.docs.json"));
    expect(frames.map((frame) => [frame.filename, frame.function, frame.lineno])).toEqual([
      ["/js/prod/runner-4.1.7.min.js", undefined, 1],
      ["/js/prod/runner-4.1.7.min.js", undefined, 1],
      ["<anonymous>", undefined, 3],
    ]);
    expect(mapFramePath(frames[2]!)).toBeUndefined();
  });

  it("prefers in-app frames, takes the raised (last) exception of a chain, and finds the release", () => {
    const event = {
      release: { version: "web@4f2c9e1a7b3d" },
      tags: [{ key: "environment", value: "production" }],
      entries: [
        { type: "breadcrumbs", data: { values: [] } },
        {
          type: "exception",
          data: {
            values: [
              { stacktrace: { frames: [{ filename: "cause.ts", inApp: true, lineNo: 1 }] } },
              {
                stacktrace: {
                  frames: [
                    { filename: "node_modules/next/server.js", inApp: false, lineNo: 10 },
                    { filename: "./src/api/route.ts", inApp: true, lineNo: 12, function: "GET" },
                    { filename: "./src/lib/user.ts", inApp: true, lineNo: "oops", function: "load" },
                    null,
                  ],
                },
              },
            ],
          },
        },
      ],
    };
    const extracted = extractFrames(event);
    expect(extracted.inAppOnly).toBe(true);
    expect(extracted.frames.map((frame) => [frame.filename, frame.lineno])).toEqual([
      ["./src/api/route.ts", 12],
      ["./src/lib/user.ts", undefined],
    ]);
    expect(extracted.release).toBe("web@4f2c9e1a7b3d");
    expect(extracted.environment).toBe("production");
  });

  it("takes release and environment from event-JSON tag pairs, and survives garbage", () => {
    const event = {
      tags: [
        ["release", "abc1234"],
        ["environment", "staging"],
      ],
      exception: { values: [{ stacktrace: { frames: "nope" } }] },
    };
    expect(extractFrames(event)).toEqual({ frames: [], inAppOnly: false, release: "abc1234", environment: "staging" });
    expect(extractFrames(null)).toEqual({ frames: [], inAppOnly: false });
    expect(extractFrames("text")).toEqual({ frames: [], inAppOnly: false });
  });
});
