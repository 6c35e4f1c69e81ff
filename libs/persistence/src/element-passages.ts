import type { EntityManager } from 'typeorm';

/**
 * Adds the passages that a step's `element.left` entries complete to `element_passage_stat`
 * (migration 1764810000000; docs/api.md, Statistics of a diagram): for each such exit, the n-th
 * exit (left or terminated) of its element in the case closes the element's n-th entry, the
 * pairing the statistics always used. `fromSeq` is the first audit entry the step appended; the case's row is
 * locked by the caller, so its exits are counted in order.
 *
 * One statement; its rows are upserted in element order, so two steps of cases in the same class
 * lock the shared rows in the same order (they wait for each other, never deadlock).
 */
export async function recordElementPassages(
  db: EntityManager,
  instanceId: string,
  fromSeq: number,
): Promise<void> {
  await db.query(
    `INSERT INTO element_passage_stat AS s (definition_id, org_path, element_id, completed, total_ms)
     SELECT i.definition_id, i.org_path, x.element_id, count(*),
            sum(extract(epoch FROM x.left_at - entering.at) * 1000)
       FROM process_instance i
       CROSS JOIN LATERAL (
         SELECT l.element_id, l.at AS left_at,
                (SELECT count(*) FROM audit_event o
                  WHERE o.instance_id = l.instance_id AND o.element_id = l.element_id AND o.seq <= l.seq
                    AND o.type IN ('element.left', 'element.terminated')) AS n
           FROM audit_event l
          WHERE l.instance_id = i.id AND l.seq >= $2 AND l.type = 'element.left' AND l.element_id IS NOT NULL
       ) x
       CROSS JOIN LATERAL (
         SELECT e.at FROM audit_event e
          WHERE e.instance_id = i.id AND e.element_id = x.element_id AND e.type = 'element.entered'
          ORDER BY e.seq OFFSET x.n - 1 LIMIT 1
       ) entering
      WHERE i.id = $1
      GROUP BY i.definition_id, i.org_path, x.element_id
      ORDER BY x.element_id
     ON CONFLICT (definition_id, org_path, element_id)
     DO UPDATE SET completed = s.completed + excluded.completed, total_ms = s.total_ms + excluded.total_ms`,
    [instanceId, fromSeq],
  );
}
