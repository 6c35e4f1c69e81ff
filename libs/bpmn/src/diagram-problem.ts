import type { DiagramProblem } from './model';
import { stringProp, type ModdleElement } from './moddle-read';
import { problem, renderProblem, type ProblemText } from './problem-messages';
import { clip } from './text';

/** A problem at an element, as the compiler returns it: coded, with its English rendering. */
export function problemAt(
  element: { id?: string; $type: string },
  found: ProblemText,
  elementId = element.id ?? '',
): DiagramProblem {
  return {
    elementId,
    elementType: element.$type,
    code: found.code,
    params: found.params,
    message: renderProblem(found, 'en'),
  };
}

/** An element as messages quote it: its name and id, or its id alone. */
export function named(node: ModdleElement): ProblemText {
  const name = stringProp(node, 'name');
  return name
    ? problem('element.named', { name: clip(name), id: node.id ?? '' })
    : problem('element.unnamed', { id: node.id ?? '' });
}
