import { expect, it } from "vitest";
import { clientAddress, forwardedFor } from "@/lib/http/client-address";

const of = (forwardedFor?: string) =>
  clientAddress(new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }));

it.each([
  ["203.0.113.7", "203.0.113.7"],
  // The nearest hop's entry: what a client writes before it is not believed over what the proxy saw.
  ["1.2.3.4, 203.0.113.7", "203.0.113.7"],
  ["::ffff:203.0.113.7", "203.0.113.7"],
  ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
  ["2001:0db8:0001:0002:ffff:0:0:1", "2001:db8:1:2::/64"],
  ["[2001:db8::1]", "2001:db8:0:0::/64"],
  ["fe80::1%eth0", "fe80:0:0:0::/64"],
  ["::1", "0:0:0:0::/64"],
  ["64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
  ["not-an-address", "unknown"],
  ["", "unknown"],
  [undefined, "unknown"],
])("%j → %s", (forwardedFor, expected) => expect(of(forwardedFor)).toBe(expected));

it("forwardedFor believes the header only behind a trusted proxy", () => {
  expect(forwardedFor("198.51.100.1", "127.0.0.1", false)).toBe("127.0.0.1");
  expect(forwardedFor(undefined, "127.0.0.1", false)).toBe("127.0.0.1");
  expect(forwardedFor("198.51.100.1, 10.0.0.2", "10.0.0.3", true)).toBe("198.51.100.1, 10.0.0.2");
  expect(forwardedFor(["198.51.100.1", "10.0.0.2"], "10.0.0.3", true)).toBe("198.51.100.1, 10.0.0.2");
  expect(forwardedFor(undefined, "10.0.0.3", true)).toBe("10.0.0.3");
});
