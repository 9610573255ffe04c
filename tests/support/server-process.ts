// Runs the real server (src/main.ts) in a child process, the way it runs in production, for the
// crash and shutdown tests and the benchmarks. It listens on port 0; the port is read from its log.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** Every log line (LOG_LEVEL must be info or lower: the port is read from the "listening" line). the server printed (stdout and stderr). */
  logs: string[];
  /** Sends `signal` and waits for the process to end; resolves to its exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
};

export async function startServerProcess(
  env: Record<string, string>,
  opts: { startTimeoutMs?: number; command?: [string, ...string[]] } = {},
): Promise<ServerProcess> {
  // The source through tsx by default; `["npm", "start"]` runs the compiled dist/ as production does.
  const [cmd, ...args] = opts.command ?? [process.execPath, "--import", "tsx", "src/main.ts"];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      SEED_DEMO_ARTICLES: "false",
      LOG_LEVEL: "info",
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // nobody else holds it: never leave a half-started server behind
      reject(new Error(`server did not start in time:\n${logs.join("\n")}`));
    }, opts.startTimeoutMs ?? 30_000);
    const onLine = (line: string) => {
      logs.push(line);
      const port = listeningPort(line);
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    readLines(child.stdout, onLine);
    readLines(child.stderr, onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${logs.join("\n")}`));
    });
  });
  return {
    url,
    child,
    logs,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

function listeningPort(line: string): number | null {
  if (!line.includes("Parley is listening")) return null;
  try {
    const port = (JSON.parse(line) as { port?: unknown }).port;
    return typeof port === "number" ? port : null;
  } catch {
    return null;
  }
}

function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void) {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    let i: number;
    while ((i = buffered.indexOf("\n")) >= 0) {
      onLine(buffered.slice(0, i));
      buffered = buffered.slice(i + 1);
    }
  });
}
