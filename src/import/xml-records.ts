// Streams an XML export as small element trees, one per record element, so memory stays bounded by
// the largest record, never the file. saxes reads the text; a well-formedness error ends the stream
// with a "broken-xml" problem that names the line (what was complete before it stays usable).
// HTML entities such as &laquo; are not XML: saxes reports them and keeps the text as written; the
// parsers decode them once where the source meant HTML.
import type { Chunks } from "./records.ts";
import { SaxesParser } from "saxes";

export type XmlNode = {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  line: number;
};

export type XmlEvent =
  | { type: "root"; node: XmlNode }
  /** A record element opened (its tree is still being read). */
  | { type: "open"; path: string; node: XmlNode }
  /** A record element closed: its whole tree, nested records excluded. */
  | { type: "record"; path: string; node: XmlNode }
  | { type: "error"; line: number; message: string };

/** Record paths are slash-joined element names from the root, e.g. "rss/channel/item". */
export async function* readXmlRecords(chunks: Chunks, recordPaths: ReadonlySet<string>): AsyncGenerator<XmlEvent> {
  const parser = new SaxesParser({ position: true });
  const queue: XmlEvent[] = [];
  const names: string[] = [];
  // Open elements inside a record: the innermost record is the one collecting children.
  const stack: { node: XmlNode; record: boolean; path: string }[] = [];
  let failed = false;
  let seenRoot = false;

  parser.on("error", (err) => {
    if (failed) return;
    // An HTML entity in XML text is kept as written and decoded later; anything else is fatal.
    if (/undefined entity/.test(err.message)) return;
    failed = true;
    queue.push({ type: "error", line: parser.line, message: err.message.replace(/^\d+:\d+: /, "") });
  });
  parser.on("opentag", (tag) => {
    if (failed) return;
    const node: XmlNode = {
      name: tag.name,
      attrs: { ...tag.attributes } as Record<string, string>,
      text: "",
      children: [],
      line: parser.line,
    };
    names.push(tag.name);
    const path = names.join("/");
    if (!seenRoot) {
      seenRoot = true;
      queue.push({ type: "root", node });
    }
    const record = recordPaths.has(path);
    if (record) queue.push({ type: "open", path, node });
    else if (stack.length) stack[stack.length - 1]!.node.children.push(node);
    if (record || stack.length) stack.push({ node, record, path });
  });
  const onText = (text: string) => {
    if (!failed && stack.length) stack[stack.length - 1]!.node.text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    if (failed) return;
    names.pop();
    const top = stack.pop();
    // saxes hands out slices of its input chunk; a slice kept (an id in a map, a thread's title) would
    // keep the whole 256 KiB chunk alive. A copy keeps only the text.
    if (top && top.node.text) top.node.text = detach(top.node.text);
    if (top?.record) queue.push({ type: "record", path: top.path, node: top.node });
  });

  let first = true;
  for await (const raw of chunks) {
    let chunk = typeof raw === "string" ? raw : raw.toString("utf8");
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    first = false;
    parser.write(chunk);
    yield* queue.splice(0);
    if (failed) return;
  }
  parser.close();
  yield* queue.splice(0);
}

/** The text of the first child with this name ("" when absent), trimmed unless asked not to. */
export function childText(node: XmlNode, name: string, trim = true): string {
  const child = node.children.find((c) => c.name === name);
  if (!child) return "";
  return trim ? child.text.trim() : child.text;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

function detach(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}
