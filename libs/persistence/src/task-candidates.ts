import type { EntityManager } from 'typeorm';

/**
 * Resolves a task's candidate groups (role names) in the case's org scope when the task opens
 * (BPMN.md): for each role, the holders at the nearest unit, from the case's own unit upwards,
 * where anyone holds it. A school without a psychology teacher thus falls back to the district's.
 * Candidate users are usernames. Disabled accounts are never candidates.
 */
export async function resolveCandidates(
  db: EntityManager,
  orgPath: string,
  candidateGroups: string[],
  candidateUsers: string[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const role of candidateGroups) {
    const rows: { user_id: string }[] = await db.query(
      `WITH holders AS (
         SELECT ra.user_id, length(ou.org_path) AS depth
         FROM role_assignment ra
         JOIN org_unit ou ON ou.id = ra.org_unit_id
         JOIN app_user u ON u.id = ra.user_id AND NOT u.disabled
         WHERE ra.role = $1 AND ($2 = ou.org_path OR starts_with($2, ou.org_path || '/'))
       )
       SELECT user_id FROM holders WHERE depth = (SELECT max(depth) FROM holders)`,
      [role, orgPath],
    );
    for (const row of rows) ids.add(row.user_id);
  }
  if (candidateUsers.length > 0) {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM app_user WHERE lower(username) = ANY($1) AND NOT disabled`,
      [candidateUsers.map((name) => name.toLowerCase())],
    );
    for (const row of rows) ids.add(row.id);
  }
  return [...ids];
}

export async function userIdByUsername(db: EntityManager, username: string): Promise<string | null> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM app_user WHERE lower(username) = lower($1)`, [
    username,
  ]);
  return rows[0]?.id ?? null;
}
