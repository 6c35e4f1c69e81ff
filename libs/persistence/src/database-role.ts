import type { DataSource } from 'typeorm';

/**
 * The role the api and worker run as (migration 1764200000000): it owns nothing, reads and writes
 * ordinary tables, and may only read and append audit records. DATABASE_URL's login holds it.
 */
export const APP_ROLE = 'carepath_app';

/**
 * Why the role a process connected as could undo the audit's protections (it is a superuser, or
 * owns the audit tables, so it may disable their triggers), or null when it cannot. The api and
 * worker log it at boot: a single-role development setup works, but should be seen as one.
 */
export async function auditPrivilegeWarning(dataSource: DataSource): Promise<string | null> {
  const rows: { name: string; superuser: boolean; owner: boolean | null }[] = await dataSource.query(
    `SELECT r.rolname AS name, r.rolsuper AS superuser,
            (SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c
              WHERE c.oid = to_regclass('public.audit_event')) AS owner
     FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const role = rows[0];
  if (!role) return null;
  const why = role.superuser ? 'a superuser' : role.owner ? 'the owner of the audit tables' : null;
  return why
    ? `DATABASE_URL connects as "${role.name}", ${why}: it could disable the append-only audit. ` +
        `Connect as a login holding ${APP_ROLE} and migrate with DATABASE_MIGRATION_URL (docs/security.md).`
    : null;
}
