import { englishIn } from '../../bpmn/src/testing';
import { evaluateDecision } from './evaluate';
import type { DecisionOutcome, DecisionsModel } from './model';
import { parseDecisions } from './parse';
import { dmn, literal, table, type TableSpec } from './testing/dmn-xml';

async function model(...decisions: string[]): Promise<DecisionsModel> {
  const parsed = await parseDecisions(dmn(...decisions));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.model;
}

/** The problems of a refused file; their Chinese wording is checked for English on the way. */
async function problems(...decisions: string[]) {
  const xml = dmn(...decisions);
  const parsed = await parseDecisions(xml);
  if (parsed.ok) throw new Error('expected the DMN to be refused');
  const english = parsed.errors.flatMap((found) =>
    englishIn(found, xml).map((run) => `${found.code}: ${run}`),
  );
  if (english.length > 0) throw new Error(`Expected Chinese problems, found English: ${english.join(', ')}`);
  return parsed.errors;
}

async function evaluate(spec: TableSpec, variables: Record<string, unknown>): Promise<DecisionOutcome> {
  return evaluateDecision(await model(table(spec)), spec.id, variables);
}

/** PHQ-9 total → risk level, the shape of the psychology leads' triage tables. */
const triage = (hitPolicy = 'UNIQUE', rules: TableSpec['rules'] = []): TableSpec => ({
  id: 'riskLevel',
  name: 'Risk level',
  hitPolicy,
  inputs: ['phq9: number'],
  outputs: [{ name: 'level', values: '"high","medium","low"' }],
  rules: [
    ['low', ['< 10'], ['"low"']],
    ['medium', ['[10..19]'], ['"medium"']],
    ['high', ['>= 20'], ['"high"']],
    ...rules,
  ],
});

describe('decision tables: hit policies', () => {
  it('UNIQUE gives the output of the one matching rule and the rule that matched', async () => {
    const outcome = await evaluate(triage(), { phq9: 14 });
    expect(outcome).toEqual({
      ok: true,
      value: 'medium',
      evaluated: [
        { decisionId: 'riskLevel', decisionName: 'Risk level', result: 'medium', matchedRuleIds: ['medium'] },
      ],
    });
  });

  it('UNIQUE with several matching rules is a failure naming the decision and the rules', async () => {
    const outcome = await evaluate(triage('UNIQUE', [['overlap', ['>= 15'], ['"high"']]]), { phq9: 17 });
    expect(outcome).toEqual({
      ok: false,
      decisionId: 'riskLevel',
      ruleIds: ['medium', 'overlap'],
      message: expect.stringMatching(
        /Decision 'riskLevel' \(Risk level\): 2 rules matched under hit policy UNIQUE: 'medium', 'overlap'/,
      ),
    });
  });

  it('UNIQUE with no matching rule is a failure naming the decision, unless an output has a default', async () => {
    const outcome = await evaluate(triage(), { phq9: 'not a number' });
    expect(outcome).toMatchObject({ ok: false, decisionId: 'riskLevel', ruleIds: [] });
    expect(!outcome.ok && outcome.message).toMatch(/riskLevel.*no rule matched/);

    const withDefault = triage();
    withDefault.outputs = [{ name: 'level', defaultEntry: '"unknown"' }];
    expect(await evaluate(withDefault, { phq9: 'not a number' })).toMatchObject({
      ok: true,
      value: 'unknown',
    });
  });

  it('reads a variable the case does not hold as null, which rules can test', async () => {
    const spec = triage('UNIQUE', [['missing', ['null'], ['"screen again"']]]);
    expect(await evaluate(spec, {})).toMatchObject({
      ok: true,
      value: 'screen again',
      evaluated: [{ matchedRuleIds: ['missing'] }],
    });
  });

  it('FIRST takes the first matching rule in rule order', async () => {
    const spec = triage('FIRST', [['catchAll', ['-'], ['"unknown"']]]);
    expect(await evaluate(spec, { phq9: 25 })).toMatchObject({
      ok: true,
      value: 'high',
      evaluated: [{ matchedRuleIds: ['high'] }],
    });
    expect(await evaluate(spec, { phq9: 'x' })).toMatchObject({ ok: true, value: 'unknown' });
  });

  it('ANY accepts several matches with the same output and refuses different outputs', async () => {
    const same = triage('ANY', [['alsoHigh', ['> 22'], ['"high"']]]);
    expect(await evaluate(same, { phq9: 25 })).toMatchObject({
      ok: true,
      value: 'high',
      evaluated: [{ matchedRuleIds: ['high', 'alsoHigh'] }],
    });
    const different = triage('ANY', [['odd', ['> 22'], ['"medium"']]]);
    expect(await evaluate(different, { phq9: 25 })).toMatchObject({ ok: false, ruleIds: ['high', 'odd'] });
    expect(await evaluate(same, { phq9: 'x' })).toMatchObject({ ok: true, value: null });
  });

  it('PRIORITY takes the match whose output comes first in the output values', async () => {
    const spec = triage('PRIORITY', [['selfHarmItem', ['> 5'], ['"high"']]]);
    expect(await evaluate(spec, { phq9: 12 })).toMatchObject({
      ok: true,
      value: 'high',
      evaluated: [{ matchedRuleIds: ['selfHarmItem'] }],
    });
  });

  it('OUTPUT ORDER lists every match by output priority, RULE ORDER by rule order', async () => {
    const extra: TableSpec['rules'] = [['selfHarmItem', ['> 5'], ['"high"']]];
    expect(await evaluate(triage('OUTPUT ORDER', extra), { phq9: 12 })).toMatchObject({
      ok: true,
      value: ['high', 'medium'],
      evaluated: [{ matchedRuleIds: ['selfHarmItem', 'medium'] }],
    });
    expect(await evaluate(triage('RULE ORDER', extra), { phq9: 12 })).toMatchObject({
      ok: true,
      value: ['medium', 'high'],
    });
  });

  it('COLLECT lists the matches, or aggregates them with SUM, MIN, MAX and COUNT', async () => {
    const points = (aggregation?: string): TableSpec => ({
      id: 'points',
      hitPolicy: 'COLLECT',
      ...(aggregation ? { aggregation } : {}),
      inputs: ['phq9', 'gad7'],
      outputs: ['points'],
      rules: [
        ['depression', ['>= 10', '-'], ['2']],
        ['anxiety', ['-', '>= 10'], ['3']],
        ['both', ['>= 10', '>= 10'], ['1']],
      ],
    });
    const scores = { phq9: 12, gad7: 15 };
    expect(await evaluate(points(), scores)).toMatchObject({ ok: true, value: [2, 3, 1] });
    expect(await evaluate(points('SUM'), scores)).toMatchObject({ ok: true, value: 6 });
    expect(await evaluate(points('MIN'), scores)).toMatchObject({ ok: true, value: 1 });
    expect(await evaluate(points('MAX'), scores)).toMatchObject({ ok: true, value: 3 });
    expect(await evaluate(points('COUNT'), scores)).toMatchObject({ ok: true, value: 3 });
    expect(await evaluate(points(), { phq9: 0, gad7: 0 })).toMatchObject({ ok: true, value: [] });
    expect(await evaluate(points('COUNT'), { phq9: 0, gad7: 0 })).toMatchObject({ ok: true, value: 0 });
    expect(await evaluate(points('SUM'), { phq9: 0, gad7: 0 })).toMatchObject({ ok: true, value: null });
  });

  it('gives a context by output name for several outputs, and output entries are FEEL', async () => {
    const spec: TableSpec = {
      id: 'plan',
      inputs: ['phq9'],
      outputs: ['level', 'reviewInDays'],
      rules: [
        ['low', ['< 10'], ['"low"', '30']],
        ['high', ['>= 10'], ['"high"', 'max(1, 14 - phq9)']],
      ],
    };
    expect(await evaluate(spec, { phq9: 12 })).toMatchObject({
      ok: true,
      value: { level: 'high', reviewInDays: 2 },
    });
  });
});

