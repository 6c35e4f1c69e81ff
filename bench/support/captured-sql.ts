import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import type { Pool } from 'pg';
import { createDataSource } from '../../libs/persistence/src';
import { call } from '../../test/support/api-client';
import type { ApiOnly } from './api-only';
import { elapsedMs } from './stats';

/**
 * Benches that put an api request beside "the bare SQL": the statements a repository sends,
 * captured from the repository itself through a TypeORM logger, run with pg on the same
 * database, timed alternately with the request (ABBA), and explained once.
 */

/** SQL as the repository sent it: text with $n placeholders and its parameters. */
export interface CapturedQuery {
  text: string;
  parameters: unknown[];
}

export interface Timings {
  api: number[];
  sql: number[];
}

/**
 * `requests` timed rounds of GET `path` and its bare SQL (the statements run concurrently, as
 * the api runs several at once), in alternating order, after 5 untimed rounds of each.
 */
export async function timeAlternately(
  stack: ApiOnly,
  pool: Pool,
  token: string,
  path: string,
  sql: readonly CapturedQuery[],
  requests: number,
): Promise<Timings> {
  const api = async () => {
    const answer = await call(stack.baseUrl, 'GET', path, { token });
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const bare = async () => {
    await Promise.all(sql.map((query) => pool.query(query.text, query.parameters)));
  };
  for (let i = 0; i < 5; i += 1) {
    await api();
    await bare();
  }
  const timings: Timings = { api: [], sql: [] };
  for (let i = 0; i < requests; i += 1) {
    const order = i % 4 === 0 || i % 4 === 3 ? (['api', 'sql'] as const) : (['sql', 'api'] as const);
    for (const side of order) {
      const start = performance.now();
      await (side === 'api' ? api() : bare());
      timings[side].push(elapsedMs(start));
    }
  }
  return timings;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query: the text plan, the scans it makes, `bigTables` read sequentially. */
export async function explain(
  pool: Pool,
  query: CapturedQuery,
  bigTables: ReadonlySet<string>,
): Promise<{ text: string; summary: string; seqScans: string[] }> {
  const textPlan = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
    query.parameters,
  );
  const jsonPlan = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`,
    query.parameters,
  );
  const root = jsonPlan.rows[0]!['QUERY PLAN'][0];
  const scans: string[] = [];
  const seqScans: string[] = [];
  const walk = (node: PlanNode) => {
    if (node['Index Name']) scans.push(`${node['Node Type']} ${node['Index Name']}`);
    else if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) {
      scans.push(`Seq Scan ${node['Relation Name']}`);
      if (bigTables.has(node['Relation Name'])) seqScans.push(node['Relation Name']);
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root.Plan);
  const distinct = [...new Set(scans)];
  return {
    text: textPlan.rows.map((row) => row['QUERY PLAN']).join('\n'),
    summary: `${distinct.join('; ')} (${root['Execution Time'].toFixed(1)} ms)`,
    seqScans: [...new Set(seqScans)],
  };
}

/** A DataSource on the bench's database whose logger keeps every query the repositories send. */
export class CapturingDataSource implements Pick<Logger, 'logQuery'> {
  private captured: CapturedQuery[] = [];

  private constructor(readonly dataSource: DataSource) {}

  static async open(url: string): Promise<CapturingDataSource> {
    const holder: { capture?: CapturingDataSource } = {};
    const logger: Logger = {
      logQuery: (text, parameters) => holder.capture?.logQuery(text, parameters),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    const options = { ...createDataSource(url).options, logging: ['query'], logger } as DataSourceOptions;
    const dataSource = new DataSource(options);
    await dataSource.initialize();
    holder.capture = new CapturingDataSource(dataSource);
    return holder.capture;
  }

  logQuery(text: string, parameters?: unknown[]): void {
    this.captured.push({ text, parameters: parameters ?? [] });
  }

  /** The queries `work` sent, in order. */
  async queriesOf(work: () => Promise<unknown>): Promise<CapturedQuery[]> {
    this.captured = [];
    await work();
    const queries = this.captured;
    this.captured = [];
    if (queries.length === 0) throw new Error('the repository sent no query');
    return queries;
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
