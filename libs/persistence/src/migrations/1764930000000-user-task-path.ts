import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly report counts a district's tasks school by school (monthly-reports.ts): an index
 * on the task's org path lets it read each school's tasks by range instead of every task of the
 * district once per school (bench/monthly-report.ts).
 */
export class UserTaskPath1764930000000 implements MigrationInterface {
  name = 'UserTaskPath1764930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX user_task_path ON user_task (org_path text_pattern_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX user_task_path`);
  }
}
