import {
  buildWorld,
  call,
  createPerson,
  eventually,
  fixture,
  openTaskOf,
  type Person,
  unique,
  type World,
} from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * Forms on the server (issue 9, docs/forms.md): versions with owner units, the form a task
 * resolves, and every completion checked against it — 400 naming the field in the caller's
 * language, hidden fields dropped, keys the form lacks refused.
 */
let stack: Stack;
let world: World;
let leadA: Person;
let leadB: Person;
let districtLead: Person;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  leadA = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolA);
  leadB = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolB);
  districtLead = await createPerson(stack, world.adminToken, 'psychLead', world.units.district);
});
afterAll(async () => {
  await stack?.close();
});

const api = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => call(stack.baseUrl, method, path, { token, headers, ...(body === undefined ? {} : { body }) });

/** The assessment form: a required choice, notes with a minimum length, a bounded score, a hidden hospital. */
const assessment = () => ({
  type: 'default',
  id: 'assessment',
  components: [
    {
      id: 'Field_level',
      type: 'select',
      key: 'riskLevel',
      label: '风险等级',
      values: [
        { label: '高', value: 'high' },
        { label: '低', value: 'low' },
      ],
      validate: { required: true },
    },
    { id: 'Field_notes', type: 'textarea', key: 'notes', label: '评估记录', validate: { minLength: 5 } },
    { id: 'Field_score', type: 'number', key: 'score', label: '得分', validate: { min: 0, max: 27 } },
    { id: 'Field_referred', type: 'checkbox', key: 'referred', label: '已转介' },
    {
      id: 'Field_hospital',
      type: 'textfield',
      key: 'hospital',
      label: '医院',
      conditional: { hide: '=referred != true' },
      validate: { required: true },
    },
  ],
});

function withTask(key: string, formId: string): string {
  return diagram(
    key,
    `<bpmn:startEvent id="s" />${userTask('assess', {
      groups: 'psychTeacher',
      extensions: `<zeebe:formDefinition formId="${formId}" />`,
    })}<bpmn:endEvent id="e" />`,
    { flows: chain('s', 'assess', 'e') },
  );
}

