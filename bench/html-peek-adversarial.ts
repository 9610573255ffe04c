// Times the HTML reader on crafted bodies at the fetcher's byte cap (512 KiB): unclosed <title and <a
// runs, attribute-like runs, long runs of quotes, spaces and "=". Run: npx tsx bench/html-peek-adversarial.ts
import * as peek from "../src/citations/html-peek.ts";

const CAP = 512 * 1024;
const fill = (unit: string, prefix = "") => prefix + unit.repeat(Math.floor((CAP - prefix.length) / unit.length));
export const ADVERSARIAL: Record<string, string> = {
  "unclosed <title> x n": fill("<title>"),
  "<title + no '>'": fill("<title"),
  "<title> then 512K of text": "<title>" + "a".repeat(CAP - 7),
  "unclosed <a x n": fill("<a "),
  "<a name= x n": fill("<a name="),
  "' id=\" x n": fill(' id="'),
  " id=' x n": fill(" id='"),
  "spaces after id": fill(" ", " id"),
  "id + spaces + = x n": fill(" id    =    "),
  quotes: fill("\"'"),
  equals: fill("="),
  "&#x runs": fill("&#x1"),
  "<!-- unclosed": fill("<!--"),
  "<script unclosed": fill("<script>"),
  "<title></title without >": fill("<title></title"),
  '<p + id=" x n': fill(' id="', "<p"),
  "<p + spaces": fill(" ", "<p id"),
  "<p + = x n": fill("=", "<p "),
  "<title> + </title  x n": "<title>" + fill("</title  ").slice(7),
};

const only = process.argv[2];
for (const [name, html] of Object.entries(ADVERSARIAL)) {
  if (only && !name.includes(only)) continue;
  const started = performance.now();
  const facts = peek.readHtml(html, { truncated: true });
  const ms = (performance.now() - started).toFixed(0);
  console.log(
    `${name.padEnd(28)} ${ms.padStart(5)} ms  title=${JSON.stringify(facts.title?.slice(0, 20))} anchors=${facts.anchors.ids.length}`,
  );
}
