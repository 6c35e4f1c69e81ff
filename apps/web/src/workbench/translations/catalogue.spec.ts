/**
 * Holds the zh-CN catalogue to account against the installed bpmn.io packages: every string
 * their built files pass to `translate` must have a Chinese entry, unless listed below with a
 * reason. After an upgrade this fails naming each new string (docs/translations.md).
 */
import { readFileSync } from 'node:fs';
import { bpmnZhCN } from './catalogue-bpmn';
import { bpmnTranslateModule, bpmnTranslator } from './index';
import {
  UPSTREAM_FILES,
  constantValues,
  literalsIn,
  packageVersion,
  readUpstream,
  translateCalls,
  type TranslateCalls,
} from './upstream-strings';

/** The versions this catalogue was written against; an upgrade re-runs this test. */
const VERSIONS: Record<string, string> = {
  'bpmn-js': '18.31.1',
  'diagram-js': '15.28.1',
  'bpmn-js-properties-panel': '5.65.3',
  '@bpmn-io/properties-panel': '3.55.0',
  'bpmn-js-element-templates': '2.37.0',
  '@bpmn-io/element-template-chooser': '3.0.0',
  'bpmn-js-token-simulation': '0.39.4',
  'bpmn-js-bpmnlint': '0.24.0',
};

/** Literal arguments that are not user-facing. */
const EXCLUDED_LITERALS: Record<string, string> = {
  'HELLO {you}': 'diagram-js: an example in a doc comment of translate.js',
  ' + shift + ': "bpmn-js BpmnRenderer: 'translate(' + shift + ',' + shift + ')' builds an SVG transform",
};

const SVG_MOVE = "tiny-svg's translate(element, x, y) moves graphics; it is not the i18n service";
const SVG_ATTRIBUTE = "an SVG transform attribute such as 'translate(6, 6)', not a call";
const DATA = 'text from data (an element template, the user), not from the package';

const BPMN_JS = 'bpmn-js/lib/features/';
const PROPERTIES_PANEL = 'bpmn-js-properties-panel/dist/index.esm.js';