async function startCase(key: string, orgUnitId: string, variables: Record<string, unknown> = {}) {
  const started = await api('POST', '/api/instances', world.adminToken, {
    definitionKey: key,
    orgUnitId,
    variables,
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body.id as string;
}

describe('forms are versioned on the server', () => {
  it('gives a new version for a changed schema and none for the same one, and serves every version', async () => {
    const formId = `intake-${unique()}`;
    const schema = assessment();
    // when a school's lead deploys a form
    const first = await api('POST', '/api/forms', leadA.token, { formId, schema });
    // then it is version 1, owned by the school
    expect([first.status, first.body]).toEqual([
      201,
      expect.objectContaining({ formId, version: 1, created: true, ownerUnitId: world.units.schoolA }),
    ]);
    // when the same schema comes again, its keys in another order
    const reordered = Object.fromEntries(Object.entries(schema).reverse());
    const again = await api('POST', '/api/forms', leadA.token, { formId, schema: reordered });
    // then nothing new is stored
    expect([again.status, again.body.version, again.body.created]).toEqual([200, 1, false]);
    // when it changes
    const changed = { ...schema, components: schema.components.slice(0, 2) };
    const second = await api('POST', '/api/forms', leadA.token, { formId, schema: changed });
    expect([second.status, second.body.version]).toEqual([201, 2]);

    // then the latest, any version, and the list answer
    const latest = await api('GET', `/api/forms/${formId}`, world.psychA.token);
    expect(latest.body).toEqual(
      expect.objectContaining({ formId, version: 2, schema: changed, deployedBy: leadA.id }),
    );
    expect((await api('GET', `/api/forms/${formId}?version=1`, world.psychA.token)).body.schema).toEqual(
      schema,
    );
    expect((await api('GET', `/api/forms/${formId}?version=3`, world.psychA.token)).status).toBe(404);
    const listed = await api('GET', '/api/forms', world.psychA.token);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ formId, version: 2, deployedAt: expect.any(String) }),
    );
  });

  it("refuses another school's or the district's form id (403)", async () => {
    const schoolForm = `school-${unique()}`;
    const districtForm = `district-${unique()}`;
    expect(
      (await api('POST', '/api/forms', leadA.token, { formId: schoolForm, schema: assessment() })).status,
    ).toBe(201);
    expect(
      (await api('POST', '/api/forms', districtLead.token, { formId: districtForm, schema: assessment() }))
        .status,
    ).toBe(201);
    const changed = { ...assessment(), components: [] };
    // when school B publishes over school A's form, or school A over the district's
    const overOtherSchool = await api('POST', '/api/forms', leadB.token, {
      formId: schoolForm,
      schema: changed,
    });
    const overDistrict = await api('POST', '/api/forms', leadA.token, {
      formId: districtForm,
      schema: changed,
    });
    // then both are refused, and nothing changed
    expect(overOtherSchool.status).toBe(403);
    expect(overOtherSchool.body.detail).toContain(`Form '${schoolForm}' belongs to School A`);
    expect(overDistrict.status).toBe(403);
    // in the Chinese form editor's language too
    const inChinese = await api(
      'POST',
      '/api/forms',
      leadB.token,
      { formId: schoolForm, schema: changed },
      { 'accept-language': 'zh-CN' },
    );
    expect([inChinese.status, inChinese.body.detail]).toEqual([
      403,
      expect.stringContaining(`表单「${schoolForm}」属于「School A」（`),
    ]);
    // nor inside a diagram deploy, which is refused as a whole
    const inDiagram = await api('POST', '/api/definitions', leadB.token, {
      xml: withTask(`b-pathway-${unique()}`, schoolForm),
      forms: { [schoolForm]: changed },
    });
    expect(inDiagram.status).toBe(403);
    expect((await api('GET', `/api/forms/${schoolForm}`, leadB.token)).body.version).toBe(1);
    // and a teacher may not deploy forms at all
    const teacher = await api(
      'POST',
      '/api/forms',
      world.psychA.token,
      { formId: `t-${unique()}`, schema: changed },
      { 'accept-language': 'zh-CN' },
    );
    expect([teacher.status, teacher.body.detail]).toEqual([403, '只有心理负责人或管理员可以部署表单']);
    // while the district's lead publishes over a school's form (above it)
    expect(
      (await api('POST', '/api/forms', districtLead.token, { formId: schoolForm, schema: changed })).status,
    ).toBe(201);
  });

  it('lists only the forms a diagram owned at a unit may link (?usableAt=)', async () => {
    // given a form of school A, one of the district and one of school B
    const tag = unique();
    const ofA = `usable-a-${tag}`;
    const ofDistrict = `usable-d-${tag}`;
    const ofB = `usable-b-${tag}`;
    for (const [lead, formId] of [
      [leadA, ofA],
      [districtLead, ofDistrict],
      [leadB, ofB],
    ] as const) {
      expect((await api('POST', '/api/forms', lead.token, { formId, schema: assessment() })).status).toBe(
        201,
      );
    }
    const listed = async (query: string) => {
      const answer = await api('GET', `/api/forms${query}`, leadB.token);
      expect(answer.status).toBe(200);
      return (answer.body.items as { formId: string; ownerUnitId: string }[]).filter((f) =>
        f.formId.endsWith(tag),
      );
    };
    // when school B's lead asks for the forms usable at school B
    const atB = await listed(`?usableAt=${world.units.schoolB}`);
    // then school B's and the district's come, each with its owner, and school A's does not
    expect(atB).toEqual([
      expect.objectContaining({ formId: ofB, ownerUnitId: world.units.schoolB }),
      expect.objectContaining({ formId: ofDistrict, ownerUnitId: world.units.district }),
    ]);
    // a class of school B sees the same; the district only its own; several units, any of them
    expect((await listed(`?usableAt=${world.units.classB}`)).map((f) => f.formId)).toEqual([ofB, ofDistrict]);
    expect((await listed(`?usableAt=${world.units.district}`)).map((f) => f.formId)).toEqual([ofDistrict]);
    expect(
      (await listed(`?usableAt=${world.units.schoolA}&usableAt=${world.units.schoolB}`)).map((f) => f.formId),
    ).toEqual([ofA, ofB, ofDistrict]);
    // without the filter every form id is listed (forms are designs, not case data)
    expect((await listed('')).map((f) => f.formId)).toEqual([ofA, ofB, ofDistrict]);
    // and a usableAt that is no unit id is refused, naming the parameter
    const bad = await api('GET', '/api/forms?usableAt=school-b', leadB.token);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('usableAt');
  });

  it('refuses schemas it cannot check, naming the component', async () => {
    const formId = `bad-${unique()}`;
    const duplicate = {
      type: 'default',
      components: [
        { id: 'A', type: 'textfield', key: 'x' },
        { id: 'B', type: 'number', key: 'x' },
      ],
    };
    const answer = await api('POST', '/api/forms', leadA.token, { formId, schema: duplicate });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        path: 'schema.components[1]',
        componentId: 'B',
        message: expect.stringContaining('unique key'),
      }),
    ]);
    const unsupported = {
      type: 'default',
      components: [{ id: 'List_1', type: 'dynamiclist', path: 'items', components: [] }],
    };
    const refused = await api('POST', '/api/forms', leadA.token, { formId, schema: unsupported });
    expect([refused.status, refused.body.errors[0].componentId]).toEqual([400, 'List_1']);
    const noComponents = await api('POST', '/api/forms', leadA.token, {
      formId,
      schema: { type: 'default' },
    });
    expect([noComponents.status, noComponents.body.errors[0].path]).toEqual([400, 'schema.components']);
    const badId = await api('POST', '/api/forms', leadA.token, {
      formId: 'camunda-forms:bpmn:x',
      schema: duplicate,
    });
    expect(badId.status).toBe(400);
    const extra = await api('POST', '/api/forms', leadA.token, {
      formId,
      schema: { type: 'default', components: [] },
      version: 3,
    });
    expect([extra.status, extra.body.errors[0].path]).toEqual([400, 'version']);
    // and in a definition deploy, the form is named by its id
    const inDeploy = await api('POST', '/api/definitions', world.adminToken, {
      xml: withTask(`bad-form-${unique()}`, formId),
      forms: { [formId]: duplicate },
    });
    expect([inDeploy.status, inDeploy.body.errors[0].path]).toEqual([400, `forms.${formId}.components[1]`]);
    expect((await api('GET', `/api/forms/${formId}`, leadA.token)).status).toBe(404);
  });

  it("words a refused schema in the caller's language, naming the component", async () => {
    // given a form with a file upload, which CarePath cannot check
    const formId = `upload-${unique()}`;
    const schema = {
      type: 'default',
      components: [
        { id: 'Name_1', type: 'textfield', key: 'name' },
        { id: 'Upload_1', type: 'filepicker', key: 'report' },
      ],
    };
    // when a lead saves it from the Chinese form editor, and from a client without a language
    const zh = await api(
      'POST',
      '/api/forms',
      leadA.token,
      { formId, schema },
      { 'accept-language': 'zh-CN' },
    );
    const en = await api('POST', '/api/forms', leadA.token, { formId, schema });
    // then the Chinese answer names the component in Chinese, the English one as it always has
    const zhMessage = '组件「Upload_1」：不支持 filepicker 类型的组件，CarePath 无法在服务器上校验它的取值';
    const enMessage =
      "Component 'Upload_1': Type 'filepicker' is not supported: CarePath cannot check its values on the server (docs/forms.md#components)";
    const error = (message: string) => ({
      path: 'schema.components[1]',
      componentId: 'Upload_1',
      code: 'schema.unsupportedType',
      params: { component: 'Upload_1', type: 'filepicker' },
      message,
    });
    expect([zh.status, zh.body.detail, zh.body.errors]).toEqual([
      400,
      `表单有 1 个问题：${zhMessage}`,
      [error(zhMessage)],
    ]);
    expect([en.status, en.body.detail, en.body.errors]).toEqual([
      400,
      `The form schema has 1 problem(s): ${enMessage}`,
      [error(enMessage)],
    ]);
    // and so does a definition deploy, for its `forms` and for a form its diagram embeds
    const inDeploy = await api(
      'POST',
      '/api/definitions',
      world.adminToken,
      { xml: withTask(`upload-form-${unique()}`, formId), forms: { [formId]: schema } },
      { 'accept-language': 'zh-CN' },
    );
    expect([inDeploy.status, inDeploy.body.detail, inDeploy.body.errors[0]]).toEqual([
      400,
      `表单「${formId}」有 1 个问题：${zhMessage}`,
      { ...error(zhMessage), path: `forms.${formId}.components[1]` },
    ]);
    const embedding = fixture('camunda-modeler/job-worker-user-task.bpmn').replace(
      '"type": "number"',
      '"type": "filepicker"',
    );
    for (const [headers, message] of [
      [{ 'accept-language': 'zh-CN' }, '组件「Field_1efgh34」：不支持 filepicker 类型的组件'],
      [{}, "Component 'Field_1efgh34': Type 'filepicker' is not supported"],
    ] as const) {
      const embedded = await api('POST', '/api/definitions', world.adminToken, { xml: embedding }, headers);
      expect([embedded.status, embedded.body.errors]).toEqual([
        400,
        [
          expect.objectContaining({
            elementId: 'UserTaskForm_1a2b3c',
            componentId: 'Field_1efgh34',
            code: 'schema.unsupportedType',
            message: expect.stringContaining(message),
          }),
        ],
      ]);
      expect(embedded.body.detail).toContain(message);
    }
  });

  it('stores the forms of a definition deploy as versions, and warns only about forms found nowhere', async () => {
    const tag = unique();
    const sent = `sent-${tag}`;
    const deployed = `deployed-${tag}`;
    expect(
      (await api('POST', '/api/forms', world.adminToken, { formId: deployed, schema: assessment() })).status,
    ).toBe(201);
    const xml = diagram(
      `three-forms-${tag}`,
      `<bpmn:startEvent id="s" />${['a', 'b', 'c']
        .map((id, i) =>
          userTask(id, {
            groups: 'psychTeacher',
            extensions: `<zeebe:formDefinition formId="${[sent, deployed, `nowhere-${tag}`][i]}" />`,
          }),
        )
        .join('')}<bpmn:endEvent id="e" />`,
      { flows: chain('s', 'a', 'b', 'c', 'e') },
    );
    const answer = await api('POST', '/api/definitions', world.adminToken, {
      xml,
      forms: { [sent]: assessment() },
    });
    expect(answer.status).toBe(201);
    const formWarnings = (answer.body.warnings as { elementId: string; message: string }[]).filter((w) =>
      w.message.includes('links form'),
    );
    expect(formWarnings.map((w) => w.elementId)).toEqual(['c']);
    expect((await api('GET', `/api/forms/${sent}`, world.psychA.token)).body).toEqual(
      expect.objectContaining({ version: 1, schema: assessment() }),
    );
  });
});

