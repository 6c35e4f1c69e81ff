import { join } from 'node:path';
import { shippedDeployments } from '../../scripts/lib/shipped-processes.mjs';
import { call, callOk, createPerson, eventually, login, type Person, unique } from './api-client';
import type { Stack } from './stack';

/**
 * The people and places of one school district for driving the shipped pathway (processes/)
 * through the HTTP API as its users would (docs/pathway.md): a district with its supervisor and
 * psychology lead, a school with its principal and psychology teacher, a grade with its leader,
 * a class with its class teacher and peer monitor, and a student of that class.
 */
export interface PathwaySchool {
  adminToken: string;
  units: { city: string; district: string; school: string; grade: string; class: string };
  schoolCode: string;
  people: {
    districtSupervisor: Person;
    psychLead: Person;
    principal: Person;
    psychTeacher: Person;
    gradeLeader: Person;
    classTeacher: Person;
    peerMonitor: Person;
  };
}

export type Role = keyof PathwaySchool['people'];

/** Calls the api as `who` (a person, or a bare token), JSON in and out. */
export function pathwayApi(stack: Stack) {
  return (method: string, path: string, who: Person | string, body?: unknown) =>
    call(stack.baseUrl, method, path, {
      token: typeof who === 'string' ? who : who.token,
      ...(body === undefined ? {} : { body }),
    });
}

/** Deploys every shipped diagram with every shipped form, exactly as ./scripts/up does. */
export async function deployShippedPathway(stack: Stack, adminToken: string): Promise<void> {
  for (const { file, body } of shippedDeployments(join(__dirname, '..', '..', 'processes'))) {
    const answer = await call(stack.baseUrl, 'POST', '/api/definitions', { token: adminToken, body });
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`deploy ${file}: ${answer.status} ${JSON.stringify(answer.body)}`);
    if ((answer.body.warnings ?? []).length > 0)
      throw new Error(`deploy ${file} warned: ${JSON.stringify(answer.body.warnings)}`);
  }
}

/** Factory: a district with one school, a grade, a class, and a person in every role. */
export async function buildPathwaySchool(stack: Stack, adminPassword: string): Promise<PathwaySchool> {
  const adminToken = await login(stack.baseUrl, 'admin', adminPassword);
  const tag = unique();
  const unit = async (parentId: string | undefined, kind: string, code: string, name: string) =>
    (
      await callOk(stack.baseUrl, 'POST', '/api/org-units', adminToken, {
        ...(parentId ? { parentId } : {}),
        kind,
        code,
        name,
      })
    ).id as string;
  const city = await unit(undefined, 'city', `c-${tag}`, `市 ${tag}`);
  const district = await unit(city, 'district', 'd1', '城区');
  const schoolCode = `s${tag}`;
  const school = await unit(district, 'school', schoolCode, '第一中学');
  const grade = await unit(school, 'grade', 'g7', '七年级');
  const klass = await unit(grade, 'class', 'k2', '七年级2班');
  const person = (role: string, at: string, name: string) => createPerson(stack, adminToken, role, at, name);
  return {
    adminToken,
    units: { city, district, school, grade, class: klass },
    schoolCode,
    people: {
      districtSupervisor: await person('districtSupervisor', district, '区督导 周'),
      psychLead: await person('psychLead', district, '区心理中心 吴'),
      principal: await person('principal', school, '校长 王'),
      psychTeacher: await person('psychTeacher', school, '心理教师 李'),
      gradeLeader: await person('gradeLeader', grade, '年级组长 赵'),
      classTeacher: await person('classTeacher', klass, '班主任 陈'),
      peerMonitor: await person('peerMonitor', klass, '心理委员 刘'),
    },
  };
}

/** Registers a student of the school's class; returns the student's id and case key. */
export async function registerStudent(
  stack: Stack,
  school: PathwaySchool,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; caseKey: string }> {
  const studentNo = `2026${unique()}`;
  const created = await callOk(stack.baseUrl, 'POST', '/api/students', school.adminToken, {
    orgUnitId: school.units.class,
    studentNo,
    name: '张小雨',
    ...extra,
  });
  return { id: created.id as string, caseKey: `${school.schoolCode}-${studentNo}` };
}

export interface OpenTask {
  id: string;
  elementId: string;
  name: string;
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
  createdAt: string;
  formId: string | null;
}

/** The open task at `elementId` of a case, as `who` sees it in their inbox, once it is there. */
export async function taskAt(
  stack: Stack,
  instanceId: string,
  elementId: string,
  who: Person,
  ms = 30_000,
): Promise<OpenTask> {
  return eventually(async () => {
    const open = await call(stack.baseUrl, 'GET', `/api/tasks?instanceId=${instanceId}&state=open`, {
      token: who.token,
    });
    return (open.body.items as OpenTask[] | undefined)?.find((task) => task.elementId === elementId);
  }, ms);
}

/** Every open task of a case (as an admin sees it), by element id. */
export async function openTasks(
  stack: Stack,
  school: PathwaySchool,
  instanceId: string,
): Promise<OpenTask[]> {
  const open = await callOk(
    stack.baseUrl,
    'GET',
    `/api/tasks?instanceId=${instanceId}&state=open`,
    school.adminToken,
  );
  return open.items as OpenTask[];
}

/** Completes a task as `who` (claiming it in the same step when it is unassigned). */
export async function complete(
  stack: Stack,
  who: Person,
  task: { id: string },
  variables: Record<string, unknown>,
): Promise<any> {
  return callOk(stack.baseUrl, 'POST', `/api/tasks/${task.id}/complete`, who.token, { variables });
}

/** The case's audit history (all of it). */
export async function historyOf(stack: Stack, school: PathwaySchool, instanceId: string): Promise<any[]> {
  const page = await callOk(
    stack.baseUrl,
    'GET',
    `/api/instances/${instanceId}/history?limit=500`,
    school.adminToken,
  );
  return page.items as any[];
}

/** Waits until the case's history holds an entry matching `match`; returns it. */
export async function eventuallyInHistory(
  stack: Stack,
  school: PathwaySchool,
  instanceId: string,
  match: (entry: any) => boolean,
  ms = 30_000,
): Promise<any> {
  return eventually(async () => (await historyOf(stack, school, instanceId)).find(match), ms);
}
