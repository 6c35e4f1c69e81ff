import { DmnModdle, type ModdleWarning } from 'dmn-moddle';
import {
  checkXmlSafety,
  clip,
  elementProp,
  isModdleElement,
  listProp,
  MAX_EXPRESSION_LENGTH,
  type ModdleElement,
  optional,
  problem,
  problemAt,
  type ProblemText,
  stringProp,
} from '../../bpmn/src';
import { checkFeelSyntax, checkUnaryTestsSyntax } from '../../expressions/src';
import { cycleOf } from './requirements';
import type {
  Aggregation,
  DecisionInput,
  DecisionModel,
  DecisionOutput,
  DecisionProblem,
  DecisionRule,
  DecisionTableModel,
  HitPolicy,
  ParseDecisionsResult,
} from './model';

/**
 * DMN 1.4 and 1.5 changed the namespaces but not the elements a decision table or a literal
 * expression is made of; dmn-moddle reads DMN 1.3, so later files are read as 1.3. What those
 * versions added (boxed conditionals, filters, iterators) is then an unknown element, refused.
 */
const LATER_NAMESPACES: [string, string][] = [
  ['https://www.omg.org/spec/DMN/20211108/MODEL/', 'https://www.omg.org/spec/DMN/20191111/MODEL/'],
  ['https://www.omg.org/spec/DMN/20230324/MODEL/', 'https://www.omg.org/spec/DMN/20191111/MODEL/'],
  ['https://www.omg.org/spec/DMN/20211108/DMNDI/', 'https://www.omg.org/spec/DMN/20191111/DMNDI/'],
  ['https://www.omg.org/spec/DMN/20230324/DMNDI/', 'https://www.omg.org/spec/DMN/20191111/DMNDI/'],
];

const HIT_POLICIES: readonly HitPolicy[] = [
  'UNIQUE',
  'FIRST',
  'PRIORITY',
  'ANY',
  'COLLECT',
  'RULE ORDER',
  'OUTPUT ORDER',
];
const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];
const SIMPLE_TYPES: readonly NonNullable<DecisionInput['typeRef']>[] = ['number', 'string', 'boolean'];

function simpleType(typeRef: string | undefined): DecisionInput['typeRef'] {
  return SIMPLE_TYPES.find((type) => type === typeRef);
}

/** Elements of a DRG that carry no logic of their own: kept out of the model without a word. */
const MODELLING_ONLY = new Set(['dmn:InputData', 'dmn:KnowledgeSource']);

/**
 * DMN XML (1.3, or 1.4/1.5 read as 1.3) → the model of its decisions, or every problem found,
 * each naming the decision and the element (rule, input, output) it is at. What can be checked
 * without running anything is checked here: the hit policy, the shape of every rule, the FEEL
 * syntax of every entry, that required decisions exist and form no cycle. Semantics:
 * docs/adr/0009-dmn-decisions.md.
 */
