import { COVERAGE } from './coverage';

/**
 * The supported-element table of docs/bpmn-elements.md, rendered from the coverage map so the
 * docs cannot drift from what the validator accepts (a unit test compares them).
 */
export function renderCoverageTable(): string {
  const rows = Object.entries(COVERAGE).map(([key, entry]) => {
    const [type = key, definition] = key.split('+');
    const status = entry.modellingOnly
      ? 'accepted, ignored (warning)'
      : entry.supported
        ? 'supported'
        : entry.tier === 3
          ? 'not supported'
          : 'not yet';
    const element = definition === undefined ? `\`${type}\`` : `\`${type}\` with \`${definition}\``;
    return `| ${entry.label} | ${element} | ${entry.tier} | ${status} |`;
  });
  return ['| element | in the XML | tier | status |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const TABLE_START = '<!-- coverage-table:start -->';
const TABLE_END = '<!-- coverage-table:end -->';

/** The document with the text between the markers replaced by the current table. */
export function withCoverageTable(document: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start === -1 || end < start)
    throw new Error(`Expected ${TABLE_START} … ${TABLE_END} markers in the document`);
  return `${document.slice(0, start + TABLE_START.length)}\n${renderCoverageTable()}\n${document.slice(end)}`;
}
