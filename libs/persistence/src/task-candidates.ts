import type { EntityManager } from 'typeorm';
import { atOrBelow, onCaseLine } from './org-scope';

export interface ResolvedUsers {
  userIds: string[];
  /**
   * Usernames that name no enabled user on the case's line (org-scope.ts `onCaseLine`): unknown,
   * disabled or of another school alike, so the answer tells nobody which accounts exist where.
   * They are never granted anything; the caller turns them into an incident.
   */
  refused: string[];
}

/**
 * Resolves a task's (or a notification's) people in the case's org scope when it opens
 * (docs/bpmn-elements.md, docs/adr/0003):
 * - candidate groups (role names): for each role, the holders at the nearest unit, from the
 *   case's own unit upwards, where anyone holds it. A school without a psychology teacher thus
 *   falls back to the district's;
 * - candidate users (usernames): enabled users on the case's line only; the rest are refused.
 * Disabled accounts are never candidates.
 */
export async function resolveCandidates(
  db: EntityManager,
  orgPath: string,
  candidateGroups: string[],
  candidateUsers: string[],
): Promise<ResolvedUsers> {
  const ids = new Set<string>();
  for (const role of candidateGroups) {
    const rows: { user_id: string }[] = await db.query(
      `WITH holders AS (
         SELECT ra.user_id, length(ou.org_path) AS depth
         FROM role_assignment ra
         JOIN org_unit ou ON ou.id = ra.org_unit_id
         JOIN app_user u ON u.id = ra.user_id AND NOT u.disabled
         WHERE ra.role = $1 AND ${atOrBelow('$2::text', 'ou.org_path')}
       )
       SELECT user_id FROM holders WHERE depth = (SELECT max(depth) FROM holders)`,
      [role, orgPath],
    );
    for (const row of rows) ids.add(row.user_id);
  }
  const users = await usersOnLine(db, orgPath, candidateUsers);
  for (const id of users.userIds) ids.add(id);
  return { userIds: [...ids], refused: users.refused };
}

/**
 * The ids of `usernames` that are enabled users on the line of the case at `orgPath`, and the
 * names refused. Case-insensitive, as logins are.
 */
export async function usersOnLine(
  db: EntityManager,
  orgPath: string,
  usernames: string[],
): Promise<ResolvedUsers> {
  if (usernames.length === 0) return { userIds: [], refused: [] };
  const rows: { id: string; name: string }[] = await db.query(
    `SELECT u.id, lower(u.username) AS name FROM app_user u
     WHERE lower(u.username) = ANY($1) AND NOT u.disabled AND ${onCaseLine('$2::text', 'u.id')}`,
    [usernames.map((name) => name.toLowerCase()), orgPath],
  );
  const found = new Set(rows.map((row) => row.name));
  return {
    userIds: rows.map((row) => row.id),
    refused: [...new Set(usernames.filter((name) => !found.has(name.toLowerCase())))],
  };
}

/** The message of an incident for users the engine may not give a task (or a notice) to. */
export function refusedUsersMessage(what: string, refused: string[], orgPath: string): string {
  return `Expected ${what} ${refused.map((name) => `'${name}'`).join(', ')} to be enabled users holding a role at ${orgPath}, above it or below it; nothing was granted to ${refused.length === 1 ? 'it' : 'them'}`;
}
