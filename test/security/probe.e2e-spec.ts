import { createHmac } from 'node:crypto';
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
import { chain, diagram, message, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * The security probe (issue 7): what an outsider tries against the running product, as classes
 * of requests with the answers that hold the line. Each request is counted; the file ends with a
 * summary line giving the counts per class. The exact answers to hostile input and sizes (which
 * field, which limit) are asserted in hostile-input.e2e-spec.ts; here every field of every body
 * gets every hostile value and must get a 4xx, or a 2xx for a harmless one, never a 5xx or a hang.
 * Denials and headers have their own files.
 */
let stack: Stack;
let world: World;

const KINDS = [
  'cross-scope',
  'vertical',
  'tokens',
  'hostile input',
  'sizes',
  'concurrency',
  'sealed reads',
] as const;

interface Probe {
  kind: (typeof KINDS)[number];
  what: string;
  status: number;
  held: boolean;
}
const probes: Probe[] = [];

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
});
afterAll(async () => {
  const held = probes.filter((p) => p.held).length;
  const byKind = KINDS.map((kind) => `${kind} ${probes.filter((p) => p.kind === kind).length}`).join(', ');
  process.stdout.write(
    `\nsecurity probe: ${probes.length} requests, ${held} held, ${probes.length - held} leaked (${byKind})\n`,
  );
  await stack?.close();
});

const api = (method: string, path: string, token: string | undefined, body?: unknown) =>
  call(stack.baseUrl, method, path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });

/** Sends a probe and records whether its answer is one of `allowed`. */
async function probe(
  kind: Probe['kind'],
  method: string,
  path: string,
  token: string | undefined,
  allowed: number[],
  body?: unknown,
): Promise<number> {
  const response = await api(method, path, token, body);
  probes.push({
    kind,
    what: `${method} ${path}`,
    status: response.status,
    held: allowed.includes(response.status),
  });
  return response.status;
}

/** A CSV export answered 200 that does not mention `text` (an id, a student number). */
async function csvOmits(kind: Probe['kind'], path: string, token: string, text: string): Promise<boolean> {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
  });
  const body = await response.text();
  const held =
    response.status === 200 &&
    (response.headers.get('content-type') ?? '').startsWith('text/csv') &&
    !body.includes(text);
  probes.push({ kind, what: `GET ${path} (text/csv) omits ${text}`, status: response.status, held });
  return held;
}

/** Statistics of a definition answered 200 that count nothing (the caller sees none of its cases). */
async function countsNothing(kind: Probe['kind'], definitionId: string, token: string): Promise<boolean> {
  const path = `/api/definitions/${definitionId}/statistics`;
  const response = await api('GET', path, token);
  const held =
    response.status === 200 && Array.isArray(response.body?.items) && response.body.items.length === 0;
  probes.push({ kind, what: `GET ${path} counts nothing`, status: response.status, held });
  return held;
}

/**
 * A bulk action (docs/api.md): answered 200, with every item's status one of `allowed` (what the
 * single action would answer) and its problem naming nothing but the item's id.
 */
async function probeBulk(
  kind: Probe['kind'],
  path: string,
  token: string,
  allowed: number[],
  body: Record<string, unknown>,
): Promise<boolean> {
  const response = await api('POST', path, token, body);
  const results = (response.body?.results ?? []) as { id: string; status: number }[];
  const held =
    response.status === 200 && results.length > 0 && results.every((item) => allowed.includes(item.status));
  probes.push({ kind, what: `POST ${path} ${JSON.stringify(body)}`, status: response.status, held });
  return held;
}

/** A list answered 200 that does not contain `id`. */
async function omits(kind: Probe['kind'], path: string, token: string, id: string): Promise<boolean> {
  const response = await api('GET', path, token);
  const ids = ((response.body?.items ?? []) as { id: string }[]).map((item) => item.id);
  const held = response.status === 200 && !ids.includes(id);
  probes.push({ kind, what: `GET ${path} omits ${id}`, status: response.status, held });
  return held;
}

const person = (role: string, orgUnitId: string): Promise<Person> =>
  createPerson(stack, world.adminToken, role, orgUnitId);