describe('literal expressions and required decisions', () => {
  it('evaluates required decisions first and shows their results by name and id', async () => {
    const drg = await model(
      table({ ...triage(), id: 'riskLevel', name: 'Risk level' }),
      literal('total', 'sum(items)', { variable: 'phq9' }),
      literal('route', 'if riskLevel = "high" and Risk level = "high" then "referral" else "monitor"', {
        requires: ['riskLevel'],
      }),
    );
    // riskLevel reads phq9 from the case; route reads riskLevel's result
    expect(evaluateDecision(drg, 'route', { phq9: 21 })).toEqual({
      ok: true,
      value: 'referral',
      evaluated: [
        { decisionId: 'riskLevel', decisionName: 'Risk level', result: 'high', matchedRuleIds: ['high'] },
        { decisionId: 'route', decisionName: 'route', result: 'referral', matchedRuleIds: [] },
      ],
    });
  });

  it('passes a required decision result to a table by its variable name', async () => {
    const drg = await model(
      literal('total', 'sum(items)', { variable: 'phq9' }),
      table({ ...triage(), requires: ['total'] }),
    );
    expect(evaluateDecision(drg, 'riskLevel', { items: [3, 3, 3, 3, 3, 3, 3, 0, 0] })).toMatchObject({
      ok: true,
      value: 'high',
    });
  });

  it('a failing required decision fails the decision that requires it, naming the one that failed', async () => {
    const drg = await model(
      table(triage('UNIQUE', [['overlap', ['>= 15'], ['"high"']]])),
      literal('route', 'riskLevel', { requires: ['riskLevel'] }),
    );
    expect(evaluateDecision(drg, 'route', { phq9: 16 })).toMatchObject({
      ok: false,
      decisionId: 'riskLevel',
      ruleIds: ['medium', 'overlap'],
    });
  });

  it('follows FEEL null semantics and uses the given clock', async () => {
    const drg = await model(literal('sum', '10 + missing'), literal('clock', 'string(today())'));
    expect(evaluateDecision(drg, 'sum', {})).toMatchObject({ ok: true, value: null });
    expect(evaluateDecision(drg, 'clock', {}, { now: '2025-03-04T10:00:00Z' })).toMatchObject({
      ok: true,
      value: '2025-03-04',
    });
  });

  it('a decision that is not in the file is a failure, not a throw', async () => {
    const drg = await model(literal('a', '1'));
    expect(evaluateDecision(drg, 'nope', {})).toMatchObject({ ok: false, decisionId: 'nope' });
  });
});

