import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from './stack';

export interface ApiResponse<T = any> {
  status: number;
  contentType: string;
  body: T;
}

/** A minimal HTTP client for tests: JSON in, JSON (or problem+json) out. */
export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] = 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await call<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/login', {
    body: { username, password },
  });
  if (response.status !== 200) throw new Error(`login of ${username} failed with ${response.status}`);
  return response.body.accessToken;
}

export function fixture(name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
}

/** Short unique suffix so tests sharing one database never collide. */
export function unique(): string {
  return randomBytes(4).toString('hex');
}

export interface Person {
  id: string;
  username: string;
  password: string;
  token: string;
}

export interface World {
  adminToken: string;
  units: {
    city: string;
    district: string;
    schoolA: string;
    gradeA: string;
    classA: string;
    schoolB: string;
    classB: string;
  };
  psychA: Person;
  psychB: Person;
  classTeacherA: Person;
}

/** Factory: a city with a district, two schools (A and B) each with a class, and their staff. */
export async function buildWorld(stack: Stack): Promise<World> {
  const adminToken = await login(stack.baseUrl, 'admin', stack.adminPassword);
  const tag = unique();
  const unit = async (
    parentId: string | undefined,
    kind: string,
    code: string,
    name: string,
  ): Promise<string> => {
    const response = await call(stack.baseUrl, 'POST', '/api/org-units', {
      token: adminToken,
      body: { ...(parentId ? { parentId } : {}), kind, code, name },
    });
    if (response.status !== 201)
      throw new Error(`org unit ${code}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const city = await unit(undefined, 'city', `c-${tag}`, `City ${tag}`);
  const district = await unit(city, 'district', 'd1', 'District 1');
  const schoolA = await unit(district, 'school', 'sa', 'School A');
  const gradeA = await unit(schoolA, 'grade', 'g7', 'Grade 7');
  const classA = await unit(gradeA, 'class', 'k2', 'Class 2');
  const schoolB = await unit(district, 'school', 'sb', 'School B');
  const gradeB = await unit(schoolB, 'grade', 'g7', 'Grade 7');
  const classB = await unit(gradeB, 'class', 'k1', 'Class 1');
  const person = async (name: string, role: string, orgUnitId: string): Promise<Person> => {
    const username = `${name}-${tag}`;
    // Not containing the username (`${name}-${tag}`): the password policy refuses that.
    const password = `pw-${tag}-${name}-long`;
    const response = await call(stack.baseUrl, 'POST', '/api/users', {
      token: adminToken,
      body: { username, password, displayName: name, roles: [{ role, orgUnitId }] },
    });
    if (response.status !== 201)
      throw new Error(`user ${username}: ${response.status} ${JSON.stringify(response.body)}`);
    return {
      id: response.body.id as string,
      username,
      password,
      token: await login(stack.baseUrl, username, password),
    };
  };
  return {
    adminToken,
    units: { city, district, schoolA, gradeA, classA, schoolB, classB },
    psychA: await person('psych-a', 'psychTeacher', schoolA),
    psychB: await person('psych-b', 'psychTeacher', schoolB),
    classTeacherA: await person('teacher-a', 'classTeacher', classA),
  };
}

/** Deploys the single-task diagram (idempotent: same sha-256, same version). */
export async function deploySingleTask(
  stack: Stack,
  token: string,
): Promise<{ id: string; key: string; version: number }> {
  const response = await call(stack.baseUrl, 'POST', '/api/definitions', {
    token,
    body: { xml: fixture('single-task.bpmn') },
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`deploy: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Seeds a school with a psychology teacher and one started case with its open task. */
export async function seedSchoolWithCase(stack: Stack): Promise<{
  teacher: { username: string; password: string };
  instanceId: string;
  taskId: string;
  world: World;
}> {
  const world = await buildWorld(stack);
  await deploySingleTask(stack, world.adminToken);
  const started = await call(stack.baseUrl, 'POST', '/api/instances', {
    token: world.psychA.token,
    body: {
      definitionKey: 'initial-assessment',
      orgUnitId: world.units.classA,
      variables: { source: 'teacher' },
    },
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const tasks = await call(stack.baseUrl, 'GET', `/api/tasks?candidate=me&instanceId=${started.body.id}`, {
    token: world.psychA.token,
  });
  const taskId = tasks.body.items[0]?.id as string | undefined;
  if (!taskId) throw new Error('the started case has no task for the psychology teacher');
  return {
    teacher: { username: world.psychA.username, password: world.psychA.password },
    instanceId: started.body.id,
    taskId,
    world,
  };
}

/** Polls `probe` until it returns something other than undefined (or fails after `ms`). */
export async function eventually<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Nothing came within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Factory: a user holding `role` at `orgUnitId`, created by `adminToken`, signed in; shown as
 * `displayName` (by default their username).
 */
export async function createPerson(
  stack: Stack,
  adminToken: string,
  role: string,
  orgUnitId: string,
  displayName?: string,
): Promise<Person> {
  const username = `${role.toLowerCase()}-${unique()}`;
  const password = `Kx-${randomBytes(9).toString('base64url')}`;
  const created = await call(stack.baseUrl, 'POST', '/api/users', {
    token: adminToken,
    body: { username, password, displayName: displayName ?? username, roles: [{ role, orgUnitId }] },
  });
  if (created.status !== 201)
    throw new Error(`user ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id, username, password, token: await login(stack.baseUrl, username, password) };
}

/** A call that must succeed: its body, or an error naming the request, the status and the body. */
export async function callOk<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await call<T>(baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The first open task of a case that `token` may see, once its projection shows it. */
export async function openTaskOf(
  stack: Stack,
  instanceId: string,
  token: string,
): Promise<{ id: string; elementId: string }> {
  return eventually(async () => {
    const tasks = await call(stack.baseUrl, 'GET', `/api/tasks?instanceId=${instanceId}&state=open`, {
      token,
    });
    return tasks.body.items[0] as { id: string; elementId: string } | undefined;
  });
}
