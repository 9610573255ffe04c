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
asciiOnly(path.join(OUT, "main.js"));
const inputs = Object.keys(result.metafile.inputs).length;
const bytes = fs.statSync(path.join(OUT, "main.js")).size;
console.log(`dist/main.js: ${inputs} modules, ${(bytes / 1024 / 1024).toFixed(1)} MB (+ source map)`);

/**
 * V8 keeps a script's source as one byte per character only if every character fits in Latin-1; one
 * "…" or "“" anywhere makes the whole 3.8 MB bundle two bytes per character, held for the process's
 * life (7.5 MB of the idle heap instead of 3.8). esbuild escapes non-ASCII in strings but not in tagged
 * templates (their raw text would change; ours read the cooked strings) nor in regular expressions, so
 * those few are escaped here: `\uXXXX` means the same character in a string, a template, a regular
 * expression and an identifier. Columns after an escape on the same line move in the source map (a few
 * dozen of the bundle's lines; stack traces still name the right line).
 */
function asciiOnly(file: string): void {
  const code = fs.readFileSync(file, "utf8");
  const escaped = code.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes: string, char: string) => {
    // After an odd run of backslashes the character is itself escaped ("\…"), and "\\uXXXX" would change
    // its meaning: none in the bundle today, so refuse rather than guess.
    if (slashes.length % 2) throw new Error(`build-server: escaped non-ASCII character in ${file}`);
    return slashes + `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  if (escaped !== code) fs.writeFileSync(file, escaped);
}
