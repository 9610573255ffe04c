// How much work a synchronous call does, counted rather than timed, so a busy machine gives the same
// figure: the JavaScript blocks V8 runs (its precise block coverage, read through node:inspector), the
// characters given to regular expressions (RegExp.prototype.exec is replaced for the call; replace,
// match, split and test all go through it then), and the characters native string built-ins scan or copy
// (indexOf, lastIndexOf, includes, slice, substring, substr, trim*, toLowerCase/toUpperCase, string
// split/replace/replaceAll, repeat, pad*, normalize, concat: replaced for the call too), since a loop
// calling one of them on the whole text is quadratic in a handful of blocks (a slice of 13 characters or
// more counts as 13: V8 makes it a view, not a copy; what then scans it is counted). Not counted: O(1) or
// O(needle) ones (charCodeAt, at, startsWith, endsWith), Array built-ins, and a regex's backtracking
// within one match; bench/parse-adversarial.ts times those.
// Taking coverage resets V8's counters, so this would disturb `vitest --coverage` (v8) in the same file.
import { Session } from "node:inspector";

export type Work = { blocks: number; regexChars: number; stringChars: number };
type Coverage = { result: { functions: { ranges: { count: number }[] }[] }[] };

type StringMethod = (this: string, ...args: unknown[]) => unknown;
const stringMethods = String.prototype as unknown as Record<string, StringMethod>;
const indexOf = String.prototype.indexOf;
const length = (x: unknown) => (typeof x === "string" ? x.length : 0);
const clamp = (position: unknown, text: string, otherwise: number) =>
  position === undefined || Number.isNaN(Number(position))
    ? otherwise
    : Math.min(Math.max(Math.trunc(Number(position)), 0), text.length);
// From where a forward search starts to the end of its match, or to the text's end when not found.
const forward = (text: string, needle: unknown, position: unknown, at: number) => {
  const from = clamp(position, text, 0);
  return at >= 0 ? at + String(needle).length - from : text.length - from;
};
const whole = (text: string) => text.length;
const made = (_: string, __: unknown[], result: unknown) => length(result);
// V8 copies a slice shorter than 13 characters; a longer one is a view onto its text (SlicedString), as
// cheap for 800,000 characters as for 1,000. markdown-it's linkify slices to the text's end at each URL.
const SLICED_STRING_MIN = 13;
const sliced = (_: string, __: unknown[], result: unknown) => Math.min(length(result), SLICED_STRING_MIN);
// A regex pattern is counted by the exec swap; a string one scans the text (and replace writes a new one).
const byString =
  (also: (r: unknown) => number) =>
  (text: string, [pattern]: unknown[], result: unknown) =>
    pattern instanceof RegExp ? 0 : text.length + also(result);
/** An estimate of the characters each built-in examines or copies, given the text, its arguments and result. */
const STRING_COSTS: Record<string, (text: string, args: unknown[], result: unknown) => number> = {
  indexOf: (text, [needle, position], at) => forward(text, needle, position, at as number),
  includes: (text, [needle, position]) =>
    forward(text, needle, position, indexOf.call(text, String(needle), clamp(position, text, 0))),
  // Backwards from the position (default: the end) to the match, or to the start when not found.
  lastIndexOf: (text, [needle, position], at) => {
    const from = Math.min(clamp(position, text, text.length) + String(needle).length, text.length);
    return (at as number) >= 0 ? from - (at as number) : from;
  },
  slice: sliced,
  substring: sliced,
  substr: sliced,
  concat: made,
  repeat: made,
  padStart: made,
  padEnd: made,
  trim: whole,
  trimStart: whole,
  trimEnd: whole,
  toLowerCase: whole,
  toUpperCase: whole,
  normalize: whole,
  split: byString(() => 0),
  replace: byString(length),
  replaceAll: byString(length),
};

export function workCounter(): { count(f: () => unknown): Work; close(): void } {
  const session = new Session();
  session.connect();
  // An in-thread session answers synchronously, which is what lets count() stay synchronous.
  const post = <T>(method: string, params: object = {}): T => {
    let answer: { error: Error | null; result?: T } | undefined;
    session.post(method, params, (error, result) => (answer = { error, result: result as T }));
    if (!answer) throw new Error(`inspector did not answer ${method} synchronously`);
    if (answer.error) throw answer.error;
    return answer.result!;
  };
  post("Profiler.enable");
  post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });

  return {
    count(f) {
      const exec = RegExp.prototype.exec;
      let regexChars = 0;
      RegExp.prototype.exec = function (this: RegExp, input: string) {
        const from = this.global || this.sticky ? this.lastIndex : 0;
        const match = exec.call(this, input);
        // A global or sticky regex walking along a text: from where it starts to the end of its match, or of
        // the text (sticky: the one place tried). Any other is given the whole text and may scan all of it.
        if (!this.global && !this.sticky) regexChars += String(input).length;
        else regexChars += match ? match.index + match[0].length - from : this.sticky ? 1 : String(input).length - from;
        return match;
      };
      let stringChars = 0;
      const originals = Object.entries(STRING_COSTS).map(([name, cost]) => {
        const original = stringMethods[name]!;
        stringMethods[name] = function (this: string, ...args: unknown[]) {
          const result = original.apply(this, args);
          stringChars += cost(String(this), args, result);
          return result;
        };
        return [name, original] as const;
      });
      post<Coverage>("Profiler.takePreciseCoverage"); // resets the counters
      try {
        f();
      } finally {
        RegExp.prototype.exec = exec;
        for (const [name, original] of originals) stringMethods[name] = original;
      }
      let blocks = 0;
      for (const script of post<Coverage>("Profiler.takePreciseCoverage").result)
        for (const fn of script.functions) for (const range of fn.ranges) blocks += range.count;
      return { blocks, regexChars, stringChars };
    },
    close() {
      post("Profiler.stopPreciseCoverage");
      post("Profiler.disable");
      session.disconnect();
    },
  };
}
