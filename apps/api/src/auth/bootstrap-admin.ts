import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';

/**
 * On an empty database: the root org unit and the `admin` account (role admin at the root) with
 * CAREPATH_ADMIN_PASSWORD. Does nothing once any user exists.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['carepath:bootstrap']);
      const [{ n }] = (await tx.query('SELECT count(*)::int AS n FROM app_user')) as [{ n: number }];
      if (n > 0) return;
      if (!this.config.adminPassword) {
        throw new Error('The database has no user: set CAREPATH_ADMIN_PASSWORD to create the admin account');
      }
      await tx.query(
        `INSERT INTO org_unit (kind, name, code, org_path) VALUES ('root', 'CarePath', 'root', '/root')
         ON CONFLICT (org_path) DO NOTHING`,
      );
      const [root] = (await tx.query(`SELECT id FROM org_unit WHERE parent_id IS NULL`)) as [{ id: string }];
      const [admin] = (await tx.query(
        `INSERT INTO app_user (username, password_hash, display_name) VALUES ('admin', $1, 'Administrator') RETURNING id`,
        [await argon2.hash(this.config.adminPassword)],
      )) as [{ id: string }];
      await tx.query(`INSERT INTO role_assignment (user_id, role, org_unit_id) VALUES ($1, 'admin', $2)`, [
        admin.id,
        root.id,
      ]);
      this.logger.log('Created the admin account at the root org unit');
    });
  }
}
