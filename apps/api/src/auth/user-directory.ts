import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CurrentUser, RoleGrant } from './current-user';

/** Loads a user with their role grants (and the grants' org paths) in one query. */
@Injectable()
export class UserDirectory {
  constructor(private readonly db: DataSource) {}

  async findActive(userId: string): Promise<CurrentUser | null> {
    const rows: { id: string; username: string; display_name: string; roles: RoleGrant[] }[] =
      await this.db.query(
        `SELECT u.id, u.username, u.display_name,
              COALESCE(json_agg(json_build_object('role', ra.role, 'orgUnitId', ou.id, 'orgPath', ou.org_path)
                                ORDER BY ou.org_path, ra.role) FILTER (WHERE ra.id IS NOT NULL), '[]') AS roles
       FROM app_user u
       LEFT JOIN role_assignment ra ON ra.user_id = u.id
       LEFT JOIN org_unit ou ON ou.id = ra.org_unit_id
       WHERE u.id = $1 AND NOT u.disabled
       GROUP BY u.id`,
        [userId],
      );
    const row = rows[0];
    return row
      ? { id: row.id, username: row.username, displayName: row.display_name, roles: row.roles }
      : null;
  }
}
