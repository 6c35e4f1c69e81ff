import type { EntityManager } from 'typeorm';
import { atOrBelow, onCaseLine } from './org-scope';

export interface CareGroupMember {
  userId: string;
  username: string;
  role: string;
}

/**
 * The enabled holders of `role` at the unit at `orgPath` or, when nobody holds it there, at the
 * nearest unit above where someone does: how candidate groups resolve (task-candidates.ts), with
 * usernames. Holders at the case's unit or above are on its line by definition, so no user of a
 * sibling school can be among them.
 */
export async function nearestRoleHolders(
  db: EntityManager,
  orgPath: string,
  role: string,
): Promise<CareGroupMember[]> {
  const rows: { user_id: string; username: string }[] = await db.query(
    `WITH holders AS (
       SELECT ra.user_id, u.username, length(ou.org_path) AS depth
       FROM role_assignment ra
       JOIN org_unit ou ON ou.id = ra.org_unit_id
       JOIN app_user u ON u.id = ra.user_id AND NOT u.disabled
       WHERE ra.role = $1 AND ${atOrBelow('$2::text', 'ou.org_path')}
     )
     SELECT DISTINCT user_id, username FROM holders
     WHERE depth = (SELECT max(depth) FROM holders)
     ORDER BY username`,
    [role, orgPath],
  );
  return rows.map((row) => ({ userId: row.user_id, username: row.username, role }));
}

/**
 * Records `members` as the care group of the case `instanceId`, for the job `jobKey`. A run of
 * the same job again changes nothing (one row per case, user and role); a later job of the case
 * (forming the group anew, e.g. after a relapse) replaces the group it finds.
 */
export async function recordCareGroup(
  db: EntityManager,
  instanceId: string,
  jobKey: string,
  members: readonly CareGroupMember[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM care_group_member WHERE instance_id = $1 AND job_key <> $2`, [
      instanceId,
      jobKey,
    ]);
    await tx.query(
      `INSERT INTO care_group_member (instance_id, user_id, role, job_key)
       SELECT $1, m.user_id, m.role, $2 FROM unnest($3::uuid[], $4::text[]) AS m(user_id, role)
       ON CONFLICT (instance_id, user_id, role) DO NOTHING`,
      [instanceId, jobKey, members.map((m) => m.userId), members.map((m) => m.role)],
    );
  });
}

/**
 * The user ids of the care group recorded for the case `instanceId` or any case of its family
 * (the case that called it, the cases it called: the group is formed in `return-to-school`, a
 * call from `crisis-care`), each enabled and still on the line of the case at `orgPath`.
 */
export async function careGroupOf(db: EntityManager, instanceId: string, orgPath: string): Promise<string[]> {
  const rows: { user_id: string }[] = await db.query(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM process_instance WHERE id = $1
       UNION SELECT p.id, p.parent_id FROM process_instance p JOIN up ON p.id = up.parent_id
     ), down AS (
       SELECT id FROM up WHERE parent_id IS NULL
       UNION SELECT c.id FROM process_instance c JOIN down ON c.parent_id = down.id
     )
     SELECT DISTINCT m.user_id FROM care_group_member m
     JOIN app_user u ON u.id = m.user_id AND NOT u.disabled
     WHERE m.instance_id IN (SELECT id FROM down) AND ${onCaseLine('$2::text', 'm.user_id')}`,
    [instanceId, orgPath],
  );
  return rows.map((row) => row.user_id);
}
