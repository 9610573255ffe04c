import fs from "node:fs";
import { describe, it, expect } from "vitest";
import { renderArticleBody, renderCommentBody } from "../../src/render/comment-markdown.ts";
import { escapeHtml } from "../../src/render/escape-html.ts";

const render = (source: string): string => renderCommentBody(source).html;
const hrefAndText = (links: { href: string; text: string }[]) => links.map(({ href, text }) => ({ href, text }));
const REL = 'rel="nofollow ugc noopener"';
const a = (href: string, text = href): string => `<a href="${href}" ${REL}>${text}</a>`;

type Seed = { bodyMarkdown: string; comments: { bodyText: string }[] };
const seed = (slug: string): Seed =>
  JSON.parse(fs.readFileSync(new URL(`../../prisma/seed/${slug}.json`, import.meta.url), "utf8")) as Seed;

const ALLOWED: Record<string, string[]> = {
  p: [],
  br: [],
  em: [],
  strong: [],
  code: [],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ["start"],
  li: [],
  a: ["href", "rel"],
};

/** Every tag in the output is on the allow-list with allowed attributes; every link is http(s)/mailto + rel. */
function expectOnlyAllowedMarkup(html: string): void {
  const problems: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    const allowed = ALLOWED[tag];
    if (!allowed) {
      problems.push(`tag ${m[0]}`);
      continue;
    }
    for (const attr of m[2]!.matchAll(/([^\s=/]+)="[^"]*"/g)) {
      if (!allowed.includes(attr[1]!)) problems.push(`attribute ${attr[1]} in ${m[0]}`);
    }
    if (m[2]!.replace(/([^\s=/]+)="[^"]*"/g, "").replace(/[\s/]/g, "") !== "")
      problems.push(`unquoted attribute in ${m[0]}`);
    const isLinkOpen = tag === "a" && !m[0].startsWith("</");
    if (isLinkOpen && !/^<a (href="(https?:\/\/|mailto:)[^"]*" )?rel="nofollow ugc noopener">$/i.test(m[0])) {
      problems.push(`link ${m[0]}`);
    }
  }
  expect(problems, html.slice(0, 300)).toEqual([]);
}

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });
});

