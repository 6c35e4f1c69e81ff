import { Client } from 'pg';
import {
  buildWorld,
  call,
  createPerson,
  eventually,
  openTaskOf,
  unique,
  type Person,
  type World,
} from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

// The holes an outside probe found across the school boundary (issue 7, items 1–4 and 14). Each
// test fails without its fix. One stack for the file.
let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, token: string, body?: unknown) =>
  call(stack.baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });

const person = (role: string, orgUnitId: string): Promise<Person> =>
  createPerson(stack, world.adminToken, role, orgUnitId);

async function query(sql: string, params: unknown[]) {
  const pg = new Client({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
  await pg.connect();
  try {
    return await pg.query(sql, params);
  } finally {
    await pg.end();
  }
}

async function rootUnitId(): Promise<string> {
  const units = await api('GET', '/api/org-units', world.adminToken);
  return units.body.items.find((u: { kind: string }) => u.kind === 'root').id;
}

async function deploy(token: string, xml: string, extra: Record<string, unknown> = {}) {
  return api('POST', '/api/definitions', token, { xml, ...extra });
}

describe('1. an admin grants roles only within their reach', () => {
  it('refuses an admin of school A who grants admin at the root or roles in school B, and repeated grants', async () => {
    // given an admin held at school A
    const adminA = await person('admin', world.units.schoolA);
    const body = (roles: unknown[]) => ({
      username: `new-${unique()}`,
      password: 'a-perfectly-fine-passphrase',
      displayName: 'New',
      roles,
    });

    // when they grant admin at the root, or a role in school B
    const root = await api(
      'POST',
      '/api/users',
      adminA.token,
      body([{ role: 'admin', orgUnitId: await rootUnitId() }]),
    );
    const inB = await api(
      'POST',
      '/api/users',
      adminA.token,
      body([{ role: 'psychTeacher', orgUnitId: world.units.schoolB }]),
    );

    // then both are refused, naming the grant, and no account was made
    for (const refused of [root, inB]) {
      expect(refused.status).toBe(403);
      expect(refused.body.errors).toEqual([
        { path: 'roles.0.orgUnitId', message: expect.stringContaining('admin') },
      ]);
    }
    const users = await api('GET', `/api/users?q=new-`, world.adminToken);
    expect(users.body.items.map((u: { username: string }) => u.username)).not.toContain(root.body.username);

    // while a grant inside school A is fine
    const ok = await api(
      'POST',
      '/api/users',
      adminA.token,
      body([{ role: 'classTeacher', orgUnitId: world.units.classA }]),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.roles).toEqual([
      { role: 'classTeacher', orgUnitId: world.units.classA, orgPath: expect.any(String) },
    ]);

    // and a repeated grant or an unknown unit is a 400 naming it
    const twice = await api(
      'POST',
      '/api/users',
      adminA.token,
      body([
        { role: 'classTeacher', orgUnitId: world.units.classA },
        { role: 'classTeacher', orgUnitId: world.units.classA },
      ]),
    );
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ path: 'roles.1', message: expect.stringContaining('twice') }]);
    const unknown = await api(
      'POST',
      '/api/users',
      adminA.token,
      body([{ role: 'classTeacher', orgUnitId: '00000000-0000-4000-8000-000000000000' }]),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('roles.0.orgUnitId');
  });
});

describe('2. a process key belongs to a unit', () => {
  const pathway = (key: string, users = '') =>
    diagram(
      key,
      `<bpmn:startEvent id="s" />${userTask('t', { groups: 'psychTeacher', users })}<bpmn:endEvent id="e" />`,
      {
        flows: chain('s', 't', 'e'),
      },
    );

  it('lets only a deployer at or above the owner publish versions; a school forks under its own key', async () => {
    // given the district's pathway, deployed by the district's lead
    const leadD = await person('psychLead', world.units.district);
    const leadA = await person('psychLead', world.units.schoolA);
    const leadB = await person('psychLead', world.units.schoolB);
    const teacherB = await person('classTeacher', world.units.classB);
    const key = `district-pathway-${unique()}`;
    const v1 = await deploy(leadD.token, pathway(key));
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ key, version: 1, ownerUnitId: world.units.district });

    // when school B's lead publishes v2 naming a B teacher
    const hijack = await deploy(leadB.token, pathway(key, teacherB.username));

    // then it is refused and school A's next case still runs v1
    expect(hijack.status).toBe(403);
    expect(hijack.body.detail).toContain('key of your own');
    const versions = await api('GET', `/api/definitions?key=${key}`, leadA.token);
    expect(versions.body.items.map((d: { version: number }) => d.version)).toEqual([1]);
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
    });
    expect(started.status).toBe(201);
    expect(started.body.version).toBe(1);
    // nor may the owner be changed on the way
    const moved = await deploy(world.adminToken, pathway(key, 'x'), { ownerUnitId: world.units.schoolB });
    expect(moved.status).toBe(400);
    expect(moved.body.errors[0].path).toBe('ownerUnitId');

    // a school forks the pathway under a key of its own, which only its cases run
    const fork = await deploy(leadA.token, pathway(`${key}-a`));
    expect(fork.status).toBe(201);
    expect(fork.body.ownerUnitId).toBe(world.units.schoolA);
    const inB = await api('POST', '/api/instances', world.psychB.token, {
      definitionKey: `${key}-a`,
      orgUnitId: world.units.classB,
    });
    expect(inB.status).toBe(403);
    expect(inB.body.detail).toContain('cannot run it');

    // and the API reference says so
    const docs = await call(stack.baseUrl, 'GET', '/api/docs-json');
    expect(docs.body.paths['/api/definitions'].post.description).toContain('owner unit');
  });
});

