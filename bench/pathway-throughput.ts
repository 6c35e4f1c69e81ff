import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, eventually, type World } from '../test/support/api-client';
import type { Stack } from '../test/support/stack';
import { onRealStack } from './support/real-stack';
import { intFromEnv } from './support/env';
import { type BenchResult, measure, ratio } from './support/report';
import { elapsedMs, percentile } from './support/stats';

/**
 * (f) The shipped crisis-care pathway on the real stack (issue 10): api, worker, the Temporal dev
 * server and a throwaway PostgreSQL database. Each case is started for a student through
 * POST /api/instances and its first task (`initial-assessment`) completed through
 * POST /api/tasks/:id/complete with its form's data, which opens the next step; the yardstick is
 * the one-task `concern-intake` driven the same way (its task completed ends the case). Both
 * sides in rounds of alternating order (ABBA), a fixed number of cases in flight.
 */

const ROOT = join(__dirname, '..', '..');
const PROCESSES = join(ROOT, 'processes');

/** What each side's first task is completed with: valid for its form; moderate opens a task at once. */
const ASSESSMENT = {
  riskLevel: 'moderate',
  assessmentNotes: '学生近期学习压力较大，睡眠尚可，否认自伤想法；建议班主任每月关注。',
};

interface Side {
  name: 'crisis-care' | 'concern-intake';
  /** The first task's element id. */
  firstTask: string;
}

const SIDES: Record<Side['name'], Side> = {
  'crisis-care': { name: 'crisis-care', firstTask: 'initial-assessment' },
  'concern-intake': { name: 'concern-intake', firstTask: 'assess-risk' },
};

export async function pathwayThroughput(): Promise<BenchResult> {
  const began = performance.now();
  const perSide = intFromEnv('BENCH_PATHWAY_CASES', 1000);
  const inFlight = intFromEnv('BENCH_PATHWAY_CONCURRENCY', 16);
  const rounds = 4;
  return onRealStack(async (stack, world) => {
    await deployShipped(stack, world.adminToken);
    const students = await registerStudents(stack, world, 2 * perSide + 2 * inFlight);
    const take = () => {
      const id = students.pop();
      if (!id) throw new Error('ran out of students');
      return id;
    };
    // Warm-up: a few cases of each side, not counted.
    for (const side of Object.values(SIDES)) await runCases(stack, world, side, inFlight, inFlight, take);

    const totals: Record<Side['name'], { cases: number; ms: number; completions: number[] }> = {
      'crisis-care': { cases: 0, ms: 0, completions: [] },
      'concern-intake': { cases: 0, ms: 0, completions: [] },
    };
    const perRound = Math.ceil(perSide / rounds);
    for (let round = 0; round < rounds; round += 1) {
      const order: Side['name'][] =
        round % 2 === 0 ? ['crisis-care', 'concern-intake'] : ['concern-intake', 'crisis-care'];
      for (const name of order) {
        const started = performance.now();
        const completions = await runCases(stack, world, SIDES[name], perRound, inFlight, take);
        totals[name].ms += elapsedMs(started);
        totals[name].cases += perRound;
        totals[name].completions.push(...completions);
      }
    }
    const rate = (name: Side['name']) => (totals[name].cases * 1000) / totals[name].ms;
    const p = (name: Side['name'], q: number) => percentile(totals[name].completions, q);
    return {
      id: 'pathway-throughput',
      title: '(f) The shipped crisis-care pathway, first two steps, on the real stack',
      parameters: { casesPerSide: totals['crisis-care'].cases, inFlight, rounds },
      figures: [
        measure('crisis-care: cases through two steps', rate('crisis-care'), 'cases/s'),
        measure('crisis-care: initial-assessment completion p50', p('crisis-care', 50), 'ms'),
        measure('crisis-care: initial-assessment completion p95', p('crisis-care', 95), 'ms'),
        measure('concern-intake: cases through its task', rate('concern-intake'), 'cases/s'),
        measure('concern-intake: assess-risk completion p50', p('concern-intake', 50), 'ms'),
        measure('concern-intake: assess-risk completion p95', p('concern-intake', 95), 'ms'),
      ],
      ratios: [
        ratio('cases/s crisis-care / concern-intake', rate('crisis-care'), rate('concern-intake')),
        ratio('completion p95 crisis-care / concern-intake', p('crisis-care', 95), p('concern-intake', 95)),
      ],
      notes: [
        'A case: POST /api/instances for a student (the student’s case key, the one-open-case check), polling GET /api/tasks until its first task is open, then POST /api/tasks/:id/complete with the assessment (riskLevel moderate), whose answer comes once the next step is written.',
        'crisis-care’s completion closes the assessment sub-process and its escalation timer and opens the moderate branch’s support plan (due in 5 school days, on the school calendar); concern-intake’s ends the case.',
        `Both sides run ${rounds} rounds in ABBA order after a warm-up, ${inFlight} cases in flight; cases/s is cases over the sides’ summed round times.`,
      ],
      seconds: elapsedMs(began) / 1000,
    };
  });
}

