import { EventEmitter } from 'node:events';
import { BpmnModdle } from 'bpmn-moddle';
import { Engine, type BpmnEngineOptions } from 'bpmn-engine';
import { compileProcess, type ProcessModel } from '../libs/bpmn/src';
import {
  completeTask,
  type EngineContext,
  type EngineFailure,
  startInstance,
  type Step,
} from '../libs/engine/src';
import { stagedPathway } from './support/diagrams';
import { collectGarbage, intFromEnv } from './support/env';
import { type BenchResult, measure, ratio } from './support/report';
import { elapsedMs } from './support/stats';

/**
 * (a) The pure engine against bpmn-engine on the same diagram, in this process: how many
 * instances each runs to the end per second, and how many element activations that is. Both
 * are driven the same way: start, then complete (signal) each user task as it opens.
 */

const NOW = '2026-01-05T08:00:00.000Z';

interface Throughput {
  instances: number;
  steps: number;
  activations: number;
  ms: number;
}

const none = (): Throughput => ({ instances: 0, steps: 0, activations: 0, ms: 0 });

function add(total: Throughput, more: Throughput): Throughput {
  return {
    instances: total.instances + more.instances,
    steps: total.steps + more.steps,
    activations: total.activations + more.activations,
    ms: total.ms + more.ms,
  };
}

function accepted(result: Step | EngineFailure): Step {
  if ('kind' in result) throw new Error(`The engine refused a bench step: ${result.message}`);
  return result;
}

function entered(step: Step): number {
  let count = 0;
  for (const event of step.events) if (event.type === 'element.entered') count += 1;
  return count;
}

/** One instance of ours, start to end: returns its steps and element activations. */
function runOurs(model: ProcessModel): { steps: number; activations: number } {
  let counter = 0;
  const ctx: EngineContext = { now: NOW, newId: () => `id-${(counter += 1)}` };
  let step = accepted(startInstance(model, {}, ctx));
  let steps = 1;
  let activations = entered(step);
  for (;;) {
    const opened = step.commands.find((command) => command.type === 'openUserTask');
    if (!opened) break;
    step = accepted(
      completeTask(model, step.state, { taskId: opened.task.taskId, variables: {}, actor: 'bench' }, ctx),
    );
    steps += 1;
    activations += entered(step);
  }
  if (step.state.status !== 'completed')
    throw new Error(`Expected the instance to complete, it is ${step.state.status}`);
  return { steps, activations };
}

/** The part of bpmn-engine's element api the driver uses. */
interface WaitingElement {
  signal(message?: unknown): void;
}

/** One instance of bpmn-engine, start to end, each waiting user task signalled as it waits. */
async function runTheirs(options: () => BpmnEngineOptions): Promise<{ steps: number; activations: number }> {
  const engine = new Engine(options());
  const listener = new EventEmitter();
  let steps = 1;
  let activations = 0;
  listener.on('activity.start', () => {
    activations += 1;
  });
  listener.on('wait', (element: WaitingElement) => {
    steps += 1;
    element.signal();
  });
  const ended = new Promise<void>((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', (error: unknown) =>
      reject(error instanceof Error ? error : new Error(String(error))),
    );
  });
  await engine.execute({ listener });
  await ended;
  return { steps, activations };
}

/** Runs instances one after another until `seconds` have passed. */
async function timed(
  seconds: number,
  runOne: () => { steps: number; activations: number } | Promise<{ steps: number; activations: number }>,
): Promise<Throughput> {
  collectGarbage();
  const start = performance.now();
  const total = none();
  while (elapsedMs(start) < seconds * 1000) {
    const one = await runOne();
    total.instances += 1;
    total.steps += one.steps;
    total.activations += one.activations;
  }
  total.ms = elapsedMs(start);
  return total;
}