export async function parseDecisions(xml: string): Promise<ParseDecisionsResult> {
  const unsafe = checkXmlSafety(xml);
  if (unsafe.length > 0)
    return { ok: false, errors: unsafe.map((problem) => ({ decisionId: '', ...problem })) };

  const read = await readXml(xml);
  if (!read.definitions) return { ok: false, errors: read.problems };
  const definitions = read.definitions;
  const errors: DecisionProblem[] = [...read.problems];
  const warnings: DecisionProblem[] = [];

  const drg = listProp(definitions, 'drgElement');
  const decisions = drg.filter((element) => element.$type === 'dmn:Decision');
  if (decisions.length === 0) {
    errors.push(fileProblem(definitions, problem('dmn.noDecision')));
  }
  for (const element of drg) {
    if (element.$type === 'dmn:BusinessKnowledgeModel' || element.$type === 'dmn:DecisionService') {
      warnings.push(
        decisionProblem(
          element,
          problem('dmn.ignoredKnowledge', { kind: element.$type.slice(4), id: element.id ?? '' }),
        ),
      );
    } else if (element.$type !== 'dmn:Decision' && !MODELLING_ONLY.has(element.$type)) {
      warnings.push(
        decisionProblem(
          element,
          problem('dmn.ignoredElement', { type: element.$type, id: element.id ?? '' }),
        ),
      );
    }
  }
  checkExpressionLanguage(definitions, (element, found) => errors.push(fileProblem(element, found)));

  const ids = new Set(decisions.map((decision) => decision.id ?? ''));
  // Names a FEEL expression may use: feelin parses names with spaces only when it knows them.
  const knownNames = [
    ...drg.flatMap((element) => [stringProp(element, 'name'), variableName(element)]),
    ...decisions.map((decision) => decision.id),
  ].filter((name): name is string => name !== undefined && name !== '');

  const model: Record<string, DecisionModel> = {};
  for (const decision of decisions) {
    const compiled = compileDecision(decision, ids, knownNames, errors);
    if (compiled) model[compiled.id] = compiled;
  }
  const cycle = cycleOf(model);
  if (cycle) {
    const [first = ''] = cycle;
    errors.push(
      decisionProblem(
        { id: first, $type: 'dmn:Decision' },
        problem('dmn.cycle', { cycle: cycle.join(' → '), first }),
        first,
      ),
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    model: {
      id: definitions.id ?? '',
      ...optional('name', stringProp(definitions, 'name')),
      decisions: model,
    },
    warnings,
  };
}

async function readXml(
  xml: string,
): Promise<{ definitions: ModdleElement | null; problems: DecisionProblem[] }> {
  let text = xml;
  for (const [later, v13] of LATER_NAMESPACES) text = text.replaceAll(later, v13);
  try {
    const { rootElement, warnings } = await new DmnModdle().fromXML(text, 'dmn:Definitions');
    return {
      definitions: isModdleElement(rootElement) ? rootElement : null,
      problems: warnings.filter((w) => !DECLARED_ENCODING.test(w.message)).map(warningToProblem),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
    return {
      definitions: null,
      problems: [decisionProblem({ $type: 'xml' }, problem('dmn.unreadable', { reason: clip(reason, 200) }))],
    };
  }
}

/** As for diagrams (libs/bpmn/src/moddle.ts): the text reaches the parser decoded already. */
const DECLARED_ENCODING = /^unsupported document encoding <[^>]*>, falling back to UTF-8$/;

function warningToProblem(warning: ModdleWarning): DecisionProblem {
  const elementId = warning.element?.id ?? '';
  const elementType = warning.element?.$type ?? 'xml';
  const unparsable = /^unparsable content <([^>]+)> detected\s+line: (\d+)\s+column: (\d+)/.exec(
    warning.message,
  );
  if (unparsable) {
    const [, tag = '', line = '0', column = '0'] = unparsable;
    const where = problem('xml.position', { line: Number(line) + 1, column: Number(column) + 1 });
    return decisionProblem(
      { id: elementId, $type: clip(tag) },
      problem('dmn.unreadableElement', { tag: clip(tag), where }),
    );
  }
  return decisionProblem(
    { id: elementId, $type: elementType },
    problem('dmn.unreadableOther', { reason: clip(warning.message, 200) }),
  );
}

function compileDecision(
  decision: ModdleElement,
  decisionIds: ReadonlySet<string>,
  knownNames: readonly string[],
  errors: DecisionProblem[],
): DecisionModel | null {
  const id = decision.id ?? '';
  const report: Report = (element, found) => {
    errors.push(decisionProblem({ id: element.id ?? id, $type: element.$type }, found, id));
  };
  const where = describeDecision(decision);
  if (id === '') {
    report(decision, problem('dmn.noId', { decision: where }));
    return null;
  }

  const requiredDecisionIds: string[] = [];
  for (const requirement of listProp(decision, 'informationRequirement')) {
    const required = elementProp(requirement, 'requiredDecision');
    if (!required) continue; // requiredInput: input data are the case's variables, read by name
    const href = stringProp(required, 'href') ?? '';
    const target = href.startsWith('#') ? href.slice(1) : '';
    if (!decisionIds.has(target)) {
      report(requirement, problem('dmn.requiredNotInFile', { href: clip(href), decision: where }));
    } else if (!requiredDecisionIds.includes(target)) {
      requiredDecisionIds.push(target);
    }
  }
  if (listProp(decision, 'knowledgeRequirement').length > 0) {
    report(decision, problem('dmn.knowledgeRequirement', { decision: where }));
  }

  const logic = elementProp(decision, 'decisionLogic');
  let compiled: DecisionModel['logic'] | null = null;
  if (!logic) {
    report(decision, problem('dmn.noLogic', { decision: where }));
  } else if (logic.$type === 'dmn:LiteralExpression') {
    checkExpressionLanguage(logic, (_, found) => report(decision, found));
    const text = textOf(logic);
    if (text === undefined) report(decision, problem('dmn.noLiteral', { decision: where }));
    else
      checkExpression(text, problem('dmn.whereLiteral', { decision: where }), decision, knownNames, report);
    compiled = { type: 'literalExpression', text: text ?? '' };
  } else if (logic.$type === 'dmn:DecisionTable') {
    compiled = compileTable(logic, decision, knownNames, report);
  } else {
    report(decision, problem('dmn.otherLogic', { decision: where, kind: logic.$type.slice(4) }));
  }
  if (!compiled) return null;
  return {
    id,
    ...optional('name', stringProp(decision, 'name')),
    resultName: variableName(decision) ?? stringProp(decision, 'name') ?? id,
    requiredDecisionIds,
    logic: compiled,
  };
}

type Report = (element: ModdleElement, found: ProblemText) => void;

function compileTable(
  table: ModdleElement,
  decision: ModdleElement,
  knownNames: readonly string[],
  report: Report,
): DecisionTableModel {
  const where = describeDecision(decision);
  checkExpressionLanguage(table, (_, found) => report(decision, found));
  const hitPolicy = (stringProp(table, 'hitPolicy') ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) {
    report(
      table.id ? table : decision,
      problem('dmn.hitPolicy', { decision: where, known: HIT_POLICIES.join(', '), value: clip(hitPolicy) }),
    );
  }
  const aggregation = stringProp(table, 'aggregation') as Aggregation | undefined;
  if (aggregation !== undefined && !AGGREGATIONS.includes(aggregation)) {
    report(
      decision,
      problem('dmn.aggregation', {
        decision: where,
        known: AGGREGATIONS.join(', '),
        value: clip(aggregation),
      }),
    );
  } else if (aggregation !== undefined && hitPolicy !== 'COLLECT') {
    report(decision, problem('dmn.aggregationWithoutCollect', { aggregation, decision: where }));
  }

  const inputs: DecisionInput[] = listProp(table, 'input').map((input, index) => {
    const inputExpression = elementProp(input, 'inputExpression');
    const expression = textOf(inputExpression);
    const typeRef = inputExpression && stringProp(inputExpression, 'typeRef')?.trim();
    const label = stringProp(input, 'label');
    const name = label
      ? problem('dmn.inputLabelled', { index: index + 1, label: clip(label), decision: where })
      : problem('dmn.input', { index: index + 1, decision: where });
    if (expression === undefined) report(input, problem('dmn.noInputExpression', { input: name }));
    else
      checkExpression(
        expression,
        problem('dmn.whereInputExpression', { input: name }),
        input,
        knownNames,
        report,
      );
    const allowed = textOf(elementProp(input, 'inputValues'));
    if (allowed !== undefined)
      checkTests(allowed, problem('dmn.whereInputValues', { input: name }), input, knownNames, report);
    return {
      id: input.id ?? '',
      ...optional('label', label),
      expression: expression ?? '',
      ...optional('typeRef', simpleType(typeRef)),
    };
  });

  const clauses = listProp(table, 'output');
  if (clauses.length === 0) report(decision, problem('dmn.noOutput', { decision: where }));
  const names = new Set<string>();
  const outputs: DecisionOutput[] = clauses.map((output, index) => {
    const name = stringProp(output, 'name');
    const label = name
      ? problem('dmn.outputNamed', { index: index + 1, name: clip(name), decision: where })
      : problem('dmn.output', { index: index + 1, decision: where });
    if (clauses.length > 1) {
      if (!name) report(output, problem('dmn.outputNoName', { output: label }));
      else if (names.has(name))
        report(output, problem('dmn.outputNameTwice', { decision: where, name: clip(name) }));
      else names.add(name);
    }
    const values = textOf(elementProp(output, 'outputValues'));
    if (values !== undefined)
      checkExpression(
        `[${values}]`,
        problem('dmn.whereOutputValues', { output: label }),
        output,
        knownNames,
        report,
      );
    const defaultEntry = textOf(elementProp(output, 'defaultOutputEntry'));
    if (defaultEntry !== undefined) {
      checkExpression(
        defaultEntry,
        problem('dmn.whereDefaultOutput', { output: label }),
        output,
        knownNames,
        report,
      );
    }
    return {
      id: output.id ?? '',
      ...optional('name', name),
      ...optional('values', values),
      ...optional('defaultEntry', defaultEntry),
    };
  });
  if (
    (hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') &&
    !outputs.some((o) => o.values !== undefined)
  ) {
    report(decision, problem('dmn.rankingWithoutValues', { decision: where, hitPolicy }));
  }
  if (aggregation !== undefined && outputs.length > 1) {
    report(decision, problem('dmn.aggregationSeveralOutputs', { decision: where, aggregation }));
  }

  const rules: DecisionRule[] = listProp(table, 'rule').map((rule, index) => {
    const ruleName = rule.id
      ? problem('dmn.ruleWithId', { index: index + 1, id: rule.id, decision: where })
      : problem('dmn.rule', { index: index + 1, decision: where });
    const inputEntries = listProp(rule, 'inputEntry').map((entry) => textOf(entry) ?? '');
    const outputEntries = listProp(rule, 'outputEntry').map((entry) => textOf(entry) ?? '');
    if (!rule.id) report(decision, problem('dmn.ruleNoId', { rule: ruleName }));
    if (inputEntries.length !== inputs.length) {
      report(
        rule,
        problem('dmn.inputEntries', { expected: inputs.length, rule: ruleName, count: inputEntries.length }),
      );
    }
    if (outputEntries.length !== outputs.length) {
      report(
        rule,
        problem('dmn.outputEntries', {
          expected: outputs.length,
          rule: ruleName,
          count: outputEntries.length,
        }),
      );
    }
    inputEntries.forEach((entry, at) => {
      checkTests(
        entry,
        problem('dmn.whereInputEntry', { index: at + 1, rule: ruleName }),
        rule,
        knownNames,
        report,
      );
    });
    outputEntries.forEach((entry, at) => {
      const where = problem('dmn.whereOutputEntry', { index: at + 1, rule: ruleName });
      if (entry.trim() === '') report(rule, problem('dmn.noOutputEntry', { where }));
      else checkExpression(entry, where, rule, knownNames, report);
    });
    return { id: rule.id ?? '', inputEntries, outputEntries };
  });

  return {
    type: 'decisionTable',
    hitPolicy,
    ...optional('aggregation', aggregation),
    inputs,
    outputs,
    rules,
  };
}

function checkExpression(
  text: string,
  where: ProblemText,
  element: ModdleElement,
  knownNames: readonly string[],
  report: Report,
): void {
  if (tooLong(text, where, element, report)) return;
  const syntax = checkFeelSyntax(text, knownNames);
  if (syntax) {
    report(
      element,
      problem('expression.invalidFeel', {
        where,
        detail: syntax.message,
        position: syntax.position,
        value: clip(text),
      }),
    );
  }
}

function checkTests(
  text: string,
  where: ProblemText,
  element: ModdleElement,
  knownNames: readonly string[],
  report: Report,
): void {
  if (text.trim() === '' || text.trim() === '-') return;
  if (tooLong(text, where, element, report)) return;
  const syntax = checkUnaryTestsSyntax(text, knownNames);
  if (syntax) {
    report(
      element,
      problem('dmn.invalidTests', {
        where,
        detail: syntax.message,
        position: syntax.position,
        value: clip(text),
      }),
    );
  }
}

function tooLong(text: string, where: ProblemText, element: ModdleElement, report: Report): boolean {
  if (text.length <= MAX_EXPRESSION_LENGTH) return false;
  report(element, problem('dmn.tooLong', { max: MAX_EXPRESSION_LENGTH, where, length: text.length }));
  return true;
}

/**
 * Only FEEL runs. A file, table or expression may name its expression language; FEEL's URIs
 * (any DMN version's) and Camunda's 'feel' are accepted, anything else (JUEL, JavaScript) is not.
 */
function checkExpressionLanguage(element: ModdleElement, report: Report): void {
  const language = stringProp(element, 'expressionLanguage');
  if (language === undefined || /feel/i.test(language)) return;
  report(element, problem('dmn.expressionLanguage', { value: clip(language) }));
}

function fileProblem(definitions: ModdleElement, found: ProblemText): DecisionProblem {
  return decisionProblem(definitions, found);
}

/** A coded problem of the file, in its decision (or '' for the file), English rendered. */
function decisionProblem(
  element: { id?: string; $type: string },
  found: ProblemText,
  decisionId = '',
): DecisionProblem {
  return { decisionId, ...problemAt(element, found) };
}

function textOf(element: ModdleElement | undefined): string | undefined {
  const text = element && stringProp(element, 'text');
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function variableName(element: ModdleElement): string | undefined {
  const variable = elementProp(element, 'variable');
  const name = variable && stringProp(variable, 'name');
  return name === undefined || name.trim() === '' ? undefined : name;
}

function describeDecision(decision: ModdleElement): ProblemText {
  const name = stringProp(decision, 'name');
  return name
    ? problem('dmn.decisionNamed', { id: decision.id ?? '', name: clip(name) })
    : problem('element.unnamed', { id: decision.id ?? '' });
}
