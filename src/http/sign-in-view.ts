// What the comment form shows about signing in, for this request: the signed-in reader (a cookie
// session on Parley's own pages), and the providers the thread's settings show, with their state.
import type { Request } from "express";
import type { SiteSettings } from "../config/site-settings.ts";
import type { Deps } from "../deps.ts";
import type { SignInView } from "../views/sign-in-box.ts";
import { emailSignInOffered } from "../identity/email-sign-in.ts";

export function signInView(deps: Deps, req: Request, settings: SiteSettings, returnTo: string): SignInView {
  const wanted = settings.signInProviders;
  const all = deps.identity.list();
  const r = req.reader && req.readerVia === "cookie" ? req.reader : null;
  return {
    reader: r ? { name: r.name, providerLabel: r.providerLabel, avatarUrl: r.avatarUrl, csrfToken: r.csrfToken } : null,
    providers: wanted.length ? all.filter((p) => wanted.includes(p.id)) : all,
    commenting: settings.commenting,
    emailLink: emailSignInOffered(deps, settings),
    returnTo,
  };
}
