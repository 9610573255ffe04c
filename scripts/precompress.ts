// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every script, style sheet and
// SVG in public/ of 1 kB or more, so the server sends them compressed at no CPU cost per request
// (src/http/precompressed.ts; README "Compression" has the figures). Run by `npm run build:widget`
// after the bundles are built; the copies are not in git.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const PUBLIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public");
const COMPRESSIBLE = /\.(js|css|svg)$/;
const MIN_BYTES = 1024;

export function precompressPublic(dir = PUBLIC): string[] {
  const written: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const bytes = fs.readFileSync(full);
    if (bytes.length < MIN_BYTES) continue;
    fs.writeFileSync(
      `${full}.br`,
      zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    );
    fs.writeFileSync(`${full}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    written.push(path.relative(dir, full));
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`precompressed (br + gz): ${precompressPublic().length} files in public/`);
}
