import { callOk, createPerson, eventually, type Person, unique } from '../support/api-client';
import {
  buildPathwaySchool,
  complete,
  deployShippedPathway,
  openTasks,
  type PathwaySchool,
  pathwayApi,
  registerStudent,
  taskAt,
} from '../support/pathway';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(240_000);

/**
 * The shipped campaigns (docs/pathway.md) through the HTTP API: a school's home-visit campaign
 * reaches the class teacher of every open case at that school and no other school's, due at the
 * campaign's deadline, and the principal reviews when it passes; a screening review opens a
 * crisis-care case for the student it confirms and none for the one it dismisses.
 */
let stack: Stack;
let school: PathwaySchool;

beforeAll(async () => {
  stack = await startStack();
  school = await buildPathwaySchool(stack, stack.adminPassword);
  await deployShippedPathway(stack, school.adminToken);
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, who: Person | string, body?: unknown) =>
  pathwayApi(stack)(method, path, who, body);

/** A crisis-care case for a new student of `classId`, opened by that class's teacher. */
async function openCase(classId: string, teacher: Person): Promise<string> {
  const student = await callOk(stack.baseUrl, 'POST', '/api/students', school.adminToken, {
    orgUnitId: classId,
    studentNo: `2026${unique()}`.slice(0, 40),
    name: '林小北',
  });
  const started = await api('POST', '/api/instances', teacher, {
    definitionKey: 'crisis-care',
    studentId: student.id,
    variables: { source: 'teacher', concern: '近两周多次缺勤，情绪低落。' },
  });
  expect([started.status, started.body.detail]).toEqual([201, undefined]);
  return started.body.id as string;
}

describe('home-visit campaign (家访)', () => {
  it("gives the class teacher of every open case at the school a visit due at the campaign's deadline, none at a sibling school", async () => {
    const { people, units } = school;
    // given an open case at this school and one at a sibling school of the same district
    const sibling = await callOk(stack.baseUrl, 'POST', '/api/org-units', school.adminToken, {
      parentId: units.district,
      kind: 'school',
      code: `sb${unique()}`,
      name: '第二中学',
    });
    const siblingGrade = await callOk(stack.baseUrl, 'POST', '/api/org-units', school.adminToken, {
      parentId: sibling.id,
      kind: 'grade',
      code: 'g7',
      name: '七年级',
    });
    const siblingClass = await callOk(stack.baseUrl, 'POST', '/api/org-units', school.adminToken, {
      parentId: siblingGrade.id,
      kind: 'class',
      code: 'k1',
      name: '七年级1班',
    });
    const siblingTeacher = await createPerson(
      stack,
      school.adminToken,
      'classTeacher',
      siblingClass.id,
      '班主任 孙',
    );
    const ours = await openCase(units.class, people.classTeacher);
    const theirs = await openCase(siblingClass.id, siblingTeacher);

    // when the principal starts the school's campaign, its deadline 20 seconds away
    const campaign = await api('POST', '/api/instances', people.principal, {
      definitionKey: 'home-visit-campaign',
      orgUnitId: units.school,
      variables: { deadlines: { homeVisitCampaign: 'PT20S' } },
    });
    expect([campaign.status, campaign.body.detail]).toEqual([201, undefined]);

    // then our class teacher has a home visit in the student's case, due at the campaign's deadline
    const visit = await taskAt(stack, ours, 'campaign-home-visit', people.classTeacher);
    expect(visit).toMatchObject({ candidateGroups: ['classTeacher'], formId: 'home-visit' });
    const visitDueBy = await eventually(async () => {
      const read = await api('GET', `/api/instances/${campaign.body.id}`, people.principal);
      return read.body.variables?.visitDueBy as string | undefined;
    });
    expect(Date.parse(visit.dueAt!)).toBe(Date.parse(visitDueBy));
    expect(Date.parse(visitDueBy) - Date.parse(campaign.body.startedAt ?? visit.createdAt)).toBeLessThan(
      25_000,
    );
    // and the sibling school's case got nothing: the campaign's signal stays within its school
    expect((await openTasks(stack, school, theirs)).map((task) => task.elementId)).not.toContain(
      'campaign-home-visit',
    );
    const siblingInbox = await api('GET', '/api/tasks?state=open', siblingTeacher);
    expect(siblingInbox.body.items.map((task: { elementId: string }) => task.elementId)).not.toContain(
      'campaign-home-visit',
    );

    // when the visit is recorded, and the deadline passes
    await complete(stack, people.classTeacher, visit, {
      visitDate: '2026-12-08',
      visitors: '班主任 陈',
      visitMethod: 'home',
      visitNotes: '家访了解到学生近期与父母沟通减少。',
    });
    // then the principal reviews the campaign
    const review = await taskAt(stack, campaign.body.id, 'campaign-review', people.principal, 60_000);
    expect(review.candidateGroups).toEqual(['principal']);
    await complete(stack, people.principal, review, {
      allVisited: true,
      reviewNotes: '本校重点学生均已按期家访。',
    });
    await eventually(async () => {
      const read = await api('GET', `/api/instances/${campaign.body.id}`, people.principal);
      return read.body.state === 'completed' ? true : undefined;
    });
  });
});

describe('screening campaign (筛查)', () => {
  it('opens a crisis-care case, source screening, for the student the psychology teacher confirms, none for the one dismissed', async () => {
    const { people, units } = school;
    const confirmed = await registerStudent(stack, school);
    const dismissed = await registerStudent(stack, school);
    const started = await api('POST', '/api/instances', people.psychTeacher, {
      definitionKey: 'screening-campaign',
      orgUnitId: units.school,
      variables: {
        flaggedStudents: [
          {
            studentId: confirmed.id,
            studentNo: confirmed.caseKey.split('-')[1],
            instrument: 'phq-9',
            score: 22,
          },
          {
            studentId: dismissed.id,
            studentNo: dismissed.caseKey.split('-')[1],
            instrument: 'phq-9',
            score: 15,
          },
        ],
      },
    });
    expect([started.status, started.body.detail]).toEqual([201, undefined]);

    // one review per flagged student, for the psychology teacher
    const reviews = await eventually(async () => {
      const open = await openTasks(stack, school, started.body.id);
      return open.length === 2 ? open : undefined;
    });
    for (const review of reviews) {
      expect(review).toMatchObject({ elementId: 'review-screening', candidateGroups: ['psychTeacher'] });
      const read = await api('GET', `/api/tasks/${review.id}`, people.psychTeacher);
      const flagged = read.body.variables.flaggedStudent as { studentId: string };
      const confirm = flagged.studentId === confirmed.id;
      await complete(stack, people.psychTeacher, review, {
        confirmed: confirm,
        reviewNotes: confirm ? '面谈确认存在持续的消极想法。' : '误填问卷，面谈未见风险。',
      });
    }

    // the confirmed student now has an open crisis-care case (a second is refused, naming it)
    const openOne = await eventually(async () => {
      const again = await api('POST', '/api/instances', people.classTeacher, {
        definitionKey: 'crisis-care',
        studentId: confirmed.id,
        variables: { source: 'teacher', concern: '再次发起' },
      });
      return again.status === 409 ? (again.body.openInstanceId as string) : undefined;
    });
    // (the case's row exists before its first step writes its variables: wait for them)
    const opened = await eventually(async () => {
      const read = await api('GET', `/api/instances/${openOne}`, people.psychTeacher);
      return read.body.variables?.source === undefined ? undefined : read;
    });
    expect(opened.body.variables).toMatchObject({
      source: 'screening',
      concern: '筛查复核确认需要关注（phq-9 得分 22）',
      caseKey: confirmed.caseKey,
    });
    await taskAt(stack, openOne, 'initial-assessment', people.psychTeacher);
    // the dismissed one has none: a teacher's concern starts the first
    await eventually(async () => {
      const read = await api('GET', `/api/instances/${started.body.id}`, people.psychTeacher);
      return read.body.state === 'completed' ? true : undefined;
    });
    const fresh = await api('POST', '/api/instances', people.classTeacher, {
      definitionKey: 'crisis-care',
      studentId: dismissed.id,
      variables: { source: 'teacher', concern: '班主任发现其情绪波动' },
    });
    expect([fresh.status, fresh.body.detail]).toEqual([201, undefined]);
  });
});
