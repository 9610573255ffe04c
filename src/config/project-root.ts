// The folder of package.json: public/, prisma/ and the migrations live beside it. Found by walking up
// from this module, which is src/config/ under tsx and dist/main.js when bundled (npm run build:server),
// so no file needs to know how deep it sits.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (dir === path.dirname(dir)) return from;
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
