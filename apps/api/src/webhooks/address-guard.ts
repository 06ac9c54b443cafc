// Server-side request forgery guard: a webhook URL is an address an admin typed, and the API
// posts to it from inside the network, so only public addresses are reached unless allowed.
import ipaddr from "ipaddr.js";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

export interface AllowList {
  /** Host names as written in URLs (lower case). */
  hosts: Set<string>;
  /** Addresses and subnets; a host resolving into one is allowed. */
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

/** WEBHOOK_ALLOWED_HOSTS: a comma-separated list of host names, addresses and subnets (CIDR). */
export function parseAllowList(setting: string | undefined): AllowList {
  const allowList: AllowList = { hosts: new Set(), ranges: [] };
  for (const entry of (setting ?? "").split(",").map((item) => item.trim().toLowerCase())) {
    if (!entry) continue;
    if (entry.includes("/")) allowList.ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) allowList.ranges.push([ipaddr.parse(entry), entry.includes(":") ? 128 : 32]);
    else allowList.hosts.add(entry);
  }
  return allowList;
}

/** Only ordinary internet addresses: ipaddr.js names every other range (private, loopback, link-local — cloud metadata —, unique-local, …). */
function isPublic(address: string): boolean {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === "unicast";
}

function isAllowed(address: string, allowList: AllowList): boolean {
  const parsed = ipaddr.process(address);
  return allowList.ranges.some(([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits));
}

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

export class RefusedAddressError extends Error {}

/** URL host name without IPv6 brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();

/**
 * Resolves the URL's host and returns the address to connect to, or refuses: every address the
 * name resolves to must be public, or the host or address allowed. The caller connects to this
 * address (not the name again), so a DNS answer that changes in between cannot redirect it.
 */
export async function checkedAddress(url: URL, allowList: AllowList): Promise<CheckedAddress> {
  const host = hostOf(url);
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) as 4 | 6 }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => {
        throw new RefusedAddressError(`The host ${host} could not be resolved.`);
      });
  if (addresses.length === 0) throw new RefusedAddressError(`The host ${host} could not be resolved.`);
  if (allowList.hosts.has(host)) return addresses[0] as CheckedAddress;
  const refused = addresses.find(({ address }) => !isPublic(address) && !isAllowed(address, allowList));
  if (refused) {
    throw new RefusedAddressError(
      `${host} resolves to ${refused.address}, a private, loopback or reserved address; list the host in WEBHOOK_ALLOWED_HOSTS to allow it.`,
    );
  }
  return addresses[0] as CheckedAddress;
}