/**
 * Deploys the shipped diagrams (every one, or those whose process key is in `only`) with every
 * shipped form, as ./scripts/up does; returns each deployed definition's id by key.
 */
export async function deployShipped(
  stack: Pick<Stack, 'baseUrl'>,
  token: string,
  only?: readonly string[],
): Promise<Map<string, string>> {
  const formsDir = join(PROCESSES, 'forms');
  const forms: Record<string, unknown> = {};
  for (const file of readdirSync(formsDir).filter((name) => name.endsWith('.form'))) {
    const schema = JSON.parse(readFileSync(join(formsDir, file), 'utf8')) as { id: string };
    forms[schema.id] = schema;
  }
  const deployed = new Map<string, string>();
  for (const file of readdirSync(PROCESSES).filter((name) => name.endsWith('.bpmn'))) {
    if (only && !only.includes(file.replace(/\.bpmn$/, ''))) continue;
    const answer = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token,
      body: { xml: readFileSync(join(PROCESSES, file), 'utf8'), forms },
    });
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`deploy ${file}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const body = answer.body as { id: string; key: string };
    deployed.set(body.key, body.id);
  }
  return deployed;
}

async function registerStudents(stack: Stack, world: World, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const created = await call(stack.baseUrl, 'POST', '/api/students', {
      token: world.adminToken,
      body: { orgUnitId: world.units.classA, studentNo: `b${i}`, name: `学生${i}` },
    });
    if (created.status !== 201) throw new Error(`student ${i}: ${created.status}`);
    ids.push(created.body.id as string);
  }
  return ids;
}

/** Runs `count` cases of a side, `inFlight` at a time; returns each completion's round trip (ms). */
async function runCases(
  stack: Stack,
  world: World,
  side: Side,
  count: number,
  inFlight: number,
  student: () => string,
): Promise<number[]> {
  const completions: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      completions.push(await runCase(stack, world, side, student()));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return completions;
}

async function runCase(stack: Stack, world: World, side: Side, studentId: string): Promise<number> {
  const started = await call(stack.baseUrl, 'POST', '/api/instances', {
    token: world.psychA.token,
    body: {
      definitionKey: side.name,
      studentId,
      variables: { source: 'teacher', concern: '同学反映其近期情绪低落' },
    },
  });
  if (started.status !== 201)
    throw new Error(`start ${side.name}: ${started.status} ${JSON.stringify(started.body)}`);
  const task = await eventually(async () => {
    const open = await call(
      stack.baseUrl,
      'GET',
      `/api/tasks?instanceId=${started.body.id}&state=open&candidate=me`,
      { token: world.psychA.token },
    );
    return (open.body.items as { id: string; elementId: string }[]).find(
      (t) => t.elementId === side.firstTask,
    );
  });
  const start = performance.now();
  const done = await call(stack.baseUrl, 'POST', `/api/tasks/${task.id}/complete`, {
    token: world.psychA.token,
    body: { variables: ASSESSMENT },
  });
  const ms = elapsedMs(start);
  if (done.status !== 200)
    throw new Error(`complete ${side.name}: ${done.status} ${JSON.stringify(done.body)}`);
  return ms;
}
