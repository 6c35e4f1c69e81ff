import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { atOrBelow, inScope, StudentEntity } from '../../../../libs/persistence/src';

/** The SQL of the student table (personal fields arrive and leave encrypted). */
@Injectable()
export class StudentsRepository {
  constructor(private readonly db: DataSource) {}

  /** The one visible-rows query: students of classes at or below a unit where the user sees cases. */
  private visible(userId: string) {
    return this.db
      .getRepository(StudentEntity)
      .createQueryBuilder('s')
      .where(inScope('s.org_path'), { scopeUserId: userId });
  }

  /**
   * Students the caller sees whose number starts with `text` (case-insensitively) or whose name's
   * blind index is `nameIndex`, by number, with their class's name (docs/api.md, Finding a student).
   */
  async search(
    userId: string,
    text: string,
    nameIndex: string,
    limit: number,
  ): Promise<(StudentEntity & { className: string })[]> {
    const { entities, raw } = await this.visible(userId)
      .innerJoin('org_unit', 'c', 'c.id = s.org_unit_id')
      .addSelect('c.name', 'class_name')
      .andWhere(`(lower(s.student_no) LIKE :prefix OR s.name_index = :nameIndex)`, {
        prefix: `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        nameIndex,
      })
      .orderBy('s.student_no', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit)
      .getRawAndEntities<{ s_id: string; class_name: string }>();
    const classes = new Map(raw.map((row) => [row.s_id, row.class_name]));
    return entities.map((student) => Object.assign(student, { className: classes.get(student.id) ?? '' }));
  }

  /** The running, unsealed top-level cases of these students that the caller sees. */
  async openCases(
    userId: string,
    studentIds: string[],
  ): Promise<{ studentId: string; instanceId: string; definitionKey: string }[]> {
    if (studentIds.length === 0) return [];
    return this.db
      .createQueryBuilder()
      .select('i.student_id', 'studentId')
      .addSelect('i.id', 'instanceId')
      .addSelect('i.definition_key', 'definitionKey')
      .from('process_instance', 'i')
      .where('i.student_id = ANY(:studentIds)', { studentIds })
      .andWhere(`i.state = 'active' AND i.sealed_at IS NULL AND i.parent_id IS NULL`)
      .andWhere(inScope('i.org_path'), { scopeUserId: userId })
      .orderBy('i.started_at', 'ASC')
      .getRawMany();
  }

  findVisible(userId: string, id: string): Promise<StudentEntity | null> {
    return this.visible(userId).andWhere('s.id = :id', { id }).getOne();
  }

  /**
   * A student number is unique within the school (it makes the case key `<schoolCode>-<studentNo>`,
   * docs/student-cases.md); in a class under no school, within the class.
   */
  async numberTaken(orgUnitId: string, classPath: string, studentNo: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM student s
       WHERE s.student_no = $3 AND (
         s.org_unit_id = $1 OR EXISTS (
           SELECT 1 FROM org_unit school
           WHERE school.kind = 'school' AND ${atOrBelow('$2::text', 'school.org_path')}
             AND ${atOrBelow('s.org_path', 'school.org_path')}))
       LIMIT 1`,
      [orgUnitId, classPath, studentNo],
    );
    return rows.length > 0;
  }

  async updateSensitive(id: string, sensitive: string): Promise<void> {
    await this.db.getRepository(StudentEntity).update({ id }, { sensitive });
  }

  insert(
    student: Pick<StudentEntity, 'orgUnitId' | 'orgPath' | 'studentNo' | 'sensitive' | 'nameIndex'>,
  ): Promise<StudentEntity> {
    const repo = this.db.getRepository(StudentEntity);
    return repo.save(repo.create(student));
  }
}
