// CarePath's entries in the Zeebe properties panel (docs/modeler.md#properties-panel):
// - a user task's candidate groups as a list of the product's roles (a candidate group IS a role
//   name, resolved in the case's org scope: docs/bpmn-elements.md#user-tasks), in place of the
//   free-text field;
// - a job's type as a choice among the job types the worker handles (the server's vocabulary),
//   in place of the free-text field;
// - a user task's form as a choice among the forms deployed on the server (GET /api/forms), in
//   place of the Form group's type choice and its free-text form id.
// They keep the entry ids of the fields they replace, so the panel still finds them (lint
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
    form: string;
    formHint: string;
    formNone: string;
    formUnknown: (formId: string) => string;
    formOther: string;
  };
  /** The forms deployed on the server that the lead can see (latest version of each id). */
  forms: { formId: string; name: string | null }[];
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
/** The Zeebe Form group and the two entries of it the form choice stands for. */
const FORM_GROUP = 'form';
const FORM_TYPE_ENTRY = 'formType';
const FORM_ID_ENTRY = 'formId';
const FORM_BINDING_ENTRY = 'bindingType';
/** The choice's value for a form that is not a linked form id (embedded, custom key, external). */
const OTHER_FORM = '\u0000other';

function extensionOf(element: DiagramElement, type: string): ModdleElement | undefined {
  const extensionElements = element.businessObject.get('extensionElements') as ModdleElement | undefined;
  const values = (extensionElements?.get('values') as ModdleElement[] | undefined) ?? [];
  return values.find((value) => value.$type === type);
}

/**
 * The element's bpmn:ExtensionElements, created (as a command in `commands`, so one undo takes it
 * back with the change) when it has none.
 */
function extensionElementsOf(
  element: DiagramElement,
  bpmnFactory: {
    create(type: string, attrs?: Record<string, unknown>): ModdleElement & { $parent?: unknown };
  },
  commands: Command[],
): ModdleElement & { $parent?: unknown } {
  const businessObject = element.businessObject;
  const existing = businessObject.get('extensionElements') as
    (ModdleElement & { $parent?: unknown }) | undefined;
  if (existing) return existing;
  const created = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
  created.$parent = businessObject;
  commands.push({
    cmd: 'element.updateModdleProperties',
    context: { element, moddleElement: businessObject, properties: { extensionElements: created } },
  });
  return created;
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
  const extensionElements = extensionElementsOf(element, bpmnFactory, commands);
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

type Modeling = {
  updateModdleProperties(element: DiagramElement, target: ModdleElement, properties: object): void;
};

const isUserTask = (element: DiagramElement) => element.businessObject.$type === 'bpmn:UserTask';

/**
 * What the user task's zeebe:FormDefinition links: a form id (possibly empty, as the Zeebe
 * panel's "Camunda Form" type leaves it), something else (`other`), or nothing.
 */
function linkedForm(
  element: DiagramElement,
): { kind: 'none' } | { kind: 'formId'; formId: string } | { kind: 'other' } {
  const definition = extensionOf(element, 'zeebe:FormDefinition');
  if (!definition) return { kind: 'none' };
  const formId = definition.get('formId');
  if (typeof formId === 'string') return { kind: 'formId', formId };
  return definition.get('formKey') !== undefined || definition.get('externalReference') !== undefined
    ? { kind: 'other' }
    : { kind: 'none' };
}

/**
 * The commands that link `formId` to the user task: the zeebe:userTask marker first when the
 * task lacks it (a linked form belongs to a Camunda user task, as the Zeebe panel offers it and
 * camunda-bpmn-js-behaviors expects; docs/modeler.md#properties-panel), then
 * zeebe:formDefinition formId, as the Zeebe panel's own "Form ID" entry writes it. Setting formId
 * makes camunda-bpmn-js-behaviors drop a formKey or externalReference and an embedded form.
 */
function linkFormCommands(
  element: DiagramElement,
  formId: string,
  bpmnFactory: Parameters<typeof setExtensionProperty>[4],
): Command[] {
  const commands: Command[] = [];
  const extensionElements = extensionElementsOf(element, bpmnFactory, commands);
  const values = [...((extensionElements.get('values') as ModdleElement[] | undefined) ?? [])];
  const added: ModdleElement[] = [];
  if (!values.some((value) => value.$type === 'zeebe:UserTask')) {
    const marker = bpmnFactory.create('zeebe:UserTask', {});
    marker.$parent = extensionElements;
    added.push(marker);
  }
  let definition = values.find((value) => value.$type === 'zeebe:FormDefinition');
  if (!definition) {
    const created = bpmnFactory.create('zeebe:FormDefinition', {});
    created.$parent = extensionElements;
    added.push(created);
    definition = created;
  }
  if (added.length)
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: extensionElements, properties: { values: [...values, ...added] } },
    });
  commands.push({
    cmd: 'element.updateModdleProperties',
    context: { element, moddleElement: definition, properties: { formId } },
  });
  return commands;
}

