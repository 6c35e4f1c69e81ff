import { CASE_VIEWER_ROLES } from '../../domain/src/roles';

/**
 * THE org-scope filter: the one reviewed piece of SQL that decides who sees which case (and
 * which task, student or org unit). Every list and every read puts it in its WHERE clause; rows
 * are never filtered after loading.
 *
 * A user sees a row whose org path equals, or lies below, the path of a unit where they hold a
 * case-viewing role. Paths are made of codes restricted to [a-z0-9-], so the prefix test with a
 * trailing '/' cannot match a sibling ("/s1" never matches "/s12").
 *
 * `pathColumn` is a trusted column reference written in code (e.g. 'i.org_path'); the user id is
 * always a bound parameter named :scopeUserId.
 */
export function inScope(pathColumn: string, roles: readonly string[] = CASE_VIEWER_ROLES): string {
  const roleList = roles.map((role) => `'${role.replace(/[^A-Za-z]/g, '')}'`).join(', ');
  return `EXISTS (
    SELECT 1 FROM role_assignment scope_ra
    JOIN org_unit scope_ou ON scope_ou.id = scope_ra.org_unit_id
    WHERE scope_ra.user_id = :scopeUserId
      AND scope_ra.role IN (${roleList})
      AND (${pathColumn} = scope_ou.org_path OR starts_with(${pathColumn}, scope_ou.org_path || '/'))
  )`;
}

/**
 * A task is visible to whoever sees its case, and also to the users it is offered or assigned to
 * (a peer monitor sees their own task, not the case file).
 */
export function taskVisible(taskAlias: string): string {
  return `(${inScope(`${taskAlias}.org_path`)}
    OR ${taskAlias}.assignee_id = :scopeUserId
    OR EXISTS (SELECT 1 FROM task_candidate scope_tc
               WHERE scope_tc.task_id = ${taskAlias}.id AND scope_tc.user_id = :scopeUserId))`;
}
