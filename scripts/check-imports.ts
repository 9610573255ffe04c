// npm run check:imports: fails on (1) any import circle in src/, type-only imports included; (2) an import
// that runs against the layer order below (README "Code map"); (3) a file outside src/store/ that imports
// the generated Prisma clients or @prisma/*, or calls $queryRaw/$executeRaw, unless scripts/store-seam-allowlist.txt
// names it (that list only shrinks: an entry that no longer offends fails too, so it gets deleted).
import fs from "node:fs";
import path from "node:path";
import madge from "madge";

const root = path.resolve(import.meta.dirname, "..");
const SRC = path.join(root, "src");
const ALLOWLIST = path.join(root, "scripts/store-seam-allowlist.txt");

/**
 * Layers, lowest first: a file may import its own layer and the layers below it, never one above.
 * The most specific prefix (relative to src/) names a file's layer. deps.ts is the one type leaf:
 * it may name types from any layer (type-only imports, checked below) and everything may import it.
 */
export const LAYERS: readonly (readonly string[])[] = [
  // 0 domain: plain types, rules, settings schemas, HTML/Markdown rendering helpers; pure rule files that
  //   live beside their feature (the citation settings/URL policy, the spam classifier) count here too.
  [
    "domain/",
    "config/",
    "render/",
    "citations/citation-settings.ts",
    "citations/link-policy.ts",
    "citations/citation-types.ts",
    "citations/normalize-url.ts",
    "citations/host-checks.ts",
    "spam/naive-bayes.ts",
  ],
  // 1 store: the storage seam, and the after-commit helper use cases call after their transaction.
  ["store/", "after-commit.ts"],
  // 2 features that do not decide a comment's fate: links, spam, mail, accounts, sign-in, sites, import, privacy.
  // comments/render-comment-text.ts is pure (Markdown minus reference lines): the seed importer renders with it too.
  [
    "citations/",
    "spam/",
    "mail/",
    "accounts/",
    "identity/",
    "sites/",
    "import/",
    "privacy/",
    "comments/render-comment-text.ts",
  ],
  // 3 moderation (decisions, bans, queues), 4 realtime (events, rooms), 5 comments (create, edit, report).
  ["moderation/"],
  ["realtime/"],
  ["comments/"],
  // 6 pages: server-rendered views, the browser code they share (client/), the widget; 7 HTTP; 8 composition root.
  ["views/", "client/", "widget/"],
  ["http/"],
  ["app.ts", "compose.ts", "main.ts"],
];
const TYPE_LEAF = "deps.ts";

export function layerOf(file: string): number | undefined {
  let best: { layer: number; length: number } | undefined;
  LAYERS.forEach((prefixes, layer) => {
    for (const p of prefixes)
      if ((file === p || (p.endsWith("/") && file.startsWith(p))) && p.length > (best?.length ?? -1))
        best = { layer, length: p.length };
  });
  return best?.layer;
}

/** Imports that point up the layer order (paths relative to src/; targets outside src/ are ignored). */
export function layerViolations(graph: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, imports] of Object.entries(graph)) {
    if (file === TYPE_LEAF || file.startsWith("../")) continue;
    const from = layerOf(file);
    if (from === undefined) {
      out.push(`${file}: in no layer; add its folder to LAYERS in scripts/check-imports.ts and the README`);
      continue;
    }
    for (const target of imports) {
      if (target.startsWith("../") || target === TYPE_LEAF) continue;
      const to = layerOf(target);
      if (to !== undefined && to > from) out.push(`${file} (layer ${from}) imports ${target} (layer ${to})`);
    }
  }
  return out;
}

const PRISMA_IMPORT = /(?:from|import)\s*\(?\s*["'](@prisma\/[^"']*|[^"']*\/generated\/[^"']*)["']/g;
const RAW_SQL = /\$(?:queryRaw|executeRaw)\w*/g;

/** What a file outside src/store/ does that only the storage seam may do ("" when nothing). */
export function storeOnlyUses(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(PRISMA_IMPORT)) found.add(`imports ${m[1]}`);
  for (const m of source.matchAll(RAW_SQL)) found.add(`calls ${m[0]}`);
  return [...found];
}

/** deps.ts must stay a type leaf: only `import type` lines. */
export function valueImportsIn(source: string): string[] {
  return source.split("\n").filter((l) => /^import\s/.test(l) && !/^import\s+type\s/.test(l));
}

function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.startsWith("generated/") && !f.startsWith("generated" + path.sep))
    .map((f) => f.split(path.sep).join("/"));
}

async function main(): Promise<void> {
  const problems: string[] = [];
  const result = await madge(SRC, {
    fileExtensions: ["ts"],
    excludeRegExp: [/^generated\//],
    tsConfig: path.join(root, "tsconfig.json"),
    // madge skips `import type` by default; a type-only circle still ties the files together.
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
  });
  for (const circle of result.circular()) problems.push(`import circle: ${[...circle, circle[0]].join(" -> ")}`);
  problems.push(...layerViolations(result.obj()));

  for (const line of valueImportsIn(fs.readFileSync(path.join(SRC, TYPE_LEAF), "utf8")))
    problems.push(`src/${TYPE_LEAF} must import types only: ${line}`);

  const allowed = new Set(
    fs
      .readFileSync(ALLOWLIST, "utf8")
      .split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter(Boolean),
  );
  const offenders = new Set<string>();
  for (const file of listTs(SRC)) {
    if (file.startsWith("store/")) continue;
    const uses = storeOnlyUses(fs.readFileSync(path.join(SRC, file), "utf8"));
    if (!uses.length) continue;
    offenders.add(`src/${file}`);
    if (!allowed.has(`src/${file}`)) problems.push(`src/${file} ${uses.join(", ")}: only src/store/ may do that`);
  }
  for (const file of allowed)
    if (!offenders.has(file))
      problems.push(
        `${file} no longer needs the store allow-list: delete its line from scripts/store-seam-allowlist.txt`,
      );

  if (problems.length) {
    console.error(`check:imports: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  const files = Object.keys(result.obj()).length;
  console.log(
    `check:imports: ${files} files in src/, no circles, layers in order, ${allowed.size} store exceptions left`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
