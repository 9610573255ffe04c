// The yardstick: a bare node:http server in its own process that answers from memory what Parley
// answers from its database: the same thread JSON, the same article HTML, and a small JSON 201 for a
// POST after reading its body. Whatever Parley reaches is printed as a fraction of this.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

const bodies = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Record<string, { type: string; body: string }>;
const ready = new Map(Object.entries(bodies).map(([route, b]) => [route, { type: b.type, body: Buffer.from(b.body) }]));
const created = Buffer.from(
  JSON.stringify({ comment: { id: "baseline", status: "published" }, editToken: "x".repeat(32) }),
);

const server = http.createServer((req, res) => {
  if (req.method === "POST") {
    req.resume();
    req.on("end", () => res.writeHead(201, { "content-type": "application/json; charset=utf-8" }).end(created));
    return;
  }
  const hit = ready.get(req.url ?? "");
  if (!hit) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": hit.type, "content-length": hit.body.length }).end(hit.body);
});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ msg: "baseline listening", port: (server.address() as AddressInfo).port }));
});
