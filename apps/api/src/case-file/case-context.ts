import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { decryptJson, inScope, type StudentPersonalData } from '../../../../libs/persistence/src';

/** The student of a case, as lists and task pages show them (docs/api.md, Cases in context). */
export interface StudentSummary {
  id: string;
  /** Opened from `student.sensitive`; null when the record does not open with this deployment's key. */
  name: string | null;
  studentNo: string;
  /** The name of the student's class (their org unit). */
  className: string;
}

/** What a task or a case shows of its case besides ids: names, not code paths. */
export interface CaseContext {
  id: string;
  /** Null for a caller who holds a task of the case but does not see the case (a peer monitor). */
  businessKey: string | null;
  definitionKey: string;
  /** The process's human name (the BPMN process's `name`), or null when the diagram gives none. */
  definitionName: string | null;
  orgUnitId: string;
  orgUnitName: string;
  orgPath: string;
  /** Whether the caller holds a case-viewing role above the case (the org-scope rule, in SQL). */
  seesCase: boolean;
  /** Null when the case has no student, the caller does not see the case, or it is purged (or sealed, in lists). */
  student: StudentSummary | null;
}

interface ContextRow {
  id: string;
  businessKey: string | null;
  definitionKey: string;
  definitionName: string | null;
  orgUnitId: string;
  orgUnitName: string;
  orgPath: string;
  seesCase: boolean;
  sealed: boolean;
  purged: boolean;
  studentId: string | null;
  studentNo: string | null;
  className: string | null;
  sensitive: string | null;
}

/**
 * The context of cases already found visible (a page of tasks or of cases): one query for the
 * whole page, whatever its size, and the students' names opened only for the rows returned and
 * only where the caller sees the case (docs/api.md, Cases in context). Lists never decrypt
 * anything else.
 */
@Injectable()
export class CaseContexts {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * By case id. `openSealed`: show the student of a sealed case (a single read admitted with a
   * reason); lists never do.
   */
  async of(
    userId: string,
    instanceIds: string[],
    { openSealed = false }: { openSealed?: boolean } = {},
  ): Promise<Map<string, CaseContext>> {
    const ids = [...new Set(instanceIds)];
    if (ids.length === 0) return new Map();
    const seesCase = inScope('i.org_path');
    const rows: ContextRow[] = await this.db
      .createQueryBuilder()
      .select('i.id', 'id')
      .addSelect(`CASE WHEN ${seesCase} THEN i.business_key END`, 'businessKey')
      .addSelect('i.definition_key', 'definitionKey')
      .addSelect('d.name', 'definitionName')
      .addSelect('i.org_unit_id', 'orgUnitId')
      .addSelect('u.name', 'orgUnitName')
      .addSelect('i.org_path', 'orgPath')
      .addSelect(seesCase, 'seesCase')
      .addSelect('i.sealed_at IS NOT NULL', 'sealed')
      .addSelect('i.purged_at IS NOT NULL', 'purged')
      .addSelect(`CASE WHEN ${seesCase} THEN s.id END`, 'studentId')
      .addSelect(`CASE WHEN ${seesCase} THEN s.student_no END`, 'studentNo')
      .addSelect(`CASE WHEN ${seesCase} THEN c.name END`, 'className')
      .addSelect(`CASE WHEN ${seesCase} THEN s.sensitive END`, 'sensitive')
      .from('process_instance', 'i')
      .innerJoin('process_definition', 'd', 'd.id = i.definition_id')
      .innerJoin('org_unit', 'u', 'u.id = i.org_unit_id')
      .leftJoin('student', 's', 's.id = i.student_id')
      .leftJoin('org_unit', 'c', 'c.id = s.org_unit_id')
      .where('i.id = ANY(:ids)', { ids })
      .setParameter('scopeUserId', userId)
      .getRawMany();
    const names = new Map<string, string | null>();
    const contexts = new Map<string, CaseContext>();
    for (const row of rows) {
      const shown =
        row.seesCase && row.studentId !== null && !row.purged && (openSealed || !row.sealed) && row.sensitive;
      let student: StudentSummary | null = null;
      if (shown) {
        if (!names.has(row.studentId!)) names.set(row.studentId!, this.nameOf(row.sensitive!));
        student = {
          id: row.studentId!,
          name: names.get(row.studentId!) ?? null,
          studentNo: row.studentNo!,
          className: row.className!,
        };
      }
      contexts.set(row.id, {
        id: row.id,
        businessKey: row.businessKey,
        definitionKey: row.definitionKey,
        definitionName: row.definitionName,
        orgUnitId: row.orgUnitId,
        orgUnitName: row.orgUnitName,
        orgPath: row.orgPath,
        seesCase: row.seesCase,
        student,
      });
    }
    return contexts;
  }

  /** The name sealed in a student's record, or null when it does not open with this key. */
  private nameOf(sensitive: string): string | null {
    try {
      const name = decryptJson<StudentPersonalData>(this.config.dataKey, sensitive).name;
      return typeof name === 'string' ? name : null;
    } catch {
      return null;
    }
  }
}