/** Keys reached through a variable: where they come from, read from the same built files. */
function popupLabels(): string[] {
  return [
    // `label: '…'` at the start of a line: commented-out entries start with `//`
    ...literalsIn(
      readUpstream(`${BPMN_JS}popup-menu/PopupEntries.js`)
        .match(/^\s*label:\s*'[^']*'/gm)
        ?.join(' ') ?? '',
    ),
    ...literalsIn(
      readUpstream(`${BPMN_JS}replace/ReplaceOptions.js`)
        .match(/^\s*label:\s*'[^']*'/gm)
        ?.join(' ') ?? '',
    ),
    'Empty pool/participant (removes content)',
  ];
}
function alignLabels(): string[] {
  const options = /ALIGNMENT_OPTIONS\s*=\s*\[([^\]]*)\]/.exec(
    readUpstream(`${BPMN_JS}align-elements/AlignElementsMenuProvider.js`),
  );
  return literalsIn(options?.[1] ?? '').map((alignment) => `Align elements ${alignment}`);
}
function headerTypeLabels(): string[] {
  const source = readUpstream(PROPERTIES_PANEL);
  const icons = /var iconsByType = \{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
  const types = [...icons.matchAll(/^\s+'?([A-Za-z]+)'?:/gm)].map((match) => match[1] ?? '');
  return types.map((type) => type.replace(/(\B[A-Z])/g, ' $1').replace(/(\bNon Interrupting)/g, '($1)'));
}
const fromConstant = (file: string, name: string) => () => constantValues(readUpstream(file), name);

const DYNAMIC: Record<string, Record<string, { reason: string; keys?: () => string[] }>> = {
  'bpmn-js': {
    markerRect: { reason: SVG_MOVE },
    gfx: { reason: SVG_MOVE },
    '6': { reason: SVG_ATTRIBUTE },
    '11': { reason: SVG_ATTRIBUTE },
    '${attrs.x}': { reason: SVG_ATTRIBUTE },
    '0 995.64': { reason: SVG_ATTRIBUTE },
    '-50%': { reason: 'a CSS transform in the bpmn.io logo dialog' },
    "'Align elements ' + alignment": { reason: 'align menu entries', keys: alignLabels },
    COLLAB_ERR_MSG: {
      reason: 'modeling feedback',
      keys: fromConstant(`${BPMN_JS}modeling-feedback/ModelingFeedback.js`, 'COLLAB_ERR_MSG'),
    },
    DATA_OBJECT_ERR_MSG: {
      reason: 'modeling feedback',
      keys: fromConstant(`${BPMN_JS}modeling-feedback/ModelingFeedback.js`, 'DATA_OBJECT_ERR_MSG'),
    },
    label: { reason: 'replace menu entries (PopupEntries.js, ReplaceOptions.js)', keys: popupLabels },
  },
  'diagram-js': {
    ...Object.fromEntries(
      [
        'draggerGfx',
        'groupGfx',
        'bendpoint',
        'floating',
        'draggerVisual',
        'context.draggerGfx',
        'dragger',
        'dragGroup',
      ]
        .concat(['crosshairGroup', 'context.dragGroup', 'gfx'])
        .map((name) => [name, { reason: SVG_MOVE }]),
    ),
    template: { reason: 'the default translate function itself (replaced by bpmnTranslateModule)' },
  },
  'bpmn-js-properties-panel': {
    'template.name': { reason: DATA },
    "concreteType.replace(/(\\B[A-Z])/g, ' $1').replace(/(\\bNon Interrupting)/g, '($1)')": {
      reason: "the panel header's element type, one per key of iconsByType",
      keys: headerTypeLabels,
    },
    "is(element, 'bpmn:Participant') ? 'Participant ID' : 'ID'": {
      reason: 'a choice of two literals',
      keys: () => ['Participant ID', 'ID'],
    },
    "is(parameter, 'zeebe:Input') ? 'Local variable name' : 'Process variable name'": {
      reason: 'a choice of two literals',
      keys: () => ['Local variable name', 'Process variable name'],
    },
    "isInput(parameter) ? 'Local variable name' : 'Process variable name'": {
      reason: 'a choice of two literals',
      keys: () => ['Local variable name', 'Process variable name'],
    },
    'getEventLabel(element, eventType)': {
      reason: 'execution listener events',
      keys: () => [
        ...constantValues(readUpstream(PROPERTIES_PANEL), 'EVENT_TO_LABEL$2'),
        ...constantValues(readUpstream(PROPERTIES_PANEL), 'MI_EVENT_TO_LABEL'),
      ],
    },
    'EVENT_TO_LABEL$1[eventType]': {
      reason: 'task listener events',
      keys: fromConstant(PROPERTIES_PANEL, 'EVENT_TO_LABEL$1'),
    },
    'EVENT_TO_LABEL[event]': {
      reason: 'Camunda 7 listener events',
      keys: fromConstant(PROPERTIES_PANEL, 'EVENT_TO_LABEL'),
    },
    ...Object.fromEntries(
      ['NONE', 'JAVA', 'EXPRESSION', 'DELEGATE', 'DMN', 'EXTERNAL', 'CONNECTOR'].map((kind) => [
        `IMPLEMENTATION_TYPE_${kind}_LABEL`,
        {
          reason: 'Camunda 7 implementation types',
          keys: fromConstant(PROPERTIES_PANEL, `IMPLEMENTATION_TYPE_${kind}_LABEL`),
        },
      ]),
    ),
    'IMPLEMENTATION_TYPE_TO_LABEL[implementationType]': {
      reason: 'the IMPLEMENTATION_TYPE_*_LABEL constants, checked above',
    },
    label: { reason: 'Camunda 7 listener type options: the IMPLEMENTATION_TYPE_*_LABEL constants' },
    "'The follow up date as an EL expression (e.g. ${someDate}) or an ' + 'ISO date (e.g. 2015-06-26T09:54:00).'":
      {
        reason: 'two literals joined',
        keys: () => [
          'The follow up date as an EL expression (e.g. ${someDate}) or an ISO date (e.g. 2015-06-26T09:54:00).',
        ],
      },
  },
  '@bpmn-io/properties-panel': { '3 2': { reason: SVG_ATTRIBUTE } },
  'bpmn-js-element-templates': {
    message: { reason: DATA },
    description: { reason: DATA },
    "label || templateName || 'Configuration'": {
      reason: 'a template name, or a literal',
      keys: () => ['Configuration'],
    },
    'group.label': { reason: DATA },
    label: { reason: DATA },
    name: { reason: DATA },
  },
  '@bpmn-io/element-template-chooser': {
    'step.name': { reason: DATA },
    'step.description': { reason: DATA },
    'template.name': { reason: DATA },
    'template.description': { reason: DATA },
    'category.name': { reason: DATA },
  },
  'bpmn-js-token-simulation': {
    '10': { reason: SVG_ATTRIBUTE },
    '${x}': { reason: SVG_ATTRIBUTE },
  },
  'bpmn-js-bpmnlint': {
    'entry.message': { reason: 'lint messages: rebuilt by lint-messages.ts (lint-messages.spec.ts)' },
    "(errors || warnings) ? '{errors} Errors, {warnings} Warnings' : 'No Issues'": {
      reason: 'a choice of two literals',
      keys: () => ['{errors} Errors, {warnings} Warnings', 'No Issues'],
    },
  },
};

/** Template literals, and the keys they produce. */
const TEMPLATED: Record<string, string[]> = {
  "${getEventLabel(element, listener.get('eventType'))}: {type}": [
    ...['Start', 'End', 'Cancel', 'Before all', 'Before each', 'After each'].map(
      (event) => `${event}: {type}`,
    ),
  ],
  "List contains {numOfItems} item${items.length != 1 ? 's' : ''}": [
    'List contains {numOfItems} item',
    'List contains {numOfItems} items',
  ],
  "Click to ${active ? 'remove' : 'set a'} dynamic value with FEEL expression": [
    'Click to remove dynamic value with FEEL expression',
    'Click to set a dynamic value with FEEL expression',
  ],
  'Custom properties for scope <${type}>': [],
};

/** Kept as written in Chinese too: notation and product names. */
const SAME_IN_CHINESE = new Set([
  'ID',
  'BPMN',
  'CMMN',
  'DMN',
  // Camunda 7 decision result mappings: API names, shown as code
  'collectEntries (List<Object>)',
  'resultList (List<Map<String, Object>>)',
  'singleEntry (TypedValue)',
  'singleResult (Map<String, Object>)',
]);
/** Has words once the {placeholders} are taken out. */
const hasWords = (text: string) => /[A-Za-z]/.test(text.replace(/{[^}]+}/g, ''));

