// Writes a WordPress export (WXR 1.2) of any size, for the import benchmark and by hand:
//   tsx bench/generate-wxr.ts --comments 100000 [--per-post 50] --out /tmp/big.xml
// Real-world-shaped: nested replies (a third are replies, some four deep), one in twenty pending, a
// pingback per post, multi-line bodies, entity-encoded names, trailing whitespace in emails, a link in
// one comment in five. Streamed to the file: the generator's memory is flat too.
import fs from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";

export async function generateWxr(file: string, comments: number, perPost = 50): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Generated</title>
\t<link>https://bench.example</link>
\t<wp:wxr_version>1.2</wp:wxr_version>
`);
  let id = 0;
  const posts = Math.ceil(comments / perPost);
  for (let p = 1; p <= posts; p++) {
    await write(`\t<item>
\t\t<title>Post number ${p} &amp; friends</title>
\t\t<link>https://bench.example/${p}/post-${p}/</link>
\t\t<pubDate>Mon, 04 Mar 2019 09:30:00 +0000</pubDate>
\t\t<dc:creator><![CDATA[editor]]></dc:creator>
\t\t<guid isPermaLink="false">https://bench.example/?p=${p}</guid>
\t\t<content:encoded><![CDATA[The body of post ${p}.\n\nA second paragraph.]]></content:encoded>
\t\t<wp:post_id>${p}</wp:post_id>
\t\t<wp:post_date_gmt><![CDATA[2019-03-04 09:30:00]]></wp:post_date_gmt>
\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>
\t\t<wp:post_name><![CDATA[post-${p}]]></wp:post_name>
\t\t<wp:status><![CDATA[publish]]></wp:status>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
`);
    const first = id + 1;
    const inPost = Math.min(perPost, comments - id);
    for (let k = 0; k < inPost; k++) {
      id++;
      // A third reply to an earlier comment of the same post (chains make some four or more deep).
      const parent = k > 0 && id % 3 === 0 ? first + ((id * 7) % k) : 0;
      const kind = k === inPost - 1 ? "pingback" : "comment";
      const approved = id % 20 === 0 ? "0" : "1";
      const minute = String(k % 60).padStart(2, "0");
      const hour = String(10 + (Math.floor(k / 60) % 12)).padStart(2, "0");
      const link = id % 5 === 0 ? ` See <a href="https://source${id % 97}.example/page">this source</a>.` : "";
      await write(`\t\t<wp:comment>
\t\t\t<wp:comment_id>${id}</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[Reader &laquo;${id % 1000}&raquo;]]></wp:comment_author>
\t\t\t<wp:comment_author_email><![CDATA[reader${id % 1000}@example.com  ]]></wp:comment_author_email>
\t\t\t<wp:comment_author_url>https://reader${id % 1000}.example/</wp:comment_author_url>
\t\t\t<wp:comment_author_IP><![CDATA[198.51.${id % 256}.${(id >> 8) % 256}]]></wp:comment_author_IP>
\t\t\t<wp:comment_date><![CDATA[2019-03-05 ${hour}:${minute}:00]]></wp:comment_date>
\t\t\t<wp:comment_date_gmt><![CDATA[2019-03-05 ${hour}:${minute}:00]]></wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[Comment ${id} on post ${p}: a first line of thought,
and a second line.

A second paragraph with <em>emphasis</em>.${link}]]></wp:comment_content>
\t\t\t<wp:comment_approved><![CDATA[${approved}]]></wp:comment_approved>
\t\t\t<wp:comment_type><![CDATA[${kind}]]></wp:comment_type>
\t\t\t<wp:comment_parent>${parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>
`);
    }
    await write("\t</item>\n");
  }
  await write("</channel>\n</rss>\n");
  out.end();
  await once(out, "finish");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      comments: { type: "string", default: "100000" },
      "per-post": { type: "string", default: "50" },
      out: { type: "string", default: "/tmp/parley-generated.xml" },
    },
  });
  await generateWxr(values.out, Number(values.comments), Number(values["per-post"]));
  console.log(
    `wrote ${values.comments} comments to ${values.out} (${(fs.statSync(values.out).size / 1048576).toFixed(1)} MiB)`,
  );
}
