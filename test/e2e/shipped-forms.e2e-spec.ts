import { join } from 'node:path';
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
import { buildWorld, call, createPerson, eventually, type Person, type World } from '../support/api-client';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(300_000);

/**
 * Every user task of every shipped diagram that has a form is validated on the server (issue 9,
 * "Done when"). The diagrams are deployed with their forms exactly as scripts/deploy-processes.mjs
 * sends them; a case of each is walked task by task, and for each form the bad data is derived
 * from the schema itself (each required field left out, each bound crossed, a choice outside the
 * options), so a diagram or form added later is covered without touching this test.
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

/** A value each field accepts, derived from its rules. */
function goodValue(component: FormComponent, context: Record<string, unknown>): unknown {
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
function goodData(schema: FormSchema, context: Record<string, unknown>): Record<string, unknown> {
  let data: Record<string, unknown> = {};
  for (const field of fieldsOf(schema)) {
    data = setPath(data, field.path, goodValue(field.component, { ...context, ...data }));
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

describe('the shipped diagrams and their forms', () => {
  const root = join(__dirname, '..', '..', 'processes');
  const deployments = shippedDeployments(root);

  it('ships at least one diagram with a form', () => {
    expect(deployments.length).toBeGreaterThan(0);
    expect(Object.keys(deployments[0]?.body.forms ?? {})).toContain('risk-assessment');
  });

  it.each(deployments.map((d) => [d.file, d] as const))(
    '%s: every task with a form refuses bad data naming the field, and takes good data',
    async (_file, { body }) => {
      // given the diagram deployed as scripts/deploy-processes.mjs deploys it
      const deployed = await api('POST', '/api/definitions', world.adminToken, body);
      expect([201, 200]).toContain(deployed.status);
      expect(JSON.stringify(deployed.body.warnings)).not.toContain('links form');
      const started = await api('POST', '/api/instances', world.adminToken, {
        definitionKey: deployed.body.key,
        orgUnitId: world.units.classA,
        variables: {},
      });
      expect(started.status).toBe(201);
      const instanceId = started.body.id as string;

      // when every open task is walked
      const seen = new Set<string>();
      let formsChecked = 0;
      for (let step = 0; step < 50; step += 1) {
        const open = (await openTasks(instanceId)).filter((task) => !seen.has(task.id));
        if (open.length === 0) {
          const next = await eventually(async () => {
            const state = (await api('GET', `/api/instances/${instanceId}`, world.adminToken)).body.state;
            const more = (await openTasks(instanceId)).filter((task) => !seen.has(task.id));
            if (more.length > 0) return 'more';
            return state === 'active' ? undefined : 'done';
          }, 10_000).catch(() => 'stuck');
          if (next !== 'more') break;
          continue;
        }
        const task = open[0]!;
        seen.add(task.id);
        const person = member(task.candidateGroups[0] ?? 'psychTeacher');
        const read = await api('GET', `/api/tasks/${task.id}`, person.token);
        expect(read.status).toBe(200);
        const schema = read.body.form as FormSchema | null;
        const context = read.body.variables as Record<string, unknown>;
        if (!schema) {
          expect(
            (await api('POST', `/api/tasks/${task.id}/complete`, person.token, { variables: {} })).status,
          ).toBe(200);
          continue;
        }
        // then each bad variant is refused with a 400 naming its field
        const good = goodData(schema, context);
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
        expect(done.status).toBe(200);
        const kept = validateSubmission(schema, good, { context }).data;
        const variables = await eventually(async () => {
          const instance = await api('GET', `/api/instances/${instanceId}`, world.adminToken);
          const all = instance.body.variables as Record<string, unknown>;
          return Object.keys(kept).every((name) => name in all) ? all : undefined;
        });
        expect(variables).toMatchObject(kept);
        formsChecked += 1;
      }
      // every diagram linking a form had its form checked at least once
      const links = /<zeebe:formDefinition[^>]*formId=/.test(body.xml);
      expect(formsChecked > 0).toBe(links);
    },
  );
});
