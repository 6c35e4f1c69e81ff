import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from './problem.filter';

export class PageQuery {
  /** At most 500 items per page (API.md). */
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
    const [at, id] = Buffer.from(page.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at))) throw new ProblemException(400, 'cursor is not valid');
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
