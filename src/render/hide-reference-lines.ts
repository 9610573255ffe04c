// A cited comment's reference lines leave its body by their tokens (comment-citations.ts found them;
// citations/reference-lines.ts chose them): the rendered HTML shows them once, as the Sources list.
import type Token from "markdown-it/lib/token.mjs";
import type { ReferencePlace } from "./comment-citations.ts";

/**
 * The token list without the given reference lines (each with the break before it, or after it when it
 * opens its paragraph), and without the paragraphs, list items and lists that leaves empty. The tokens
 * given are not changed: a paragraph that loses lines is a copy.
 */
export function withoutReferenceLines(tokens: readonly Token[], places: readonly ReferencePlace[]): Token[] {
  const drop = new Map<Token, Set<number>>();
  for (const p of places) {
    const set = drop.get(p.inline) ?? new Set<number>();
    drop.set(p.inline, set.add(p.segment));
  }
  const out: Token[] = [];
  for (const t of tokens) {
    const segments = drop.get(t);
    if (segments) {
      const children = keptChildren(t.children ?? [], segments);
      const copy = Object.create(Object.getPrototypeOf(t) as object) as Token;
      if (children.length > 0) out.push(Object.assign(copy, t, { children }));
      continue;
    }
    const before = out[out.length - 1];
    if (t.nesting === -1 && before?.nesting === 1 && before.type === t.type.replace(/_close$/, "_open") && emptiable(t))
      out.pop();
    else out.push(t);
  }
  return out;
}

function emptiable(t: Token): boolean {
  return ["paragraph_close", "list_item_close", "ordered_list_close", "bullet_list_close"].includes(t.type);
}

function keptChildren(children: readonly Token[], segments: Set<number>): Token[] {
  const lines: Token[][] = [[]];
  const breaks: Token[] = [];
  let inLink = 0;
  for (const c of children) {
    if (c.type === "link_open") inLink++;
    else if (c.type === "link_close") inLink--;
    if (!inLink && (c.type === "softbreak" || c.type === "hardbreak")) {
      breaks.push(c);
      lines.push([]);
    } else lines[lines.length - 1]!.push(c);
  }
  const kept: Token[] = [];
  lines.forEach((line, i) => {
    if (segments.has(i)) return;
    if (kept.length > 0) kept.push(breaks[i - 1]!);
    kept.push(...line);
  });
  return kept;
}
