import { isProblemText, renderProblem, type ProblemText } from '../problem-messages';

/**
 * Finds English a Chinese reader would meet in a problem: runs of two or more Latin letters in
 * its zh-CN rendering, once the diagram's own data and an explicit list of terms are set aside.
 *
 * Set aside as data: a string param that occurs in the diagram's XML (ids, names, expressions,
 * attributes), a qualified XML name (bpmn:UserTask, zeebe:input), and the params that quote a
 * parser's or the registry's own words by construction (DATA_PARAMS). Any other string param is
 * checked like the catalogue's text: English prose passed as a plain param is caught here.
 */

/** Params whose value is data by construction, never CarePath's prose. */
const DATA_PARAMS: ReadonlySet<string> = new Set([
  // a FEEL, XML or JSON parser's own message, quoted as a detail
  'detail',
  'reason',
  // job types of the registry, ids of the diagram, attribute names of the BPMN schema
  'known',
  'ids',
  'found',
]);

/**
 * Terms a Chinese message keeps in Latin letters: standards, products, and the XML attribute
 * names a lead types into the properties panel.
 */
export const LATIN_TERMS: ReadonlySet<string> = new Set([
  'FEEL',
  'BPMN',
  'ISO',
  'XML',
  'DMN',
  'JSON',
  'Zeebe',
  'Camunda',
  'CarePath',
  'MiB',
  'NUL',
  'U',
  'DOCTYPE',
  'ENTITY',
  'form',
  'js',
  'id',
  'type',
  'retries',
  'key',
  'expression',
  'priority',
  'formId',
  'formKey',
  'externalReference',
  'processId',
  'decisionId',
  'resultVariable',
  'bindingType',
  'inputCollection',
  'outputCollection',
  'outputElement',
  'loopCardinality',
  'completionCondition',
  'correlationKey',
  'caseKey',
  'signalRef',
  'messageRef',
  'errorRef',
  'escalationRef',
  'errorCode',
  'escalationCode',
  'timeDuration',
  'timeDate',
  'timeCycle',
  'cancelActivity',
  'isExecutable',
  'attachedToRef',
  'sourceRef',
  'targetRef',
  'target',
  'source',
  'true',
  'false',
  'latest',
  'result',
  'score',
  'camunda',
  'forms',
  'POST',
  'api',
  'decisions',
  // the one id a diagram may not use: __proto__
  'proto',
]);

const QUALIFIED_NAME = /^[A-Za-z][\w-]*:[A-Za-z][\w-]*$/;
const QUALIFIED_NAMES = /\b[A-Za-z][\w-]*:[A-Za-z][\w-]*/g;
/** ISO 8601 examples (PT24H, P1DT2H, R3/PT1H, 2025-09-01T08:00:00+08:00) read the same in any language. */
const ISO_EXAMPLES =
  /\b(?:R\d*\/)?P(?:\d+[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?\b|\d{4}-\d\d-\d\dT[\d:]+(?:Z|[+-]\d\d:\d\d)?/g;
const LATIN_RUN = /[A-Za-z]{2,}/g;

function dataStrings(text: ProblemText, xml: string): string[] {
  return Object.entries(text.params).flatMap(([name, value]): string[] => {
    if (isProblemText(value)) return dataStrings(value, xml);
    if (typeof value === 'number') return [String(value)];
    if (typeof value !== 'string') return [];
    const isData =
      DATA_PARAMS.has(name) ||
      QUALIFIED_NAME.test(value) ||
      (value !== '' && xml.includes(value.replace(/…$/, '')));
    return isData ? [value] : [];
  });
}

/** The XML's text as the parser hands it over: expressions are compared unescaped. */
function decodeEntities(xml: string): string {
  return xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

/** The English runs left in `text` once the data of `xml` and the known terms are set aside. */
export function englishIn(text: ProblemText, xml = ''): string[] {
  let rendered = renderProblem(text, 'zh-CN');
  for (const data of dataStrings(text, decodeEntities(xml)).sort((a, b) => b.length - a.length)) {
    if (data !== '') rendered = rendered.split(data).join(' ');
  }
  rendered = rendered.replace(QUALIFIED_NAMES, ' ').replace(ISO_EXAMPLES, ' ');
  return (rendered.match(LATIN_RUN) ?? []).filter((run) => !LATIN_TERMS.has(run));
}
