import { compileProcess } from '../compile';
import type { DiagramProblem, FlowElement, ProcessModel } from '../model';
import { renderProblem } from '../problem-messages';
import { englishIn } from './chinese';

/**
 * A one-process Camunda 8 diagram around `flowElements` (XML of the process's children), with
 * `rootElements` (messages, errors, escalations) beside the process. Specs write only the part
 * under test; the namespaces and the process come from here.
 */
export function diagram(flowElements: string, rootElements = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="pathway" isExecutable="true">
${flowElements}
  </bpmn:process>
${rootElements}
</bpmn:definitions>`;
}

/** `<bpmn:startEvent id="Start" />` → `element` → `<bpmn:endEvent id="End" />`, for one element under test. */
export function between(element: string, elementId: string, extra = ''): string {
  return `
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="Flow_in" sourceRef="Start" targetRef="${elementId}" />
    ${element}
    <bpmn:sequenceFlow id="Flow_out" sourceRef="${elementId}" targetRef="End" />
    <bpmn:endEvent id="End" />
    ${extra}`;
}

export async function compiled(xml: string): Promise<ProcessModel> {
  const result = await compileProcess(xml);
  if (!result.ok)
    throw new Error(`Expected the diagram to compile: ${JSON.stringify(result.errors, null, 2)}`);
  return result.model;
}

export async function compiledElement(xml: string, id: string): Promise<FlowElement> {
  const element = (await compiled(xml)).elements[id];
  if (!element) throw new Error(`Expected element '${id}' in the model`);
  return element;
}

/** A problem as an English reader gets it: where, and the message (its code is asserted apart). */
export type ReadProblem = Pick<DiagramProblem, 'elementId' | 'elementType' | 'message'>;

export function asRead(problems: readonly DiagramProblem[]): ReadProblem[] {
  return problems.map(({ elementId, elementType, message }) => ({ elementId, elementType, message }));
}

/**
 * The problems of a diagram the compiler must refuse, as an English reader gets them. Every
 * spec that asks also checks the Chinese reader's: no English in them but the diagram's own ids,
 * names and expressions and the listed terms (chinese.ts).
 */
export async function problemsOf(xml: string): Promise<ReadProblem[]> {
  const result = await compileProcess(xml);
  if (result.ok) throw new Error('Expected the diagram to be rejected');
  const english = result.errors.flatMap((found) =>
    englishIn(found, xml).map((run) => `'${run}' in ${found.code}: ${renderProblem(found, 'zh-CN')}`),
  );
  if (english.length > 0) throw new Error(`Expected Chinese problems, found English:\n${english.join('\n')}`);
  return asRead(result.errors);
}

/** A bpmn:Message with a zeebe:subscription, as Camunda Modeler writes it. */
export function message(id: string, name: string, correlationKey?: string): string {
  const subscription =
    correlationKey === undefined
      ? ''
      : `<bpmn:extensionElements><zeebe:subscription correlationKey="${correlationKey}" /></bpmn:extensionElements>`;
  return `<bpmn:message id="${id}" name="${name}">${subscription}</bpmn:message>`;
}
