// Prisma's generated client loads its WebAssembly query compiler (3 MB) from a JS module that holds it
// as base64 text. An imported module lives as long as the process: its source and its string, ~8.4 MB,
// would stay in the heap after the compiler is built (a sixth of the idle heap). This loader reads the
// same file as text, compiles the module, and lets the text go. Handed to the client through Prisma's
// `__internal.configOverride`; anything unexpected falls back to Prisma's own loader.
import fs from "node:fs/promises";
import { fileURLToPath } from "node:url";

type CompilerConfig = {
  activeProvider?: string;
  compilerWasm?: { getQueryCompilerWasmModule: () => Promise<WebAssembly.Module> } & Record<string, unknown>;
};

export function withTransientCompilerSource<C extends CompilerConfig>(config: C): C {
  const wasm = config.compilerWasm;
  if (!wasm || !config.activeProvider) return config;
  const specifier = `@prisma/client/runtime/query_compiler_fast_bg.${config.activeProvider}.wasm-base64.mjs`;
  return {
    ...config,
    compilerWasm: {
      ...wasm,
      async getQueryCompilerWasmModule() {
        try {
          const text = await fs.readFile(fileURLToPath(import.meta.resolve(specifier)), "utf8");
          const base64 = /^const wasm = "([A-Za-z0-9+/=]+)";/.exec(text)?.[1];
          if (base64) return new WebAssembly.Module(Buffer.from(base64, "base64"));
        } catch {
          // not where this Prisma version keeps it: Prisma's own loader below
        }
        return wasm.getQueryCompilerWasmModule();
      },
    },
  };
}
