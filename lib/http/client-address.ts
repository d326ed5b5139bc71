// The address a request came from, as a rate-limit bucket. Next.js sets X-Forwarded-For to the socket's
// address unless the request already carries one, and a reverse proxy appends the address it saw: the
// last entry is the nearest hop's view. A client talking to Next.js directly can spoof it, which only
// matters for what it is used for here: limiting requests that are refused anyway (storage stays bounded
// by the rejection table's row cap whatever the address).
import { isIP } from "node:net";

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
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group])));
  const [head = "", tail] = address.split("::");
  const leading = groupsOf(head);
  const trailing = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array<string>(8 - leading.length - trailing.length).fill("0");
  return [...leading, ...zeros, ...trailing].map((group) => parseInt(group, 16).toString(16));
}
