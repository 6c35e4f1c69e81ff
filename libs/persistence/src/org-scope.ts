import { BREAK_GLASS_ROLES, CASE_VIEWER_ROLES } from '../../domain/src';

/**
 * THE org-scope rules: the reviewed pieces of SQL that decide who sees which case (and which
 * task, student or org unit) and to whom the engine may give a task. Every list, every read and
 * every grant puts them in its WHERE clause; rows are never filtered after loading. The model is
 * written up in docs/adr/0001-projection-and-scope.md and docs/adr/0003-scope-of-grants-definitions-and-tasks.md.
 *
 * Paths are made of codes restricted to [a-z0-9-], so the prefix test with a trailing '/' cannot
 * match a sibling ("/s1" never matches "/s12").
 */

/**
 * `path` equals `ancestor` or lies below it (both trusted SQL expressions: columns or bound
 * parameters). The one spelling of the tree rule; every query that needs it calls this.
 */
export function atOrBelow(path: string, ancestor: string): string {
  return `(${path} = ${ancestor} OR starts_with(${path}, ${ancestor} || '/'))`;
}

/**
 * The same rule as atOrBelow, spelled as a range of the `text_pattern_ops` path indexes: below
 * `ancestor` means from `ancestor/` up to, not including, `ancestor0` ('0' follows '/' in byte
 * order, and codes hold no byte between them). Use it where `ancestor` comes from another row —
 * a join to a set of units — so the planner probes the index once per unit; with a bare
 * parameter, atOrBelow's prefix test already uses the index.
 */
export function atOrBelowRange(path: string, ancestor: string): string {
  return `(${path} = ${ancestor} OR (${path} ~>=~ (${ancestor} || '/') AND ${path} ~<~ (${ancestor} || '0')))`;
}

/**
 * A user sees a row whose org path equals, or lies below, the path of a unit where they hold a
 * case-viewing role.
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
      AND ${atOrBelow(pathColumn, 'scope_ou.org_path')}
  )`;
}

/**
 * The case's line: the user (a trusted SQL expression, e.g. a column or a bound parameter)
 * currently holds some role, any role, at the case's unit, at a unit above it or at a unit below
 * it. Everyone else belongs to another school (or another district) as far as this case goes.
 * Tasks are granted to users on the line only, and a candidate or assignee sees their task only
 * while they stay on it: visibility follows current roles.
 */
export function onCaseLine(pathColumn: string, userIdExpression: string): string {
  return `EXISTS (
    SELECT 1 FROM role_assignment line_ra
    JOIN org_unit line_ou ON line_ou.id = line_ra.org_unit_id
    WHERE line_ra.user_id = ${userIdExpression}
      AND (${atOrBelow(pathColumn, 'line_ou.org_path')} OR ${atOrBelow('line_ou.org_path', pathColumn)})
  )`;
}

/**
 * A task is visible to whoever sees its case, and also to the users it is offered or assigned to
 * while they stay on the case's line (a peer monitor sees their own task, not the case file).
 */
export function taskVisible(taskAlias: string): string {
  return `(${inScope(`${taskAlias}.org_path`)}
    OR ((${taskAlias}.assignee_id = :scopeUserId
         OR EXISTS (SELECT 1 FROM task_candidate scope_tc
                    WHERE scope_tc.task_id = ${taskAlias}.id AND scope_tc.user_id = :scopeUserId))
        AND ${onCaseLine(`${taskAlias}.org_path`, ':scopeUserId')}))`;
}

/**
 * The caller holds an unexpired break-glass grant for this case (docs/security.md#break-glass):
 * compared with now() in SQL, so a grant ends by itself, and only while the caller still holds
 * a role that may ask for one. `instanceIdColumn` is a trusted column reference.
 */
export function breakGlassGranted(instanceIdColumn: string): string {
  const roleList = BREAK_GLASS_ROLES.map((role) => `'${role}'`).join(', ');
  return `EXISTS (
    SELECT 1 FROM break_glass_grant bg_grant
    WHERE bg_grant.instance_id = ${instanceIdColumn}
      AND bg_grant.user_id = :scopeUserId
      AND bg_grant.expires_at > now()
      AND EXISTS (SELECT 1 FROM role_assignment bg_ra
                  WHERE bg_ra.user_id = :scopeUserId AND bg_ra.role IN (${roleList}))
  )`;
}

/**
 * The reads of ONE case file (GET /api/instances/:id, its history): the case is in scope, or the
 * caller holds an unexpired break-glass grant for it. Never in lists, writes or task actions:
 * those keep `inScope`, so a break-glass case shows up nowhere else.
 */
export function caseReadable(pathColumn: string, instanceIdColumn: string): string {
  return `(${inScope(pathColumn)} OR ${breakGlassGranted(instanceIdColumn)})`;
}
