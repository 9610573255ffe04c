// Rebuilds the learned spam model of every site (or one: --site <id>) from the moderators' past
// decisions (src/spam/retrain-spam-model.ts): npm run spam:retrain [-- --site <id>]
// Safe to run while Parley serves: each instance picks up the new model within SPAM_MODEL_RECHECK_MS.
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/config.ts";
import { retrainSpamModel } from "../src/spam/retrain-spam-model.ts";
import { listSiteIds } from "../src/store/spam-model.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const { values } = parseArgs({ options: { site: { type: "string" } } });
const deps = await createDeps(
  loadConfig({ ...process.env, LINK_CHECK_ENABLED: "false", MAIL_WORKER_ENABLED: "false" }),
);
try {
  const sites = values.site ? [values.site] : await listSiteIds(deps.db);
  for (const siteId of sites) {
    const started = Date.now();
    const learned = await retrainSpamModel(deps, siteId);
    console.log(
      `site ${siteId}: learned ${learned.spam} spam and ${learned.ham} ham comments in ${Date.now() - started} ms`,
    );
  }
} finally {
  await closeDeps(deps);
}
