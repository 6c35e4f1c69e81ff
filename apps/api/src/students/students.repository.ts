import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inScope, StudentEntity } from '../../../../libs/persistence/src';

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

  numberTaken(orgUnitId: string, studentNo: string): Promise<boolean> {
    return this.db.getRepository(StudentEntity).existsBy({ orgUnitId, studentNo });
  }

  async updateSensitive(id: string, sensitive: string): Promise<void> {
    await this.db.getRepository(StudentEntity).update({ id }, { sensitive });
  }

  insert(
    student: Pick<StudentEntity, 'orgUnitId' | 'orgPath' | 'studentNo' | 'sensitive'>,
  ): Promise<StudentEntity> {
    const repo = this.db.getRepository(StudentEntity);
    return repo.save(repo.create(student));
  }
}
