import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COVERAGE } from './coverage';
import { renderCoverageTable, withCoverageTable } from './coverage-table';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'bpmn-elements.md');

describe('the element table in docs/bpmn-elements.md', () => {
  it('has one row per coverage entry', () => {
    // when
    const table = renderCoverageTable().split('\n');
    // then
    expect(table).toHaveLength(Object.keys(COVERAGE).length + 2);
    expect(table).toContain('| user task | `bpmn:UserTask` | 1 | supported |');
  });

  it('is the table the coverage map renders (UPDATE_DOCS=1 rewrites it)', () => {
    // given
    const document = readFileSync(DOC, 'utf8');
    // when
    const current = withCoverageTable(document);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, current);
    // then
    expect(document).toBe(current);
  });
});
