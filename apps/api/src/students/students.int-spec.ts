import { buildWorld, type World } from '../../../../libs/persistence/src/testing';
import { type ApiHarness, startApiWithoutWorkflows } from '../testing/api-without-workflows';

// Starting the api and migrating a database take seconds on a busy machine: not the 5 s default.
jest.setTimeout(60_000);

describe('students’ guardian contacts: POST /api/students, PUT /api/students/:id/guardians (real PostgreSQL)', () => {
  let api: ApiHarness;
  let world: World;
  let counter = 0;
  const mother = { name: '李梅', relation: '母亲', phone: '13812345678' };
  const father = { name: '王强', relation: '父亲', phone: '19987654321' };

  beforeAll(async () => {
    api = await startApiWithoutWorkflows();
    world = await buildWorld(api.db);
  });
  afterAll(async () => {
    await api?.close();
  });

  const create = (body: Record<string, unknown>, as = world.teacherA.id) =>
    api.call('POST', '/api/students', {
      as,
      body: { orgUnitId: world.classA.id, studentNo: `g${Date.now()}${counter++}`, name: '张三', ...body },
    });

  it('records guardians sealed with the personal fields and shows them to who sees the student', async () => {
    // given a student registered with two guardians
    const created = await create({ guardians: [mother, father] });
    expect(created.status).toBe(201);
    expect(created.body.guardians).toEqual([mother, father]);

    // then the row holds no readable name or number
    const [row] = await api.db.query(`SELECT sensitive FROM student WHERE id = $1`, [created.body.id]);
    expect(row.sensitive).toMatch(/^v1:/);
    for (const text of [mother.name, mother.phone, father.phone]) expect(row.sensitive).not.toContain(text);

    // and the school's psychology teacher reads them
    const read = await api.call('GET', `/api/students/${created.body.id}`, { as: world.psychA.id });
    expect(read.body.guardians).toEqual([mother, father]);
  });

  it('refuses a guardian whose phone is no Chinese mobile number, or with a field missing, naming it (400)', async () => {
    const cases: [unknown, string][] = [
      [[{ ...mother, phone: '1381234567' }], 'guardians.0.phone'],
      [[mother, { ...father, phone: '+8613812345678' }], 'guardians.1.phone'],
      [[{ ...mother, phone: '12812345678' }], 'guardians.0.phone'],
      [[{ relation: '母亲', phone: '13812345678' }], 'guardians.0.name'],
      [[{ ...mother, relation: '' }], 'guardians.0.relation'],
      ['13812345678', 'guardians'],
      [[mother, mother, mother, mother, mother], 'guardians'],
    ];
    for (const [guardians, path] of cases) {
      const response = await create({ guardians });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('replaces the guardians of a student of the class, and removes them with []', async () => {
    const { body: student } = await create({});
    expect(student.guardians).toBeUndefined();
    const put = await api.call('PUT', `/api/students/${student.id}/guardians`, {
      as: world.psychA.id,
      body: { guardians: [father] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: student.id, name: '张三', guardians: [father] });
    const cleared = await api.call('PUT', `/api/students/${student.id}/guardians`, {
      as: world.teacherA.id,
      body: { guardians: [] },
    });
    expect(cleared.body.guardians).toEqual([]);
    const hostile: unknown[] = [null, 12345, true, {}, { $ne: null }, 'a\u0000b', [1, 2], [null], [[father]]];
    for (const guardians of [...hostile, ...hostile.map((phone) => [{ ...father, phone }])]) {
      const bad = await api.call('PUT', `/api/students/${student.id}/guardians`, {
        as: world.teacherA.id,
        body: { guardians },
      });
      expect({ guardians, status: bad.status }).toEqual({ guardians, status: 400 });
    }
    const extra = await api.call('PUT', `/api/students/${student.id}/guardians`, {
      as: world.teacherA.id,
      body: { guardians: [{ ...father, email: 'x@example.com' }] },
    });
    expect(extra.status).toBe(400);
  });

  it('keeps another school’s staff out: they neither read nor change a student’s guardians (404)', async () => {
    const { body: student } = await create({ guardians: [mother] });
    const read = await api.call('GET', `/api/students/${student.id}`, { as: world.psychB.id });
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain(mother.phone);
    const put = await api.call('PUT', `/api/students/${student.id}/guardians`, {
      as: world.psychB.id,
      body: { guardians: [father] },
    });
    expect(put.status).toBe(404);
    const after = await api.call('GET', `/api/students/${student.id}`, { as: world.psychA.id });
    expect(after.body.guardians).toEqual([mother]);
  });

  it('lets no peer monitor change guardians, though they hold a role at the class (403 or 404)', async () => {
    const { body: student } = await create({ guardians: [mother] });
    const put = await api.call('PUT', `/api/students/${student.id}/guardians`, {
      as: world.peerA.id,
      body: { guardians: [father] },
    });
    expect([403, 404]).toContain(put.status);
  });
});