function FormChoice({ element, id }: { element: DiagramElement; id: string }) {
  const config = useService('config.carePath') as CarePathPanelConfig;
  const commandStack = useService('commandStack') as { execute(cmd: string, context: unknown): void };
  const modeling = useService('modeling') as Modeling;
  const bpmnFactory = useService('bpmnFactory');
  const current = linkedForm(element);
  const options = [
    { value: '', label: config.text.formNone },
    ...config.forms.map((form) => ({
      value: form.formId,
      label: form.name ? `${form.name} (${form.formId})` : form.formId,
    })),
  ];
  // A form id the server does not have (or an embedded or external form) stays listed and
  // selected, so opening a diagram drawn elsewhere loses nothing silently.
  if (
    current.kind === 'formId' &&
    current.formId &&
    !config.forms.some((form) => form.formId === current.formId)
  )
    options.push({ value: current.formId, label: config.text.formUnknown(current.formId) });
  if (current.kind === 'other') options.push({ value: OTHER_FORM, label: config.text.formOther });
  return h(SelectEntry, {
    element,
    id,
    label: config.text.form,
    description: config.text.formHint,
    getOptions: () => options,
    getValue: () => (current.kind === 'formId' ? current.formId : current.kind === 'other' ? OTHER_FORM : ''),
    setValue: (value: string) => {
      if (value === OTHER_FORM) return;
      if (value) {
        commandStack.execute(
          'properties-panel.multi-command-executor',
          linkFormCommands(element, value, bpmnFactory as never),
        );
        return;
      }
      // None: the form definition goes, as the Zeebe panel's "<none>" type removes it.
      const extensionElements = element.businessObject.get('extensionElements') as ModdleElement | undefined;
      const values = (extensionElements?.get('values') as ModdleElement[] | undefined) ?? [];
      if (extensionElements && values.some((value) => value.$type === 'zeebe:FormDefinition'))
        modeling.updateModdleProperties(element, extensionElements, {
          values: values.filter((value) => value.$type !== 'zeebe:FormDefinition'),
        });
    },
  });
}

/**
 * A user task's Form group: the form choice in place of the type choice, and no free-text form
 * id (the choice sets it). An embedded form's JSON, a custom key or an external reference keep
 * their own entries below the choice. The binding choice shows only when a diagram drawn
 * elsewhere set one other than "latest": CarePath always binds the latest version at or above
 * the case's unit (docs/forms.md#binding-which-form-a-task-has), so offering the others would
 * promise what the server does not do.
 */
function replaceFormEntries(groups: PanelGroup[], element: DiagramElement) {
  if (!isUserTask(element)) return;
  const group = groups.find((candidate) => candidate.id === FORM_GROUP);
  if (!group?.entries) return;
  const binding = extensionOf(element, 'zeebe:FormDefinition')?.get('bindingType');
  const hideBinding = binding === undefined || binding === 'latest';
  group.entries = group.entries
    .filter((entry) => entry.id !== FORM_ID_ENTRY && !(hideBinding && entry.id === FORM_BINDING_ENTRY))
    .map((entry) =>
      entry.id === FORM_TYPE_ENTRY
        ? {
            id: FORM_TYPE_ENTRY,
            component: FormChoice,
            isEdited: (node: unknown) => Boolean((node as { value?: string } | null)?.value),
          }
        : entry,
    );
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

  getGroups(element: DiagramElement) {
    return (groups: PanelGroup[]) => {
      replaceEntry(groups, CANDIDATE_GROUPS_ENTRY, CandidateRoles);
      replaceEntry(groups, JOB_TYPE_ENTRY, JobType);
      replaceFormEntries(groups, element);
      return groups;
    };
  }
}

export const CarePathPropertiesProviderModule = {
  __init__: ['carePathPropertiesProvider'],
  carePathPropertiesProvider: ['type', CarePathPropertiesProvider],
};
