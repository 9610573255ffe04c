// On start: when PARLEY_ADMIN_EMAIL + PARLEY_ADMIN_PASSWORD are set and no admin exists yet, create
// that admin. Once any admin exists the variables are ignored (change passwords in the console/CLI).
import type { Deps } from "../deps.ts";
import { hasAnyAdmin } from "../store/moderators.ts";
import { createModerator, ZNewModerator } from "./create-moderator.ts";

export async function ensureFirstAdmin(deps: Deps): Promise<"created" | "exists" | "not-configured"> {
  const { PARLEY_ADMIN_EMAIL: email, PARLEY_ADMIN_PASSWORD: password, PARLEY_ADMIN_NAME: name } = deps.config;
  if (await hasAnyAdmin(deps.db)) return "exists";
  if (!email || !password) {
    deps.log.warn(
      "no admin account yet: set PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD, or run npm run moderator:create",
    );
    return "not-configured";
  }
  const input = ZNewModerator.parse({ email, password, role: "admin", name: name ?? email.split("@")[0] });
  const admin = await createModerator(deps, input);
  deps.log.info({ moderatorId: admin.id, email: admin.email }, "first admin created from PARLEY_ADMIN_EMAIL");
  return "created";
}
