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
