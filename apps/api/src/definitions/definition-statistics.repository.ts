import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inScope } from '../../../../libs/persistence/src';

/** What the diagram shows at one element, over the cases of a definition the caller sees. */
export interface ElementStatistics {
  elementId: string;
  /** Tokens waiting there now (the cases' `active_elements`). */
  active: number;
  /** Open user tasks there past their due time. */
  overdue: number;
  /** Open incidents there. */
  incidents: number;
  /** Times a token left the element (`element.left`; a terminated passage is not completed). */
  completed: number;
  /** The mean time from entering to leaving over the completed passages; null with none. */
  avgDurationMs: number | null;
}

/**
 * The SQL of GET /api/definitions/:id/statistics (docs/api.md, Statistics of a diagram). Every
 * count starts from the definition's cases that pass the one scope rule (`inScope` on the case's
 * org path), so another school's cases are never counted. The counts of now walk the definition's
 * running cases by `process_instance_definition_state`, then each case's rows by its own index;
 * the completed passages and their durations come pre-aggregated per class (element_passage_stat).
 */
@Injectable()
export class DefinitionStatisticsRepository {
  constructor(private readonly db: DataSource) {}

  async of(userId: string, definitionId: string): Promise<ElementStatistics[]> {
    const scoped = `i.definition_id = :definitionId AND ${inScope('i.org_path')}`;
    const [active, overdue, incidents, passages] = await Promise.all([
      this.counts(
        `SELECT a."elementId", count(*)::int AS n
           FROM process_instance i
           CROSS JOIN LATERAL jsonb_to_recordset(i.active_elements) AS a("elementId" text)
          WHERE i.state = 'active' AND ${scoped}
          GROUP BY a."elementId"`,
        userId,
        definitionId,
      ),
      // From the overdue tasks (`user_task_open_due`), few at any size, to their cases by key; the
      // scope rule on the task's org path, which is its case's. Started from the definition's
      // cases instead, the planner (counting one case in a hundred in scope) probed every running
      // case's tasks: a second for a district supervisor at 200,000 cases.
      this.counts(
        `SELECT t.element_id AS "elementId", count(*)::int AS n
           FROM user_task t JOIN process_instance i ON i.id = t.instance_id
          WHERE t.state = 'open' AND t.due_at < now() AND ${inScope('t.org_path')}
            AND i.state = 'active' AND i.definition_id = :definitionId
          GROUP BY t.element_id`,
        userId,
        definitionId,
      ),
      this.counts(
        `SELECT x.element_id AS "elementId", count(*)::int AS n
           FROM process_instance i JOIN incident x ON x.instance_id = i.id
          WHERE i.state = 'active' AND x.state = 'open' AND ${scoped}
          GROUP BY x.element_id`,
        userId,
        definitionId,
      ),
      // Completed passages are pre-aggregated per definition, case org path and element when the
      // step that closes them is written (libs/persistence/src/element-passages.ts): the n-th
      // entry of an element in a case is closed by its n-th exit (left or terminated); inside a
      // parallel multi-instance activity the pairing may cross, but the summed durations, and so
      // their mean, are the same. The scope rule applies to the rows' org paths as to the cases'.
      this.query<{ elementId: string; completed: number; avgDurationMs: number | null }>(
        `SELECT p.element_id AS "elementId", sum(p.completed)::int AS completed,
                round(sum(p.total_ms) / sum(p.completed))::float8 AS "avgDurationMs"
           FROM element_passage_stat p
          WHERE p.definition_id = :definitionId AND p.completed > 0 AND ${inScope('p.org_path')}
          GROUP BY p.element_id`,
        userId,
        definitionId,
      ),
    ]);
    const ids = new Set([
      ...active.keys(),
      ...overdue.keys(),
      ...incidents.keys(),
      ...passages.map((p) => p.elementId),
    ]);
    const byElement = new Map(passages.map((p) => [p.elementId, p]));
    return [...ids].sort().map((elementId) => ({
      elementId,
      active: active.get(elementId) ?? 0,
      overdue: overdue.get(elementId) ?? 0,
      incidents: incidents.get(elementId) ?? 0,
      completed: byElement.get(elementId)?.completed ?? 0,
      avgDurationMs: byElement.get(elementId)?.avgDurationMs ?? null,
    }));
  }

  private async counts(sql: string, userId: string, definitionId: string): Promise<Map<string, number>> {
    const rows = await this.query<{ elementId: string; n: number }>(sql, userId, definitionId);
    return new Map(rows.map((row) => [row.elementId, row.n]));
  }

  /** Runs `sql` with its named parameters :scopeUserId and :definitionId bound. */
  private query<R>(sql: string, userId: string, definitionId: string): Promise<R[]> {
    const [text, parameters] = this.db.driver.escapeQueryWithParameters(
      sql,
      { scopeUserId: userId, definitionId },
      {},
    );
    return this.db.query(text, parameters);
  }
}
