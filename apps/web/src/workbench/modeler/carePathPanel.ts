// CarePath's entries in the Zeebe properties panel (docs/modeler.md#properties-panel):
// - a user task's candidate groups as a list of the product's roles (a candidate group IS a role
//   name, resolved in the case's org scope: docs/bpmn-elements.md#user-tasks), in place of the
//   free-text field;
// - a job's type as a choice among the job types the worker handles (the server's vocabulary),
//   in place of the free-text field.
// Both keep the entry ids of the fields they replace, so the panel still finds them (lint
// problems, element templates), and write the same zeebe extension elements the originals write.
// Entries render with the panel's own preact (WEB.md: a second preact breaks hooks).
import { CheckboxGroup, SelectEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';

/** What the page hands the panel through the modeler's config (`carePath`). */
export interface CarePathPanelConfig {
  roles: { value: string; label: string }[];
  jobTypes: string[];
  text: {
    candidateRoles: string;
    candidateRolesHint: string;
    otherGroups: (groups: string) => string;
    jobType: string;
    jobTypeNone: string;
    jobTypeUnknown: (type: string) => string;
  };
}

interface ModdleElement {
  $type: string;
  get(name: string): unknown;
}
interface DiagramElement {
  businessObject: ModdleElement;
}
interface Entry {
  id: string;
  component: (props: { element: DiagramElement; id: string }) => unknown;
  isEdited?: (node: unknown) => boolean;
}
/** A group of entries; list groups have `items` instead. */
interface PanelGroup {
  id: string;
  entries?: Entry[];
}
type Command = { cmd: string; context: Record<string, unknown> };

const CANDIDATE_GROUPS_ENTRY = 'assignmentDefinitionCandidateGroups';
const JOB_TYPE_ENTRY = 'taskDefinitionType';

function extensionOf(element: DiagramElement, type: string): ModdleElement | undefined {
  const extensionElements = element.businessObject.get('extensionElements') as ModdleElement | undefined;
  const values = (extensionElements?.get('values') as ModdleElement[] | undefined) ?? [];
  return values.find((value) => value.$type === type);
}

/**
 * The commands that set `property` of the element's `type` extension element, creating the
 * extension elements and that element when missing (as the Zeebe provider's own entries do).
 */
function setExtensionProperty(
  element: DiagramElement,
  type: string,
  property: string,
  value: unknown,
  bpmnFactory: {
    create(type: string, attrs?: Record<string, unknown>): ModdleElement & { $parent?: unknown };
  },
): Command[] {
  const commands: Command[] = [];
  const businessObject = element.businessObject;
  let extensionElements = businessObject.get('extensionElements') as
    (ModdleElement & { $parent?: unknown }) | undefined;
  if (!extensionElements) {
    extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensionElements.$parent = businessObject;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: businessObject, properties: { extensionElements } },
    });
  }
  let target = extensionOf(element, type) as (ModdleElement & { $parent?: unknown }) | undefined;
  if (!target) {
    target = bpmnFactory.create(type, {});
    target.$parent = extensionElements;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: {
        element,
        moddleElement: extensionElements,
        properties: { values: [...((extensionElements.get('values') as unknown[]) ?? []), target] },
      },
    });
  }
  commands.push({
    cmd: 'element.updateModdleProperties',
    context: { element, moddleElement: target, properties: { [property]: value } },
  });
  return commands;
}

const splitGroups = (value: unknown) =>
  typeof value === 'string' && !value.startsWith('=')
    ? value
        .split(',')
        .map((group) => group.trim())
        .filter(Boolean)
    : [];

function CandidateRoles({ element, id }: { element: DiagramElement; id: string }) {
  const config = useService('config.carePath') as CarePathPanelConfig;
  const commandStack = useService('commandStack') as { execute(cmd: string, context: unknown): void };
  const bpmnFactory = useService('bpmnFactory');
  const current = extensionOf(element, 'zeebe:AssignmentDefinition')?.get('candidateGroups');
  const known = new Set(config.roles.map((role) => role.value));
  // A FEEL expression or a group that is not a role is kept as it is, and said.
  const others =
    typeof current === 'string' && current.startsWith('=')
      ? [current]
      : splitGroups(current).filter((group) => !known.has(group));
  const description = others.length
    ? `${config.text.candidateRolesHint} ${config.text.otherGroups(others.join(', '))}`
    : config.text.candidateRolesHint;
  return h(CheckboxGroup, {
    element,
    id,
    label: config.text.candidateRoles,
    description,
    options: config.roles,
    getValue: () => splitGroups(current).filter((group) => known.has(group)),
    setValue: (roles: string[]) => {
      const kept = typeof current === 'string' && current.startsWith('=') ? [] : others;
      // The order of the role list, so the XML does not depend on the order of the clicks.
      const chosen = config.roles.map((role) => role.value).filter((role) => roles.includes(role));
      const value = [...chosen, ...kept].join(',') || undefined;
      commandStack.execute(
        'properties-panel.multi-command-executor',
        setExtensionProperty(
          element,
          'zeebe:AssignmentDefinition',
          'candidateGroups',
          value,
          bpmnFactory as never,
        ),
      );
    },
  });
}

function JobType({ element, id }: { element: DiagramElement; id: string }) {
  const config = useService('config.carePath') as CarePathPanelConfig;
  const commandStack = useService('commandStack') as { execute(cmd: string, context: unknown): void };
  const bpmnFactory = useService('bpmnFactory');
  const current = extensionOf(element, 'zeebe:TaskDefinition')?.get('type');
  const options = [
    { value: '', label: config.text.jobTypeNone },
    ...config.jobTypes.map((type) => ({ value: type, label: type })),
  ];
  if (typeof current === 'string' && current && !config.jobTypes.includes(current))
    options.push({ value: current, label: config.text.jobTypeUnknown(current) });
  return h(SelectEntry, {
    element,
    id,
    label: config.text.jobType,
    getOptions: () => options,
    getValue: () => (typeof current === 'string' ? current : ''),
    setValue: (value: string) =>
      commandStack.execute(
        'properties-panel.multi-command-executor',
        setExtensionProperty(
          element,
          'zeebe:TaskDefinition',
          'type',
          value || undefined,
          bpmnFactory as never,
        ),
      ),
  });
}

const replaceEntry = (groups: PanelGroup[], entryId: string, component: Entry['component']) => {
  for (const group of groups) {
    const index = group.entries?.findIndex((entry) => entry.id === entryId) ?? -1;
    if (group.entries && index >= 0) group.entries[index] = { id: entryId, component };
  }
};

export class CarePathPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    // Below the Zeebe and template providers (500+): their groups exist when ours runs.
    propertiesPanel.registerProvider(200, this);
  }

  getGroups() {
    return (groups: PanelGroup[]) => {
      replaceEntry(groups, CANDIDATE_GROUPS_ENTRY, CandidateRoles);
      replaceEntry(groups, JOB_TYPE_ENTRY, JobType);
      return groups;
    };
  }
}

export const CarePathPropertiesProviderModule = {
  __init__: ['carePathPropertiesProvider'],
  carePathPropertiesProvider: ['type', CarePathPropertiesProvider],
};