describe("renderCommentBody: blocks", () => {
  it("splits paragraphs on blank lines and turns single newlines into <br>", () => {
    expect(render("one\ntwo\n\n\nthree")).toBe("<p>one<br />\ntwo</p>\n<p>three</p>");
  });

  it("normalizes CRLF, trims trailing whitespace and ignores leading/trailing blank lines", () => {
    expect(render("\r\n  one  \r\ntwo\t\r\n\r\n")).toBe("<p>one<br />\ntwo</p>");
    expect(render("")).toBe("");
    expect(render("   \n\n ")).toBe("");
  });

  it("renders fenced code blocks literally", () => {
    expect(render("before\n```js\nconst x = <b>*1*</b>;\n  indented\n```\nafter")).toBe(
      "<p>before</p>\n<pre><code>const x = &lt;b&gt;*1*&lt;/b&gt;;\n  indented\n</code></pre>\n<p>after</p>",
    );
  });

  it("runs an unclosed fence to the end of the text", () => {
    expect(render("```\ncode **not strong**")).toBe("<pre><code>code **not strong**</code></pre>");
  });

  it("treats ```inline``` at the start of a line as a code span, not a fence", () => {
    expect(render("```x``` y")).toBe("<p><code>x</code> y</p>");
  });

  it("renders > lines as block quotes, nested ones too", () => {
    expect(render("> quoted *text*\n> more\n\nreply")).toBe(
      "<blockquote>\n<p>quoted <em>text</em><br />\nmore</p>\n</blockquote>\n<p>reply</p>",
    );
    expect(render("> outer\n>> inner")).toBe(
      "<blockquote>\n<p>outer</p>\n<blockquote>\n<p>inner</p>\n</blockquote>\n</blockquote>",
    );
  });

  it("caps block-quote nesting; deeper > stays text", () => {
    const out = render(">".repeat(50) + " deep");
    expect(out.match(/<blockquote>/g)).toHaveLength(5);
    expect(out).toContain("&gt;".repeat(45) + " deep");
  });

  it('renders a paragraph wholly wrapped in “…” or "…" as a quote, keeping the quote marks', () => {
    expect(render("“All of it, “nested” too.”")).toBe("<blockquote>\n<p>“All of it, “nested” too.”</p>\n</blockquote>");
    expect(render('"Straight\nquotes"')).toBe('<blockquote>\n<p>"Straight<br />\nquotes"</p>\n</blockquote>');
  });

  it("does not treat quotes that open and close inside the paragraph as a wrapped quote", () => {
    expect(render("“One” and “two”")).toBe("<p>“One” and “two”</p>");
    expect(render('"One" and "two"')).toBe('<p>"One" and "two"</p>');
    expect(render("He said “yes”")).toBe("<p>He said “yes”</p>");
    expect(render('""')).toBe('<p>""</p>');
  });

  it("renders bullet lists with - and *; a change of bullet starts a new list (CommonMark)", () => {
    expect(render("Points:\n- one\n- two\n  continued")).toBe(
      "<p>Points:</p>\n<ul>\n<li>one</li>\n<li>two<br />\ncontinued</li>\n</ul>",
    );
    expect(render("* a\n+ b")).toBe("<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>");
  });

  it("renders nested lists and code blocks inside list items", () => {
    expect(render("- one\n  - inner\n- two\n\n      code")).toBe(
      "<ul>\n<li>\n<p>one</p>\n<ul>\n<li>inner</li>\n</ul>\n</li>\n<li>\n<p>two</p>\n<pre><code>code\n</code></pre>\n</li>\n</ul>",
    );
  });

  it("renders ordered lists of consecutive items, with start when not 1", () => {
    expect(render("1. one\n2. two")).toBe("<ol>\n<li>one</li>\n<li>two</li>\n</ol>");
    expect(render("3. three\n4. four")).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
  });

  it("reads numbered paragraphs as one loose list, and only 1. interrupts a paragraph (CommonMark)", () => {
    expect(render("1. The decision was long.\n\n2. Whatever the reason.")).toBe(
      "<ol>\n<li>\n<p>The decision was long.</p>\n</li>\n<li>\n<p>Whatever the reason.</p>\n</li>\n</ol>",
    );
    expect(render("In 2016.\n1. a list")).toBe("<p>In 2016.</p>\n<ol>\n<li>a list</li>\n</ol>");
    expect(render("The year\n2016. was not a list")).toBe("<p>The year<br />\n2016. was not a list</p>");
  });

  it("does not take *emphasis* or ## at the start of a line for list or heading syntax", () => {
    expect(render("*not* a list\n## not a heading")).toBe("<p><em>not</em> a list<br />\n## not a heading</p>");
    expect(render("# Shouting\n\nTitle\n=====")).toBe("<p># Shouting</p>\n<p>Title<br />\n=====</p>");
  });
});

describe("renderCommentBody: inline", () => {
  it("renders emphasis, strong and their nesting", () => {
    expect(render("*a* _b_ **c** __d__")).toBe("<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong></p>");
    expect(render("***both***")).toBe("<p><em><strong>both</strong></em></p>");
    expect(render("**bold *and em* bold**")).toBe("<p><strong>bold <em>and em</em> bold</strong></p>");
    expect(render("*em **strong** em*")).toBe("<p><em>em <strong>strong</strong> em</em></p>");
  });

  it("leaves unclosed, crossed and intraword-underscore markers as text", () => {
    expect(render("*unclosed and **also")).toBe("<p>*unclosed and **also</p>");
    expect(render("a * b * c")).toBe("<p>a * b * c</p>");
    expect(render("snake_case_name and 2*3")).toBe("<p>snake_case_name and 2*3</p>");
    expect(render("*a _b* c_")).toBe("<p><em>a _b</em> c_</p>");
    expect(render("**")).toBe("<p>**</p>");
  });

  it("honours backslash escapes", () => {
    expect(render("\\*not em\\* \\[A\\] \\`x\\`")).toBe("<p>*not em* [A] `x`</p>");
  });

  it("renders code spans literally, with no markup inside", () => {
    expect(render("use `<b>**x**</b> [a](https://x.y)` here")).toBe(
      "<p>use <code>&lt;b&gt;**x**&lt;/b&gt; [a](https://x.y)</code> here</p>",
    );
    expect(render("``a ` b``")).toBe("<p><code>a ` b</code></p>");
    expect(render("`unclosed *em*")).toBe("<p>`unclosed <em>em</em></p>");
  });

  it("renders [text](url) links with markup in the text", () => {
    const out = renderCommentBody("see [the **docs**](https://example.com/a?b=1&c=2) now");
    expect(out.html).toBe(`<p>see ${a("https://example.com/a?b=1&amp;c=2", "the <strong>docs</strong>")} now</p>`);
    expect(hrefAndText(out.links)).toEqual([{ href: "https://example.com/a?b=1&c=2", text: "the docs" }]);
  });

  it("renders <url> autolinks and mailto links", () => {
    expect(render("<https://example.com/x> [me](mailto:me@example.com)")).toBe(
      `<p>${a("https://example.com/x")} ${a("mailto:me@example.com", "me")}</p>`,
    );
  });

  it("does not treat [A] or [15] as links", () => {
    const out = renderCommentBody("as noted [A] and in [15][7] or [Lab] (x)");
    expect(out.html).toBe("<p>as noted [A] and in [15][7] or [Lab] (x)</p>");
    expect(hrefAndText(out.links)).toEqual([]);
  });

  it("renders a citation line as text followed by the linked URL", () => {
    const out = renderCommentBody("[A] https://example.com/x");
    expect(out.html).toBe(`<p>[A] ${a("https://example.com/x")}</p>`);
    expect(hrefAndText(out.links)).toEqual([{ href: "https://example.com/x", text: "https://example.com/x" }]);
  });
});

