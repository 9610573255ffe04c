// What the widget remembers in the host page's localStorage: the reader's name / email / website
// (only when they tick the box, as WordPress does), the edit tokens of their own comments, and a
// signed-in reader's token per site.
// Storage can be unavailable (privacy modes, sandboxed frames): then nothing is remembered.

const TOKENS = "parley:editTokens";
const MAX_TOKENS = 100;
export const DETAILS = ["authorName", "authorEmail", "authorUrl"] as const;
export type Details = Partial<Record<(typeof DETAILS)[number], string>>;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // not remembered: the reader types it again next time
  }
}

/** What the reader typed on this page view: other forms on the page start from it even when not saved. */
let typed: Details | null = null;

export function loadDetails(): Details {
  if (typed) return { ...typed };
  const out: Details = {};
  for (const k of DETAILS) out[k] = read(`parley:${k}`) ?? undefined;
  return out;
}

export const hasSavedDetails = (): boolean => !!read("parley:authorName");

/** Remembers the details for this page view, and in the browser only when `persist` (the box is ticked). */
export function saveDetails(details: Details, persist: boolean): void {
  typed = { ...details };
  for (const k of DETAILS) write(`parley:${k}`, persist ? (details[k] ?? "") : null);
}

function tokens(): Record<string, string> {
  try {
    const parsed = JSON.parse(read(TOKENS) ?? "{}") as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function editToken(commentId: string): string | undefined {
  const t = tokens()[commentId];
  return typeof t === "string" ? t : undefined;
}

export function rememberEditToken(commentId: string, token: string): void {
  const all = Object.entries(tokens()).filter(([id]) => id !== commentId);
  all.push([commentId, token]);
  write(TOKENS, JSON.stringify(Object.fromEntries(all.slice(-MAX_TOKENS))));
}

export function forgetEditToken(commentId: string): void {
  write(TOKENS, JSON.stringify(Object.fromEntries(Object.entries(tokens()).filter(([id]) => id !== commentId))));
}

/** The newest tokens, for the listing to include the reader's own comments still awaiting moderation. */
export function recentEditTokens(limit = 40): string[] {
  return Object.values(tokens())
    .filter((t) => typeof t === "string" && /^[\w-]{10,100}$/.test(t))
    .slice(-limit);
}

/** A widget sign-in (src/widget/sign-in.ts), one per Parley site: its token only works on that site's threads. */
export type StoredSignIn = {
  token: string;
  expiresAt: string;
  reader: { name: string; provider: string; providerLabel: string; avatarUrl: string | null };
};

const signInKey = (site: string) => `parley:signIn:${site}`;

export function readerSignIn(site: string): StoredSignIn | null {
  try {
    const s = JSON.parse(read(signInKey(site)) ?? "null") as StoredSignIn | null;
    if (!s || typeof s.token !== "string" || typeof s.reader?.name !== "string") return null;
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) {
      write(signInKey(site), null);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function rememberReaderSignIn(site: string, value: StoredSignIn): void {
  write(signInKey(site), JSON.stringify(value));
}

export function forgetReaderSignIn(site: string): void {
  write(signInKey(site), null);
}
