// A refused deploy on the canvas: each `errors[].elementId` of the api's 400 gets a marker class
// (red outline, modeler.css) and an overlay with the server's message, which the api wrote in the
// user's language (Accept-Language). They stay until the next deploy, so the lead can fix one
// problem after another with all of them in view.
import type Modeler from 'bpmn-js/lib/Modeler';
import { renderProblem } from '../../../../../libs/bpmn/src/lint';
import { ApiError } from '../../api/http';
import type { Language } from '../../i18n/i18n';

export const PROBLEM_MARKER = 'carepath-deploy-problem';
const OVERLAY_TYPE = 'carepath-deploy-problem';

export interface DeployProblem {
  /** Empty when the problem is about the whole document. */
  elementId: string;
  message: string;
  /** The problem as data (libs/bpmn problem catalogue), to word it again in another language. */
  code?: string;
  params?: Record<string, unknown>;
}

/** The element problems of a deploy failure, or none when the failure was something else. */
export function deployProblemsOf(error: unknown): DeployProblem[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  return (error.problem?.errors ?? [])
    .filter((entry) => typeof entry.message === 'string' && (entry.elementId !== undefined || !entry.path))
    .map((entry) => ({
      elementId: entry.elementId ?? '',
      message: entry.message,
      ...(entry.code ? { code: entry.code, params: entry.params ?? {} } : {}),
    }));
}

/**
 * The problems in `language`: as the server worded them when that is the language it was asked
 * in, else worded again from their code and params (a language switch after the deploy).
 */
export function problemsIn(
  problems: DeployProblem[],
  askedIn: Language,
  language: Language,
): DeployProblem[] {
  if (askedIn === language) return problems;
  return problems.map((problem) =>
    problem.code
      ? { ...problem, message: renderProblem({ code: problem.code, params: problem.params }, language) }
      : problem,
  );
}

interface ElementRegistry {
  get(id: string): unknown;
}
interface Canvas {
  addMarker(element: unknown, marker: string): void;
  removeMarker(element: unknown, marker: string): void;
}
interface Overlays {
  add(element: unknown, type: string, overlay: object): string;
  remove(filter: { type: string }): void;
}

/** Marks each problem's element; returns the ids that were found on the canvas. */
export function showDeployProblems(modeler: Modeler, problems: DeployProblem[]): Set<string> {
  clearDeployProblems(modeler);
  const registry = modeler.get<ElementRegistry>('elementRegistry');
  const canvas = modeler.get<Canvas>('canvas');
  const overlays = modeler.get<Overlays>('overlays');
  const byElement = new Map<string, string[]>();
  for (const problem of problems) {
    if (!problem.elementId || !registry.get(problem.elementId)) continue;
    byElement.set(problem.elementId, [...(byElement.get(problem.elementId) ?? []), problem.message]);
  }
  for (const [id, messages] of byElement) {
    const element = registry.get(id);
    canvas.addMarker(element, PROBLEM_MARKER);
    const html = document.createElement('div');
    html.className = 'carepath-problem-overlay';
    html.dataset.elementId = id;
    html.setAttribute('role', 'note');
    for (const message of messages) {
      const line = document.createElement('div');
      line.textContent = message;
      html.appendChild(line);
    }
    overlays.add(element, OVERLAY_TYPE, {
      position: { bottom: -8, left: -20 },
      html,
      scale: { min: 0.7, max: 1 },
    });
  }
  return new Set(byElement.keys());
}

export function clearDeployProblems(modeler: Modeler): void {
  const registry = modeler.get<ElementRegistry & { getAll(): unknown[] }>('elementRegistry');
  const canvas = modeler.get<Canvas>('canvas');
  for (const element of registry.getAll()) canvas.removeMarker(element, PROBLEM_MARKER);
  modeler.get<Overlays>('overlays').remove({ type: OVERLAY_TYPE });
}

/** Selects and centres an element, as when the lead clicks its problem in the list. */
export function revealElement(modeler: Modeler, elementId: string): void {
  const element = modeler.get<ElementRegistry>('elementRegistry').get(elementId);
  if (!element) return;
  modeler.get<{ select(element: unknown): void }>('selection').select(element);
  modeler.get<{ scrollToElement(element: unknown): void }>('canvas').scrollToElement(element);
}