describe("renderCommentBody: bare URLs", () => {
  const link = (source: string): string | undefined => renderCommentBody(source).links[0]?.href;

  it("keeps balanced parentheses and drops an unbalanced closing one", () => {
    expect(link("see https://en.wikipedia.org/wiki/Foo_(bar) ok")).toBe("https://en.wikipedia.org/wiki/Foo_(bar)");
    expect(link("(see https://en.wikipedia.org/wiki/Foo_(bar))")).toBe("https://en.wikipedia.org/wiki/Foo_(bar)");
    expect(link("(https://example.com/a)")).toBe("https://example.com/a");
    expect(render("(https://example.com/a).")).toBe(`<p>(${a("https://example.com/a")}).</p>`);
  });

  it("strips trailing punctuation and closing quotes", () => {
    for (const tail of [".", ",", ";", ":", "!", "?", "”", '"', "’", "'", "...", ".)"]) {
      expect(link(`go to https://example.com/path${tail}`), tail).toBe("https://example.com/path");
    }
    expect(link("“https://example.com/q”")).toBe("https://example.com/q");
  });

  it("keeps query strings, fragments and inner punctuation", () => {
    expect(link("https://example.com/a.b/c?d=e,f&g=h#frag.")).toBe("https://example.com/a.b/c?d=e,f&g=h#frag");
    expect(link("HTTPS://EXAMPLE.COM/X")).toBe("HTTPS://EXAMPLE.COM/X");
  });

  it("does not let emphasis markers swallow or split a URL", () => {
    expect(render("*see https://example.com/a_b_c*")).toBe(`<p><em>see ${a("https://example.com/a_b_c")}</em></p>`);
  });

  it("links only http(s) with a host and only at a word boundary", () => {
    expect(renderCommentBody("http:// and https:///x and xhttps://example.com").links).toEqual([]);
    expect(renderCommentBody("ftp://example.com www.example.com").links).toEqual([]);
  });

  it("stops at characters that cannot be part of a URL", () => {
    expect(render('https://example.com/"onmouseover="alert(1)')).toBe(
      `<p>${a("https://example.com/")}"onmouseover="alert(1)</p>`,
    );
    expect(link("<b>https://example.com/x</b>")).toBe("https://example.com/x");
  });
});

