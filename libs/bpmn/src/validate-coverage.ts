import { unsupportedMessage } from './coverage';
import { elementProp, extensionsOf, listProp, type ModdleElement } from './moddle';
import type { Report } from './report';

/** The coverage key of an element: its type, or type+event definition for events. */
function coverageKey(element: ModdleElement): string {
  const definitions = listProp(element, 'eventDefinitions');
  if (definitions.length > 1) return `${element.$type}+bpmn:MultipleEventDefinition`;
  const [definition] = definitions;
  if (definition) return `${element.$type}+${definition.$type}`;
  if (element.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true) {
    return 'bpmn:SubProcess+triggeredByEvent';
  }
  return element.$type;
}

/**
 * Reports every element, loop, artifact and Zeebe extension the coverage map does not mark as
 * supported, descending into every container so one deploy lists them all.
 */
export function checkCoverage(container: ModdleElement, report: Report): void {
  // Every problem message starts with what was expected; the coverage wording follows it.
  const reportUnsupported = (element: ModdleElement, key: string): void => {
    const message = unsupportedMessage(key);
    if (message) report(element, `Expected only supported elements: ${message}`);
  };
  const checkExtensions = (element: ModdleElement): void => {
    for (const extension of extensionsOf(element)) {
      // Other vendors' extensions are theirs to read; only Zeebe's change how a diagram runs.
      if (extension.$type.startsWith('zeebe:')) reportUnsupported(element, extension.$type);
    }
  };
  checkExtensions(container);
  for (const artifact of listProp(container, 'artifacts')) reportUnsupported(artifact, artifact.$type);
  for (const element of listProp(container, 'flowElements')) {
    reportUnsupported(element, coverageKey(element));
    const loop = elementProp(element, 'loopCharacteristics');
    if (loop) reportUnsupported(element, loop.$type);
    if (element.isForCompensation === true) {
      report(
        element,
        `Expected only supported elements: ${element.$type} as a compensation handler is not supported yet (tier 3)`,
      );
    }
    checkExtensions(element);
    if (listProp(element, 'flowElements').length > 0 || listProp(element, 'artifacts').length > 0) {
      checkCoverage(element, report);
    }
  }
}