describe('3. the engine grants tasks only to users on the case’s line', () => {
  it('turns an assignee or candidate user of another school into an incident at the element; a retry with a fix opens the task', async () => {
    // given a diagram whose assignee and candidate users come from case variables
    const key = `dynamic-assignment-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="s" />${userTask('follow-up', { assignee: '=owner', users: '=helpers' })}<bpmn:endEvent id="e" />`,
      { flows: chain('s', 'follow-up', 'e') },
    );
    expect((await deploy(world.adminToken, xml)).status).toBe(201);
    const teacherB = await person('classTeacher', world.units.classB);

    for (const variables of [
      { owner: teacherB.username, helpers: [] },
      { owner: world.classTeacherA.username, helpers: [teacherB.username] },
    ]) {
      // when a case of school A names school B's teacher
      const started = await api('POST', '/api/instances', world.psychA.token, {
        definitionKey: key,
        orgUnitId: world.units.classA,
        variables,
      });
      expect(started.status).toBe(201);
      const id = started.body.id as string;

      // then the task is an incident at its element, naming the user, and B's teacher got nothing
      const incident = await eventually(async () => {
        const read = await api('GET', `/api/instances/${id}`, world.psychA.token);
        return read.body.incidents[0] as { id: string; elementId: string; message: string } | undefined;
      });
      expect(incident.elementId).toBe('follow-up');
      expect(incident.message).toContain(`'${teacherB.username.toLowerCase()}'`);
      const theirs = await api('GET', '/api/tasks', teacherB.token);
      expect(theirs.body.items.filter((t: { instanceId: string }) => t.instanceId === id)).toEqual([]);
      const list = await api('GET', `/api/instances?state=incident`, world.psychA.token);
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(id);

      // and variables set at the retry cannot grant it either
      const retried = await api('POST', `/api/incidents/${incident.id}/retry`, world.adminToken, {
        variables: { owner: teacherB.username, helpers: [teacherB.username] },
      });
      expect(retried.status).toBe(202);
      const again = await eventually(async () => {
        const read = await api('GET', `/api/instances/${id}`, world.psychA.token);
        const open = read.body.incidents as { id: string }[];
        return open.length === 1 && open[0]!.id !== incident.id ? open[0] : undefined;
      });
      expect(
        (await api('GET', '/api/tasks', teacherB.token)).body.items.map(
          (t: { instanceId: string }) => t.instanceId,
        ),
      ).not.toContain(id);

      // while a retry naming school A's teacher opens the task for them
      await api('POST', `/api/incidents/${again.id}/retry`, world.adminToken, {
        variables: { owner: world.classTeacherA.username, helpers: [] },
      });
      const task = await openTaskOf(stack, id, world.classTeacherA.token);
      expect(task.elementId).toBe('follow-up');
    }
  });
});

