// A comment form refused without JavaScript: post, redirect, get. The refused form (what was typed and
// the messages) waits here under a random key in a short-lived cookie; the redirect goes to the form's
// anchor (#respond) on the page it belongs to, that page shows the form from here, and a reload reads it
// again instead of posting again. In memory and per process: a form is read back by the same server
// within seconds; one not found (another instance, a restart) shows the page with an empty form.
import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import { readCookie } from "../domain/cookies.ts";
import type { FormState } from "../views/comment-thread.ts";

const COOKIE = "parley_refused_form";
const TTL_MS = 10 * 60_000;
const MAX_KEPT = 2000; // oldest dropped first: a flood of refused posts cannot grow the process

type Kept = { form: FormState; expires: number };
const kept = new Map<string, Kept>();

export function keepRefusedForm(req: Request, res: Response, form: FormState, now: number): void {
  const previous = readCookie(req, COOKIE);
  if (previous) kept.delete(previous);
  const key = randomBytes(16).toString("base64url");
  kept.set(key, { form: { values: form.values, errors: form.errors, remember: form.remember }, expires: now + TTL_MS });
  while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  res.cookie(COOKIE, key, { httpOnly: true, sameSite: "lax", secure: req.secure, maxAge: TTL_MS, path: "/" });
}

/** The refused form this browser was sent back with, while it lasts. */
export function readRefusedForm(req: Request, now: number): FormState | null {
  const key = readCookie(req, COOKIE);
  const found = key ? kept.get(key) : undefined;
  if (!found) return null;
  if (found.expires <= now) {
    kept.delete(key!);
    return null;
  }
  return structuredClone(found.form);
}

/** After a successful post the refused form is done with. */
export function forgetRefusedForm(req: Request, res: Response): void {
  const key = readCookie(req, COOKIE);
  if (!key) return;
  kept.delete(key);
  res.clearCookie(COOKIE, { path: "/" });
}
