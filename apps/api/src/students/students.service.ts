import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import type { Role } from '../../../../libs/domain/src';
import {
  decryptJson,
  encryptJson,
  type GuardianContact,
  type StudentEntity,
  type StudentPersonalData,
  studentNameIndex,
} from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRoleAt } from '../auth/current-user';
import { ProblemException } from '../common/problem.filter';
import { OrgUnitsService } from '../org-units/org-units.service';
import type { CreateStudentDto, GuardianDto, SearchStudentsQuery } from './students.dto';
import { StudentsRepository } from './students.repository';

const STUDENT_REGISTRARS: readonly Role[] = [
  'admin',
  'districtSupervisor',
  'principal',
  'psychTeacher',
  'classTeacher',
];

@Injectable()
export class StudentsService {
  constructor(
    private readonly students: StudentsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orgUnits: OrgUnitsService,
    private readonly accessLog: AccessLog,
  ) {}

  async create(user: CurrentUser, dto: CreateStudentDto) {
    const unit = await this.orgUnits.findVisible(user, dto.orgUnitId);
    if (unit.kind !== 'class') {
      throw new ProblemException(400, `Org unit ${unit.id} is a ${unit.kind}; students belong to a class`, [
        { path: 'orgUnitId', message: 'Expected a class' },
      ]);
    }
    if (!hasRoleAt(user, STUDENT_REGISTRARS, unit.orgPath))
      throw new ForbiddenException('You may not register students in this class');
    if (await this.students.numberTaken(unit.id, unit.orgPath, dto.studentNo)) {
      throw new ConflictException(`Student number ${dto.studentNo} already exists in this school`);
    }
    const personal: StudentPersonalData = {
      name: dto.name,
      gender: dto.gender,
      birthDate: dto.birthDate,
      ...(dto.guardians ? { guardians: dto.guardians.map(guardianOf) } : {}),
    };
    const student = await this.students.insert({
      orgUnitId: unit.id,
      orgPath: unit.orgPath,
      studentNo: dto.studentNo,
      sensitive: encryptJson(this.config.dataKey, personal),
      nameIndex: studentNameIndex(this.config.dataKey, dto.name),
    });
    await this.accessLog.record(user.id, 'student.create', 'student', student.id);
    return this.view(student, personal);
  }

  /**
   * Students in the caller's scope by number prefix or exact full name (the blind index), for
   * "raise a concern": their names opened only for the students returned; audited as a read of
   * them (never with the query, which may be a name).
   */
  async search(user: CurrentUser, query: SearchStudentsQuery) {
    const text = query.q.trim();
    const found = await this.students.search(
      user.id,
      text,
      studentNameIndex(this.config.dataKey, text),
      query.limit ?? 20,
    );
    const cases = await this.students.openCases(
      user.id,
      found.map((s) => s.id),
    );
    await this.accessLog.record(user.id, 'student.search', 'student', null, {
      students: found.map((s) => s.id),
    });
    return {
      items: found.map((s) => ({
        id: s.id,
        name: nameIn(this.config.dataKey, s.sensitive),
        studentNo: s.studentNo,
        className: s.className,
        orgUnitId: s.orgUnitId,
        openCases: cases
          .filter((c) => c.studentId === s.id)
          .map(({ instanceId, definitionKey }) => ({ instanceId, definitionKey })),
      })),
    };
  }

  async get(user: CurrentUser, id: string) {
    const student = await this.findVisible(user, id);
    await this.accessLog.record(user.id, 'student.read', 'student', id);
    return this.view(student, decryptJson<StudentPersonalData>(this.config.dataKey, student.sensitive));
  }

  /**
   * Replaces the student's guardians (who `notify` with recipient `guardian` texts). Whoever
   * may register students in the class may; anyone else who sees the student is refused (403),
   * anyone who does not sees no student (404).
   */
  async replaceGuardians(user: CurrentUser, id: string, guardians: GuardianDto[]) {
    const student = await this.findVisible(user, id);
    if (!hasRoleAt(user, STUDENT_REGISTRARS, student.orgPath))
      throw new ForbiddenException('You may not change the guardians of students in this class');
    const personal = decryptJson<StudentPersonalData>(this.config.dataKey, student.sensitive);
    const updated: StudentPersonalData = { ...personal, guardians: guardians.map(guardianOf) };
    await this.students.updateSensitive(student.id, encryptJson(this.config.dataKey, updated));
    await this.accessLog.record(user.id, 'student.guardians.replace', 'student', id);
    return this.view(student, updated);
  }

  async findVisible(user: CurrentUser, id: string): Promise<StudentEntity> {
    const student = await this.students.findVisible(user.id, id);
    if (!student) throw new NotFoundException(`Student ${id} not found`);
    return student;
  }

  private view(student: StudentEntity, personal: StudentPersonalData) {
    return {
      id: student.id,
      orgUnitId: student.orgUnitId,
      orgPath: student.orgPath,
      studentNo: student.studentNo,
      ...personal,
    };
  }
}

/** The name sealed in a student's record, or null when it does not open with this key. */
function nameIn(dataKey: Buffer, sensitive: string): string | null {
  try {
    const { name } = decryptJson<StudentPersonalData>(dataKey, sensitive);
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/** Only the three fields, whatever else the object carries. */
function guardianOf(dto: GuardianDto): GuardianContact {
  return { name: dto.name, relation: dto.relation, phone: dto.phone };
}