export async function engineVsBpmnEngine(): Promise<BenchResult> {
  const began = performance.now();
  const stages = intFromEnv('BENCH_ENGINE_STAGES', 10);
  const seconds = intFromEnv('BENCH_ENGINE_SECONDS', 3);
  const rounds = intFromEnv('BENCH_ENGINE_ROUNDS', 3);
  const { xml, elements } = stagedPathway(stages);

  const compiled = await compileProcess(xml);
  if (!compiled.ok) throw new Error(`The bench diagram does not compile: ${JSON.stringify(compiled.errors)}`);
  const { model } = compiled;
  // bpmn-engine's documented use parses the XML per engine; handing it a context parsed once
  // is the fair match for our compile-once, so both are measured.
  const moddleContext = await new BpmnModdle().fromXML(xml);
  const contenders = {
    ours: () => runOurs(model),
    theirsFromXml: () => runTheirs(() => ({ source: xml })),
    theirsParsedOnce: () => runTheirs(() => ({ moddleContext })),
  };

  // Both must run the diagram the same way before anything is timed.
  const check = { ours: runOurs(model), theirs: await contenders.theirsParsedOnce() };
  if (check.ours.steps !== check.theirs.steps) {
    throw new Error(
      `The engines took different steps: ours ${check.ours.steps}, bpmn-engine ${check.theirs.steps}`,
    );
  }

  const warmUp = Math.max(1, Math.round(seconds / 2));
  for (const run of Object.values(contenders)) await timed(warmUp, run);
  let ours = none();
  let theirsFromXml = none();
  let theirsParsedOnce = none();
  for (let round = 0; round < rounds; round += 1) {
    // Alternating, so a drift in machine load falls on all of them alike.
    ours = add(ours, await timed(seconds, contenders.ours));
    theirsFromXml = add(theirsFromXml, await timed(seconds, contenders.theirsFromXml));
    theirsParsedOnce = add(theirsParsedOnce, await timed(seconds, contenders.theirsParsedOnce));
  }

  const perSecond = (count: number, total: Throughput) => (count * 1000) / total.ms;
  const rows = [
    ['CarePath engine', ours],
    ['bpmn-engine, context parsed once', theirsParsedOnce],
    ['bpmn-engine, source: xml per instance', theirsFromXml],
  ] as const;
  return {
    id: 'engine-vs-bpmn-engine',
    title: '(a) Pure engine vs bpmn-engine on the same diagram',
    parameters: {
      stages,
      elements,
      userTasksPerInstance: stages,
      secondsPerRound: seconds,
      rounds,
      bpmnEngine: '25.0.1',
    },
    figures: [
      ...rows.flatMap(([name, total]) => [
        measure(`${name}: instances/s`, perSecond(total.instances, total), 'inst/s'),
        measure(`${name}: engine steps/s`, perSecond(total.steps, total), 'steps/s'),
        measure(`${name}: element activations/s`, perSecond(total.activations, total), 'act/s'),
      ]),
      measure('CarePath: activations per instance', ours.activations / ours.instances, 'count'),
      measure(
        'bpmn-engine: activations per instance',
        theirsParsedOnce.activations / theirsParsedOnce.instances,
        'count',
      ),
    ],
    ratios: [
      ratio(
        'instances/s ours / bpmn-engine (parsed once)',
        perSecond(ours.instances, ours),
        perSecond(theirsParsedOnce.instances, theirsParsedOnce),
      ),
      ratio(
        'instances/s ours / bpmn-engine (source: xml)',
        perSecond(ours.instances, ours),
        perSecond(theirsFromXml.instances, theirsFromXml),
      ),
      ratio(
        'activations/s ours / bpmn-engine (parsed once)',
        perSecond(ours.activations, ours),
        perSecond(theirsParsedOnce.activations, theirsParsedOnce),
      ),
    ],
    notes: [
      `Diagram: ${stages} × (user task → parallel fork → two undefined tasks → parallel join), with start and end: ${elements} elements; no conditions, so expression languages (FEEL here, JavaScript there) are not compared.`,
      'Ours: compileProcess once, then startInstance + completeTask per user task, a counter for ids; activations are element.entered events.',
      "bpmn-engine: new Engine per instance, execute(), api.signal() on each 'wait' until 'end'; activations are activity.start events.",
      `Each contender ran ${rounds} alternating rounds of ${seconds} s after a ${warmUp} s warm-up, one instance at a time on one thread.`,
    ],
    seconds: elapsedMs(began) / 1000,
  };
}
