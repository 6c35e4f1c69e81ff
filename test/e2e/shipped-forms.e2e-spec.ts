import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type FormComponent,
  type FormField,
  type FormSchema,
  fieldsOf,
  hiddenFields,
  optionValues,
  validateSubmission,
} from '../../libs/forms/src';
import { shippedDeployments } from '../../scripts/lib/shipped-processes.mjs';
import {
  buildWorld,
  call,
  createPerson,
  eventually,
  type Person,
  unique,
  type World,
} from '../support/api-client';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(900_000);

/**
 * Every user task of every shipped diagram that has a form is validated on the server (issue 9,
 * "Done when"). The diagrams are deployed with their forms exactly as scripts/deploy-processes.mjs
 * sends them; a case of each is walked task by task, and for each form the bad data is derived
 * from the schema itself (each required field left out, each bound crossed, a choice outside the
 * options), so a diagram or form added later is covered without touching this test.
 *
 * A diagram that waits for the outside world (the shipped pathway, docs/pathway.md) is walked in
 * the ways walksOf lists: which choices its forms get, which messages reach it, and with every
 * deadline of the case shortened through its `deadlines` variable; every form such a diagram
 * links must be checked on one of its walks.
 */
let stack: Stack;
let world: World;
const staff = new Map<string, Person>();

/** Where each role sits for cases of class A: candidates are resolved when a task opens, so they exist first. */
const ROLE_UNITS = {
  psychTeacher: 'schoolA',
  principal: 'schoolA',
  psychLead: 'schoolA',
  gradeLeader: 'gradeA',
  classTeacher: 'classA',
  peerMonitor: 'classA',
  districtSupervisor: 'district',
} as const;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  for (const [role, unit] of Object.entries(ROLE_UNITS)) {
    staff.set(role, await createPerson(stack, world.adminToken, role, world.units[unit]));
  }
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, token: string, body?: unknown) =>
  call(stack.baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });

/** Someone who may complete a task offered to `role` in class A. */
function member(role: string): Person {
  const person = staff.get(role);
  if (!person) throw new Error(`No test user for the candidate group '${role}': add it to ROLE_UNITS`);
  return person;
}

interface OpenTask {
  id: string;
  elementId: string;
  candidateGroups: string[];
}

/** A value each field accepts, derived from its rules (or the walk's choice for its key). */
function goodValue(
  component: FormComponent,
  context: Record<string, unknown>,
  choices: Record<string, unknown> = {},
): unknown {
  if (component.key !== undefined && Object.hasOwn(choices, component.key)) return choices[component.key];
  const validate = component.validate ?? {};
  switch (component.type) {
    case 'select':
    case 'radio':
      return optionValues(component, context)?.[0] ?? null;
    case 'checklist':
    case 'taglist':
      return (optionValues(component, context) ?? []).slice(0, 1);
    case 'checkbox':
      return true;
    case 'number': {
      const min = typeof validate.min === 'number' ? validate.min : 0;
      return typeof validate.max === 'number' && validate.max < min ? validate.max : min;
    }
    case 'datetime':
      return component.subtype === 'time'
        ? '08:30'
        : component.subtype === 'datetime'
          ? '2026-03-02T08:30'
          : '2026-03-02';
    default: {
      if (validate.pattern) throw new Error(`Cannot derive a value for the pattern of '${component.key}'`);
      if (validate.validationType === 'email') return 'counsellor@school.example.cn';
      if (validate.validationType === 'phone') return '13812345678';
      const min = typeof validate.minLength === 'number' ? validate.minLength : 1;
      return '学生情绪平稳，已约定下次面谈'.padEnd(min, '。');
    }
  }
}

function setPath(data: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(data);
  let at = copy;
  for (const segment of path.slice(0, -1)) at = (at[segment] ??= {}) as Record<string, unknown>;
  if (value === undefined) delete at[path[path.length - 1]!];
  else at[path[path.length - 1]!] = value;
  return copy;
}

/** Data that passes the form: a good value for every field, built in form order. */
function goodData(
  schema: FormSchema,
  context: Record<string, unknown>,
  choices: Record<string, unknown> = {},
): Record<string, unknown> {
  let data: Record<string, unknown> = {};
  for (const field of fieldsOf(schema)) {
    data = setPath(data, field.path, goodValue(field.component, { ...context, ...data }, choices));
  }
  return data;
}

