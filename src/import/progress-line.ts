// The import's progress as one line: items read, comments written, rate, and time left (from the bytes
// read so far, since the number of comments in a file is only known at its end).
import type { ImportProgress } from "./import-summary.ts";

export function progressLine(p: ImportProgress): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.commentsRead / seconds : 0;
  const parts = [
    `${fmt(p.itemsRead)} items read`,
    `${fmt(p.commentsWritten)} comments written`,
    `${fmt(Math.round(rate))}/s`,
  ];
  if (p.totalBytes) {
    const share = Math.min(1, p.bytesRead / p.totalBytes);
    const left = share > 0 ? (seconds / share) * (1 - share) : null;
    parts.unshift(`${bar(share)} ${(share * 100).toFixed(0).padStart(3)}%`);
    if (left !== null && share < 1) parts.push(`~${formatDuration(left)} left`);
  }
  parts.push(`${formatDuration(seconds)} elapsed`);
  return parts.join(" · ");
}

function bar(share: number, width = 20): string {
  const full = Math.round(share * width);
  return `[${"#".repeat(full)}${"-".repeat(width - full)}]`;
}

const fmt = (n: number) => n.toLocaleString("en-US");

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}
