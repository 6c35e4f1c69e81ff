import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the inbox's and the console's lists search and sort by, and the diagram's statistics
 * (docs/api.md, Searching, sorting and exporting lists; Statistics of a diagram):
 * - `student.name_index`, the blind index of the sealed name (student-name-index.ts), written on
 *   every new student and backfilled by the api at its start; a student number by prefix,
 *   case-insensitively;
 * - keyset orders of GET /api/tasks (`sort=`), each ending on the id as the cursor does;
 * - candidate groups as a set (`candidateGroup=`);
 * - a definition's cases by state, and the element entries and exits of the audit chain.
 */
export class ListSearchAndStatistics1764700000000 implements MigrationInterface {
  name = 'ListSearchAndStatistics1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE student ADD COLUMN name_index text;
      CREATE INDEX student_name_index ON student (name_index) WHERE name_index IS NOT NULL;
      CREATE INDEX student_number_prefix ON student (lower(student_no) text_pattern_ops);
      CREATE INDEX user_task_due_order ON user_task (due_at ASC NULLS LAST, id);
      CREATE INDEX user_task_priority_order ON user_task (priority DESC NULLS LAST, id DESC);
      CREATE INDEX user_task_created_order ON user_task (created_at DESC, id DESC);
      CREATE INDEX user_task_candidate_groups ON user_task USING gin (candidate_groups);
      CREATE INDEX process_instance_definition_state ON process_instance (definition_id, state);
      CREATE INDEX audit_event_element_passage ON audit_event (instance_id, element_id, seq)
        WHERE type IN ('element.entered', 'element.left', 'element.terminated');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX audit_event_element_passage;
      DROP INDEX process_instance_definition_state;
      DROP INDEX user_task_candidate_groups;
      DROP INDEX user_task_created_order;
      DROP INDEX user_task_priority_order;
      DROP INDEX user_task_due_order;
      DROP INDEX student_number_prefix;
      DROP INDEX student_name_index;
      ALTER TABLE student DROP COLUMN name_index;
    `);
  }
}
