import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { atOrBelow, atOrBelowRange } from './org-scope';

/**
 * atOrBelowRange is the tree rule spelled for the path index; it must answer as atOrBelow does
 * for every pair of paths, siblings that share a prefix included ("/s1" is not below "/s12").
 */
describe('atOrBelowRange (real PostgreSQL)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('agrees with atOrBelow on units, their children, siblings with a common prefix and look-alikes', async () => {
    const paths = [
      '/root',
      '/root/c1',
      '/root/c1/d1',
      '/root/c1/d1/s1',
      '/root/c1/d1/s1/g7',
      '/root/c1/d1/s1/g7/k1',
      '/root/c1/d1/s12',
      '/root/c1/d1/s1-a',
      '/root/c1/d1/s10/g7',
      '/root/c1/d10',
      '/root/c2',
    ];
    const rows: { path: string; ancestor: string; prefix: boolean; range: boolean }[] = await db.query(
      `SELECT p.path, a.path AS ancestor, ${atOrBelow('p.path', 'a.path')} AS prefix,
              ${atOrBelowRange('p.path', 'a.path')} AS range
       FROM unnest($1::text[]) AS p(path) CROSS JOIN unnest($1::text[]) AS a(path)`,
      [paths],
    );
    expect(rows).toHaveLength(paths.length ** 2);
    expect(rows.filter((row) => row.prefix !== row.range)).toEqual([]);
    const below = (ancestor: string) =>
      rows.filter((row) => row.ancestor === ancestor && row.range).map((row) => row.path);
    expect(below('/root/c1/d1/s1')).toEqual(['/root/c1/d1/s1', '/root/c1/d1/s1/g7', '/root/c1/d1/s1/g7/k1']);
  });
});
