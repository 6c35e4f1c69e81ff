// How a change reads to a psychology lead: element types and properties in their words, roles by
// their names (docs/versions.md).
import type { MessageKey } from '../../i18n/zh-CN';
import type { Translate } from '../../i18n/i18n';
import type { ElementChange, PropertyChange } from './changes';

/** A flattened property path's label, first match wins; unknown paths read "other property". */
const PROPERTY_LABELS: [RegExp, MessageKey][] = [
  [/^name$/, 'versions.prop.name'],
  [/^\$type$/, 'versions.change.type'],
  [/candidateGroups$/, 'versions.prop.candidateGroups'],
  [/candidateUsers$/, 'versions.prop.candidateUsers'],
  [/assignee$/, 'versions.prop.assignee'],
  [/dueDate$/, 'versions.prop.dueDate'],
  [/followUpDate$/, 'versions.prop.followUpDate'],
  [/^zeebe:(formDefinition|userTaskForm)\.|formKey$/, 'versions.prop.form'],
  [/^zeebe:taskDefinition\.type$/, 'versions.prop.jobType'],
  [/^zeebe:taskDefinition\.retries$/, 'versions.prop.retries'],
  [/^zeebe:calledElement\./, 'versions.prop.calledProcess'],
  [/^zeebe:calledDecision\./, 'versions.prop.calledDecision'],
  [/^conditionExpression\./, 'versions.prop.condition'],
  [/^default$/, 'versions.prop.default'],
  [/time(Duration|Cycle|Date)/, 'versions.prop.timer'],
  [/^zeebe:ioMapping\.inputParameters/, 'versions.prop.input'],
  [/^zeebe:ioMapping\.outputParameters/, 'versions.prop.output'],
  [/^zeebe:taskHeaders\./, 'versions.prop.header'],
  [/^documentation/, 'versions.prop.documentation'],
  [/messageRef$/, 'versions.prop.message'],
  [/^sourceRef$/, 'versions.prop.source'],
  [/^targetRef$/, 'versions.prop.target'],
  [/loopCharacteristics/, 'versions.prop.multiInstance'],
];

export function propertyLabel(
  change: PropertyChange,
  t: Translate,
): { label: string; detail: string | null } {
  const match = PROPERTY_LABELS.find(([pattern]) => pattern.test(change.path));
  if (!match) return { label: t('versions.prop.other'), detail: change.path };
  // A list entry (an input mapping, a header) is named by its key: `…[riskLevel].source`.
  const entry = /\[([^\]]+)\]/.exec(change.path)?.[1];
  return { label: t(match[1]), detail: entry && !/^\d+$/.test(entry) ? entry : null };
}

export function propertyValue(
  change: PropertyChange,
  value: string | null,
  t: Translate,
  label: (prefix: string, raw: string) => string,
): string {
  if (value === null || value === '') return t('versions.change.unset');
  if (change.path === '$type') return typeName(value, t, label);
  if (/candidateGroups$/.test(change.path)) {
    return value
      .split(',')
      .map((group) => label('role', group.trim()))
      .join('、');
  }
  return value;
}

export function typeName(type: string, t: Translate, label: (prefix: string, raw: string) => string): string {
  const name = label('versions.type', type);
  return name === type ? t('versions.type.other') : name;
}

/** The element's name; an unnamed flow reads by its ends; else its id. */
export function elementTitle(change: ElementChange, t: Translate): string {
  if (change.name) return change.name;
  if (change.from && change.to) return t('versions.change.flow', { from: change.from, to: change.to });
  return change.id;
}
