// Hostile comment bodies of every shape the post path's parsers see, built to a given length, and
// plain prose of the same length to compare against (issue #18: ratios measured in one run).
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

export function plainText(n: number): string {
  return fill("The timeline fits what the contractor said in court, and the dates line up. ", n);
}

/** Name → body of length n. */
export function adversarialBodies(n: number): Record<string, string> {
  const half = Math.floor(n / 2);
  let widths = "";
  for (let w = 1; widths.length < n; w++) widths += "`".repeat(w) + " a ";
  return {
    "nested brackets": "[".repeat(half) + "]".repeat(n - half),
    "`](` runs": fill("[](", n),
    "`[a](` runs": fill("[a](", n),
    "`[](a` runs, then spaces": fill("[](a", half) + " ".repeat(n - half),
    "`[](<` runs": fill("[](<", n),
    '`[](x "` runs': fill('[](x "', n),
    "`(` after `](`": "[a](" + "(".repeat(n - 4),
    "backtick runs of every width": widths.slice(0, n),
    "backticks alternating": fill("`` ` ", n),
    "`*` runs": fill("*a", n),
    "`_` runs": fill("_a_ ", n),
    "`**_` runs": fill("**_a", n),
    "`>` run": ">".repeat(n),
    "`>` lines": fill(">>>>>> a\n", n),
    "long URL": "https://" + "a".repeat(n - 8),
    "URLs with parens": fill("https://a.example/(x)(", n),
    // markdown-it's linkify matched from every "http:" to the end of the line: 7 s for 80,000 characters.
    "URLs without spaces": fill("http://a.b/(", n),
    "`<a:` runs": fill("<a:", n),
    "`www.` runs": fill("www.", n),
    "list items": fill("1. a\n- b\n", n),
    "`[A]` markers": fill("[A]", n),
    "reference lines": fill("[A]: https://a.example/x\n", n),
    // One paragraph of cited reference lines (each leaves the body), a quoted paragraph dense with markers.
    "bracket reference lines": "Cited [A].\n" + fill("[A] https://a.example/x\n", n - 11),
    "numbered reference lines": "Cited [1].\n\n" + fill("1. https://a.example/x\n", n - 12),
    "quoted markers": '"' + fill('[1]"[2]', n - 2) + '"',
  };
}