function callsOf(pkg: string): TranslateCalls {
  const all: TranslateCalls = { literals: new Set(), templated: new Set(), dynamic: new Set() };
  for (const file of UPSTREAM_FILES[pkg] ?? []) {
    const calls = translateCalls(readFileSync(file, 'utf8'));
    calls.literals.forEach((value) => all.literals.add(value));
    calls.templated.forEach((value) => all.templated.add(value));
    calls.dynamic.forEach((value) => all.dynamic.add(value));
  }
  return all;
}

const placeholders = (text: string) => [...text.matchAll(/{([^}]+)}/g)].map((match) => match[1]).sort();

describe('zh-CN catalogue for the bpmn.io translate service', () => {
  it.each(Object.entries(VERSIONS))('is written for the installed %s %s', (pkg, version) => {
    expect(`${pkg} ${packageVersion(pkg)}`).toBe(`${pkg} ${version}`);
  });

  describe.each(Object.keys(VERSIONS))('%s', (pkg) => {
    const calls = callsOf(pkg);

    it('has a Chinese entry for every literal passed to translate', () => {
      const missing = [...calls.literals].filter(
        (key) => !(key in EXCLUDED_LITERALS) && !Object.prototype.hasOwnProperty.call(bpmnZhCN, key),
      );
      expect(missing).toEqual([]);
    });

    it('knows every non-literal argument, and has entries for the keys it reaches', () => {
      const known = DYNAMIC[pkg] ?? {};
      expect([...calls.dynamic].filter((argument) => !(argument in known))).toEqual([]);
      const reached = [...calls.dynamic].flatMap((argument) => known[argument]?.keys?.() ?? []);
      expect(reached.filter((key) => !Object.prototype.hasOwnProperty.call(bpmnZhCN, key))).toEqual([]);
      for (const argument of calls.dynamic) {
        if (known[argument]?.keys) expect(known[argument]?.keys?.().length).toBeGreaterThan(0);
      }
    });

    it('knows every template literal, and has entries for the keys it produces', () => {
      expect([...calls.templated].filter((template) => !(template in TEMPLATED))).toEqual([]);
      const produced = [...calls.templated].flatMap((template) => TEMPLATED[template] ?? []);
      expect(produced.filter((key) => !Object.prototype.hasOwnProperty.call(bpmnZhCN, key))).toEqual([]);
    });
  });

  it('reads a broad set of strings from the packages (the extraction works)', () => {
    const literals = Object.keys(VERSIONS).reduce((sum, pkg) => sum + callsOf(pkg).literals.size, 0);
    expect(literals).toBeGreaterThan(400);
    expect(headerTypeLabels()).toContain('Timer Boundary Event (Non Interrupting)');
    expect(popupLabels()).toContain('Exclusive gateway');
  });

  it('translates into Chinese, keeping every {placeholder}', () => {
    const problems = Object.entries(bpmnZhCN).filter(
      ([english, chinese]) =>
        (SAME_IN_CHINESE.has(english)
          ? chinese !== english
          : hasWords(english) && !/[\u4e00-\u9fff]/.test(chinese)) ||
        placeholders(english).join() !== placeholders(chinese).join(),
    );
    expect(problems).toEqual([]);
  });

  it('uses the standard BPMN terms', () => {
    expect(bpmnZhCN['User task']).toBe('用户任务');
    expect(bpmnZhCN['Service task']).toBe('服务任务');
    expect(bpmnZhCN['Exclusive gateway']).toBe('排他网关');
    expect(bpmnZhCN['Parallel gateway']).toBe('并行网关');
    expect(bpmnZhCN['Call activity']).toBe('调用活动');
    expect(bpmnZhCN['Candidate groups']).toBe('候选组');
    expect(bpmnZhCN['Due date']).toBe('到期时间');
    expect(bpmnZhCN['Input mapping']).toBe('输入映射');
    expect(bpmnZhCN['Timer Boundary Event (Non Interrupting)']).toBe('定时器边界事件（非中断）');
  });
});

