import { addSchoolDays } from '../../libs/domain/src';
import { caseCalendarFrom } from '../../libs/domain/src/case-calendar';
import {
  buildWorld,
  call,
  callOk,
  createPerson,
  openTaskOf,
  type Person,
  unique,
  type World,
} from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * A school's calendar in its cases' deadlines (issue 10; docs/calendars.md): a user task due in
 * "=add school days(now(), 3)" skips the school's day off; after the principal changes the
 * calendar, the next task counts with the new one while the first keeps its due time.
 */
let stack: Stack;
let world: World;
let principal: Person;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  principal = await createPerson(stack, world.adminToken, 'principal', world.units.schoolA);
});
afterAll(async () => {
  await stack?.close();
});

const due = '<zeebe:taskSchedule dueDate="=add school days(now(), 3)" />';
const noTerms = { timezone: 'Asia/Shanghai', terms: [], workdays: [] as string[] };
/** The date part (Shanghai) of the end of the n-th school day after now under `holidays`. */
const schoolDayAfter = (n: number, holidays: string[]) =>
  addSchoolDays(
    new Date(),
    n,
    caseCalendarFrom({ unitId: world.units.schoolA, definition: { ...noTerms, holidays } }),
  )!.slice(0, 10);
const expectedDue = (holidays: string[]) =>
  new Date(
    addSchoolDays(
      new Date(),
      3,
      caseCalendarFrom({ unitId: world.units.schoolA, definition: { ...noTerms, holidays } }),
    )!,
  ).toISOString();

it('a due date in school days skips the school’s day off, and a changed calendar applies to the next task only', async () => {
  // given a pathway of two tasks, each due in 3 school days
  const key = `school-days-${unique()}`;
  const xml = diagram(
    key,
    `<bpmn:startEvent id="s" />${userTask('first', { groups: 'psychTeacher', extensions: due })}${userTask('second', { groups: 'psychTeacher', extensions: due })}<bpmn:endEvent id="e" />`,
    { flows: chain('s', 'first', 'second', 'e') },
  );
  await callOk(stack.baseUrl, 'POST', '/api/definitions', world.adminToken, { xml });
  // and school A's day off on the next school day
  const dayOff = schoolDayAfter(1, []);
  await callOk(stack.baseUrl, 'PUT', `/api/org-units/${world.units.schoolA}/calendar`, principal.token, {
    ...noTerms,
    holidays: [dayOff],
  });

  // when a case starts in a class of the school
  const started = await callOk(stack.baseUrl, 'POST', '/api/instances', world.psychA.token, {
    definitionKey: key,
    orgUnitId: world.units.classA,
  });
  const first = await openTaskOf(stack, started.id, world.psychA.token);
  const firstTask = await callOk(stack.baseUrl, 'GET', `/api/tasks/${first.id}`, world.psychA.token);

  // then its first task is due at the end of the third school day, the day off skipped
  expect(firstTask.elementId).toBe('first');
  expect(firstTask.dueAt).toBe(expectedDue([dayOff]));
  expect(firstTask.dueAt).not.toBe(expectedDue([]));

  // when the principal adds another day off, and the first task is done
  const secondDayOff = schoolDayAfter(2, [dayOff]);
  await callOk(stack.baseUrl, 'PUT', `/api/org-units/${world.units.schoolA}/calendar`, principal.token, {
    ...noTerms,
    holidays: [dayOff, secondDayOff],
  });
  const completed = await call(stack.baseUrl, 'POST', `/api/tasks/${first.id}/complete`, {
    token: world.psychA.token,
    body: { variables: {} },
  });
  expect(completed.status).toBe(200);

  // then the second task counts with the new calendar, and the first kept its due time
  const second = await openTaskOf(stack, started.id, world.psychA.token);
  const secondTask = await callOk(stack.baseUrl, 'GET', `/api/tasks/${second.id}`, world.psychA.token);
  expect(secondTask.elementId).toBe('second');
  expect(secondTask.dueAt).toBe(expectedDue([dayOff, secondDayOff]));
  expect((await callOk(stack.baseUrl, 'GET', `/api/tasks/${first.id}`, world.psychA.token)).dueAt).toBe(
    firstTask.dueAt,
  );
});
