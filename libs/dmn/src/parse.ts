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
    errors.push(fileProblem(definitions, 'Expected at least one decision in the DMN file'));
  }
  for (const element of drg) {
    if (element.$type === 'dmn:BusinessKnowledgeModel' || element.$type === 'dmn:DecisionService') {
      warnings.push({
        decisionId: '',
        elementId: element.id ?? '',
        elementType: element.$type,
        message: `Ignored: ${element.$type.slice(4)} '${element.id ?? ''}' is not supported; only decisions that use no business knowledge model run`,
      });
    } else if (element.$type !== 'dmn:Decision' && !MODELLING_ONLY.has(element.$type)) {
      warnings.push({
        decisionId: '',
        elementId: element.id ?? '',
        elementType: element.$type,
        message: `Ignored: ${element.$type} '${element.id ?? ''}' is not evaluated`,
      });
    }
  }
  checkExpressionLanguage(definitions, (element, message) => errors.push(fileProblem(element, message)));

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
    errors.push({
      decisionId: first,
      elementId: first,
      elementType: 'dmn:Decision',
      message: `Expected required decisions without a cycle: ${cycle.join(' → ')} → ${first} require each other`,
    });
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
      problems: [
        {
          decisionId: '',
          elementId: '',
          elementType: 'xml',
          message: `Expected DMN 1.3 (or later) XML with a <definitions> root in namespace https://www.omg.org/spec/DMN/20191111/MODEL/: ${clip(reason, 200)}`,
        },
      ],
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
    return {
      decisionId: '',
      elementId,
      elementType: clip(tag),
      message: `Expected only supported DMN elements: <${clip(tag)}> at line ${Number(line) + 1}, column ${Number(column) + 1} cannot be read; it is not supported`,
    };
  }
  return {
    decisionId: '',
    elementId,
    elementType,
    message: `Expected readable DMN: ${clip(warning.message, 200)}`,
  };
}

