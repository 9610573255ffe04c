// npm run build:server: src/main.ts and everything it imports → dist/main.js, one ES module with its
// source map, for `npm start` (node dist/main.js, no TypeScript loader at run time). One file instead of
// ~370 modules of src/ and some hundreds of node_modules/ files: the server's start is mostly module
// loading (README "Production start"). Packages stay outside the bundle where they must be found on
// disk at run time (native addons, Prisma's WebAssembly compiler) or are loaded only when first used
// (mail, sign-in, link checks, Redis, PostgreSQL). Type checking is npm test's job (tsc -p .).
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "dist");

/** Kept as imports of node_modules/: found on disk, or loaded on first use. */
const EXTERNAL = [
  "better-sqlite3", // native addon
  "@prisma/client", // its runtime loads the WebAssembly query compiler from its own folder
  "@prisma/adapter-better-sqlite3",
  "@prisma/adapter-pg",
  "pg", // PostgreSQL only
  "pg-native",
  "redis", // REDIS_URL only
  "@socket.io/redis-streams-adapter",
  "nodemailer", // SMTP only
  "openid-client", // sign-in providers only
  "undici", // link checks only
  // optional native speed-ups some packages try to require
  "bufferutil",
  "utf-8-validate",
];

fs.rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(ROOT, "src/main.ts")],
  outfile: path.join(OUT, "main.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // The bundle's source stays in memory for the process's life (V8 compiles lazily from it): without
  // whitespace and with shorter syntax it is ~1.6 MB smaller. Names stay, for stack traces and logs.
  minifyWhitespace: true,
  minifySyntax: true,
  external: EXTERNAL,
  // CommonJS packages inside an ES module bundle still call require() for node's own modules.
  banner: {
    js: 'import { createRequire as __parleyRequire } from "node:module";\nconst require = __parleyRequire(import.meta.url);',
  },
  logLevel: "warning",
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
const bytes = fs.statSync(path.join(OUT, "main.js")).size;
console.log(`dist/main.js: ${inputs} modules, ${(bytes / 1024 / 1024).toFixed(1)} MB (+ source map)`);