describe("renderCommentBody: hostile input", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "<xmp><script>alert(1)</script></xmp>",
    "<xmp></xmp><img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe><style>*{}</style>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "[x](//evil.example/path)",
    "[x](/relative) [y](#frag)",
    "<javascript:alert(1)>",
    '[x](https://example.com/"onmouseover="alert(1))',
    "[x](https://example.com/'onmouseover='alert(1))",
    '<https://example.com/"onmouseover="alert(1)>',
    "[x](https://example.com/&quot;onmouseover=&quot;alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](java\tscript:alert(1))",
    "**[x](javascript:alert(1))**",
    "<<script>script>alert(1)<</script>/script>",
    "``` <script>\n</pre><script>alert(1)</script>\n```",
    "`</code><script>alert(1)</script>`",
    "&lt;script&gt; &#60;script&#62; \u0000<script>",
    "<!-- comment --><![CDATA[x]]>",
    "<svg><g/onload=alert(1)//<p>",
  ];

  it.each(hostile)("never passes HTML through: %s", (source) => {
    const { html, links } = renderCommentBody(source);
    expectOnlyAllowedMarkup(html);
    expect(html).not.toMatch(/<(script|xmp|img|iframe|style|svg|g)\b/i);
    for (const l of links) expect(l.href).toMatch(/^(https?:\/\/|mailto:)/i);
  });

  it("shows HTML in the source as literal text", () => {
    expect(render("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(render("<xmp><img src=x onerror=alert(1)></xmp>")).toBe(
      "<p>&lt;xmp&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/xmp&gt;</p>",
    );
    // Entity references are CommonMark: "&lt;" shows as "<", and is escaped again on the way out.
    expect(render("&amp; &lt; &#60;script&#62;")).toBe("<p>&amp; &lt; &lt;script&gt;</p>");
  });

  it("keeps links with unsafe or relative destinations as text", () => {
    const out = renderCommentBody("[x](javascript:alert(1)) [y](/relative) [z](//evil.example) <data:text/html,x>");
    expect(out.html).toBe("<p>[x](javascript:alert(1)) y z &lt;data:text/html,x&gt;</p>");
    expect(hrefAndText(out.links)).toEqual([]);
  });

  it("shows an image as a link to it, never an <img>", () => {
    expect(render("![a cat](https://example.com/cat.png)")).toBe(
      `<p>!${a("https://example.com/cat.png", "a cat")}</p>`,
    );
  });

  it("keeps a defined citation label's brackets: [A] reads as a citation, not a bare A", () => {
    const out = renderCommentBody("Claim [A] and [word].\n\n[A]: https://example.com/a\n[word]: https://example.com/w");
    expect(out.html).toBe(
      `<p>Claim ${a("https://example.com/a", "[A]")} and ${a("https://example.com/w", "word")}.</p>`,
    );
  });

  it("keeps quotes in an href inside the attribute value", () => {
    const out = renderCommentBody("[x](https://example.com/'a'(b))");
    expect(out.html).toBe(`<p>${a("https://example.com/'a'(b)", "x")}</p>`);
    expect(hrefAndText(out.links)).toEqual([{ href: "https://example.com/'a'(b)", text: "x" }]);
  });

  // Their cost is asserted as a ratio to plain text in parser-linearity.test.ts, not as a time here.
  it("renders pathological 20k-character inputs to allowed markup only", () => {
    const inputs = [
      "*".repeat(20000),
      "[".repeat(20000),
      "http://" + "a(".repeat(5000),
      "_".repeat(20000),
      "`".repeat(20000),
      "<".repeat(20000),
      ">".repeat(20000),
      "*a".repeat(10000),
      "*a _".repeat(2500) + " b_ a*".repeat(2500),
      "[a](".repeat(5000),
      "<http://a".repeat(2000),
      Array.from({ length: 190 }, (_, k) => "`".repeat(k + 1) + "x").join(""),
      "https://a.example/" + ")".repeat(20000),
      "http://a" + ".".repeat(20000),
      "1. a\n".repeat(4000),
      "1. a\n" + "  b\n".repeat(5000),
      "> a\n".repeat(5000),
      "“".repeat(10000) + "”".repeat(10000),
      "**_`[<h".repeat(3000),
    ];
    for (const input of inputs) expectOnlyAllowedMarkup(renderCommentBody(input).html);
  });

  it("is deterministic", () => {
    const source = seed("israel-behind-discovery-of-kaspersky-spy-links").comments[0]!.bodyText;
    expect(renderCommentBody(source)).toEqual(renderCommentBody(source));
  });
});

describe("renderCommentBody: links list", () => {
  it("lists every link in document order, duplicates included", () => {
    const { html, links } = renderCommentBody(
      "> quoted https://a.example/1\n\n- [two](https://b.example/2)\n- <mailto:c@example.com>\n\nagain https://a.example/1",
    );
    expect(hrefAndText(links)).toEqual([
      { href: "https://a.example/1", text: "https://a.example/1" },
      { href: "https://b.example/2", text: "two" },
      { href: "mailto:c@example.com", text: "mailto:c@example.com" },
      { href: "https://a.example/1", text: "https://a.example/1" },
    ]);
    expect(html.match(/<a /g)).toHaveLength(links.length);
  });

  it("does not link URLs inside link text, code spans or code blocks", () => {
    const { links } = renderCommentBody(
      "[https://a.example](https://b.example) `https://c.example`\n```\nhttps://d.example\n```",
    );
    expect(hrefAndText(links)).toEqual([{ href: "https://b.example", text: "https://a.example" }]);
  });
});

