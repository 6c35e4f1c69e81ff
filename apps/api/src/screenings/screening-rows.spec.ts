import { INSTRUMENTS } from '../../../../libs/domain/src';
import { checkRows, type ImportRow } from './screening-rows';

const phq9 = INSTRUMENTS.get('phq-9')!;
const answers = (values: unknown[]) => Object.fromEntries(values.map((value, i) => [String(i + 1), value]));
const row = (n: number, studentNo: string | null, values: unknown[]): ImportRow => ({
  row: n,
  studentNo,
  items: answers(values),
});
const students = new Map([
  ['A1', 'id-a1'],
  ['A2', 'id-a2'],
  ['A3', 'id-a3'],
  ['A4', 'id-a4'],
]);

describe('checking screening rows', () => {
  it('scores good rows and rejects each bad one with every problem it has, by its row number', () => {
    // given
    const rows = [
      row(1, 'A1', [0, 0, 0, 0, 0, 0, 0, 0, 0]),
      row(2, 'X9', [0, 0, 0, 0, 0, 0, 0, 0, 0]),
      row(3, 'A2', [0, 0, 0, 0, 0, 0, 0, 0, null]),
      row(4, 'A3', [0, 4, 0, 0, 0, 0, 0, 0, '1.5']),
      row(5, 'A4', [3, 3, 3, 3, 0, 0, 0, 0, 0]),
      row(6, null, [0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ];
    // when
    const { accepted, rejected } = checkRows(phq9, rows, students, 'en');
    // then
    expect(accepted.map((a) => [a.row, a.studentId, a.result.score, a.result.flagged])).toEqual([
      [1, 'id-a1', 0, false],
      [5, 'id-a4', 12, true],
    ]);
    expect(accepted[1]?.answers).toEqual(answers([3, 3, 3, 3, 0, 0, 0, 0, 0]));
    expect(rejected).toEqual([
      {
        row: 2,
        errors: [
          {
            path: 'studentNo',
            code: 'studentNo.unknown',
            message: 'Student number X9 is not a student of this school',
          },
        ],
      },
      { row: 3, errors: [{ path: 'items.9', code: 'item.missing', message: 'Item 9 is not answered' }] },
      {
        row: 4,
        errors: [
          { path: 'items.2', code: 'item.outOfRange', message: 'Item 2: 4 is outside 0–3' },
          { path: 'items.9', code: 'item.notInteger', message: 'Item 9: "1.5" is not a whole number' },
        ],
      },
      {
        row: 6,
        errors: [{ path: 'studentNo', code: 'studentNo.missing', message: 'The student number is missing' }],
      },
    ]);
  });

  it('rejects every row of a student number that appears twice, naming the rows, in Chinese by default', () => {
    const rows = [row(1, 'A1', [0, 0, 0, 0, 0, 0, 0, 0, 0]), row(7, 'A1', [1, 1, 1, 1, 1, 1, 1, 1, 1])];
    const { accepted, rejected } = checkRows(phq9, rows, students, 'zh-CN');
    expect(accepted).toEqual([]);
    expect(rejected.map((r) => [r.row, r.errors])).toEqual(
      [1, 7].map((n) => [
        n,
        [
          {
            path: 'studentNo',
            code: 'studentNo.duplicate',
            message: '学号 A1 在文件中出现多次（第 1, 7 行）',
          },
        ],
      ]),
    );
  });

  it('flags PHQ-9 item 9 whatever the total, and reads spreadsheet text as integers', () => {
    const { accepted } = checkRows(
      phq9,
      [row(1, 'A1', ['0', '0', '0', '0', '0', '0', '0', '0', '1'])],
      students,
      'en',
    );
    expect(accepted[0]?.result).toMatchObject({ score: 1, flagged: true, reasons: ['item:9'] });
    expect(accepted[0]?.answers['9']).toBe(1);
  });
});