function compileDecision(
  decision: ModdleElement,
  decisionIds: ReadonlySet<string>,
  knownNames: readonly string[],
  errors: DecisionProblem[],
): DecisionModel | null {
  const id = decision.id ?? '';
  const report = (element: ModdleElement, message: string): void => {
    errors.push({ decisionId: id, elementId: element.id ?? id, elementType: element.$type, message });
  };
  const where = describeDecision(decision);
  if (id === '') {
    report(decision, `Expected an id on decision ${where}`);
    return null;
  }

  const requiredDecisionIds: string[] = [];
  for (const requirement of listProp(decision, 'informationRequirement')) {
    const required = elementProp(requirement, 'requiredDecision');
    if (!required) continue; // requiredInput: input data are the case's variables, read by name
    const href = stringProp(required, 'href') ?? '';
    const target = href.startsWith('#') ? href.slice(1) : '';
    if (!decisionIds.has(target)) {
      report(
        requirement,
        `Expected the required decision '${clip(href)}' of decision ${where} to be a decision of this file (href="#id")`,
      );
    } else if (!requiredDecisionIds.includes(target)) {
      requiredDecisionIds.push(target);
    }
  }
  if (listProp(decision, 'knowledgeRequirement').length > 0) {
    report(
      decision,
      `Expected decision ${where} to require no business knowledge model: knowledge requirements are not supported`,
    );
  }

  const logic = elementProp(decision, 'decisionLogic');
  let compiled: DecisionModel['logic'] | null = null;
  if (!logic) {
    report(
      decision,
      `Expected decision ${where} to have a decision table or a literal expression: a decision without decision logic is not supported`,
    );
  } else if (logic.$type === 'dmn:LiteralExpression') {
    checkExpressionLanguage(logic, (_, message) => report(decision, message));
    const text = textOf(logic);
    if (text === undefined)
      report(decision, `Expected a FEEL expression in the literal expression of decision ${where}`);
    else checkExpression(text, `the literal expression of decision ${where}`, decision, knownNames, report);
    compiled = { type: 'literalExpression', text: text ?? '' };
  } else if (logic.$type === 'dmn:DecisionTable') {
    compiled = compileTable(logic, decision, knownNames, report);
  } else {
    report(
      decision,
      `Expected decision ${where} to have a decision table or a literal expression: ${logic.$type.slice(4)} is not supported`,
    );
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

type Report = (element: ModdleElement, message: string) => void;

function compileTable(
  table: ModdleElement,
  decision: ModdleElement,
  knownNames: readonly string[],
  report: Report,
): DecisionTableModel {
  const where = describeDecision(decision);
  checkExpressionLanguage(table, (_, message) => report(decision, message));
  const hitPolicy = (stringProp(table, 'hitPolicy') ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) {
    report(
      table.id ? table : decision,
      `Expected the hit policy of decision ${where} to be one of ${HIT_POLICIES.join(', ')}, got '${clip(hitPolicy)}'`,
    );
  }
  const aggregation = stringProp(table, 'aggregation') as Aggregation | undefined;
  if (aggregation !== undefined && !AGGREGATIONS.includes(aggregation)) {
    report(
      decision,
      `Expected the aggregation of decision ${where} to be one of ${AGGREGATIONS.join(', ')}, got '${clip(aggregation)}'`,
    );
  } else if (aggregation !== undefined && hitPolicy !== 'COLLECT') {
    report(
      decision,
      `Expected an aggregation (${aggregation}) only with hit policy COLLECT in decision ${where}`,
    );
  }

  const inputs: DecisionInput[] = listProp(table, 'input').map((input, index) => {
    const inputExpression = elementProp(input, 'inputExpression');
    const expression = textOf(inputExpression);
    const typeRef = inputExpression && stringProp(inputExpression, 'typeRef')?.trim();
    const label = stringProp(input, 'label');
    const name = `input ${index + 1}${label ? ` '${clip(label)}'` : ''} of decision ${where}`;
    if (expression === undefined) report(input, `Expected an input expression on ${name}`);
    else checkExpression(expression, `the input expression of ${name}`, input, knownNames, report);
    const allowed = textOf(elementProp(input, 'inputValues'));
    if (allowed !== undefined) checkTests(allowed, `the input values of ${name}`, input, knownNames, report);
    return {
      id: input.id ?? '',
      ...optional('label', label),
      expression: expression ?? '',
      ...optional('typeRef', simpleType(typeRef)),
    };
  });

  const clauses = listProp(table, 'output');
  if (clauses.length === 0)
    report(decision, `Expected at least one output in the decision table of decision ${where}`);
  const names = new Set<string>();
  const outputs: DecisionOutput[] = clauses.map((output, index) => {
    const name = stringProp(output, 'name');
    const label = `output ${index + 1}${name ? ` '${clip(name)}'` : ''} of decision ${where}`;
    if (clauses.length > 1) {
      if (!name)
        report(
          output,
          `Expected a name on ${label}: a table with several outputs gives a context by output name`,
        );
      else if (names.has(name))
        report(output, `Expected each output name once in decision ${where}, found '${clip(name)}' again`);
      else names.add(name);
    }
    const values = textOf(elementProp(output, 'outputValues'));
    if (values !== undefined)
      checkExpression(`[${values}]`, `the output values of ${label}`, output, knownNames, report);
    const defaultEntry = textOf(elementProp(output, 'defaultOutputEntry'));
    if (defaultEntry !== undefined) {
      checkExpression(defaultEntry, `the default output entry of ${label}`, output, knownNames, report);
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
    report(
      decision,
      `Expected output values on an output of decision ${where}: hit policy ${hitPolicy} ranks the matched rules by them`,
    );
  }
  if (aggregation !== undefined && outputs.length > 1) {
    report(
      decision,
      `Expected one output in decision ${where}: an aggregation (${aggregation}) needs a single output`,
    );
  }

  const rules: DecisionRule[] = listProp(table, 'rule').map((rule, index) => {
    const ruleName = `rule ${index + 1}${rule.id ? ` '${rule.id}'` : ''} of decision ${where}`;
    const inputEntries = listProp(rule, 'inputEntry').map((entry) => textOf(entry) ?? '');
    const outputEntries = listProp(rule, 'outputEntry').map((entry) => textOf(entry) ?? '');
    if (!rule.id) report(decision, `Expected an id on ${ruleName}: failures name the rules by it`);
    if (inputEntries.length !== inputs.length) {
      report(rule, `Expected ${inputs.length} input entries in ${ruleName}, found ${inputEntries.length}`);
    }
    if (outputEntries.length !== outputs.length) {
      report(rule, `Expected ${outputs.length} output entries in ${ruleName}, found ${outputEntries.length}`);
    }
    inputEntries.forEach((entry, at) => {
      checkTests(entry, `input entry ${at + 1} of ${ruleName}`, rule, knownNames, report);
    });
    outputEntries.forEach((entry, at) => {
      if (entry.trim() === '')
        report(rule, `Expected an expression as output entry ${at + 1} of ${ruleName}`);
      else checkExpression(entry, `output entry ${at + 1} of ${ruleName}`, rule, knownNames, report);
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
  where: string,
  element: ModdleElement,
  knownNames: readonly string[],
  report: Report,
): void {
  if (tooLong(text, where, element, report)) return;
  const problem = checkFeelSyntax(text, knownNames);
  if (problem) {
    report(
      element,
      `Expected a valid FEEL expression as ${where}: ${problem.message} at position ${problem.position} of '${clip(text)}'`,
    );
  }
}

function checkTests(
  text: string,
  where: string,
  element: ModdleElement,
  knownNames: readonly string[],
  report: Report,
): void {
  if (text.trim() === '' || text.trim() === '-') return;
  if (tooLong(text, where, element, report)) return;
  const problem = checkUnaryTestsSyntax(text, knownNames);
  if (problem) {
    report(
      element,
      `Expected valid FEEL unary tests as ${where}: ${problem.message} at position ${problem.position} of '${clip(text)}'`,
    );
  }
}

function tooLong(text: string, where: string, element: ModdleElement, report: Report): boolean {
  if (text.length <= MAX_EXPRESSION_LENGTH) return false;
  report(element, `Expected at most ${MAX_EXPRESSION_LENGTH} characters as ${where}, got ${text.length}`);
  return true;
}

/**
 * Only FEEL runs. A file, table or expression may name its expression language; FEEL's URIs
 * (any DMN version's) and Camunda's 'feel' are accepted, anything else (JUEL, JavaScript) is not.
 */
function checkExpressionLanguage(element: ModdleElement, report: Report): void {
  const language = stringProp(element, 'expressionLanguage');
  if (language === undefined || /feel/i.test(language)) return;
  report(
    element,
    `Expected FEEL as the expression language, got '${clip(language)}': only FEEL is supported`,
  );
}

function fileProblem(definitions: ModdleElement, message: string): DecisionProblem {
  return { decisionId: '', elementId: definitions.id ?? '', elementType: definitions.$type, message };
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

function describeDecision(decision: ModdleElement): string {
  const name = stringProp(decision, 'name');
  return name ? `'${decision.id ?? ''}' (${clip(name)})` : `'${decision.id ?? ''}'`;
}
