import { randomBytes } from 'node:crypto';
import { screeningContentHash } from './screening-content-hash';

const key = randomBytes(32);
const school = '5d2c8b1a-7e3f-4a90-b6c1-2f8e9d0a4b7c';

describe('the content hash of a screening import', () => {
  it('is the same for the same sheet as CSV text or XLSX numbers, item order aside', () => {
    const fromCsv = [{ row: 1, studentNo: '2026001', items: { '1': '0', '2': '3' } }];
    const fromXlsx = [{ row: 1, studentNo: '2026001', items: { '2': 3, '1': 0 } }];
    expect(screeningContentHash(key, school, 'phq-9', fromCsv)).toBe(
      screeningContentHash(key, school, 'phq-9', fromXlsx),
    );
  });

  it('changes with an answer, a row, the instrument, the school or the key', () => {
    const rows = [{ row: 1, studentNo: '2026001', items: { '1': 0 } }];
    const base = screeningContentHash(key, school, 'phq-9', rows);
    expect(screeningContentHash(key, school, 'phq-9', [{ ...rows[0]!, items: { '1': 1 } }])).not.toBe(base);
    expect(
      screeningContentHash(key, school, 'phq-9', [...rows, { row: 2, studentNo: 'x', items: {} }]),
    ).not.toBe(base);
    expect(screeningContentHash(key, school, 'gad-7', rows)).not.toBe(base);
    expect(screeningContentHash(key, school.replace('5', '6'), 'phq-9', rows)).not.toBe(base);
    expect(screeningContentHash(randomBytes(32), school, 'phq-9', rows)).not.toBe(base);
  });
});
