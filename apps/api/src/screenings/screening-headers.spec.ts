import { INSTRUMENTS } from '../../../../libs/domain/src';
import { columnMeaning, describeHeaderProblem, mapColumns } from './screening-headers';

const phq9 = INSTRUMENTS.get('phq-9')!;
const items = (make: (n: number) => string) => Array.from({ length: 9 }, (_, i) => make(i + 1));

describe('screening column headers', () => {
  it.each([
    ['studentNo', { kind: 'studentNo' }],
    ['\uFEFF学号', { kind: 'studentNo' }],
    [' 学生编号 ', { kind: 'studentNo' }],
    ['StudentNo', { kind: 'studentNo' }],
    ['1', { kind: 'item', item: '1' }],
    ['Q1', { kind: 'item', item: '1' }],
    ['q12', { kind: 'item', item: '12' }],
    ['item3', { kind: 'item', item: '3' }],
    ['Item 3', { kind: 'item', item: '3' }],
    ['第9题', { kind: 'item', item: '9' }],
    ['题7', { kind: 'item', item: '7' }],
    ['Q01', { kind: 'item', item: '1' }],
    ['姓名', { kind: 'other' }],
    ['班级', { kind: 'other' }],
    ['', { kind: 'other' }],
  ])('%j means %j', (header, meaning) => {
    expect(columnMeaning(header)).toEqual(meaning);
  });

  it('maps the student number and every item of the instrument, ignoring other columns', () => {
    // given an export with a name column between the number and the items
    const headers = ['学号', '姓名', ...items((n) => `第${n}题`)];
    // when / then
    expect(mapColumns(headers, phq9)).toEqual({
      studentNo: 0,
      items: new Map(items((n) => String(n)).map((item, index) => [item, index + 2])),
    });
  });

  it('refuses a header row without a student number, with a missing item, with a foreign item or a repeated column', () => {
    expect(mapColumns(items(String), phq9)).toEqual({ code: 'header.noStudentNo', params: {} });
    expect(mapColumns(['学号', ...items(String).slice(0, 8)], phq9)).toEqual({
      code: 'header.missingItems',
      params: { items: '9' },
    });
    expect(mapColumns(['学号', ...items(String), 'Q10'], phq9)).toEqual({
      code: 'header.unknownItems',
      params: { headers: 'Q10' },
    });
    expect(mapColumns(['学号', 'studentNo', ...items(String)], phq9)).toEqual({
      code: 'header.repeated',
      params: { header: 'studentNo' },
    });
    expect(mapColumns(['学号', 'Q1', ...items(String)], phq9)).toMatchObject({ code: 'header.repeated' });
  });

  it('words header problems in Chinese and English', () => {
    const problem = { code: 'header.missingItems', params: { items: '8, 9' } } as const;
    expect(describeHeaderProblem(problem, 'zh-CN')).toBe('表头缺少第 8, 9 题的列');
    expect(describeHeaderProblem(problem, 'en')).toBe('The header row has no column for item(s) 8, 9');
  });
});