/** School A's case file: an open task, an incident, a student, a notification, a subscription. */
async function seedSchoolA() {
  const key = `probe-${unique()}`;
  const notify = `<bpmn:serviceTask id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /><zeebe:taskHeaders><zeebe:header key="recipients" value="psychTeacher" /></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`;
  const wait = `<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>`;
  const xml = diagram(
    key,
    `<bpmn:startEvent id="s" />${notify}<bpmn:parallelGateway id="fork" />${userTask('t', { groups: 'psychTeacher' })}${userTask('odd', { assignee: '=outsider' })}${wait}<bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" /><bpmn:endEvent id="e3" />`,
    {
      flows: [
        ...chain('s', 'tell', 'fork'),
        ...chain('fork', 't', 'e1'),
        ...chain('fork', 'odd', 'e2'),
        ...chain('fork', 'wait', 'e3'),
      ],
      roots: message('msg', 'probe-feedback', '=caseKey'),
    },
  );
  const deployed = await api('POST', '/api/definitions', world.adminToken, { xml });
  if (deployed.status !== 201) throw new Error(`deploy: ${JSON.stringify(deployed.body)}`);
  const studentNo = `P-${unique()}`;
  const student = await api('POST', '/api/students', world.adminToken, {
    orgUnitId: world.units.classA,
    studentNo,
    name: '王小红',
  });
  const started = await api('POST', '/api/instances', world.psychA.token, {
    definitionKey: key,
    studentId: student.body.id,
    variables: { concern: 'confidential', outsider: world.psychB.username },
  });
  const instanceId = started.body.id as string;
  // The student's case key (<schoolCode>-<studentNo>, docs/student-cases.md), set by the api.
  const caseKey = started.body.businessKey as string;
  const task = await openTaskOf(stack, instanceId, world.psychA.token);
  const incident = await eventually(async () => {
    const read = await api('GET', `/api/instances/${instanceId}`, world.psychA.token);
    return read.body.incidents[0] as { id: string } | undefined;
  });
  const notification = await eventually(async () => {
    const list = await api('GET', '/api/notifications', world.psychA.token);
    return (list.body.items as { id: string; instanceId: string }[]).find((n) => n.instanceId === instanceId);
  });
  return {
    key,
    instanceId,
    taskId: task.id,
    incidentId: incident.id,
    studentId: student.body.id as string,
    notificationId: notification.id,
    caseKey,
    definitionId: deployed.body.id as string,
    studentNo,
  };
}

