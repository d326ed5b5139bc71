import { describe, expect, it } from "vitest";
import { mapFramePath } from "@/lib/correlation/map-frame-path";

describe("mapFramePath", () => {
  it.each([
    ["webpack://my-app/./src/lib/user.ts", "src/lib/user.ts"],
    ["webpack:///./src/lib/user.ts", "src/lib/user.ts"],
    ["webpack:///src/lib/user.ts", "src/lib/user.ts"],
    ["webpack-internal:///(app-pages-browser)/./app/page.tsx", "app/page.tsx"],
    ["app:///src/server/handler.js", "src/server/handler.js"],
    ["app://src/server/handler.js", "src/server/handler.js"],
    ["~/src/components/Cart.tsx", "src/components/Cart.tsx"],
    ["./lib/a.ts", "lib/a.ts"],
    ["../../lib/a.ts", "lib/a.ts"],
    ["http://localhost:4201/main.js", "main.js"],
    ["https://cdn.example.com/assets/app.js?v=123#x", "assets/app.js"],
    ["/usr/src/app/lib/x.ts", "usr/src/app/lib/x.ts"],
    ["C:\\work\\app\\src\\x.ts", "work/app/src/x.ts"],
    ["errors/views.py", "errors/views.py"],
  ])("%s → %s", (input, expected) => {
    expect(mapFramePath(input)).toBe(expected);
  });

  it.each([
    "/usr/local/lib/python3.8/site-packages/django/core/handlers/base.py",
    "/usr/lib/python3/dist-packages/requests/api.py",
    "/usr/lib/python3.11/threading.py",
    "/app/node_modules/next/dist/server/base-server.js",
    "webpack://app/./node_modules/react-dom/cjs/react-dom.development.js",
    "<anonymous>",
    "[native code]",
    "node:internal/process/task_queues",
    "",
  ])("drops %s", (input) => {
    expect(mapFramePath(input)).toBeUndefined();
  });

  it("treats a frame as third-party when either path says so (Python's relative filename hides it)", () => {
    expect(
      mapFramePath({
        filename: "django/core/handlers/base.py",
        absPath: "/usr/local/lib/python3.8/site-packages/django/core/handlers/base.py",
      }),
    ).toBeUndefined();
    expect(mapFramePath({ filename: "errors/views.py", absPath: "/code/errors/views.py" })).toBe("errors/views.py");
    expect(mapFramePath({ filename: null, absPath: "/code/errors/views.py" })).toBe("code/errors/views.py");
    expect(mapFramePath({ filename: "<anonymous>", absPath: "app:///lib/x.js" })).toBe("lib/x.js");
  });

  it("applies the mapping's prefix and strips deployment directories", () => {
    expect(mapFramePath("webpack://web/./lib/userHandler.ts", { prefix: "apps/web" })).toBe(
      "apps/web/lib/userHandler.ts",
    );
    expect(mapFramePath("./apps/web/lib/userHandler.ts", { prefix: "/apps/web/" })).toBe("apps/web/lib/userHandler.ts");
    expect(mapFramePath("/code/errors/views.py", { stripPrefixes: ["/code/"] })).toBe("errors/views.py");
    expect(mapFramePath("/var/task/src/x.ts", { stripPrefixes: ["code", "var/task"], prefix: "services/api" })).toBe(
      "services/api/src/x.ts",
    );
  });
});