describe('parseDecisions refuses bad tables, naming the decision and the rule', () => {
  it('a rule with the wrong number of entries', async () => {
    const spec = triage();
    spec.rules.push(['short', [], ['"x"']]);
    expect(await problems(table(spec))).toEqual([
      {
        decisionId: 'riskLevel',
        elementId: 'short',
        elementType: 'dmn:DecisionRule',
        code: 'dmn.inputEntries',
        params: expect.objectContaining({ expected: 1, count: 0 }),
        message: "Expected 1 input entries in rule 4 'short' of decision 'riskLevel' (Risk level), found 0",
      },
    ]);
  });

  it('FEEL syntax errors in input entries, output entries and input expressions', async () => {
    const spec = triage('UNIQUE', [['broken', ['[1..'], ['"a" +']]]);
    spec.inputs = ['phq9 +: number'];
    const errors = await problems(table(spec));
    expect(errors.map((e) => [e.decisionId, e.elementId])).toEqual([
      ['riskLevel', 'riskLevel_in0'],
      ['riskLevel', 'broken'],
      ['riskLevel', 'broken'],
    ]);
    expect(errors[1]?.message).toMatch(/unary tests as input entry 1 of rule 4 'broken'/);
    expect(errors[2]?.message).toMatch(/FEEL expression as output entry 1 of rule 4 'broken'/);
  });

  it('unknown hit policies, aggregations off COLLECT, PRIORITY without output values', async () => {
    const noValues = triage('PRIORITY');
    noValues.outputs = ['level'];
    const errors = [
      ...(await problems(table(triage('SOME')))),
      ...(await problems(table({ ...triage('FIRST'), aggregation: 'SUM' }))),
      ...(await problems(table(noValues))),
    ];
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/hit policy of decision 'riskLevel'.*got 'SOME'/),
      expect.stringMatching(/aggregation \(SUM\) only with hit policy COLLECT/),
      expect.stringMatching(/output values.*PRIORITY ranks the matched rules/),
    ]);
  });

  it('several outputs need distinct names', async () => {
    const spec = triage();
    spec.outputs = ['level', 'level'];
    spec.rules = [['r1', ['-'], ['"a"', '"b"']]];
    expect(await problems(table(spec))).toMatchObject([
      { decisionId: 'riskLevel', elementId: 'riskLevel_out1' },
    ]);
  });

  it('required decisions must exist and form no cycle', async () => {
    expect(await problems(literal('a', '1', { requires: ['ghost'] }))).toMatchObject([
      { decisionId: 'a', message: expect.stringMatching(/required decision '#ghost'/) },
    ]);
    expect(
      await problems(
        literal('a', 'b', { requires: ['b'] }),
        literal('b', 'c', { requires: ['c'] }),
        literal('c', 'a', { requires: ['a'] }),
      ),
    ).toMatchObject([
      { decisionId: 'a', message: expect.stringMatching(/a → b → c → a require each other/) },
    ]);
  });

  it('only FEEL, decision tables and literal expressions run', async () => {
    const juel = dmn(literal('a', '1')).replace(
      '<literalExpression id="a_lx">',
      '<literalExpression id="a_lx" expressionLanguage="juel">',
    );
    const parsed = await parseDecisions(juel);
    expect(parsed).toMatchObject({
      ok: false,
      errors: [{ decisionId: 'a', message: expect.stringMatching(/only FEEL/) }],
    });
    const context = await problems('<decision id="ctx"><context id="c1" /></decision>');
    expect(context).toMatchObject([
      { decisionId: 'ctx', message: expect.stringMatching(/Context is not supported/) },
    ]);
  });

  it('not DMN at all, or unsafe XML', async () => {
    expect(
      await parseDecisions('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" />'),
    ).toMatchObject({
      ok: false,
      errors: [{ decisionId: '', elementType: 'xml' }],
    });
    expect(await parseDecisions('<!DOCTYPE x [<!ENTITY a "b">]><definitions />')).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/DOCTYPE/) }, { message: expect.stringMatching(/ENTITY/) }],
    });
  });

  it('reads DMN 1.5 files as DMN 1.3', async () => {
    const v15 = dmn(literal('a', '1 + 1')).replace(
      'https://www.omg.org/spec/DMN/20191111/MODEL/',
      'https://www.omg.org/spec/DMN/20230324/MODEL/',
    );
    const parsed = await parseDecisions(v15);
    expect(parsed.ok && evaluateDecision(parsed.model, 'a', {})).toMatchObject({ ok: true, value: 2 });
  });

  it('the model is plain data', async () => {
    const drg = await model(table(triage()), literal('route', 'riskLevel', { requires: ['riskLevel'] }));
    expect(JSON.parse(JSON.stringify(drg))).toEqual(drg);
  });
});
