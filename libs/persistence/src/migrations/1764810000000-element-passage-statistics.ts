import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The heatmap of GET /api/definitions/:id/statistics, pre-aggregated (docs/api.md, Statistics of
 * a diagram): per definition version, case org path and element, the completed passages and
 * their summed duration. Written in the same transaction as the step whose `element.left` closes
 * a passage (element-passages.ts), so the statistics sum a few rows per class within the caller's
 * scope instead of pairing every entry and exit of the audit chain, which grows with every case
 * ever run (and whose self-join went quadratic for a supervisor: bench/README.md, list-scale).
 *
 * Backfilled here from the audit chain with the same pairing: the n-th entry of an element in a
 * case is closed by its n-th exit (left or terminated); only exits by `element.left` count.
 */
export class ElementPassageStatistics1764810000000 implements MigrationInterface {
  name = 'ElementPassageStatistics1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE element_passage_stat (
        definition_id uuid NOT NULL REFERENCES process_definition(id),
        org_path text NOT NULL,
        element_id text NOT NULL,
        completed bigint NOT NULL CHECK (completed >= 0),
        total_ms double precision NOT NULL,
        PRIMARY KEY (definition_id, org_path, element_id)
      );

      INSERT INTO element_passage_stat (definition_id, org_path, element_id, completed, total_ms)
      SELECT i.definition_id, i.org_path, p.element_id, count(*), sum(extract(epoch FROM p.left_at - p.entered_at) * 1000)
        FROM (
          SELECT instance_id, element_id,
                 max(at) FILTER (WHERE type = 'element.entered') AS entered_at,
                 max(at) FILTER (WHERE type = 'element.left') AS left_at
            FROM (
              SELECT e.instance_id, e.element_id, e.type, e.at,
                     row_number() OVER (PARTITION BY e.instance_id, e.element_id, e.type = 'element.entered'
                                        ORDER BY e.seq) AS n
                FROM audit_event e
               WHERE e.type IN ('element.entered', 'element.left', 'element.terminated')
                 AND e.element_id IS NOT NULL
            ) numbered
           GROUP BY instance_id, element_id, n
        ) p
        JOIN process_instance i ON i.id = p.instance_id
       WHERE p.entered_at IS NOT NULL AND p.left_at IS NOT NULL
       GROUP BY i.definition_id, i.org_path, p.element_id;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE element_passage_stat`);
  }
}
