import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open tasks, newest first: the inbox's default order (GET /api/tasks pages on created_at, id) for
 * `state=open` and `overdue=true`. Without it the planner walked `user_task_created_order`, every
 * task ever opened, and at 1,000,000 tasks the overdue page for a district supervisor read
 * hundreds of thousands of closed ones before its fifty (about 2 s; bench/README.md, list-scale).
 * Only open tasks are in it, so it stays as small as the work in hand.
 */
export class OpenTasksNewestFirst1764811000000 implements MigrationInterface {
  name = 'OpenTasksNewestFirst1764811000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX user_task_open_created ON user_task (created_at DESC, id DESC) WHERE state = 'open'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX user_task_open_created`);
  }
}