describe('a task’s form and its completion', () => {
  let key: string;
  let formId: string;

  beforeAll(async () => {
    const tag = unique();
    key = `assess-${tag}`;
    formId = `assessment-${tag}`;
    // the form lives in the forms table only (the district's), the diagram links it
    expect(
      (await api('POST', '/api/forms', districtLead.token, { formId, schema: assessment() })).status,
    ).toBe(201);
    const deployed = await api('POST', '/api/definitions', districtLead.token, {
      xml: withTask(key, formId),
    });
    expect(deployed.status).toBe(201);
    expect(JSON.stringify(deployed.body.warnings)).not.toContain('links form');
  });

  it('shows the resolved schema and refuses bad data, naming the field in Chinese or English', async () => {
    const id = await startCase(key, world.units.classA, { concern: '情绪低落' });
    const task = await openTaskOf(stack, id, world.psychA.token);
    const read = await api('GET', `/api/tasks/${task.id}`, world.psychA.token);
    expect(read.body.form).toEqual(assessment());

    // when the level is missing and the notes too short, asked in Chinese
    const bad = { notes: '太短', score: 30 };
    const zh = await api(
      'POST',
      `/api/tasks/${task.id}/complete`,
      world.psychA.token,
      { variables: bad },
      {
        'accept-language': 'zh-CN,zh;q=0.9',
      },
    );
    // then the problem names each field in Chinese
    expect(zh.status).toBe(400);
    expect(zh.contentType).toContain('application/problem+json');
    expect(zh.body.errors).toEqual([
      { path: 'riskLevel', code: 'required', message: '此项为必填项' },
      { path: 'notes', code: 'minLength', message: '至少需要 5 个字符' },
      { path: 'score', code: 'max', message: '不能大于 27' },
    ]);
    expect(zh.body.detail).toContain('riskLevel（此项为必填项）');
    // and in English without the header, or with it
    for (const headers of [{}, { 'accept-language': 'en-US' }] as Record<string, string>[]) {
      const en = await api(
        'POST',
        `/api/tasks/${task.id}/complete`,
        world.psychA.token,
        { variables: bad },
        headers,
      );
      expect(en.status).toBe(400);
      expect(en.body.errors[0]).toEqual({
        path: 'riskLevel',
        code: 'required',
        message: 'This field is required',
      });
      expect(en.body.detail).toContain('riskLevel: This field is required');
    }
    // a choice outside the options, and a key the form lacks
    const outside = await api('POST', `/api/tasks/${task.id}/complete`, world.psychA.token, {
      variables: { riskLevel: 'urgent', concern: 'overwritten', extra: 1 },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'concern:unknownField',
      'extra:unknownField',
      'riskLevel:options',
    ]);
    expect(outside.body.detail).toContain('concern');

    // then nothing was written: the task is open, the case unchanged
    expect((await api('GET', `/api/tasks/${task.id}`, world.psychA.token)).body.state).toBe('open');
    expect((await api('GET', `/api/instances/${id}`, world.adminToken)).body.variables).toEqual({
      concern: '情绪低落',
    });

    // when good data comes, with a hidden field filled in and a number as text
    const done = await api('POST', `/api/tasks/${task.id}/complete`, world.psychA.token, {
      variables: {
        riskLevel: 'high',
        notes: '学生情绪低落，需要跟进',
        score: '12',
        referred: false,
        hospital: '市医院',
      },
    });
    // then it completes, and the case holds the cleaned data: no hidden field, the number coerced
    expect(done.status).toBe(200);
    expect(done.body.task.state).toBe('completed');
    const variables = await eventually(async () => {
      const instance = await api('GET', `/api/instances/${id}`, world.adminToken);
      return instance.body.state === 'completed' ? instance.body.variables : undefined;
    });
    expect(variables).toEqual({
      concern: '情绪低落',
      riskLevel: 'high',
      notes: '学生情绪低落，需要跟进',
      score: 12,
      referred: false,
    });
  });

  it('checks a shown field that a condition reveals, and keeps it', async () => {
    const id = await startCase(key, world.units.classA);
    const task = await openTaskOf(stack, id, world.psychA.token);
    const missing = await api('POST', `/api/tasks/${task.id}/complete`, world.psychA.token, {
      variables: { riskLevel: 'low', referred: true },
    });
    expect([missing.status, missing.body.errors]).toEqual([
      400,
      [{ path: 'hospital', code: 'required', message: 'This field is required' }],
    ]);
    const done = await api('POST', `/api/tasks/${task.id}/complete`, world.psychA.token, {
      variables: { riskLevel: 'low', referred: true, hospital: '市医院' },
    });
    expect(done.status).toBe(200);
    expect(done.body.instance.variables).toMatchObject({ referred: true, hospital: '市医院' });
  });

  it('binds the latest version: an open task takes a form deployed after it opened', async () => {
    const id = await startCase(key, world.units.classA);
    const task = await openTaskOf(stack, id, world.psychA.token);
    const stricter = assessment();
    stricter.components[2] = {
      ...stricter.components[2]!,
      validate: { min: 0, max: 27, required: true },
    } as never;
    expect((await api('POST', '/api/forms', districtLead.token, { formId, schema: stricter })).status).toBe(
      201,
    );
    expect((await api('GET', `/api/tasks/${task.id}`, world.psychA.token)).body.form).toEqual(stricter);
    const answer = await api('POST', `/api/tasks/${task.id}/complete`, world.psychA.token, {
      variables: { riskLevel: 'low' },
    });
    expect([answer.status, answer.body.errors[0]?.path]).toEqual([400, 'score']);
  });

  it("never gives a case another school's form", async () => {
    // given a form owned by school A, linked from a pathway the city owns
    const tag = unique();
    const schoolForm = `school-only-${tag}`;
    const pathway = `shared-${tag}`;
    expect(
      (await api('POST', '/api/forms', leadA.token, { formId: schoolForm, schema: assessment() })).status,
    ).toBe(201);
    expect(
      (await api('POST', '/api/definitions', world.adminToken, { xml: withTask(pathway, schoolForm) }))
        .status,
    ).toBe(201);
    // when cases start in school A and in school B
    const inA = await openTaskOf(stack, await startCase(pathway, world.units.classA), world.psychA.token);
    const inB = await openTaskOf(stack, await startCase(pathway, world.units.classB), world.psychB.token);
    // then only school A's task has the form (and checks it); school B's has none
    expect((await api('GET', `/api/tasks/${inA.id}`, world.psychA.token)).body.form).toEqual(assessment());
    expect((await api('GET', `/api/tasks/${inB.id}`, world.psychB.token)).body.form).toBeNull();
    expect(
      (await api('POST', `/api/tasks/${inA.id}/complete`, world.psychA.token, { variables: {} })).status,
    ).toBe(400);
    expect(
      (await api('POST', `/api/tasks/${inB.id}/complete`, world.psychB.token, { variables: { anything: 1 } }))
        .status,
    ).toBe(200);
  });

  it('checks a job-worker user task against the form embedded in its diagram', async () => {
    // given the Camunda Modeler diagram whose first task embeds a form with a required `mood`
    // (under a key of its own: the run's one database is shared with the test that deploys it as is)
    const key = `check-in-${unique()}`;
    const deployed = await api('POST', '/api/definitions', world.adminToken, {
      xml: fixture('camunda-modeler/job-worker-user-task.bpmn').replaceAll('student-check-in', key),
    });
    expect(deployed.status).toBe(201);
    const id = await startCase(key, world.units.classA);
    const task = await openTaskOf(stack, id, world.psychA.token);
    // when it is completed without the mood, or with a count that is no number
    const refused = await api(
      'POST',
      `/api/tasks/${task.id}/complete`,
      world.psychA.token,
      { variables: { talkedTo: 'two' } },
      { 'accept-language': 'zh-CN' },
    );
    // then both fields are named, in Chinese
    expect([refused.status, refused.body.errors]).toEqual([
      400,
      [
        { path: 'mood', code: 'required', message: '此项为必填项' },
        { path: 'talkedTo', code: 'number', message: '请输入数字' },
      ],
    ]);
  });
});
