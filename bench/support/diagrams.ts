import { chain, diagram, flow, userTask } from '../../test/support/bpmn-xml';

/**
 * The diagrams the benchmarks run, generated so their size is a parameter. They use only what
 * both CarePath and bpmn-engine run without configuration: user tasks (a wait), undefined tasks
 * (pass through) and parallel gateways, so neither engine evaluates an expression.
 */

/** Ids of the user tasks of `stagedPathway`, in the order they open. */
export function stageTaskIds(stages: number): string[] {
  return Array.from({ length: stages }, (_, index) => `review-${index + 1}`);
}

/**
 * `stages` times: a user task, a parallel fork into two undefined tasks, a parallel join; with a
 * start and an end event. 10 stages make 52 elements.
 */
export function stagedPathway(stages: number): { xml: string; elements: number } {
  const elements: string[] = ['<bpmn:startEvent id="start" />'];
  const flows: string[] = [];
  let previous = 'start';
  for (const [index, review] of stageTaskIds(stages).entries()) {
    const n = index + 1;
    const [fork, left, right, join] = [`fork-${n}`, `note-${n}`, `inform-${n}`, `join-${n}`];
    elements.push(
      userTask(review),
      `<bpmn:parallelGateway id="${fork}" />`,
      `<bpmn:task id="${left}" />`,
      `<bpmn:task id="${right}" />`,
      `<bpmn:parallelGateway id="${join}" />`,
    );
    flows.push(...chain(previous, review, fork, left, join), ...chain(fork, right, join));
    previous = join;
  }
  elements.push('<bpmn:endEvent id="end" />');
  flows.push(flow(previous, 'end'));
  return { xml: diagram('staged-pathway', elements.join('\n    '), { flows }), elements: elements.length };
}

/** Start, `tasks` user tasks one after another, end: the pathway of the Temporal benches. */
export function sequentialPathway(tasks: number): { xml: string; taskIds: string[] } {
  const ids = Array.from({ length: tasks }, (_, index) => `step-${index + 1}`);
  const xml = diagram(
    'sequential-pathway',
    ['<bpmn:startEvent id="start" />', ...ids.map((id) => userTask(id)), '<bpmn:endEvent id="end" />'].join(
      '\n    ',
    ),
    { flows: chain('start', ...ids, 'end') },
  );
  return { xml, taskIds: ids };
}

/**
 * A check-in loop: a user task, a short timer, a FEEL counter, then back or to the end once
 * `rounds` (a start variable) is reached. What a year of weekly follow-ups looks like, quickly.
 */
export function loopingCase(timerDuration: string): string {
  return diagram(
    'looping-case',
    `<bpmn:startEvent id="start" />
    ${userTask('check-in')}
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration>${timerDuration}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:scriptTask id="count">
      <bpmn:extensionElements><zeebe:script expression="=checkIns + 1" resultVariable="checkIns" /></bpmn:extensionElements>
    </bpmn:scriptTask>
    <bpmn:exclusiveGateway id="enough" default="again" />
    <bpmn:endEvent id="end" />`,
    {
      flows: [
        ...chain('start', 'check-in', 'wait', 'count', 'enough'),
        flow('enough', 'end', { condition: '=checkIns >= rounds' }),
        flow('enough', 'check-in', { id: 'again' }),
      ],
    },
  );
}
