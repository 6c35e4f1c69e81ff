import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from './problem.filter';

export class PageQuery {
  /** At most 500 items per page (docs/api.md). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Keyset pagination, newest first, on (sortColumn, idColumn). The cursor is opaque to clients:
 * base64url of the last row's sort value and id.
 */
export async function paginate<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  sortColumn: string,
  idColumn: string,
  page: PageQuery,
  sortValue: (row: E) => Date,
): Promise<Page<E>> {
  const limit = page.limit ?? 50;
  if (page.cursor) {
    const { at, id } = decodeCursor(page.cursor);
    query.andWhere(`(${sortColumn}, ${idColumn}) < (:cursorAt, :cursorId)`, { cursorAt: at, cursorId: id });
  }
  const rows = await query
    .orderBy(sortColumn, 'DESC')
    .addOrderBy(idColumn, 'DESC')
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(`${sortValue(last).toISOString()}|${(last as unknown as { id: string }).id}`).toString(
          'base64url',
        )
      : null;
  return { items, nextCursor };
}

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * A cursor is exactly what `paginate` wrote: an ISO instant and a UUID. Anything else is refused
 * here, before PostgreSQL would fail on it (an invalid uuid or timestamp was a 500).
 */
function decodeCursor(cursor: string): { at: string; id: string } {
  const match = cursor.length <= 200 ? CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  const at = match?.[1];
  const id = match?.[2];
  if (!at || !id || Number.isNaN(Date.parse(at))) {
    throw new ProblemException(
      400,
      'cursor is not valid: pass the nextCursor of the previous page unchanged',
      [{ path: 'cursor', message: 'Expected the nextCursor of a previous page' }],
    );
  }
  return { at, id };
}
