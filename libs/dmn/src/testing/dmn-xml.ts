/**
 * DMN 1.3 XML for tests, in the shape Camunda Modeler writes: `table` builds a decision with a
 * decision table (rules as rows of input entries and output entries), `literal` one with a
 * literal expression, `dmn` wraps decisions in a definitions element.
 */
export interface TableSpec {
  id: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  /** Input expressions, each with an optional typeRef ('phq9: number'). */
  inputs: string[];
  outputs: (string | { name: string; values?: string; defaultEntry?: string })[];
  /** [ruleId, inputEntries, outputEntries] */
  rules: [string, string[], string[]][];
  requires?: string[];
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function requirements(ids: string[] = []): string {
  return ids
    .map(
      (id, at) =>
        `<informationRequirement id="req_${id}_${at}"><requiredDecision href="#${id}" /></informationRequirement>`,
    )
    .join('');
}

export function table(spec: TableSpec): string {
  const policy = spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : '';
  const aggregation = spec.aggregation ? ` aggregation="${spec.aggregation}"` : '';
  const inputs = spec.inputs
    .map((input, at) => {
      const [, text = input, type] = /^(.*?)(?::\s*(number|string|boolean))?$/.exec(input) ?? [];
      const typeRef = type ? ` typeRef="${type}"` : '';
      return `<input id="${spec.id}_in${at}"><inputExpression${typeRef}><text>${escape(text)}</text></inputExpression></input>`;
    })
    .join('');
  const outputs = spec.outputs
    .map((output, at) => {
      const o = typeof output === 'string' ? { name: output } : output;
      const values = o.values ? `<outputValues><text>${escape(o.values)}</text></outputValues>` : '';
      const fallback = o.defaultEntry
        ? `<defaultOutputEntry><text>${escape(o.defaultEntry)}</text></defaultOutputEntry>`
        : '';
      return `<output id="${spec.id}_out${at}" name="${o.name}" typeRef="string">${values}${fallback}</output>`;
    })
    .join('');
  const rules = spec.rules
    .map(
      ([id, ins, outs]) =>
        `<rule id="${id}">${ins.map((t) => `<inputEntry><text>${escape(t)}</text></inputEntry>`).join('')}${outs
          .map((t) => `<outputEntry><text>${escape(t)}</text></outputEntry>`)
          .join('')}</rule>`,
    )
    .join('');
  return `<decision id="${spec.id}" name="${spec.name ?? spec.id}">${requirements(spec.requires)}<decisionTable id="${spec.id}_table"${policy}${aggregation}>${inputs}${outputs}${rules}</decisionTable></decision>`;
}

export function literal(
  id: string,
  text: string,
  options: { name?: string; variable?: string; requires?: string[] } = {},
): string {
  const variable = options.variable ? `<variable id="${id}_var" name="${options.variable}" />` : '';
  return `<decision id="${id}" name="${options.name ?? id}">${variable}${requirements(options.requires)}<literalExpression id="${id}_lx"><text>${escape(text)}</text></literalExpression></decision>`;
}

export function dmn(...decisions: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="definitions_test" name="Test decisions" namespace="http://camunda.org/schema/1.0/dmn">${decisions.join('')}</definitions>`;
}
