import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FormSchema, validateSubmission } from '../libs/forms/src';
import { call, eventually, type World } from '../test/support/api-client';
import { chain, diagram, userTask } from '../test/support/bpmn-xml';
import type { Stack } from '../test/support/stack';
import { onRealStack } from './support/real-stack';
import { intFromEnv } from './support/env';
import { type BenchResult, measure, ratio } from './support/report';
import { elapsedMs, percentile } from './support/stats';

/**
 * (e) What checking a completion against its form costs (docs/forms.md, issue 9): on the real
 * stack (api, worker, Temporal dev server, a throwaway PostgreSQL database), the round trip of
 * POST /api/tasks/:id/complete for a task with the shipped risk-assessment form and for the same
 * task without a form, alternating case by case; and validateSubmission alone, in process.
 */

const ROOT = join(__dirname, '..', '..');

export async function formCompletion(): Promise<BenchResult> {
  const began = performance.now();
  const cases = intFromEnv('BENCH_FORM_CASES', 60);
  const calls = intFromEnv('BENCH_FORM_CALLS', 20_000);
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'processes', 'forms', 'risk-assessment.form'), 'utf8'),
  ) as FormSchema;
  const good = {
    riskLevel: 'high',
    assessmentNotes: '学生自述近期睡眠差、情绪低落，否认自伤计划；已与班主任沟通。',
    phq9Score: '14',
    guardianInformed: true,
    nextContactOn: '2026-03-02',
  };

  // validateSubmission alone: good data, then data with three errors, in Chinese
  const bad = { assessmentNotes: '太短', phq9Score: 40 };
  const perCall = (data: Record<string, unknown>): number => {
    for (let i = 0; i < 1000; i += 1) validateSubmission(schema, data, { language: 'zh-CN' });
    const start = performance.now();
    for (let i = 0; i < calls; i += 1) validateSubmission(schema, data, { language: 'zh-CN' });
    return (elapsedMs(start) * 1000) / calls;
  };
  const goodMicros = perCall(good);
  const badMicros = perCall(bad);
  if (validateSubmission(schema, good).errors.length !== 0) throw new Error('the good data is refused');

  return onRealStack(async (stack, world) => {
    const withForm = await deploy(stack, world, 'bench-with-form', schema);
    const withoutForm = await deploy(stack, world, 'bench-without-form', null);
    const times: Record<'form' | 'none', number[]> = { form: [], none: [] };
    for (let i = 0; i < cases + 4; i += 1) {
      // ABBA order, the first four rounds a warm-up
      const order: ('form' | 'none')[] = i % 2 === 0 ? ['form', 'none'] : ['none', 'form'];
      for (const side of order) {
        const ms = await completionRoundTrip(stack, world, side === 'form' ? withForm : withoutForm, good);
        if (i >= 4) times[side].push(ms);
      }
    }
    const p = (side: 'form' | 'none', q: number) => percentile(times[side], q);
    return {
      id: 'form-completion',
      title: '(e) Task completion checked against its form, on the real stack',
      parameters: { cases, calls, form: 'processes/forms/risk-assessment.form' },
      figures: [
        measure('completion with the form: p50', p('form', 50), 'ms'),
        measure('completion with the form: p95', p('form', 95), 'ms'),
        measure('completion without a form: p50', p('none', 50), 'ms'),
        measure('completion without a form: p95', p('none', 95), 'ms'),
        measure('validateSubmission, good data', goodMicros, 'µs/call'),
        measure('validateSubmission, 3 errors (zh-CN)', badMicros, 'µs/call'),
      ],
      ratios: [
        ratio('completion p95 with / without a form', p('form', 95), p('none', 95)),
        ratio('completion p50 with / without a form', p('form', 50), p('none', 50)),
      ],
      notes: [
        'Each round trip is POST /api/tasks/:id/complete until its answer: the task read, the form resolved in SQL, validateSubmission, the Update to the case and its projection.',
        'Both sides send the same five variables; the two sides alternate case by case (ABBA); the first four rounds are a warm-up.',
        'validateSubmission is timed in this process over BENCH_FORM_CALLS calls after 1,000 warm-up calls.',
      ],
      seconds: elapsedMs(began) / 1000,
    };
  });
}

interface Pathway {
  key: string;
}

async function deploy(stack: Stack, world: World, key: string, form: FormSchema | null): Promise<Pathway> {
  const extensions = form ? '<zeebe:formDefinition formId="bench-assessment" />' : '';
  const xml = diagram(
    key,
    `<bpmn:startEvent id="s" />${userTask('assess', { groups: 'psychTeacher', extensions })}<bpmn:endEvent id="e" />`,
    { flows: chain('s', 'assess', 'e') },
  );
  const answer = await call(stack.baseUrl, 'POST', '/api/definitions', {
    token: world.adminToken,
    body: { xml, ...(form ? { forms: { 'bench-assessment': form } } : {}) },
  });
  if (answer.status !== 201)
    throw new Error(`deploy ${key}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { key };
}

/** Starts a case, waits for its task, and times the completion's round trip alone. */
async function completionRoundTrip(
  stack: Stack,
  world: World,
  pathway: Pathway,
  data: Record<string, unknown>,
): Promise<number> {
  const started = await call(stack.baseUrl, 'POST', '/api/instances', {
    token: world.adminToken,
    body: { definitionKey: pathway.key, orgUnitId: world.units.classA },
  });
  if (started.status !== 201) throw new Error(`start: ${started.status}`);
  const task = await eventually(async () => {
    const open = await call(stack.baseUrl, 'GET', `/api/tasks?instanceId=${started.body.id}&state=open`, {
      token: world.psychA.token,
    });
    return open.body.items[0] as { id: string } | undefined;
  });
  const start = performance.now();
  const done = await call(stack.baseUrl, 'POST', `/api/tasks/${task.id}/complete`, {
    token: world.psychA.token,
    body: { variables: data },
  });
  const ms = elapsedMs(start);
  if (done.status !== 200) throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
  return ms;
}