describe('security probe', () => {
  let a: Awaited<ReturnType<typeof seedSchoolA>>;
  beforeAll(async () => {
    a = await seedSchoolA();
  });

  it('cross-scope (horizontal): school B’s staff reach nothing of school A, on every endpoint', async () => {
    const principalB = await person('principal', world.units.schoolB);
    const adminB = await person('admin', world.units.schoolB);
    const leadB = await person('psychLead', world.units.schoolB);
    for (const b of [world.psychB, principalB, adminB, leadB]) {
      const t = b.token;
      await probe('cross-scope', 'GET', `/api/instances/${a.instanceId}`, t, [404]);
      await probe('cross-scope', 'GET', `/api/instances/${a.instanceId}/history`, t, [404]);
      await probe('cross-scope', 'GET', `/api/instances/${a.instanceId}/reads`, t, [404]);
      for (const method of ['POST', 'DELETE']) {
        await probe('cross-scope', method, `/api/instances/${a.instanceId}/legal-hold`, t, [404], {
          reason: 'x',
        });
      }
      await probe('cross-scope', 'GET', `/api/instances/${a.instanceId}/compliance`, t, [404]);
      await probe('cross-scope', 'GET', `/api/instances/${a.instanceId}/compliance?format=pdf`, t, [404]);
      await probe(
        'cross-scope',
        'GET',
        `/api/reports/late-steps?orgUnitId=${world.units.schoolA}&from=2026-01-01&to=2026-12-31`,
        t,
        // a psychology teacher reads no late steps anywhere (403 before the unit is looked at)
        [403, 404],
      );
      await probe('cross-scope', 'POST', `/api/instances/${a.instanceId}/cancel`, t, [403, 404], {
        reason: 'x',
      });
      await omits('cross-scope', '/api/instances', t, a.instanceId);
      await omits('cross-scope', `/api/instances?orgUnitId=${world.units.classA}`, t, a.instanceId);
      await omits('cross-scope', '/api/instances?state=incident', t, a.instanceId);
      await probe('cross-scope', 'POST', '/api/instances', t, [403], {
        definitionKey: a.key,
        orgUnitId: world.units.classA,
      });
      await probe('cross-scope', 'POST', '/api/instances', t, [404], {
        definitionKey: a.key,
        studentId: a.studentId,
      });
      await probe('cross-scope', 'GET', `/api/tasks/${a.taskId}`, t, [404]);
      for (const action of ['claim', 'unclaim']) {
        await probe('cross-scope', 'POST', `/api/tasks/${a.taskId}/${action}`, t, [404]);
      }
      await probe('cross-scope', 'POST', `/api/tasks/${a.taskId}/assign`, t, [404], { userId: b.id });
      await probe('cross-scope', 'POST', `/api/tasks/${a.taskId}/complete`, t, [404], { variables: {} });
      await omits('cross-scope', '/api/tasks', t, a.taskId);
      await omits('cross-scope', `/api/tasks?instanceId=${a.instanceId}`, t, a.taskId);
      // searching, sorting and filtering A's tasks finds none of them (docs/api.md)
      await omits('cross-scope', `/api/tasks?q=${a.studentNo}`, t, a.taskId);
      await omits('cross-scope', `/api/tasks?q=${encodeURIComponent('王小红')}`, t, a.taskId);
      await omits('cross-scope', '/api/tasks?sort=dueAt', t, a.taskId);
      await omits('cross-scope', '/api/tasks?sort=priority&candidateGroup=psychTeacher', t, a.taskId);
      // nor does an export of the lists, and A's cases count nowhere in the diagram's statistics
      await csvOmits('cross-scope', '/api/tasks', t, a.taskId);
      await csvOmits('cross-scope', `/api/tasks?q=${a.studentNo}`, t, a.studentNo);
      await csvOmits('cross-scope', '/api/instances', t, a.instanceId);
      await csvOmits('cross-scope', '/api/instances?format=csv', t, a.studentNo);
      await countsNothing('cross-scope', a.definitionId, t);
      await omits('cross-scope', '/api/incidents', t, a.incidentId);
      await probe('cross-scope', 'POST', `/api/incidents/${a.incidentId}/retry`, t, [404], { variables: {} });
      await probeBulk('cross-scope', '/api/tasks/bulk/assign', t, [404], {
        taskIds: [a.taskId],
        userId: b.id,
      });
      await probeBulk('cross-scope', '/api/instances/bulk/cancel', t, [404], {
        ids: [a.instanceId],
        reason: 'x',
      });
      await probeBulk('cross-scope', '/api/incidents/bulk/retry', t, [404], { ids: [a.incidentId] });
      await probe('cross-scope', 'GET', `/api/students/${a.studentId}`, t, [404]);
      await probe('cross-scope', 'GET', `/api/students/${a.studentId}/file`, t, [404]);
      await probe('cross-scope', 'PUT', `/api/students/${a.studentId}/guardians`, t, [404], {
        guardians: [{ name: 'x', relation: '母亲', phone: '13800000000' }],
      });
      await probe('cross-scope', 'POST', '/api/students', t, [403, 404], {
        orgUnitId: world.units.classA,
        studentNo: `X-${unique()}`,
        name: 'x',
      });
      await omits('cross-scope', '/api/org-units', t, world.units.schoolA);
      await probe('cross-scope', 'POST', '/api/org-units', t, [403, 404], {
        parentId: world.units.schoolA,
        kind: 'grade',
        code: `g${unique()}`,
        name: 'x',
      });
      await omits('cross-scope', '/api/users', t, world.psychA.id);
      await probe('cross-scope', 'GET', `/api/users/${world.psychA.id}`, t, [403, 404]);
      await probe('cross-scope', 'PATCH', `/api/users/${world.psychA.id}`, t, [403, 404], { disabled: true });
      await probe('cross-scope', 'PUT', `/api/users/${world.psychA.id}/roles`, t, [403, 404], { roles: [] });
      await probe('cross-scope', 'POST', `/api/notifications/${a.notificationId}/read`, t, [404]);
      await omits('cross-scope', '/api/notifications', t, a.notificationId);
      await probe('cross-scope', 'POST', '/api/users', t, [403], {
        username: `x-${unique()}`,
        password: 'a-perfectly-fine-passphrase',
        displayName: 'x',
        roles: [{ role: 'psychTeacher', orgUnitId: world.units.schoolA }],
      });
      // nor read or change A's school calendar (docs/calendars.md#editing-a-calendar)
      for (const unit of [world.units.schoolA, world.units.classA]) {
        await probe('cross-scope', 'GET', `/api/org-units/${unit}/calendar`, t, [404]);
        await probe('cross-scope', 'PUT', `/api/org-units/${unit}/calendar`, t, [403, 404], {
          terms: [],
          holidays: ['2026-10-09'],
          workdays: [],
        });
        await probe('cross-scope', 'DELETE', `/api/org-units/${unit}/calendar`, t, [403, 404]);
      }
      // a signal cannot start or reach cases at A's units
      await probe('cross-scope', 'POST', '/api/signals', t, [403], {
        name: 'probe-signal',
        orgUnitId: world.units.schoolA,
      });
      // a message with A's correlation key reaches none of A's cases
      const published = await api('POST', '/api/messages', t, {
        name: 'probe-feedback',
        correlationKey: a.caseKey,
      });
      probes.push({
        kind: 'cross-scope',
        what: 'POST /api/messages with A’s key',
        status: published.status,
        held: published.status === 403 || !(published.body.correlatedInstances ?? []).includes(a.instanceId),
      });
    }
    // a new version of A's pathway cannot come from B's lead
    const xml = diagram(
      a.key,
      `<bpmn:startEvent id="s" />${userTask('t', { users: leadB.username })}<bpmn:endEvent id="e" />`,
      {
        flows: chain('s', 't', 'e'),
      },
    );
    await probe('cross-scope', 'POST', '/api/definitions', leadB.token, [403], { xml });

    expect(probes.filter((p) => p.kind === 'cross-scope' && !p.held)).toEqual([]);
    // and A's case is untouched
    const still = await api('GET', `/api/instances/${a.instanceId}`, world.psychA.token);
    expect(still.body).toMatchObject({ state: 'incident', variables: { concern: 'confidential' } });
  });

  it('vertical: lesser roles in school A cannot act above themselves', async () => {
    const peer = await person('peerMonitor', world.units.classA);
    const teacher = world.classTeacherA;
    await probe('vertical', 'GET', `/api/instances/${a.instanceId}`, peer.token, [404]);
    await probe('vertical', 'GET', `/api/instances/${a.instanceId}/history`, peer.token, [404]);
    await probe('vertical', 'GET', `/api/instances/${a.instanceId}/compliance`, peer.token, [404]);
    await probe('vertical', 'GET', `/api/instances/${a.instanceId}/compliance`, teacher.token, [403]);
    await probe('vertical', 'GET', `/api/students/${a.studentId}`, peer.token, [404]);
    await probe('vertical', 'GET', `/api/students/${a.studentId}/file`, peer.token, [404]);
    await probe('vertical', 'PUT', `/api/students/${a.studentId}/guardians`, peer.token, [404], {
      guardians: [],
    });
    await probe('vertical', 'GET', `/api/tasks/${a.taskId}`, peer.token, [404]);
    await omits('vertical', '/api/instances', peer.token, a.instanceId);
    await probe('vertical', 'POST', '/api/instances', peer.token, [403], {
      definitionKey: a.key,
      orgUnitId: world.units.classA,
    });
    for (const lesser of [teacher, world.psychA, peer]) {
      await probe('vertical', 'POST', '/api/definitions', lesser.token, [403], {
        xml: diagram(`v-${unique()}`, '<bpmn:startEvent id="s" /><bpmn:endEvent id="e" />', {
          flows: chain('s', 'e'),
        }),
      });
      await probe('vertical', 'POST', '/api/users', lesser.token, [403], {
        username: `v-${unique()}`,
        password: 'a-perfectly-fine-passphrase',
        displayName: 'v',
        roles: [{ role: 'admin', orgUnitId: world.units.schoolA }],
      });
      await probe('vertical', 'PUT', `/api/users/${lesser.id}/roles`, lesser.token, [403], {
        roles: [{ role: 'admin', orgUnitId: world.units.city }],
      });
      await probe('vertical', 'POST', `/api/tasks/${a.taskId}/assign`, lesser.token, [403, 404], {
        userId: lesser.id,
      });
      await probe('vertical', 'POST', `/api/incidents/${a.incidentId}/retry`, lesser.token, [403, 404], {});
      await probeBulk('vertical', '/api/tasks/bulk/assign', lesser.token, [403, 404], {
        taskIds: [a.taskId],
        userId: lesser.id,
      });
      await probeBulk('vertical', '/api/incidents/bulk/retry', lesser.token, [403, 404], {
        ids: [a.incidentId],
      });
      await probeBulk('vertical', '/api/instances/bulk/cancel', lesser.token, [403, 404], {
        ids: [a.instanceId],
        reason: 'x',
      });
      await probe('vertical', 'POST', `/api/instances/${a.instanceId}/cancel`, lesser.token, [403, 404], {
        reason: 'x',
      });
      await probe('vertical', 'PUT', `/api/org-units/${world.units.classA}/calendar`, lesser.token, [403], {
        terms: [],
        holidays: [],
        workdays: [],
      });
      await probe(
        'vertical',
        'DELETE',
        `/api/org-units/${world.units.schoolA}/calendar`,
        lesser.token,
        // the school is out of a class teacher's and a peer monitor's sight altogether: 404
        [403, 404],
      );
      await probe('vertical', 'POST', '/api/org-units', lesser.token, [403], {
        parentId: world.units.schoolA,
        kind: 'grade',
        code: `g${unique()}`,
        name: 'x',
      });
    }
    expect(probes.filter((p) => p.kind === 'vertical' && !p.held)).toEqual([]);
  });

  it('tokens: missing, malformed, forged, unsigned, expired, of a disabled user — all 401', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const sign = (payload: Record<string, unknown>, secret: string) => {
      const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
      return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const victim = await person('psychTeacher', world.units.schoolA);
    await api('PATCH', `/api/users/${victim.id}`, world.adminToken, { disabled: true });
    const tokens: (string | undefined)[] = [
      undefined,
      'not-a-token',
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: world.psychA.id, exp: now + 600 })}.`,
      sign({ sub: world.psychA.id, exp: now + 600 }, 'another-secret-of-thirty-two-characters!!'),
      sign({ sub: world.psychA.id, iat: now - 7200, exp: now - 3600 }, stack.config.jwtSecret),
      sign({ sub: '00000000-0000-4000-8000-000000000000', exp: now + 600 }, stack.config.jwtSecret),
      victim.token,
      `${world.psychA.token.slice(0, -2)}xx`,
    ];
    for (const token of tokens) {
      for (const path of ['/api/me', `/api/instances/${a.instanceId}`, '/api/tasks']) {
        await probe('tokens', 'GET', path, token, [401]);
      }
    }
    // a token sent as something other than a bearer token is no token
    const basic = await call(stack.baseUrl, 'GET', '/api/me', {
      headers: { authorization: `Basic ${world.psychA.token}` },
    });
    probes.push({ kind: 'tokens', what: 'Basic scheme', status: basic.status, held: basic.status === 401 });
    expect(probes.filter((p) => p.kind === 'tokens' && !p.held)).toEqual([]);
  });

  it('hostile input per field type: every field of every body, every hostile value, never a 5xx or a hang', async () => {
    // given fresh targets for the endpoints that act on one thing
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: a.key,
      orgUnitId: world.units.classA,
      variables: { caseKey: `h-${unique()}`, outsider: world.classTeacherA.username },
    });
    const task = await openTaskOf(stack, started.body.id, world.psychA.token);
    const target = await person('classTeacher', world.units.classA);
    // a principal of school B: break-glass is theirs to ask for (on a case only this test reads)
    const outsider = await person('principal', world.units.schoolB);
    // Values of the wrong type for most fields, and strings that are hostile wherever they go.
    const wrongTypes: unknown[] = [null, 12345, -1, 1e308, true, [], [1, 2], {}, { $ne: null }];
    const hostileStrings: unknown[] = [
      '',
      ' ',
      'a\u0000b',
      "' OR 1=1 --",
      '"; DROP TABLE process_instance; --',
      '<script>alert(1)</script>',
      '../../../../etc/passwd',
      '\u202Egnp.exe',
      '😀👩‍👩‍👧',
      '%00%27',
      '${7*7}{{7*7}}',
      'x'.repeat(10_000),
      '00000000-0000-0000-0000-000000000000',
    ];
    const bodies: { method: string; path: string; token: string; body: Record<string, unknown> }[] = [
      {
        method: 'POST',
        path: '/api/org-units',
        token: world.adminToken,
        body: { parentId: world.units.classA, kind: 'class', code: `h${unique()}`, name: 'n' },
      },
      {
        method: 'POST',
        path: '/api/users',
        token: world.adminToken,
        body: {
          username: `h-${unique()}`,
          password: 'Xq7-hostile-pass-9z',
          displayName: 'h',
          roles: [{ role: 'classTeacher', orgUnitId: world.units.classA }],
        },
      },
      {
        method: 'PATCH',
        path: `/api/users/${target.id}`,
        token: world.adminToken,
        body: { displayName: 'h', disabled: false },
      },
      {
        method: 'POST',
        path: '/api/students',
        token: world.adminToken,
        body: { orgUnitId: world.units.classA, studentNo: `H-${unique()}`, name: 'h' },
      },
      {
        method: 'PUT',
        path: `/api/students/${a.studentId}/guardians`,
        token: world.adminToken,
        body: { guardians: [{ name: 'h', relation: '母亲', phone: '13800000000' }] },
      },
      {
        method: 'POST',
        path: '/api/instances',
        token: world.psychA.token,
        body: {
          definitionKey: a.key,
          version: 1,
          businessKey: 'b',
          orgUnitId: world.units.classA,
          variables: { caseKey: 'k' },
        },
      },
      {
        method: 'POST',
        path: `/api/tasks/${task.id}/assign`,
        token: world.adminToken,
        body: { userId: world.psychA.id },
      },
      {
        method: 'POST',
        path: '/api/tasks/bulk/assign',
        token: world.adminToken,
        body: { taskIds: [task.id], userId: world.psychA.id },
      },
      {
        method: 'POST',
        path: `/api/tasks/${task.id}/complete`,
        token: world.psychA.token,
        body: { variables: { n: 1 } },
      },
      {
        method: 'POST',
        path: `/api/incidents/${a.incidentId}/retry`,
        token: world.adminToken,
        body: { variables: { outsider: world.psychB.username } },
      },
      {
        method: 'POST',
        path: '/api/messages',
        token: world.psychA.token,
        body: {
          name: 'probe-feedback',
          correlationKey: 'none',
          variables: { n: 1 },
          timeToLive: 'PT1S',
          orgUnitId: world.units.classA,
        },
      },
      {
        method: 'POST',
        path: '/api/definitions',
        token: world.adminToken,
        body: { xml: '<x/>', forms: {}, ownerUnitId: world.units.district },
      },
      {
        method: 'POST',
        path: '/api/decisions',
        token: world.adminToken,
        body: { xml: '<x/>', ownerUnitId: world.units.district },
      },
      {
        method: 'POST',
        path: '/api/forms',
        token: world.adminToken,
        body: {
          formId: `probe-form-${unique()}`,
          schema: { type: 'default', components: [{ type: 'textfield', key: 'n' }] },
          ownerUnitId: world.units.district,
        },
      },
      {
        method: 'POST',
        path: '/api/signals',
        token: world.psychA.token,
        body: { name: 'probe-signal', variables: { n: 1 }, orgUnitId: world.units.classA },
      },
      {
        method: 'PUT',
        path: `/api/org-units/${world.units.gradeA}/calendar`,
        token: world.adminToken,
        body: {
          timezone: 'Asia/Shanghai',
          terms: [{ name: 't', start: '2026-09-01', end: '2027-01-22' }],
          holidays: ['2026-10-09'],
          workdays: ['2026-10-10'],
        },
      },
      {
        method: 'POST',
        path: '/api/auth/login',
        token: world.adminToken,
        body: { username: 'nobody', password: 'nothing-at-all' },
      },
      {
        method: 'POST',
        path: `/api/instances/${started.body.id}/legal-hold`,
        token: world.adminToken,
        body: { reason: 'probe' },
      },
      {
        method: 'POST',
        path: `/api/instances/${started.body.id}/break-glass`,
        token: outsider.token,
        body: { reason: 'probe' },
      },
    ];
    for (const { method, path, token, body } of bodies) {
      for (const field of Object.keys(body)) {
        for (const value of [...wrongTypes, ...hostileStrings]) {
          const sent = { ...body, [field]: value };
          const started = Date.now();
          const response = await call(stack.baseUrl, method, path, { token, body: sent }).catch(() => ({
            status: 0,
          }));
          const quick = Date.now() - started < 15_000;
          // Whatever the value, the answer is the client's (2xx for harmless data, else 4xx).
          const held = quick && response.status > 0 && response.status < 500;
          probes.push({
            kind: 'hostile input',
            what: `${method} ${path} ${field}=${JSON.stringify(value).slice(0, 30)}`,
            status: response.status,
            held,
          });
        }
      }
    }
    // unknown fields and prototype keys are refused, not merged
    const calendarBody = bodies.find((b) => b.path.endsWith('/calendar'))!;
    for (const { method, path, token, body } of [...bodies.slice(0, 5), calendarBody]) {
      for (const extra of [
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"admin":true}}}',
        '{"sneaky":1}',
      ]) {
        const raw = JSON.stringify(body).replace(/}$/, `,${extra.slice(1)}`);
        const response = await call(stack.baseUrl, method, path, { token, rawBody: raw });
        probes.push({
          kind: 'hostile input',
          what: `${method} ${path} ${extra}`,
          status: response.status,
          held: response.status === 400,
        });
      }
    }
    const leaks = probes.filter((p) => p.kind === 'hostile input' && !p.held);
    expect(leaks).toEqual([]);
    expect((await api('GET', '/api/health', undefined)).status).toBe(200);
  });

  it('sizes: oversized bodies, variables, nesting and lists are refused with 4xx', async () => {
    const big = 'x'.repeat(2_600_000);
    // Built as text: JSON.stringify itself overflows on 10,000 levels.
    const deep = `${'{"d":'.repeat(10_000)}"leaf"${'}'.repeat(10_000)}`;
    const cases: { path: string; body: unknown; allowed: number[] }[] = [
      {
        path: '/api/instances',
        body: { definitionKey: a.key, orgUnitId: world.units.classA, variables: { note: big } },
        allowed: [413],
      },
      {
        path: '/api/messages',
        body: { name: 'probe-feedback', correlationKey: 'k', variables: { note: big } },
        allowed: [413],
      },
      {
        path: '/api/signals',
        body: { name: 'probe-signal', variables: { note: big } },
        allowed: [413],
      },
      { path: '/api/definitions', body: { xml: `<x>${'y'.repeat(3_400_000)}</x>` }, allowed: [400, 413] },
      {
        path: '/api/instances',
        body: {
          definitionKey: a.key,
          orgUnitId: world.units.classA,
          variables: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`v${i}`, 'x'.repeat(60)])),
        },
        allowed: [413],
      },
    ];
    for (const { path, body, allowed } of cases)
      await probe('sizes', 'POST', path, world.adminToken, allowed, body);
    const nested = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.adminToken,
      rawBody: `{"definitionKey":"${a.key}","orgUnitId":"${world.units.classA}","variables":{"deep":${deep}}}`,
    });
    probes.push({
      kind: 'sizes',
      what: '10,000-deep variables',
      status: nested.status,
      held: nested.status === 400,
    });
    // a calendar's lists are bounded (20 terms, 400 dates each)
    const calendar = `/api/org-units/${world.units.gradeA}/calendar`;
    await probe('sizes', 'PUT', calendar, world.adminToken, [400, 413], {
      terms: [],
      holidays: Array.from({ length: 100_000 }, () => '2026-10-01'),
      workdays: [],
    });
    await probe('sizes', 'PUT', calendar, world.adminToken, [400], {
      terms: Array.from({ length: 1000 }, (_, i) => ({
        name: `t${i}`,
        start: '2026-09-01',
        end: '2026-09-01',
      })),
      holidays: [],
      workdays: [],
    });
    await probe('sizes', 'GET', '/api/instances?limit=100000', world.adminToken, [400]);
    await probe('sizes', 'GET', `/api/tasks?q=${'x'.repeat(5000)}`, world.adminToken, [200, 400, 414, 431]);
    expect(probes.filter((p) => p.kind === 'sizes' && !p.held)).toEqual([]);
  });

  it('concurrency: racing completions and claims leave one winner and one history entry', async () => {
    // given a fresh case with one open task for school A's psychology teachers
    const second = await person('psychTeacher', world.units.schoolA);
    const key = `race-${unique()}`;
    await api('POST', '/api/definitions', world.adminToken, {
      xml: diagram(
        key,
        `<bpmn:startEvent id="s" />${userTask('t', { groups: 'psychTeacher' })}<bpmn:endEvent id="e" />`,
        {
          flows: chain('s', 't', 'e'),
        },
      ),
    });
    for (const round of [1, 2]) {
      const started = await api('POST', '/api/instances', world.psychA.token, {
        definitionKey: key,
        orgUnitId: world.units.classA,
      });
      const task = await openTaskOf(stack, started.body.id, world.psychA.token);
      const racers = [world.psychA, second];
      // when both teachers fire ten requests at once
      const action = round === 1 ? 'claim' : 'complete';
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api(
            'POST',
            `/api/tasks/${task.id}/${action}`,
            racers[i % 2]!.token,
            action === 'complete' ? { variables: { n: i } } : undefined,
          ),
        ),
      );
      // then exactly one teacher wins; everyone else hears 409 (or, claiming again, their own 200)
      const wins = statuses.filter((r) => r.status === 200);
      const winners = new Set(wins.map((r) => (action === 'claim' ? r.body.assignee : r.body.task.state)));
      for (const r of statuses) {
        probes.push({
          kind: 'concurrency',
          what: `${action} race`,
          status: r.status,
          held: [200, 409].includes(r.status),
        });
      }
      expect(winners.size).toBe(1);
      const history = await api('GET', `/api/instances/${started.body.id}/history`, world.psychA.token);
      const entries = (history.body.items as { type: string }[]).filter((e) =>
        action === 'claim' ? e.type === 'task.assigned' : e.type === 'task.completed',
      );
      expect(entries).toHaveLength(1);
    }
    expect(probes.filter((p) => p.kind === 'concurrency' && !p.held)).toEqual([]);
  });

  it('sealed reads: a sealed case file opens only with a reason, to its own staff, and stays read-only', async () => {
    // given a sealed case of school A with a task still open (a parallel branch)
    const key = `sealed-${unique()}`;
    const seal = `<bpmn:serviceTask id="seal-file"><bpmn:extensionElements><zeebe:taskDefinition type="seal-case" /></bpmn:extensionElements></bpmn:serviceTask>`;
    const wait = `<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>`;
    await api('POST', '/api/definitions', world.adminToken, {
      xml: diagram(
        key,
        `<bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" />${userTask('t', { groups: 'psychTeacher' })}${seal}${wait}<bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />`,
        {
          flows: [
            ...chain('s', 'fork'),
            ...chain('fork', 't', 'e1'),
            ...chain('fork', 'seal-file', 'wait', 'e2'),
          ],
          roots: message('m', 'sealed-probe', '=caseKey'),
        },
      ),
    });
    const started = await api('POST', '/api/instances', world.psychA.token, {
      definitionKey: key,
      orgUnitId: world.units.classA,
      variables: { concern: 'sealed-confidential', caseKey: `s-${unique()}` },
    });
    const id = started.body.id as string;
    const task = await openTaskOf(stack, id, world.psychA.token);
    await eventually(async () => {
      const read = await api('GET', `/api/instances/${id}`, world.psychA.token);
      return read.status === 403 ? true : undefined;
    });
    const reads = [`/api/instances/${id}`, `/api/instances/${id}/history`, `/api/tasks/${task.id}`];
    const peer = await person('peerMonitor', world.units.classA);
    const hostileReasons = ['', '%20%20%20', 'x'.repeat(501), '%00', 'a&reason=b'];

    for (const path of reads) {
      // the case's own staff: 403 without a reason, 400 for a hostile one, 200 with one
      await probe('sealed reads', 'GET', path, world.psychA.token, [403]);
      for (const reason of hostileReasons) {
        await probe('sealed reads', 'GET', `${path}?reason=${reason}`, world.psychA.token, [400]);
      }
      await probe(
        'sealed reads',
        'GET',
        `${path}?reason=${encodeURIComponent('复核')}`,
        world.psychA.token,
        [200],
      );
      // a reason opens nothing across the line: another school, a peer, no token
      await probe('sealed reads', 'GET', `${path}?reason=audit`, world.psychB.token, [404]);
      await probe('sealed reads', 'GET', `${path}?reason=audit`, peer.token, [404]);
      await probe('sealed reads', 'GET', `${path}?reason=audit`, undefined, [401]);
    }
    // the file is read-only: no completion, claim or cancellation
    await probe('sealed reads', 'POST', `/api/tasks/${task.id}/complete`, world.psychA.token, [409], {
      variables: {},
    });
    await probe('sealed reads', 'POST', `/api/tasks/${task.id}/claim`, world.psychA.token, [409]);
    await probe('sealed reads', 'POST', `/api/instances/${id}/cancel`, world.adminToken, [409], {
      reason: 'x',
    });
    // the bulk actions answer each item of a sealed case as the single write does
    await probeBulk('sealed reads', '/api/instances/bulk/cancel', world.adminToken, [409], {
      ids: [id],
      reason: 'x',
    });
    await probeBulk('sealed reads', '/api/tasks/bulk/assign', world.adminToken, [409], {
      taskIds: [task.id],
      userId: world.psychA.id,
    });
    // and lists still show the case, without any of its content
    const list = await api('GET', `/api/instances?definitionKey=${key}`, world.psychA.token);
    probes.push({
      kind: 'sealed reads',
      what: 'GET /api/instances lists the sealed case without content',
      status: list.status,
      held: list.status === 200 && !JSON.stringify(list.body).includes('sealed-confidential'),
    });
    expect(probes.filter((p) => p.kind === 'sealed reads' && !p.held)).toEqual([]);
  });
});
