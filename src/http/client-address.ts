// A client's address as one party: IPv4 as it is, IPv6 by its /64 (a subscriber gets a whole prefix,
// so counting single IPv6 addresses would let one person be 2^64 people).
import crypto from "node:crypto";
import type { Request } from "express";
import ipaddr from "ipaddr.js";
import type { Deps } from "../deps.ts";

export function addressPrefix(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const addr = ipaddr.process(ip); // an IPv4-mapped IPv6 address counts as its IPv4 address
  if (addr.kind() === "ipv4") return addr.toString();
  const head = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${head.join(":")}::/64`;
}

/** Keyed hash of the client's address prefix: what one-per-address rules count (raw addresses are never stored). */
export function addressHashOf(deps: Deps, req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  return crypto
    .createHmac("sha256", deps.config.IP_HASH_SECRET)
    .update(`address:${addressPrefix(ip)}`)
    .digest("hex")
    .slice(0, 32);
}
