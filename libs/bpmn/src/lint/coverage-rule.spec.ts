import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { compileProcess } from '../compile';
import { COVERAGE } from '../coverage';
import { JOB_TYPES } from '../job-types';
import { renderProblem, type ProblemLanguage } from '../problem-messages';
import { between, diagram } from '../testing/diagram';
import {
  COVERAGE_RULE_NAME,
  COVERAGE_RULE_RESOLVER_KEY,
  createCoverageRule,
  type LintVocabulary,
} from './coverage-rule';

/** The vocabulary as GET /api/modeler/vocabulary serves it (a JSON round trip of the same maps). */
const VOCABULARY: LintVocabulary = JSON.parse(JSON.stringify({ coverage: COVERAGE, jobTypes: JOB_TYPES }));

/** The codes the rule shares with the deploy validator. */
const RULE_CODES = /^(coverage\.|job\.(unknownType|feelType)$)/;

async function lint(xml: string, language: ProblemLanguage, vocabulary = VOCABULARY): Promise<string[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let root: unknown;
  try {
    ({ rootElement: root } = await moddle.fromXML(xml));
  } catch {
    return [];
  }
  const linter = new Linter({
    config: { rules: { [COVERAGE_RULE_NAME]: 'error' } },
    resolver: new StaticResolver({ [COVERAGE_RULE_RESOLVER_KEY]: createCoverageRule(vocabulary, language) }),
  });
  const reports = await linter.lint(root);
  return Object.values(reports)
    .flat()
    .map((report) => `${report.id ?? ''}: ${report.message}`)
    .sort();
}

async function deployed(xml: string, language: ProblemLanguage): Promise<string[]> {
  const result = await compileProcess(xml);
  if (result.ok) return [];
  return result.errors
    .filter((found) => RULE_CODES.test(found.code))
    .map((found) => `${found.elementId}: ${renderProblem(found, language)}`)
    .sort();
}

const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURE_DIRS = [
  'libs/bpmn/src/__fixtures__',
  'test/fixtures/invalid',
  'test/fixtures/camunda-modeler',
  'processes',
];
const FIXTURES = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.bpmn'))
    .map((name) => `${dir}/${name}`),
);

describe('the coverage lint rule (bpmnlint 11, Node)', () => {
  it.each(FIXTURES)(
    'flags in %s exactly what the deploy refuses as unsupported or unknown work',
    async (path) => {
      const xml = readFileSync(join(ROOT, path), 'utf8');
      for (const language of ['en', 'zh-CN'] as const) {
        expect(await lint(xml, language)).toEqual(await deployed(xml, language));
      }
    },
  );

  const JOBS_IN_PLACES = {
    'a message end event': `<bpmn:endEvent id="Tell"><bpmn:extensionElements><zeebe:taskDefinition type="send-sms" /></bpmn:extensionElements><bpmn:messageEventDefinition id="Tell_def" /></bpmn:endEvent>`,
    'a none end event (misplaced there)': `<bpmn:endEvent id="Tell"><bpmn:extensionElements><zeebe:taskDefinition type="send-sms" /></bpmn:extensionElements></bpmn:endEvent>`,
    'a business rule task calling a decision too': `<bpmn:businessRuleTask id="Tell"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r" /><zeebe:taskDefinition type="send-sms" /></bpmn:extensionElements></bpmn:businessRuleTask>`,
    'a send task with a FEEL type': `<bpmn:sendTask id="Tell"><bpmn:extensionElements><zeebe:taskDefinition type="=kind" /></bpmn:extensionElements></bpmn:sendTask>`,
  };
  it.each(Object.entries(JOBS_IN_PLACES))(
    'judges a job type on %s as the deploy does',
    async (_, element) => {
      const xml = diagram(
        `<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="F" sourceRef="Start" targetRef="Tell" />${element}`,
      );
      for (const language of ['en', 'zh-CN'] as const) {
        expect(await lint(xml, language)).toEqual(await deployed(xml, language));
      }
    },
  );

  it('finds something in the fixtures (the comparison above is not between two empty lists)', async () => {
    const flagged = await Promise.all(
      FIXTURES.map(async (path) => (await lint(readFileSync(join(ROOT, path), 'utf8'), 'en')).length),
    );
    expect(flagged.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(6);
  });

  it('names unsupported elements, loops, extensions and job types, in Chinese for a Chinese reader', async () => {
    const xml = diagram(
      between(
        `<bpmn:serviceTask id="Task_Mail" name="发邮件">
          <bpmn:extensionElements><zeebe:taskDefinition type="send-mail" /></bpmn:extensionElements>
          <bpmn:standardLoopCharacteristics />
        </bpmn:serviceTask>`,
        'Task_Mail',
        '<bpmn:complexGateway id="Gateway_C" />',
      ),
    );
    expect(await lint(xml, 'zh-CN')).toEqual([
      'Gateway_C: 只能使用 CarePath 支持的元素：不支持 bpmn:ComplexGateway（复杂网关）',
      `Task_Mail: 「发邮件」(Task_Mail) 的 zeebe:taskDefinition type 须是工作进程能处理的作业类型（可选：${JOB_TYPES.join(', ')}），实际为「send-mail」`,
      'Task_Mail: 只能使用 CarePath 支持的元素：不支持 bpmn:StandardLoopCharacteristics（标准循环）',
    ]);
    expect(await lint(xml, 'en')).toContain(
      `Task_Mail: Expected the zeebe:taskDefinition type of '发邮件' (Task_Mail) to be a job type the worker handles (one of: ${JOB_TYPES.join(', ')}), got 'send-mail'`,
    );
  });

  it('follows the vocabulary it is given, not a copy of its own', async () => {
    const xml = diagram(between('<bpmn:complexGateway id="Gateway_C" />', 'Gateway_C'));
    const supportsComplex: LintVocabulary = {
      ...VOCABULARY,
      coverage: { ...VOCABULARY.coverage, 'bpmn:ComplexGateway': { tier: 3, supported: true, label: 'x' } },
    };
    expect(await lint(xml, 'en', supportsComplex)).toEqual([]);
    expect(await lint(xml, 'en')).toHaveLength(1);
  });
});
