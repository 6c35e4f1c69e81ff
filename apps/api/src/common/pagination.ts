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

/**
 * A keyset order other than newest-first: a column read as a timestamp or an integer, in one
 * direction, with NULLs last, and the row id as the tie-break in the same direction, so that
 * rows with equal values still page without gaps or repeats (the id is unique).
 */
export interface KeysetOrder<E> {
  /** Written into the cursor: a cursor of one order is refused by another. */
  name: string;
  column: string;
  direction: 'ASC' | 'DESC';
  kind: 'timestamp' | 'integer';
  value: (row: E) => Date | number | null;
}

/** Keyset pagination on (order.column NULLS LAST, idColumn), both in `order.direction`. */
export async function paginateBy<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  order: KeysetOrder<E>,
  idColumn: string,
  page: PageQuery,
): Promise<Page<E>> {
  const limit = page.limit ?? 50;
  const after = order.direction === 'ASC' ? '>' : '<';
  if (page.cursor) {
    const { value, id } = decodeOrderCursor(page.cursor, order);
    // Rows after (value, id) in the order: NULL values come after every value.
    if (value === null) {
      query.andWhere(`(${order.column} IS NULL AND ${idColumn} ${after} :cursorId)`, { cursorId: id });
    } else {
      query.andWhere(
        `(${order.column} ${after} :cursorValue OR (${order.column} = :cursorValue AND ${idColumn} ${after} :cursorId) OR ${order.column} IS NULL)`,
        { cursorValue: value, cursorId: id },
      );
    }
  }
  const rows = await query
    .orderBy(order.column, order.direction, 'NULLS LAST')
    .addOrderBy(idColumn, order.direction)
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > limit && last) {
    const value = order.value(last);
    const written = value === null ? '' : value instanceof Date ? value.toISOString() : String(value);
    nextCursor = Buffer.from(`${order.name}|${written}|${(last as unknown as { id: string }).id}`).toString(
      'base64url',
    );
  }
  return { items, nextCursor };
}

const ORDER_CURSOR =
  /^([A-Za-z]+)\|([^|]*)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INTEGER = /^-?\d{1,9}$/;

/** A cursor `paginateBy` wrote for this same order, or 400 naming `cursor`. */
function decodeOrderCursor<E>(
  cursor: string,
  order: KeysetOrder<E>,
): { value: string | number | null; id: string } {
  const match =
    cursor.length <= 200 ? ORDER_CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  const [, name, raw, id] = match ?? [];
  const valid =
    name === order.name &&
    id !== undefined &&
    raw !== undefined &&
    (raw === '' ||
      (order.kind === 'timestamp'
        ? ISO_INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))
        : INTEGER.test(raw)));
  if (!valid) {
    throw new ProblemException(
      400,
      'cursor is not valid: pass the nextCursor of the previous page unchanged, with the same sort',
      [{ path: 'cursor', message: 'Expected the nextCursor of a previous page of this sort' }],
    );
  }
  return { value: raw === '' ? null : order.kind === 'integer' ? Number(raw) : raw, id: id! };
}
