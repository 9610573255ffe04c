// "One Response to <title>", "2 Responses to <title>", "No responses yet", in the catalog's language.
import { fill, plural, type Messages } from "../i18n/messages.ts";

export function responsesLabel(m: Messages, count: number): string {
  return count === 0 ? m.noResponses : plural(m, m.responses, count);
}

export function responsesHeading(m: Messages, count: number, title: string): string {
  return count === 0 ? m.noResponses : fill(m.responsesTo, { label: responsesLabel(m, count), title });
}
