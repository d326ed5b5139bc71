import { describe, expect, it } from "vitest";
import { findNextCursor } from "@/lib/integrations/sentry/find-next-cursor";

// As documented in Sentry's "Paginating Results".
const base = "https://sentry.io/api/0/organizations/acme/issues/123456/events/";

describe("findNextCursor", () => {
  it("returns the next cursor when the next page has results", () => {
    const header = `<${base}?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <${base}?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"`;
    expect(findNextCursor(header)).toBe("0:100:0");
  });

  it('returns nothing on the last page (results="false"), though a next link is always sent', () => {
    const header = `<${base}?&cursor=0:100:1>; rel="previous"; results="true"; cursor="0:100:1", <${base}?&cursor=0:200:0>; rel="next"; results="false"; cursor="0:200:0"`;
    expect(findNextCursor(header)).toBeUndefined();
  });

  it("handles timestamp cursors, commas inside URLs and the order of entries", () => {
    const header = `<${base}?project=1,2&cursor=1420837533:0:0>; rel="next"; results="true"; cursor="1420837533:0:0",<${base}?cursor=1420837590:0:1>; rel="previous"; results="false"; cursor="1420837590:0:1"`;
    expect(findNextCursor(header)).toBe("1420837533:0:0");
  });

  it("falls back to the cursor in the URL when the entry has no cursor parameter", () => {
    expect(findNextCursor(`<${base}?cursor=0:100:0>; rel="next"; results="true"`)).toBe("0:100:0");
  });

  it("returns nothing without a usable header", () => {
    expect(findNextCursor(null)).toBeUndefined();
    expect(findNextCursor("")).toBeUndefined();
    expect(findNextCursor("garbage")).toBeUndefined();
    expect(findNextCursor(`<${base}?cursor=0:0:1>; rel="previous"; results="true"; cursor="0:0:1"`)).toBeUndefined();
  });
});
