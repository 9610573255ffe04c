// The register of spent proof-of-work solutions (src/comments/proof-of-work.ts) when there is no Redis:
// a row per solved challenge, keyed by its signature, so each solution is accepted once by every
// instance on the database and across restarts. The primary key decides a race: of two instances
// spending one solution at once, the second insert is refused.
import { isUniqueViolation, type Db } from "./client.ts";

/** Records the solution as spent; false when it was spent before. */
export async function spendProofOnce(db: Db, key: string, expiresAt: Date): Promise<boolean> {
  try {
    await db.spentProof.create({ data: { key, expiresAt } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Forgets the solutions whose challenges have expired (they are refused as expired anyway). */
export async function sweepSpentProofs(db: Db, now: Date): Promise<number> {
  const { count } = await db.spentProof.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