describe('4. a peer monitor sees their task, not the case file', () => {
  it('shows a peer only the form’s and input-mapped variables, frozen at completion, and answers their completion', async () => {
    // given a case whose first task is a peer's check-in with a form, then staff notes
    const peer = await person('peerMonitor', world.units.classA);
    const key = `peer-check-${unique()}`;
    const form = {
      type: 'default',
      components: [{ type: 'textfield', key: 'mood', label: '情绪' }],
    };
    const peerTask = userTask('peer-check', {
      users: peer.username,
      extensions:
        '<zeebe:formDefinition formId="peer-check" /><zeebe:ioMapping><zeebe:input source="=studentAlias" target="whom" /></zeebe:ioMapping>',
    });
    const xml = diagram(
      key,
      `<bpmn:startEvent id="s" />${peerTask}${userTask('staff-notes', { groups: 'psychTeacher' })}<bpmn:endEvent id="e" />`,
      { flows: chain('s', 'peer-check', 'staff-notes', 'e') },
    );
    expect((await deploy(world.adminToken, xml, { forms: { 'peer-check': form } })).status).toBe(201);
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
      variables: { concern: 'talked about self-harm', studentAlias: '小明', mood: 'unknown' },
    });
    const task = await openTaskOf(stack, started.body.id, peer.token);

    // when the peer reads it
    const read = await api('GET', `/api/tasks/${task.id}`, peer.token);

    // then they see the form and what it and its mappings give, not the concern
    expect(read.status).toBe(200);
    expect(read.body.variables).toEqual({ mood: 'unknown', whom: '小明' });
    expect(read.body.form).toEqual(form);
    expect((await api('GET', `/api/instances/${started.body.id}`, peer.token)).status).toBe(404);

    // when they complete it, the answer holds their task and no case
    const done = await api('POST', `/api/tasks/${task.id}/complete`, peer.token, {
      variables: { mood: 'sad' },
    });
    expect(done.status).toBe(200);
    expect(done.body.task.state).toBe('completed');
    expect(done.body.instance).toBeNull();

    // and what staff add later never reaches them
    const staffTask = await openTaskOf(stack, started.body.id, world.psychA.token);
    await api('POST', `/api/tasks/${staffTask.id}/complete`, world.psychA.token, {
      variables: { mood: 'stable after counselling', assessmentNotes: 'confidential' },
    });
    const after = await api('GET', `/api/tasks/${task.id}`, peer.token);
    expect(after.body.variables).toEqual({ mood: 'sad', whom: '小明' });
    // while staff who see the case keep seeing its variables
    const staffView = await api('GET', `/api/tasks/${task.id}`, world.psychA.token);
    expect(staffView.body.variables).toMatchObject({
      concern: 'talked about self-harm',
      assessmentNotes: 'confidential',
    });
  });
});

describe('14. users are disabled and re-roled through the api; visibility follows current roles', () => {
  it('locks a disabled user out at once and hides old tasks from a moved one', async () => {
    // given a class teacher of school A who is a candidate of an open task
    const key = `moved-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="s" />${userTask('t', { groups: 'classTeacher' })}<bpmn:endEvent id="e" />`,
      {
        flows: chain('s', 't', 'e'),
      },
    );
    await deploy(world.adminToken, xml);
    const teacher = await person('classTeacher', world.units.classA);
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
    });
    const task = await openTaskOf(stack, started.body.id, teacher.token);

    // when an admin moves them to school B
    const moved = await api('PUT', `/api/users/${teacher.id}/roles`, world.adminToken, {
      roles: [{ role: 'classTeacher', orgUnitId: world.units.classB }],
    });
    expect(moved.status).toBe(200);
    expect(moved.body.roles).toEqual([
      { role: 'classTeacher', orgUnitId: world.units.classB, orgPath: expect.any(String) },
    ]);

    // then the old task is gone from their view, with the same token
    expect((await api('GET', `/api/tasks/${task.id}`, teacher.token)).status).toBe(404);
    const inbox = await api('GET', '/api/tasks', teacher.token);
    expect(inbox.body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);

    // when they are disabled, their token stops working at once
    const disabled = await api('PATCH', `/api/users/${teacher.id}`, world.adminToken, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await api('GET', '/api/me', teacher.token)).status).toBe(401);

    // and both changes are audited
    const log = await query(`SELECT action FROM access_log WHERE resource_id = $1 ORDER BY id`, [teacher.id]);
    expect(log.rows.map((row: { action: string }) => row.action)).toEqual(
      expect.arrayContaining(['user.roles', 'user.update']),
    );
  });

  it('lets an admin change only users entirely within their reach, and never themselves', async () => {
    const adminA = await person('admin', world.units.schoolA);
    const supervisor = await person('districtSupervisor', world.units.district);
    const above = await api('PATCH', `/api/users/${supervisor.id}`, adminA.token, { disabled: true });
    expect(above.status).toBe(404);
    const self = await api('PUT', `/api/users/${adminA.id}/roles`, adminA.token, {
      roles: [{ role: 'admin', orgUnitId: world.units.schoolA }],
    });
    expect(self.status).toBe(403);
    const inReach = await person('classTeacher', world.units.classA);
    const raise = await api('PUT', `/api/users/${inReach.id}/roles`, adminA.token, {
      roles: [{ role: 'admin', orgUnitId: world.units.district }],
    });
    expect(raise.status).toBe(403);
    expect((await api('GET', '/api/me', supervisor.token)).status).toBe(200);
  });
});
