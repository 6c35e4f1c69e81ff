import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { deriveKey } from '../../config/src';
import { decryptJson } from './field-crypto';
import type { StudentPersonalData } from './student-personal-data';

/**
 * The blind index of a student's name (`student.name_index`): HMAC-SHA256 of the normalised full
 * name under a key derived from CAREPATH_DATA_KEY (HKDF, info `student-name-index`). Searching by
 * name compares this column, so no list ever opens `student.sensitive`; it finds the exact full
 * name only (a keyed hash has no prefixes), which docs/api.md says.
 */
export function studentNameIndex(dataKey: Buffer, name: string): string {
  return createHmac('sha256', deriveKey(dataKey, 'student-name-index'))
    .update(normaliseStudentName(name), 'utf8')
    .digest('hex');
}

/**
 * What two spellings of one name share: NFKC (full-width letters and digits become ASCII), no
 * white space anywhere (张 三 = 张三; a typed "Li Ming" = "LiMing"), lower case.
 */
export function normaliseStudentName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/**
 * Writes the name index of every student who has none (rows written before the column existed,
 * or by a tool that does not know it), `batchSize` rows at a time, each batch in one UPDATE. It
 * runs at the api's start; it is idempotent (only rows still NULL are read) and safe to run in
 * two processes at once (both compute the same value). A row this key cannot open (sealed under
 * another key) is left without an index and counted, never a failure: the api still starts.
 * Returns how many rows it wrote and how many it could not read.
 */
export async function backfillStudentNameIndex(
  db: EntityManager,
  dataKey: Buffer,
  batchSize = 500,
): Promise<{ written: number; unreadable: number }> {
  let written = 0;
  let unreadable = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: { id: string; sensitive: string }[] = await db.query(
      `SELECT id, sensitive FROM student WHERE name_index IS NULL AND id > $1 ORDER BY id LIMIT $2`,
      [after, batchSize],
    );
    if (rows.length === 0) return { written, unreadable };
    const ids: string[] = [];
    const indexes: string[] = [];
    for (const row of rows) {
      let name: unknown;
      try {
        name = decryptJson<StudentPersonalData>(dataKey, row.sensitive).name;
      } catch {
        unreadable += 1;
        continue;
      }
      ids.push(row.id);
      indexes.push(studentNameIndex(dataKey, typeof name === 'string' ? name : ''));
    }
    await db.query(
      `UPDATE student s SET name_index = v.name_index
         FROM unnest($1::uuid[], $2::text[]) AS v(id, name_index)
        WHERE s.id = v.id AND s.name_index IS NULL`,
      [ids, indexes],
    );
    written += ids.length;
    after = rows[rows.length - 1]!.id;
  }
}
