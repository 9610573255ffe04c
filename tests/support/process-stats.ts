// What a server process holds, read from /proc (Linux): its resident memory, CPU time and open files.
// Shared by the SQLite resource test and bench/startup.ts.
import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Resident memory of `pid` in MiB. */
export function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]!;
  return Number(kb) / 1024;
}

/** CPU time `pid` has used so far (user + system), in ms. */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
}

/** Open descriptors of `pid`: all of them, and those on files whose path starts with `prefix` (a SQLite
 * file and its -wal / -shm companions). */
export function openFiles(pid: number, prefix: string): { all: number; matching: number } {
  let all = 0;
  let matching = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    all++;
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(prefix)) matching++;
    } catch {
      // closed between the listing and the read
    }
  }
  return { all, matching };
}