/** Bad variants of good data, each with the one field key the server must name. */
function badVariants(
  schema: FormSchema,
  good: Record<string, unknown>,
  context: Record<string, unknown>,
): { why: string; data: Record<string, unknown>; path: string }[] {
  const fields = fieldsOf(schema);
  const hidden = hiddenFields(fields, { ...context, ...good });
  const visible = fields.filter((field: FormField) => !hidden.has(field) && !field.component.disabled);
  return visible.flatMap(({ component, path }) => {
    const key = path.join('.');
    const validate = component.validate ?? {};
    const variants: { why: string; data: Record<string, unknown>; path: string }[] = [];
    if (validate.required)
      variants.push({ why: `${key} left out`, data: setPath(good, path, undefined), path: key });
    if (typeof validate.max === 'number') {
      variants.push({
        why: `${key} above ${validate.max}`,
        data: setPath(good, path, validate.max + 1),
        path: key,
      });
    }
    if (typeof validate.min === 'number') {
      variants.push({
        why: `${key} below ${validate.min}`,
        data: setPath(good, path, validate.min - 1),
        path: key,
      });
    }
    if (typeof validate.minLength === 'number' && validate.minLength > 1) {
      variants.push({ why: `${key} too short`, data: setPath(good, path, 'x'), path: key });
    }
    if (typeof validate.maxLength === 'number') {
      variants.push({
        why: `${key} too long`,
        data: setPath(good, path, 'x'.repeat(validate.maxLength + 1)),
        path: key,
      });
    }
    if (['select', 'radio'].includes(component.type) && Array.isArray(component.values)) {
      variants.push({
        why: `${key} not an option`,
        data: setPath(good, path, '__not-an-option__'),
        path: key,
      });
    }
    return variants;
  });
}

async function openTasks(instanceId: string): Promise<OpenTask[]> {
  const listed = await api('GET', `/api/tasks?instanceId=${instanceId}&state=open`, world.adminToken);
  return listed.body.items as OpenTask[];
}

/** A message sent to the walked case (by its caseKey), buffered until the case waits for it. */
type Nudge = { message: string; variables?: Record<string, unknown> } | { waitMs: number };

interface Walk {
  name: string;
  /** Where the case starts (default classA); a crisis-care walk starts for a new student of class A. */
  unit?: 'classA' | 'schoolA';
  student?: boolean;
  variables?: Record<string, unknown>;
  /** Values for form fields by key, instead of the first option or a checked box. */
  choices?: Record<string, unknown>;
  /** Published right after the start. */
  first?: Nudge[];
  /** Used one at a time whenever the case has no open task left to walk. */
  nudges?: Nudge[];
  /** Element ids walked only once nothing else is open (so what they would close can open). */
  last?: string[];
  /** Waited after the start, before walking (timers fire meanwhile). */
  settleMs?: number;
}

const PROCESSES = join(__dirname, '..', '..', 'processes');

/** Every `deadlines` key a diagram reads, each an hour: no school-day arithmetic, nothing fires while walking. */
function deadlinesOf(xml: string, overrides: Record<string, string> = {}): Record<string, string> {
  const keys = [...xml.matchAll(/deadlines\.([A-Za-z]+)/g)].map((match) => match[1]!);
  return { ...Object.fromEntries(keys.map((key) => [key, 'PT1H'])), ...overrides };
}

function walksOf(file: string, xml: string): Walk[] {
  const short = (overrides: Record<string, string> = {}) => ({ deadlines: deadlinesOf(xml, overrides) });
  const closeOut = { recommendClosure: true, approved: true };
  switch (file) {
    case 'crisis-care.bpmn': {
      const crisis = (walk: Walk): Walk => ({
        student: true,
        ...walk,
        variables: {
          source: 'teacher',
          concern: '同学反映其多次说不想活了',
          retentionPeriod: 'PT1S',
          ...walk.variables,
        },
      });
      return [
        crisis({
          name: 'imminent, no admission, closed, sealed and purged',
          variables: short(),
          choices: { riskLevel: 'imminent', ...closeOut },
          nudges: [{ message: 'referral-outcome', variables: { outcome: 'not-needed' } }],
        }),
        crisis({
          name: 'assessment late: principal and district supervisor; then low, monthly check-in',
          variables: short({
            initialAssessment: 'PT1S',
            escalatedAssessment: 'PT1S',
            checkInInterval: 'PT1S',
          }),
          settleMs: 8_000,
          last: ['initial-assessment'],
          choices: { riskLevel: 'low', ...closeOut },
        }),
        crisis({
          name: 'high: meeting, referral with a weekly reminder, home visit; outpatient',
          variables: short({ referralReminder: 'PT2S' }),
          choices: { riskLevel: 'high', ...closeOut },
          nudges: [{ waitMs: 3_000 }, { message: 'referral-outcome', variables: { outcome: 'outpatient' } }],
        }),
        crisis({
          name: 'moderate: support plan, sessions, home visit',
          variables: short(),
          choices: { riskLevel: 'moderate', ...closeOut },
        }),
        crisis({
          name: 'a new observation while the assessment is open',
          variables: short(),
          first: [{ message: 'observation', variables: { observation: '家长来电说孩子夜里失眠、哭泣' } }],
          choices: { riskLevel: 'low' },
        }),
        crisis({
          name: 'an acute crisis before the assessment',
          variables: short(),
          first: [{ message: 'acute-crisis' }],
          choices: { riskLevel: 'imminent', ...closeOut },
          nudges: [{ message: 'referral-outcome', variables: { outcome: 'not-needed' } }],
        }),
      ];
    }
    case 'return-to-school.bpmn':
      return [
        {
          name: 'ready at once, seven follow-ups without relapse',
          variables: {
            caseKey: `sa-${unique()}`,
            ...short({ weeklyFollowUp: 'PT1S', monthlyFollowUp: 'PT1S' }),
          },
          choices: { relapse: false },
        },
      ];
    case 'screening-campaign.bpmn':
      return [{ name: 'one flagged student, confirmed', unit: 'schoolA', variables: short() }];
    case 'home-visit-campaign.bpmn':
      return [
        {
          name: 'a campaign of a few seconds',
          unit: 'schoolA',
          variables: short({ homeVisitCampaign: 'PT2S' }),
        },
      ];
    case 'monthly-report.bpmn':
      return [{ name: "one school's report", unit: 'schoolA', variables: short() }];
    default:
      return [{ name: 'as drawn', variables: {} }];
  }
}

