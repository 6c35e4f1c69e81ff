import type { EntityManager } from 'typeorm';
import { decryptJson } from './field-crypto';

/** Someone the school may call about a student (a parent, a grandparent…). Never a user. */
export interface GuardianContact {
  name: string;
  /** 父亲, 母亲, 祖父母…: free text, as schools record it. */
  relation: string;
  /** A mainland Chinese mobile number, 11 digits (CHINESE_MOBILE). */
  phone: string;
}

/** What `student.sensitive` seals (field-crypto): the api writes it, the worker reads guardians. */
export interface StudentPersonalData {
  name: string;
  gender?: string;
  birthDate?: string;
  guardians?: GuardianContact[];
}

/** A mainland Chinese mobile number: 11 digits, 1 then 3–9. */
export const CHINESE_MOBILE = /^1[3-9]\d{9}$/;

/**
 * The guardians recorded for the student `studentId`, unsealed with `dataKey`; empty when the
 * student has none or does not exist.
 */
export async function guardiansOf(
  db: EntityManager,
  dataKey: Buffer,
  studentId: string,
): Promise<GuardianContact[]> {
  const rows: { sensitive: string }[] = await db.query(`SELECT sensitive FROM student WHERE id = $1`, [
    studentId,
  ]);
  if (!rows[0]) return [];
  return decryptJson<StudentPersonalData>(dataKey, rows[0].sensitive).guardians ?? [];
}
