import type { DiagramProblem } from './model';
import { problem, type ProblemCode, type ProblemParam } from './problem-messages';
import { problemAt } from './diagram-problem';

/** Bigger than any hand-drawn care pathway by two orders of magnitude. */
export const MAX_DIAGRAM_BYTES = 2 * 1024 * 1024;
/** Counted as opening tags, diagram interchange (shapes, waypoints) included. */
export const MAX_DIAGRAM_ELEMENTS = 5000;

const xmlProblem = (code: ProblemCode, params: Record<string, ProblemParam> = {}): DiagramProblem =>
  problemAt({ $type: 'xml' }, problem(code, params));

/**
 * Cheap checks before any XML parser sees the input: linear scans only, so hostile input (a
 * billion-laughs entity bomb, an external entity, a huge or very deep document) is turned away
 * in milliseconds. DOCTYPE is refused outright: BPMN never needs one, and without it no entity
 * can be declared or expanded.
 */
export function checkXmlSafety(xml: string): DiagramProblem[] {
  // A UTF-16 code unit is at least one UTF-8 byte, so the exact count is needed only near the limit.
  const bytes = xml.length > MAX_DIAGRAM_BYTES / 3 ? new TextEncoder().encode(xml).byteLength : 0;
  if (xml.length > MAX_DIAGRAM_BYTES || bytes > MAX_DIAGRAM_BYTES) {
    const mib = (Math.max(xml.length, bytes) / (1024 * 1024)).toFixed(1);
    return [xmlProblem('xml.tooLarge', { mib })];
  }
  const problems: DiagramProblem[] = [];
  // PostgreSQL refuses U+0000 in text and jsonb: the diagram, or a case naming its elements, could not be stored.
  if (xml.includes('\u0000') || /&#(?:0+|x0+);/i.test(xml)) {
    problems.push(xmlProblem('xml.nul'));
  }
  if (/<!DOCTYPE/i.test(xml)) {
    problems.push(xmlProblem('xml.doctype'));
  }
  if (/<!ENTITY/i.test(xml)) {
    problems.push(xmlProblem('xml.entity'));
  }
  if (countOpeningTags(xml, MAX_DIAGRAM_ELEMENTS + 1) > MAX_DIAGRAM_ELEMENTS) {
    problems.push(xmlProblem('xml.tooManyElements', { max: MAX_DIAGRAM_ELEMENTS }));
  }
  return problems;
}

/** Counts '<' followed by a name start character, stopping once `limit` is reached. */
function countOpeningTags(xml: string, limit: number): number {
  let count = 0;
  for (let at = xml.indexOf('<'); at !== -1 && count < limit; at = xml.indexOf('<', at + 1)) {
    const next = xml.charCodeAt(at + 1);
    const isNameStart =
      (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95 || next === 58 || next > 127;
    if (isNameStart) count += 1;
  }
  return count;
}
