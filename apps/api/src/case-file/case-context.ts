import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import {
  caseReadable,
  decryptJson,
  inScope,
  type StudentPersonalData,
} from '../../../../libs/persistence/src';

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
   * reason); lists never do. `breakGlass`: the single read of a case under an emergency access
   * grant, which then counts as seeing the case (`caseReadable`); lists never pass it.
   */
  async of(
    userId: string,
    instanceIds: string[],
    { openSealed = false, breakGlass = false }: { openSealed?: boolean; breakGlass?: boolean } = {},
  ): Promise<Map<string, CaseContext>> {
    const ids = [...new Set(instanceIds)];
    if (ids.length === 0) return new Map();
    // The scope rule is asked once per case (in the subquery), then decides every column below.
    const rows: ContextRow[] = await this.db
      .createQueryBuilder()
      .select('i.id', 'id')
      .addSelect('CASE WHEN i.sees THEN i.business_key END', 'businessKey')
      .addSelect('i.definition_key', 'definitionKey')
      .addSelect('d.name', 'definitionName')
      .addSelect('i.org_unit_id', 'orgUnitId')
      .addSelect('u.name', 'orgUnitName')
      .addSelect('i.org_path', 'orgPath')
      .addSelect('i.sees', 'seesCase')
      .addSelect('i.sealed_at IS NOT NULL', 'sealed')
      .addSelect('i.purged_at IS NOT NULL', 'purged')
      .addSelect('s.id', 'studentId')
      .addSelect('s.student_no', 'studentNo')
      .addSelect('c.name', 'className')
      .addSelect('s.sensitive', 'sensitive')
      .from(
        (cases) =>
          cases
            .select(['pi.id AS id', 'pi.business_key AS business_key', 'pi.definition_id AS definition_id'])
            .addSelect(['pi.definition_key AS definition_key', 'pi.org_unit_id AS org_unit_id'])
            .addSelect(['pi.org_path AS org_path', 'pi.student_id AS student_id'])
            .addSelect(['pi.sealed_at AS sealed_at', 'pi.purged_at AS purged_at'])
            .addSelect(breakGlass ? caseReadable('pi.org_path', 'pi.id') : inScope('pi.org_path'), 'sees')
            .from('process_instance', 'pi')
            .where('pi.id = ANY(:ids)'),
        'i',
      )
      .innerJoin('process_definition', 'd', 'd.id = i.definition_id')
      .innerJoin('org_unit', 'u', 'u.id = i.org_unit_id')
      // The student only joins on cases the caller sees: no other row ever carries their data.
      .leftJoin('student', 's', 'i.sees AND s.id = i.student_id')
      .leftJoin('org_unit', 'c', 'c.id = s.org_unit_id')
      .setParameters({ ids, scopeUserId: userId })
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
