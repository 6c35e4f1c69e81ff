import { BpmnModdle, type ModdleWarning } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { DiagramProblem } from './model';
import { clip } from './text';
import { elementProp, isModdleElement, stringProp, type ModdleElement } from './moddle-read';
import { problem } from './problem-messages';
import { problemAt } from './diagram-problem';

export * from './moddle-read';

export interface ParsedDiagram {
  definitions: ModdleElement | null;
  problems: DiagramProblem[];
}

/**
 * Parses BPMN XML with the Zeebe (Camunda 8) extension. Every moddle warning becomes a problem
 * naming the element: moddle drops what it cannot read (an unknown element, a duplicate id), so
 * a warning means part of the diagram would otherwise be ignored silently.
 *
 * Attributes in namespaces moddle has no package for — Camunda Modeler's `modeler:`
 * (executionPlatform, executionPlatformVersion), the `bioc:` and `color:` colours — are kept
 * aside without a warning, so Modeler diagrams parse clean; an attribute without a namespace or
 * in the bpmn or zeebe namespace that the schema does not define still warns, and is reported.
 * The one warning dropped is about the declared encoding (see DECLARED_ENCODING).
 */
export async function parseDiagram(xml: string): Promise<ParsedDiagram> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml);
    return {
      definitions: isModdleElement(rootElement) ? rootElement : null,
      problems: warnings
        .filter((warning) => !DECLARED_ENCODING.test(warning.message))
        .map((warning) => warningToProblem(warning, xml)),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
    return {
      definitions: null,
      problems: [problemAt({ $type: 'xml' }, problem('xml.unreadable', { reason: clip(reason, 200) }))],
    };
  }
}

const UNPARSABLE =
  /^unparsable content <([^>]+)> detected\s+line: (\d+)\s+column: (\d+)\s+nested error: (.*)$/s;

/**
 * moddle warns when the XML declaration names an encoding other than UTF-8. The text reaches
 * the parser already decoded (a JSON string, or an upload the api decoded with that very
 * encoding), so the declaration says nothing about it any more: not a reason to refuse.
 */
const DECLARED_ENCODING = /^unsupported document encoding <[^>]*>, falling back to UTF-8$/;

function warningToProblem(warning: ModdleWarning, xml: string): DiagramProblem {
  const unparsable = UNPARSABLE.exec(warning.message);
  if (unparsable) {
    const [, fullTag = '', line = '0', column = '0', nested = ''] = unparsable;
    const tag = clip(fullTag);
    const where = problem('xml.position', { line: Number(line) + 1, column: Number(column) + 1 });
    // The parser's own words stay as a quoted detail, except the one every unknown element gets.
    const reason = /^unknown type <[^>]+>$/.test(nested) ? problem('xml.unknownType') : clip(nested, 200);
    return problemAt(
      { $type: tag },
      problem('xml.unreadableElement', { tag, where, reason }),
      clip(idOfTagAt(xml, Number(line), Number(column))),
    );
  }
  const elementId = warning.element?.id ?? '';
  const elementType = warning.element?.$type ?? 'xml';
  const unknownAttribute = /^unknown attribute <([^>]+)>$/.exec(warning.message);
  if (unknownAttribute) {
    return problemAt(
      { $type: elementType },
      problem('xml.unknownAttribute', { attribute: clip(unknownAttribute[1] ?? ''), type: elementType }),
      elementId,
    );
  }
  const unresolved = /^unresolved reference <([^>]*)>$/.exec(warning.message);
  if (unresolved) {
    return problemAt(
      { $type: elementType },
      problem('xml.unresolvedReference', {
        property: warning.property ?? problem('xml.aReference'),
        reference: clip(unresolved[1] ?? ''),
      }),
      elementId,
    );
  }
  return problemAt(
    { $type: elementType },
    problem('xml.unreadableOther', { reason: clip(warning.message, 200) }),
    elementId,
  );
}

/** The id attribute of the tag starting at a 0-based line and column, or '' if there is none. */
function idOfTagAt(xml: string, line: number, column: number): string {
  let offset = 0;
  for (let current = 0; current < line && offset !== -1; current += 1) {
    offset = xml.indexOf('\n', offset);
    if (offset !== -1) offset += 1;
  }
  if (offset === -1) return '';
  const tagEnd = xml.indexOf('>', offset + column);
  const tag = xml.slice(offset + column, tagEnd === -1 ? undefined : tagEnd);
  // One unanchored, linear pattern: this runs on untrusted input.
  return /\sid="([^"]*)"/.exec(tag)?.[1] ?? '';
}

/** The trimmed text of an expression child (conditionExpression, timeCycle, …), or undefined when blank. */
export function bodyOf(element: ModdleElement, property: string): string | undefined {
  const expression = elementProp(element, property);
  return nonBlank(expression && stringProp(expression, 'body'));
}

/** A trimmed string attribute, or undefined when it is missing or blank. */
export function trimmedProp(element: ModdleElement | undefined, property: string): string | undefined {
  return nonBlank(element && stringProp(element, property));
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
