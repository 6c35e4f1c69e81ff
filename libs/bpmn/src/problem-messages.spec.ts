import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProcess } from './compile';
import { COVERAGE } from './coverage';
import { PROBLEM_CATALOGUE } from './problem-catalogue';
import {
  andList,
  placeholdersOf,
  problem,
  renderProblem,
  renderProblemSummary,
  type ProblemCode,
} from './problem-messages';
import { englishIn, LATIN_TERMS } from './testing/chinese';

const CODES = Object.keys(PROBLEM_CATALOGUE) as ProblemCode[];

describe('the problem catalogue', () => {
  it('words every code in English and Chinese, with the same params', () => {
    expect(CODES.length).toBeGreaterThan(100);
    for (const code of CODES) {
      const entry = PROBLEM_CATALOGUE[code];
      expect({ code, en: entry.en.trim() !== '', zh: entry['zh-CN'].trim() !== '' }).toEqual({
        code,
        en: true,
        zh: true,
      });
      expect({ code, params: placeholdersOf(entry['zh-CN']) }).toEqual({
        code,
        params: placeholdersOf(entry.en),
      });
    }
  });

  it('writes no English into a Chinese text but the listed terms', () => {
    const english = CODES.flatMap((code) => {
      const text = PROBLEM_CATALOGUE[code]['zh-CN'].replace(/\{\w+\}/g, ' ');
      return englishIn({ code: 'coverage.what', params: { type: text } }).map((run) => `${code}: ${run}`);
    });
    expect(english).toEqual([]);
  });

  it('names every element of the coverage map in Chinese', () => {
    const english = Object.entries(COVERAGE).flatMap(([key, entry]) =>
      (entry.labelZh.match(/[A-Za-z]{2,}/g) ?? [])
        .filter((run) => !LATIN_TERMS.has(run))
        .map((run) => `${key}: ${run}`),
    );
    expect(english).toEqual([]);
    expect(COVERAGE['bpmn:ComplexGateway'].labelZh).toBe('复杂网关');
  });

  it('renders nested fragments, both-language texts and numbers in the reader language', () => {
    const text = problem('coverage.expectedSupported', {
      detail: problem('coverage.notYet', {
        what: problem('coverage.whatWith', {
          type: 'bpmn:StartEvent',
          definition: 'bpmn:SignalEventDefinition',
        }),
        label: { en: 'signal start event', 'zh-CN': '信号启动事件' },
        tier: 2,
      }),
    });
    expect(renderProblem(text, 'en')).toBe(
      'Expected only supported elements: bpmn:StartEvent with bpmn:SignalEventDefinition (signal start event) is not supported yet (tier 2)',
    );
    expect(renderProblem(text, 'zh-CN')).toBe(
      '只能使用 CarePath 支持的元素：暂不支持 bpmn:StartEvent + bpmn:SignalEventDefinition（信号启动事件，第 2 级）',
    );
  });

  it('lists items in the reader language', () => {
    const text = problem('timer.several', {
      element: 'T',
      found: andList(['timeDuration', 'timeDate', 'timeCycle']),
    });
    expect(renderProblem(text, 'en')).toContain('found timeDuration and timeDate and timeCycle');
    expect(renderProblem(text, 'zh-CN')).toContain('实际有 timeDuration、timeDate、timeCycle');
  });

  it('still says something for a code it does not know (a newer server, say)', () => {
    expect(renderProblem({ code: 'future.problem', params: { id: 'X' } }, 'zh-CN')).toBe(
      'future.problem {"id":"X"}',
    );
  });

  it("words the deploy's one-line summary", () => {
    const problems = [
      { elementId: 'A', message: 'one' },
      { elementId: '', message: 'two' },
    ];
    expect(renderProblemSummary(problems, 'en')).toBe(
      'The diagram has 2 problem(s): A: one; (document): two',
    );
    expect(renderProblemSummary(problems, 'zh-CN')).toBe('流程图有 2 个问题：A：one；（整个文档）：two');
  });
});

const ROOT = join(__dirname, '..', '..', '..');
const INVALID = ['libs/bpmn/src/__fixtures__', 'test/fixtures/invalid'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.bpmn'))
    .map((name) => `${dir}/${name}`),
);

describe('the problems of every invalid fixture, for a Chinese reader', () => {
  it.each(INVALID)('%s: no English but ids, names, expressions and the listed terms', async (path) => {
    const xml = readFileSync(join(ROOT, path), 'utf8');
    const result = await compileProcess(xml);
    const problems = result.ok ? result.warnings : result.errors;
    const english = problems.flatMap((found) =>
      englishIn(found, xml).map((run) => `${found.code}: ${run} in ${renderProblem(found, 'zh-CN')}`),
    );
    expect(english).toEqual([]);
  });

  it('the check finds English prose passed as a plain param', () => {
    const leaked = problem('xml.unresolvedReference', { property: 'a reference', reference: 'Task_1' });
    expect(englishIn(leaked, '<bpmn:task id="Task_1" />')).toEqual(['reference']);
  });
});
