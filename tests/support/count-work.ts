// How much work a synchronous call does, counted rather than timed, so a busy machine gives the same
// figure: the JavaScript blocks V8 runs (its precise block coverage, read through node:inspector) and the
// characters given to regular expressions (RegExp.prototype.exec is replaced for the call; replace,
// match, split and test all go through it then). Not counted: loops inside native built-ins (indexOf, splice)
// and a regex's backtracking within one match; bench/parse-adversarial.ts times those.
// Taking coverage resets V8's counters, so this would disturb `vitest --coverage` (v8) in the same file.
import { Session } from "node:inspector";

export type Work = { blocks: number; regexChars: number };
type Coverage = { result: { functions: { ranges: { count: number }[] }[] }[] };

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
      post<Coverage>("Profiler.takePreciseCoverage"); // resets the counters
      try {
        f();
      } finally {
        RegExp.prototype.exec = exec;
      }
      let blocks = 0;
      for (const script of post<Coverage>("Profiler.takePreciseCoverage").result)
        for (const fn of script.functions) for (const range of fn.ranges) blocks += range.count;
      return { blocks, regexChars };
    },
    close() {
      post("Profiler.stopPreciseCoverage");
      post("Profiler.disable");
      session.disconnect();
    },
  };
}
