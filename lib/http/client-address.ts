// The address a request came from, as a rate-limit bucket: the last X-Forwarded-For entry. scripts/serve.ts
// makes that trustworthy: it replaces the header with the socket's address, unless TRUST_PROXY says a
// reverse proxy in front appends the address it saw (then the last entry is that proxy's view).
import { isIP } from "node:net";

/** The X-Forwarded-For the app sees: the client's own value only when a trusted proxy wrote it. */
export function forwardedFor(
  incoming: string | string[] | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string | undefined {
  if (trustProxy && incoming !== undefined) return Array.isArray(incoming) ? incoming.join(", ") : incoming;
  return socketAddress;
}

/** IPv4 addresses as they are; IPv6 by their /64 (one host holds a whole /64); anything else shares one bucket. */
export function clientAddress(headers: Headers): string {
  const nearest = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() ?? "";
  const address = nearest.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  if (isIP(address) === 4) return address;
  if (isIP(address) === 6) return `${ipv6Groups(address).slice(0, 4).join(":")}::/64`;
  return "unknown";
}

/** The eight groups of a valid IPv6 address, "::" expanded and each group in its shortest hex form. */
function ipv6Groups(address: string): string[] {
  const groupsOf = (part: string) =>
    part === "" ? [] : part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group]));
  const [head = "", tail] = address.split("::");
  const leading = groupsOf(head);
  const trailing = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array<string>(8 - leading.length - trailing.length).fill("0");
  return [...leading, ...zeros, ...trailing].map((group) => parseInt(group, 16).toString(16));
}