describe("Pete's comment (seed)", () => {
  const source = seed("israel-behind-discovery-of-kaspersky-spy-links").comments[0]!.bodyText;
  const { html, links } = renderCommentBody(source);

  it("reads the numbered paragraphs as list items 1 and 2 (CommonMark), each before its quotation", () => {
    expect(html).toMatch(/^<ol>\n<li>The decision to finally close in on Kaspersky Lab/);
    expect(html).toContain('<ol start="2">\n<li>It is also relevant that Eugene Kaspersky');
  });

  it("renders the two quoted paragraphs as block quotes with their quote marks", () => {
    const quotes = [...html.matchAll(/<blockquote>\n<p>(.*?)<\/p>\n<\/blockquote>/g)].map((m) => m[1]!);
    expect(quotes).toHaveLength(2);
    expect(quotes[0]).toMatch(/^“Cyber defenders may be a little nervous.*with access\.”$/);
    expect(quotes[1]).toMatch(/^“At the age of 16, Kaspersky.*in 1987\.\[2\]”$/);
    expect(quotes[1]).toContain("KGB Higher School,[15] which prepared");
    expect(quotes[1]).toContain("KGB.[7][8] He graduated");
  });

  it("links [A] and [B] to their URLs and nothing else", () => {
    expect(hrefAndText(links)).toEqual([
      {
        href: "http://gentleseas.blogspot.com.au/2016/12/intelligence-vulnerabilities-of.html",
        text: "http://gentleseas.blogspot.com.au/2016/12/intelligence-vulnerabilities-of.html",
      },
      {
        href: "https://en.wikipedia.org/wiki/Eugene_Kaspersky#Early_life",
        text: "https://en.wikipedia.org/wiki/Eugene_Kaspersky#Early_life",
      },
    ]);
    expect(html).toContain(
      `<p>[A] ${a("http://gentleseas.blogspot.com.au/2016/12/intelligence-vulnerabilities-of.html")}</p>`,
    );
    expect(html).toContain(`<p>[B] ${a("https://en.wikipedia.org/wiki/Eugene_Kaspersky#Early_life")}</p>`);
    expect(html).not.toMatch(/<a[^>]*>\[?\d+\]?<\/a>/);
    expect(html).toContain("Social Media Us” [A] which");
  });

  it("has the expected overall shape", () => {
    expect(html.match(/<p>/g)).toHaveLength(4);
    expect(html.match(/<li>/g)).toHaveLength(2);
    expectOnlyAllowedMarkup(html);
  });
});

describe("renderArticleBody", () => {
  it("renders ## and ### headings, which comments do not get", () => {
    expect(renderArticleBody("## Title *x*\n\n### Sub\n\ntext")).toBe(
      "<h2>Title <em>x</em></h2>\n<h3>Sub</h3>\n<p>text</p>",
    );
    // The page has its own <h1>: # becomes ##, #### and deeper become ###.
    expect(renderArticleBody("# one\n#### four")).toBe("<h2>one</h2>\n<h3>four</h3>");
    expect(render("## Title")).toBe("<p>## Title</p>");
  });

  it("is still escaped and sanitized", () => {
    expect(renderArticleBody("## <script>x</script>\n\n[a](javascript:x) https://ok.example")).toBe(
      `<h2>&lt;script&gt;x&lt;/script&gt;</h2>\n<p>[a](javascript:x) ${a("https://ok.example")}</p>`,
    );
  });

  it("renders both seed articles: paragraphs and headings, no links, [Lab] kept as text", () => {
    const spyLinks = renderArticleBody(seed("israel-behind-discovery-of-kaspersky-spy-links").bodyMarkdown);
    expect(spyLinks.match(/<p>/g)).toHaveLength(3);
    expect(spyLinks).toContain("certain Kaspersky [Lab] officials");
    expect(spyLinks).not.toContain("<a ");

    const pressure = renderArticleBody(seed("israel-secret-service-pressure-on-kaspersky").bodyMarkdown);
    expect(pressure).toContain("<h2>Kaspersky affair: References from Israel</h2>");
    expect(pressure).toContain("<h2>The political background</h2>");
    expect(pressure.match(/<p>/g)).toHaveLength(4);
    expect(pressure).toContain("the Democrats ‘ computers");
  });
});