describe('bpmnTranslator', () => {
  it('fills {placeholders} as diagram-js does, in both languages', () => {
    expect(bpmnTranslator('zh-CN')('Open {element}', { element: '评估' })).toBe('打开 评估');
    expect(bpmnTranslator('en')('Open {element}', { element: 'Assess' })).toBe('Open Assess');
    expect(
      bpmnTranslator('zh-CN')('{errors} Errors, {warnings} Warnings', { errors: '2', warnings: '1' }),
    ).toBe('2 个错误，1 个警告');
    // like diagram-js: a missing or empty replacement leaves the placeholder visible
    expect(bpmnTranslator('zh-CN')('Open {element}', {})).toBe('打开 {element}');
    expect(bpmnTranslator('en')('Open {element}', { element: '' })).toBe('Open {element}');
  });

  it('returns English unchanged for en, and unknown strings unchanged for zh-CN', () => {
    expect(bpmnTranslator('en')('Create task')).toBe('Create task');
    expect(bpmnTranslator('zh-CN')('Create task')).toBe('创建任务');
    expect(bpmnTranslator('zh-CN')('A string no package has')).toBe('A string no package has');
  });

  it('falls back to the lint patterns (bpmn-js-bpmnlint translates each message) and data patterns', () => {
    expect(bpmnTranslator('zh-CN')('Element of type <bpmn:ComplexGateway> not allowed')).toBe(
      '不支持 <bpmn:ComplexGateway> 类型的元素',
    );
    expect(bpmnTranslator('zh-CN')('Custom properties for scope <zeebe:Connector>')).toBe(
      '作用域 <zeebe:Connector> 的自定义属性',
    );
  });
});

describe('bpmnTranslateModule', () => {
  it('is a didi module whose translate service is a value', () => {
    const module = bpmnTranslateModule('zh-CN');
    expect(module.translate[0]).toBe('value');
    expect(module.translate[1]('Create gateway')).toBe('创建网关');
    expect(bpmnTranslateModule('en').translate[1]('Create gateway')).toBe('Create gateway');
  });
});
