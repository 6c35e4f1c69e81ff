import {
  ASSIGNABLE_ROLES,
  CARE_GROUP_OPTIONAL_ROLES,
  CARE_GROUP_REQUIRED_ROLES,
  NOTICE_AUDIENCE_LABELS,
  NOTICE_AUDIENCES,
  ROLE_LABELS,
} from '../../domain/src';
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

/** Whom a notice may address: the roles, then the guardians, the care group, the case's starter. */
const noticeChoices = [
  ...roleChoices,
  ...NOTICE_AUDIENCES.map((audience) => ({ name: NOTICE_AUDIENCE_LABELS[audience], value: audience })),
];

/** The optional `title` of a content-free in-app notice (notify, assign-care-group). */
const noticeTitle: PropertySource = {
  id: 'title',
  label: { en: 'Notification text', 'zh-CN': '通知内容' },
  description: {
    en: 'Fixed text; without it the element’s name. Never put anything about the student here',
    'zh-CN': '固定文字；不填时使用该元素的名称。不要写入任何关于学生的信息',
  },
  type: 'String',
  binding: { type: 'zeebe:taskHeader', key: 'title' },
  optional: true,
};

/** Every handler's template. What each property means: docs/service-handlers.md. */
export const JOB_TEMPLATES: Readonly<Record<JobType, TemplateSource>> = {
  notify: {
    name: { en: 'Notify', 'zh-CN': '通知' },
    description: {
      en: 'Tells the holders of a role (at the case’s unit or the nearest one above), the care group or the case’s starter in-app, or the student’s guardians by SMS, that there is work; never what the case is about',
      'zh-CN':
        '在系统内通知某一角色的人员（个案所在单位或最近的上级单位）、关爱小组或个案发起人，或以短信通知学生的监护人：有需要处理的事项；从不包含个案内容',
    },
    properties: [
      {
        id: 'recipients',
        label: { en: 'Notify', 'zh-CN': '通知对象' },
        description: {
          en: 'A role: everyone holding it at the case’s unit, or at the nearest unit above where someone does. Guardian: an SMS with a fixed text asking them to expect a call. Care group: the members the care group task recorded',
          'zh-CN':
            '角色：个案所在单位担任该角色的人员，没有时向上找最近有人担任的单位。监护人：发送固定内容的短信，请其留意来电。关爱小组：组建关爱小组时记录的成员',
        },
        type: 'Dropdown',
        binding: { type: 'zeebe:taskHeader', key: 'recipients' },
        choices: noticeChoices,
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
      noticeTitle,
    ],
  },
  'assign-care-group': {
    name: { en: 'Form the care group', 'zh-CN': '组建关爱小组' },
    description: {
      en: 'Records the case’s care group (class teacher, psychology teacher, a peer monitor: the holders at the case’s unit or the nearest one above), notifies them in-app and sets careGroup to their usernames',
      'zh-CN':
        '记录个案的关爱小组（班主任、心理教师、心理委员：个案所在单位或最近的上级单位中担任该角色的人员），在系统内通知他们，并将成员的用户名写入个案变量',
    },
    properties: [
      {
        id: 'roles',
        label: { en: 'Roles that must be in the group', 'zh-CN': '必须有人的角色' },
        description: {
          en: 'Role codes, separated by commas. When nobody holds one, the task is retried, then raises an incident',
          'zh-CN': '角色代码，用英文逗号分隔。某一角色无人担任时，任务会重试，之后产生异常事件',
        },
        type: 'String',
        binding: { type: 'zeebe:taskHeader', key: 'roles' },
        value: CARE_GROUP_REQUIRED_ROLES.join(','),
        notEmpty: true,
      },
      {
        id: 'optionalRoles',
        label: { en: 'Roles added when someone holds them', 'zh-CN': '有人担任时加入的角色' },
        description: {
          en: 'Role codes, separated by commas; nobody holding one is fine',
          'zh-CN': '角色代码，用英文逗号分隔；无人担任时不影响组建',
        },
        type: 'String',
        binding: { type: 'zeebe:taskHeader', key: 'optionalRoles' },
        value: CARE_GROUP_OPTIONAL_ROLES.join(','),
        optional: true,
      },
      noticeTitle,
    ],
  },
  'compile-monthly-report': {
    name: { en: 'Compile the monthly report', 'zh-CN': '汇总月报' },
    description: {
      en: 'Counts the cases of the case’s unit (a school) for a month: by risk level, new, closed, open, overdue tasks, referrals, home visits. Stores the report and sets reportId, reportMonth and reportCounts (counts only, no names)',
      'zh-CN':
        '统计个案所在单位（学校）某月的个案：按风险等级、新增、结案、未结、逾期任务、转介、家访。保存月报，并将月报编号和各项数量写入个案变量（仅有数量，不含姓名）',
    },
    properties: [
      {
        id: 'month',
        label: { en: 'Month', 'zh-CN': '月份' },
        description: {
          en: 'YYYY-MM, or an expression giving it; empty: the month before the task runs (Beijing time)',
          'zh-CN': '格式为年-月（如 2026-03），或得出该值的表达式；不填时为任务运行前的上一个月（北京时间）',
        },
        type: 'String',
        binding: { type: 'zeebe:input', name: 'month' },
        optional: true,
      },
    ],
  },
  'start-case': {
    name: { en: 'Start cases', 'zh-CN': '发起个案' },
    description: {
      en: 'Starts cases of another process: for the student in the variable studentId (a student has at most one open case of a process), or one at every school under this case’s unit',
      'zh-CN':
        '发起另一流程的个案：为本个案指明的学生发起（每名学生同一流程只有一个进行中的个案），或为本个案所在单位下的每所学校各发起一个',
    },
    properties: [
      {
        id: 'process',
        label: { en: 'Process to start (key)', 'zh-CN': '要发起的流程（标识）' },
        description: {
          en: 'The process id of a deployed process, e.g. crisis-care',
          'zh-CN': '已部署流程的标识（流程图中的流程编号）',
        },
        type: 'String',
        binding: { type: 'zeebe:taskHeader', key: 'process' },
        notEmpty: true,
      },
      {
        id: 'at',
        label: { en: 'Start it for', 'zh-CN': '发起对象' },
        type: 'Dropdown',
        binding: { type: 'zeebe:taskHeader', key: 'at' },
        choices: [
          {
            name: { en: 'The student (variable studentId)', 'zh-CN': '本个案指明的学生' },
            value: 'student',
          },
          { name: { en: 'Every school under this unit', 'zh-CN': '本单位下的每所学校' }, value: 'schools' },
        ],
        value: 'student',
      },
      {
        id: 'caseVariables',
        label: { en: 'Variables of the new case', 'zh-CN': '新个案的初始变量' },
        description: {
          en: 'A FEEL context, e.g. ={source: "screening"}',
          'zh-CN': '表达式：新个案开始时带入的变量（键值对）',
        },
        type: 'String',
        binding: { type: 'zeebe:input', name: 'caseVariables' },
        optional: true,
      },
    ],
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
