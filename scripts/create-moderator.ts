// Adds a moderator or admin account:
//   npm run moderator:create -- --email ann@example.com --role moderator [--name Ann] [--password ...]
// The password comes from PARLEY_MODERATOR_PASSWORD, else is asked for (hidden) on a terminal, else is
// read as the first line of stdin. --password works too but lands in your shell history.
// Prints the account's id, email and role; never the password or its hash.
import { parseArgs } from "node:util";
import readline from "node:readline";
import { loadConfig } from "../src/config/config.ts";
import { isAppError } from "../src/domain/errors.ts";
import { createModerator, ZNewModerator } from "../src/accounts/create-moderator.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", default: "moderator" },
    name: { type: "string" },
    password: { type: "string" },
  },
});
if (!values.email) {
  console.error(
    "usage: npm run moderator:create -- --email <email> --role admin|moderator [--name <name>] [--password <password>]",
  );
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (values.password) return values.password;
  if (process.env.PARLEY_MODERATOR_PASSWORD) return process.env.PARLEY_MODERATOR_PASSWORD;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write("Password (not shown): ");
    // Swallow the echo of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write("\n");
  return line;
}

const parsed = ZNewModerator.safeParse({
  email: values.email,
  role: values.role,
  name: values.name ?? values.email.split("@")[0],
  password: await readPassword(),
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

const deps = await createDeps(loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" }));
try {
  const m = await createModerator(deps, parsed.data);
  console.log(`created ${m.role} ${m.email} (id ${m.id})`);
} catch (err) {
  console.error(isAppError(err) ? err.message : err);
  process.exitCode = 1;
} finally {
  await closeDeps(deps);
}
