import { COVERAGE, JOB_TYPES } from '../../libs/bpmn/src/lint';
import { buildWorld, call, fixture, unique, type World } from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

/**
 * What the browser modeler reads from the api (docs/api.md#modeler): the vocabulary its lint and
 * panel use, the element templates of the service handlers, and deploy problems in the user's
 * language.
 */
let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
});
afterAll(async () => {
  await stack?.close();
});

const zh = { 'accept-language': 'zh-CN' };
const latinRuns = (text: string): string[] => text.match(/[A-Za-z]{2,}/g) ?? [];

describe('GET /api/modeler/vocabulary', () => {
  it("answers any signed-in user the deploy validator's coverage map, job types and assignable roles", async () => {
    // when a class teacher (no deployer) asks
    const response = await call(stack.baseUrl, 'GET', '/api/modeler/vocabulary', {
      token: world.classTeacherA.token,
    });
    // then
    expect(response.status).toBe(200);
    expect(response.body.coverage).toEqual(JSON.parse(JSON.stringify(COVERAGE)));
    expect(response.body.coverage['bpmn:ComplexGateway']).toEqual({
      tier: 3,
      supported: false,
      label: 'complex gateway',
      labelZh: '复杂网关',
    });
    expect(response.body.jobTypes).toEqual([...JOB_TYPES]);
    expect(response.body.candidateGroups).toEqual(expect.arrayContaining(['psychLead', 'classTeacher']));
    expect(response.body.candidateGroups).not.toContain('admin');
  });

  it('refuses a caller who is not signed in', async () => {
    expect((await call(stack.baseUrl, 'GET', '/api/modeler/vocabulary')).status).toBe(401);
    expect((await call(stack.baseUrl, 'GET', '/api/element-templates')).status).toBe(401);
  });
});

describe('GET /api/element-templates', () => {
  it("answers the handlers' templates in the request's language, English without one", async () => {
    const chinese = await call(stack.baseUrl, 'GET', '/api/element-templates', {
      token: world.psychA.token,
      headers: zh,
    });
    const english = await call(stack.baseUrl, 'GET', '/api/element-templates', { token: world.psychA.token });
    expect([chinese.status, english.status]).toEqual([200, 200]);
    const ids = (templates: { id: string }[]): string[] => templates.map((template) => template.id);
    expect(ids(chinese.body)).toEqual(JOB_TYPES.map((type) => `carepath.${type}`));
    expect(ids(english.body)).toEqual(ids(chinese.body));
    const notifyZh = chinese.body.find((template: { id: string }) => template.id === 'carepath.notify');
    const notifyEn = english.body.find((template: { id: string }) => template.id === 'carepath.notify');
    expect(notifyZh).toMatchObject({ name: '通知', elementType: { value: 'bpmn:ServiceTask' }, version: 1 });
    expect(notifyEn.name).toBe('Notify');
    expect(notifyZh.properties).toContainEqual(
      expect.objectContaining({
        type: 'Hidden',
        value: 'notify',
        binding: { type: 'zeebe:taskDefinition', property: 'type' },
      }),
    );
  });
});

describe('POST /api/definitions problems in the caller language', () => {
  it('words errors and the detail in Chinese for Accept-Language zh-CN, with the same codes as in English', async () => {
    // given a diagram with an unsupported element
    const xml = fixture('invalid/unsupported-element.bpmn');
    // when deployed by a Chinese and an English reader
    const chinese = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token: world.adminToken,
      body: { xml },
      headers: zh,
    });
    const english = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token: world.adminToken,
      body: { xml },
    });
    // then both are refused naming the same elements and codes
    expect([chinese.status, english.status]).toEqual([400, 400]);
    type Problem = { elementId: string; code: string; params: object; message: string };
    const coded = (errors: Problem[]) =>
      errors.map(({ elementId, code, params }) => ({ elementId, code, params }));
    expect(coded(chinese.body.errors)).toEqual(coded(english.body.errors));
    expect(english.body.errors.map((e: Problem) => e.code)).toContain('coverage.expectedSupported');
    for (const error of english.body.errors as Problem[]) expect(error.message).toMatch(/^Expected /);
    // and the Chinese words are Chinese: no English but BPMN type names and ids
    for (const error of chinese.body.errors as Problem[]) {
      const rest = error.message.replace(/\b\w+:\w+\b/g, '').replace(error.elementId, '');
      expect({
        message: error.message,
        english: latinRuns(rest).filter((run) => run !== 'CarePath'),
      }).toEqual({
        message: error.message,
        english: [],
      });
    }
    expect(chinese.body.detail).toMatch(/^流程图有 \d+ 个问题：/);
    expect(english.body.detail).toMatch(/^The diagram has \d+ problem\(s\): /);
  });

  it('words warnings in Chinese too', async () => {
    // given a task nobody is offered
    const key = `unseen-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />${userTask('nobody')}<bpmn:endEvent id="end" />`,
      {
        flows: chain('start', 'nobody', 'end'),
      },
    );
    // when
    const deployed = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token: world.adminToken,
      body: { xml },
      headers: zh,
    });
    // then
    expect(deployed.status).toBe(201);
    expect(deployed.body.warnings).toEqual([
      {
        elementId: 'nobody',
        elementType: 'bpmn:UserTask',
        code: 'warning.unseenTask',
        params: { task: 'nobody' },
        message: '用户任务「nobody」没有处理人、候选组或候选用户：没有人会看到它，个案会一直停在那里',
      },
    ]);
  });
});
