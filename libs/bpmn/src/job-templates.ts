import { ASSIGNABLE_ROLES, ROLE_LABELS } from '../../domain/src';
import type { JobType } from './job-types';
import type { LocalizedText, ProblemLanguage } from './problem-messages';

/**
 * The modeler's element templates: one per service handler (JOB_TYPES), so a lead picks
 * 「通知」 from a list and fills in who, rather than typing a job type and header keys. The
 * record is keyed by JobType: adding a job type without its template does not compile
 * (docs/service-handlers.md). Served in the caller's language by GET /api/element-templates and
 * read by the web app through lint.ts. Zeebe element templates:
 * https://docs.camunda.io/docs/components/modeler/desktop-modeler/element-templates/
 */

export const ELEMENT_TEMPLATE_SCHEMA =
  'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';

/** Where a property's value goes in the XML: a task header (static text) or an input mapping. */
type Binding = { type: 'zeebe:taskHeader'; key: string } | { type: 'zeebe:input'; name: string };

interface PropertySource {
  id: string;
  label: LocalizedText;
  description?: LocalizedText;
  type: 'String' | 'Text' | 'Dropdown';
  binding: Binding;
  /** Left out of the XML when empty (Zeebe templates' `optional`). */
  optional?: true;
  /** Dropdowns: the values offered, each named in both languages. */
  choices?: readonly { name: LocalizedText; value: string }[];
  /** The initial value; a dropdown's first choice when absent. */
  value?: string;
  notEmpty?: true;
}

interface TemplateSource {
  name: LocalizedText;
  description: LocalizedText;
  /** What the lead fills in, in the order the panel shows it. */
  properties: readonly PropertySource[];
}

/** The roles a diagram may address, as a dropdown offers them. */
const roleChoices = ASSIGNABLE_ROLES.map((role) => ({ name: ROLE_LABELS[role], value: role }));

/** Every handler's template. What each property means: docs/service-handlers.md. */
export const JOB_TEMPLATES: Readonly<Record<JobType, TemplateSource>> = {
  notify: {
    name: { en: 'Notify', 'zh-CN': '通知' },
    description: {
      en: 'Tells the holders of a role (at the case’s unit or the nearest one above) that the case has work for them, in-app',
      'zh-CN': '在系统内通知某一角色的人员（个案所在单位或最近的上级单位）：该个案有待处理的工作',
    },
    properties: [
      {
        id: 'recipients',
        label: { en: 'Notify the role', 'zh-CN': '通知的角色' },
        description: {
          en: 'Everyone holding this role at the case’s unit, or at the nearest unit above where someone does',
          'zh-CN': '个案所在单位担任该角色的人员；没有时，向上找最近有人担任该角色的单位',
        },
        type: 'Dropdown',
        binding: { type: 'zeebe:taskHeader', key: 'recipients' },
        choices: roleChoices,
        value: 'psychLead',
      },
      {
        id: 'users',
        label: { en: 'Also notify these users', 'zh-CN': '另外通知的用户' },
        description: {
          en: 'Usernames, separated by commas; each must work on the case’s line',
          'zh-CN': '用户名，用英文逗号分隔；每人都须在个案所在的单位线上',
        },
        type: 'String',
        binding: { type: 'zeebe:taskHeader', key: 'users' },
        optional: true,
      },
      {
        id: 'title',
        label: { en: 'Notification text', 'zh-CN': '通知内容' },
        description: {
          en: 'Fixed text; without it the element’s name. Never put anything about the student here',
          'zh-CN': '固定文字；不填时使用该元素的名称。不要写入任何关于学生的信息',
        },
        type: 'String',
        binding: { type: 'zeebe:taskHeader', key: 'title' },
        optional: true,
      },
    ],
  },
  'seal-case': {
    name: { en: 'Seal the case file', 'zh-CN': '封存档案' },
    description: {
      en: 'Seals the case file after closure: it becomes read-only, and reading it needs a stated reason, which is recorded',
      'zh-CN': '结案后封存个案档案：档案变为只读，查阅须说明理由，理由将被记录',
    },
    properties: [],
  },
  'purge-case': {
    name: { en: 'Purge the case file', 'zh-CN': '消档' },
    description: {
      en: 'Destroys the case’s key after the retention period: its content can never be read again; who did what and when, and the audit chain, remain',
      'zh-CN': '保存期满后销毁个案密钥：个案内容将永久无法读取；谁在何时处理了什么以及审计链仍保留',
    },
    properties: [],
  },
};

/** A Zeebe element template property as bpmn-js-element-templates reads it. */
export interface ElementTemplateProperty {
  id?: string;
  label?: string;
  description?: string;
  type: 'Hidden' | 'String' | 'Text' | 'Dropdown';
  value?: string;
  optional?: boolean;
  choices?: { name: string; value: string }[];
  constraints?: { notEmpty: boolean };
  binding:
    | { type: 'zeebe:taskDefinition'; property: 'type' }
    | { type: 'zeebe:taskHeader'; key: string }
    | { type: 'zeebe:input'; name: string };
}

export interface ElementTemplate {
  $schema: string;
  id: string;
  name: string;
  description: string;
  version: number;
  category: { id: string; name: string };
  appliesTo: string[];
  elementType: { value: string };
  properties: ElementTemplateProperty[];
}

/**
 * Bumped when a template changes in a way diagrams applied with the old one must notice; bpmn-js
 * then offers to update them.
 */
const TEMPLATE_VERSION = 1;

/** Every handler's template, worded in `language`, in JOB_TYPES order. */
export function elementTemplates(language: ProblemLanguage): ElementTemplate[] {
  return (Object.keys(JOB_TEMPLATES) as JobType[]).map((type) => {
    const source = JOB_TEMPLATES[type];
    return {
      $schema: ELEMENT_TEMPLATE_SCHEMA,
      id: `carepath.${type}`,
      name: source.name[language],
      description: source.description[language],
      version: TEMPLATE_VERSION,
      category: { id: 'carepath', name: 'CarePath' },
      appliesTo: ['bpmn:Task'],
      elementType: { value: 'bpmn:ServiceTask' },
      properties: [
        // The job type is what the template is: fixed, not shown.
        { type: 'Hidden', value: type, binding: { type: 'zeebe:taskDefinition', property: 'type' } },
        ...source.properties.map((property) => templateProperty(property, language)),
      ],
    };
  });
}

function templateProperty(property: PropertySource, language: ProblemLanguage): ElementTemplateProperty {
  const choices = property.choices?.map((choice) => ({ name: choice.name[language], value: choice.value }));
  const value = property.value ?? choices?.[0]?.value;
  return {
    id: property.id,
    label: property.label[language],
    ...(property.description ? { description: property.description[language] } : {}),
    type: property.type,
    ...(value !== undefined ? { value } : {}),
    ...(property.optional ? { optional: true } : {}),
    ...(choices ? { choices } : {}),
    ...(property.notEmpty ? { constraints: { notEmpty: true } } : {}),
    binding: property.binding,
  };
}