/** The form ids a diagram's user tasks link. */
function linkedForms(xml: string): Set<string> {
  return new Set([...xml.matchAll(/<zeebe:formDefinition[^>]*formId="([^"]+)"/g)].map((match) => match[1]!));
}

describe('the shipped diagrams and their forms', () => {
  const root = PROCESSES;
  const deployments = shippedDeployments(root);

  it('ships at least one diagram with a form', () => {
    expect(deployments.length).toBeGreaterThan(0);
    expect(Object.keys(deployments[0]?.body.forms ?? {})).toContain('risk-assessment');
  });

  it('deploys them with scripts/deploy-processes.mjs, as ./scripts/up does, forms included', async () => {
    // the api runs in this process: the script runs beside it, never blocking its event loop
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(root, '..', 'scripts', 'deploy-processes.mjs'), stack.baseUrl, 'admin'],
      { env: { ...process.env, CAREPATH_ADMIN_PASSWORD: stack.adminPassword } },
    );
    for (const { file } of deployments) expect(stdout).toContain(`[carepath] ${file}: `);
    for (const [formId, schema] of Object.entries(deployments[0]?.body.forms ?? {})) {
      const stored = await api('GET', `/api/forms/${formId}`, world.psychA.token);
      expect([stored.status, stored.body.schema]).toEqual([200, schema]);
    }
  });

  async function startWalk(key: string, walk: Walk): Promise<{ instanceId: string; caseKey: string }> {
    let studentId: string | undefined;
    const variables = { ...walk.variables };
    if (walk.student) {
      const student = await api('POST', '/api/students', world.adminToken, {
        orgUnitId: world.units.classA,
        studentNo: unique().slice(-12),
        name: '测试学生',
      });
      expect(student.status).toBe(201);
      studentId = student.body.id as string;
    }
    if (key === 'screening-campaign') {
      const student = await api('POST', '/api/students', world.adminToken, {
        orgUnitId: world.units.classA,
        studentNo: unique().slice(-12),
        name: '筛查学生',
      });
      variables.flaggedStudents = [
        { studentId: student.body.id, studentNo: student.body.studentNo, instrument: 'phq-9', score: 21 },
      ];
    }
    const started = await api('POST', '/api/instances', world.adminToken, {
      definitionKey: key,
      ...(studentId ? { studentId } : { orgUnitId: world.units[walk.unit ?? 'classA'] }),
      variables,
    });
    expect([walk.name, started.status, started.body.detail]).toEqual([walk.name, 201, undefined]);
    const instanceId = started.body.id as string;
    const instance = await instanceOf(instanceId);
    return { instanceId, caseKey: String(instance.variables?.caseKey ?? '') };
  }

  async function nudge(caseKey: string, step: Nudge): Promise<void> {
    if ('waitMs' in step) {
      await new Promise((resolve) => setTimeout(resolve, step.waitMs));
      return;
    }
    const sent = await api('POST', '/api/messages', member('psychTeacher').token, {
      name: step.message,
      correlationKey: caseKey,
      variables: step.variables ?? {},
      timeToLive: 'PT1M',
    });
    expect([step.message, sent.status]).toEqual([step.message, 200]);
  }

  /**
   * A case as GET /api/instances/:id answers it; a sealed case file (after the pathway's
   * seal-file) answers only a read with a reason, so the walk gives one then.
   */
  async function instanceOf(id: string): Promise<{ state?: string; variables?: Record<string, unknown> }> {
    const read = await api('GET', `/api/instances/${id}`, world.adminToken);
    if (read.status !== 403) return read.body;
    return (
      await api(
        'GET',
        `/api/instances/${id}?reason=${encodeURIComponent('端到端测试核对')}`,
        world.adminToken,
      )
    ).body;
  }

  /** Walks one case of the deployed key; answers the form ids it checked. */
  async function walkCase(key: string, walk: Walk): Promise<Set<string>> {
    const { instanceId, caseKey } = await startWalk(key, walk);
    for (const step of walk.first ?? []) await nudge(caseKey, step);
    if (walk.settleMs) await new Promise((resolve) => setTimeout(resolve, walk.settleMs));
    const nudges = [...(walk.nudges ?? [])];
    const seen = new Set<string>();
    const checked = new Set<string>();
    const later = (task: OpenTask) => (walk.last ?? []).includes(task.elementId);
    for (let step = 0; step < 60; step += 1) {
      const open = (await openTasks(instanceId))
        .filter((task) => !seen.has(task.id))
        .sort((a, b) => Number(later(a)) - Number(later(b)));
      if (open.length === 0) {
        const next = nudges.shift();
        if (next) {
          await nudge(caseKey, next);
          continue;
        }
        const more = await eventually(async () => {
          const { state } = await instanceOf(instanceId);
          expect([walk.name, state]).not.toEqual([walk.name, 'incident']);
          const waiting = (await openTasks(instanceId)).filter((task) => !seen.has(task.id));
          if (waiting.length > 0) return 'more';
          return state === 'active' ? undefined : 'done';
        }, 10_000).catch(() => 'stuck');
        if (more !== 'more') break;
        continue;
      }
      const task = open[0]!;
      seen.add(task.id);
      const person = member(task.candidateGroups[0] ?? 'psychTeacher');
      const read = await api('GET', `/api/tasks/${task.id}`, person.token);
      if (read.status === 404) continue; // closed meanwhile (an escalation closed by the assessment)
      expect([task.elementId, read.status]).toEqual([task.elementId, 200]);
      const schema = read.body.form as FormSchema | null;
      const context = read.body.variables as Record<string, unknown>;
      if (!schema) {
        expect(
          (await api('POST', `/api/tasks/${task.id}/complete`, person.token, { variables: {} })).status,
        ).toBe(200);
        continue;
      }
      // then each bad variant is refused with a 400 naming its field
      const good = goodData(schema, context, walk.choices);
      const variants = badVariants(schema, good, context);
      expect(variants.length).toBeGreaterThan(0);
      for (const variant of variants) {
        const refused = await api('POST', `/api/tasks/${task.id}/complete`, person.token, {
          variables: variant.data,
        });
        expect([variant.why, refused.status]).toEqual([variant.why, 400]);
        expect([variant.why, refused.body.errors.map((e: { path: string }) => e.path)]).toEqual([
          variant.why,
          expect.arrayContaining([variant.path]),
        ]);
        expect(refused.body.detail).toContain(variant.path);
      }
      // and the good data completes it, the case holding what the form lets through
      const done = await api('POST', `/api/tasks/${task.id}/complete`, person.token, { variables: good });
      expect([task.elementId, done.status, done.body.detail]).toEqual([task.elementId, 200, undefined]);
      const kept = validateSubmission(schema, good, { context }).data;
      // what a task inside a multi-instance activity sets stays in its inner instance: only
      // values that reach the case's own variables are compared
      const variables = await eventually(async () => {
        const all = (await instanceOf(instanceId)).variables ?? {};
        return Object.keys(kept).every((name) => name in all) ? all : undefined;
      }, 3_000).catch(() => null);
      if (variables) expect(variables).toMatchObject(kept);
      checked.add(String(schema.id ?? read.body.formId));
    }
    const final = (await instanceOf(instanceId)).state;
    expect([walk.name, final]).not.toEqual([walk.name, 'incident']);
    return checked;
  }

  it.each(deployments.map((d) => [d.file, d] as const))(
    '%s: every task with a form refuses bad data naming the field, and takes good data',
    async (file, { body }) => {
      // given the diagram deployed as scripts/deploy-processes.mjs deploys it, without a warning
      const deployed = await api('POST', '/api/definitions', world.adminToken, body);
      expect([201, 200]).toContain(deployed.status);
      expect(deployed.body.warnings).toEqual([]);

      // when every open task of each walk is walked
      const checked = new Set<string>();
      for (const walk of walksOf(file, body.xml)) {
        for (const formId of await walkCase(deployed.body.key as string, walk)) checked.add(formId);
      }

      // then every form the diagram links was checked on one walk at least
      expect([...checked].sort()).toEqual([...linkedForms(body.xml)].sort());
    },
  );
});
