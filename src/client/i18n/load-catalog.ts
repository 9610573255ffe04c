// One language's words as a small bundle of its own, imported when a page speaks that language, so a
// script carries English only: the widget's embed-de.js / embed-fr.js, the article page's
// js/article-de.js / -fr.js and the console's js/moderate-de.js / -fr.js (each built by
// scripts/build-widget.ts from a lang-<lang>.ts entry that exports `messages`). Offline or missing:
// English. A server-rendered page also lists its language's bundle as a module script in <head>, so
// the browser fetches it beside the main script and this import finds it already loaded.
export async function loadCatalog<T>(url: string, english: T): Promise<T> {
  try {
    return ((await import(url)) as { messages: T }).messages;
  } catch {
    return english;
  }
}
