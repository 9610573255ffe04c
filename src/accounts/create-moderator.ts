// Use case: add a moderator or admin account (the CLI, the admin API and the first-admin bootstrap).
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { insertModerator } from "../store/moderators.ts";
import { hashPassword } from "./password-hash.ts";

export const ZNewModerator = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Please enter a valid email address.")),
  name: z.string().trim().min(1, "Please enter a name.").max(80),
  role: z.enum(["admin", "moderator"]),
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});
export type TNewModerator = z.infer<typeof ZNewModerator>;

export type ModeratorSummary = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "moderator";
  createdAt: string;
  disabled: boolean;
};

export async function createModerator(deps: Deps, input: TNewModerator): Promise<ModeratorSummary> {
  const passwordHash = await hashPassword(input.password);
  const m = await insertModerator(deps.db, {
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash,
    createdAt: deps.clock.now(),
  });
  if (!m) throw new AppError("CONFLICT", { field: "email", reason: "moderatorExists" });
  return toModeratorSummary(m);
}

export function toModeratorSummary(m: {
  id: string;
  email: string;
  name: string;
  role: "admin" | "moderator";
  createdAt: Date;
  disabledAt: Date | null;
}): ModeratorSummary {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role,
    createdAt: m.createdAt.toISOString(),
    disabled: !!m.disabledAt,
  };
}
