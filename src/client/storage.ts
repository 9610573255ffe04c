// What the widget and the article page remember in localStorage: the reader's name / email / website
// (only when they tick the box, as WordPress does), the edit tokens of their own comments, and a
// widget's signed-in reader's token per site.
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

const COOKIE = "parley_edit_tokens";
const COOKIE_TOKENS = 20;

function cookieTokens(): string[] {
  const pair = document.cookie.split("; ").find((c) => c.startsWith(`${COOKIE}=`));
  if (!pair) return [];
  try {
    return decodeURIComponent(pair.slice(COOKIE.length + 1))
      .split(",")
      .filter((t) => /^[\w-]{10,128}$/.test(t));
  } catch {
    return [];
  }
}

/**
 * The article page's parley_edit_tokens cookie, which tells the server-rendered page the reader's own
 * comments: the tokens the server put there (a post made with JavaScript off) merged with this
 * browser's, newest last. Never written from localStorage alone, which would drop the server's.
 */
export function syncEditTokenCookie(): void {
  const mine = Object.values(tokens()).filter((t) => typeof t === "string");
  const merged = [...cookieTokens().filter((t) => !mine.includes(t)), ...mine].slice(-COOKIE_TOKENS);
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${COOKIE}=${encodeURIComponent(merged.join(","))}; Path=/; Max-Age=${30 * 86400}; SameSite=Lax${secure}`;
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

// Sign-in hand-offs the widget is waiting for: nonces it made when it asked for a mailed link (the
// link brings the token back in the page's fragment, with its nonce). A token that arrives without a
// nonce this browser made is refused: a crafted link cannot sign the visitor in as someone else.
const pendingKey = (site: string) => `parley:signInPending:${site}`;
const pendingNonces = (site: string) => (read(pendingKey(site)) ?? "").split(" ").filter(Boolean);

/** A new random nonce (128 bits) for a sign-in hand-off. */
export const newNonce = (): string =>
  Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36).padStart(7, "0")).join("");

/** A nonce for a mailed link this widget asks for, kept until the link brings it back. */
export function keepSignInNonce(site: string): string {
  const nonce = newNonce();
  write(pendingKey(site), [...pendingNonces(site).slice(-4), nonce].join(" "));
  return nonce;
}

/** Whether this browser made the nonce (each is used once). */
export function takeSignInNonce(site: string, nonce: string): boolean {
  const list = pendingNonces(site);
  write(pendingKey(site), list.filter((n) => n !== nonce).join(" ") || null);
  return list.includes(nonce);
}
