import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A student has at most one open top-level case of a process (docs/student-cases.md): the
 * database holds the rule, so two racing starts cannot both succeed. A sealed case (closed,
 * waiting out its retention period before the purge) is not open: the student may need a new one. Child cases (a call
 * activity's `return-to-school`) carry their parent's student and are not counted. The
 * business-key index serves message starts, which look up an open case by its case key.
 */
export class OneOpenCasePerStudent1764630000000 implements MigrationInterface {
  name = 'OneOpenCasePerStudent1764630000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNIQUE INDEX process_instance_one_open_per_student
        ON process_instance (student_id, definition_key)
        WHERE state = 'active' AND sealed_at IS NULL AND student_id IS NOT NULL AND parent_id IS NULL;
      CREATE INDEX process_instance_open_by_business_key
        ON process_instance (definition_key, business_key)
        WHERE state = 'active' AND business_key IS NOT NULL;
      CREATE INDEX process_instance_by_student ON process_instance (student_id, started_at)
        WHERE student_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX process_instance_by_student;
      DROP INDEX process_instance_open_by_business_key;
      DROP INDEX process_instance_one_open_per_student;
    `);
  }
}
