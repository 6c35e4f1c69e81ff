import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { INSTRUMENTS } from '../../../../libs/domain/src';
import { readSheet, sheetFormatOf } from './screening-file-reader';
import { importRowsOf, SheetRefused } from './screening-sheet-rows';

const phq9 = INSTRUMENTS.get('phq-9')!;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'screening-sheet-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rowsOfFile(name: string, content: string | Buffer, maxRows = 100) {
  const path = join(dir, name);
  await writeFile(path, content);
  return importRowsOf(readSheet(path, await sheetFormatOf(path)), phq9, maxRows);
}

const header = ['学号', '姓名', ...Array.from({ length: 9 }, (_, i) => `第${i + 1}题`)];

describe('reading a screening sheet', () => {
  it('reads a CSV with a BOM and Chinese headers, numbering data rows from the header, blank lines counted', async () => {
    // given
    const csv = [
      header.join(','),
      '2026001,张三,0,1,0,1,0,1,0,1,0',
      '',
      '2026002,"李,四",3,3,,3,3,3,3,3,3',
    ].join('\r\n');
    // when
    const rows = await rowsOfFile('bom.csv', `\uFEFF${csv}\r\n`);
    // then
    expect(rows).toEqual([
      {
        row: 1,
        studentNo: '2026001',
        items: { 1: '0', 2: '1', 3: '0', 4: '1', 5: '0', 6: '1', 7: '0', 8: '1', 9: '0' },
      },
      {
        row: 3,
        studentNo: '2026002',
        items: { 1: '3', 2: '3', 4: '3', 5: '3', 6: '3', 7: '3', 8: '3', 9: '3' },
      },
    ]);
  });

  it('reads the first worksheet of an XLSX, numbers and text alike, whatever the file is called', async () => {
    // given
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('筛查');
    sheet.addRow(['studentNo', ...Array.from({ length: 9 }, (_, i) => `Q${i + 1}`)]);
    sheet.addRow([2026001, 0, 1, 2, 3, 0, 1, 2, 3, 0]);
    sheet.addRow(['2026002', '1', 1, 1, 1, 1, 1, 1, 1, 1]);
    workbook.addWorksheet('说明').addRow(['学号', '备注']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    // when
    const rows = await rowsOfFile('export.csv', buffer);
    // then
    expect(rows).toEqual([
      { row: 1, studentNo: '2026001', items: { 1: 0, 2: 1, 3: 2, 4: 3, 5: 0, 6: 1, 7: 2, 8: 3, 9: 0 } },
      { row: 2, studentNo: '2026002', items: { 1: '1', 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1 } },
    ]);
  });

  it('refuses a file past the row limit, one without data, and one not in UTF-8', async () => {
    const line = '2026001,x,0,0,0,0,0,0,0,0,0';
    await expect(
      rowsOfFile('many.csv', [header.join(','), line, line, line].join('\n'), 2),
    ).rejects.toMatchObject({
      problem: { code: 'sheet.tooManyRows', params: { max: '2' } },
    });
    await expect(rowsOfFile('empty.csv', `${header.join(',')}\n`)).rejects.toBeInstanceOf(SheetRefused);
    const gbk = Buffer.from([0xd1, 0xa7, 0xba, 0xc5, 0x2c, 0x31, 0x0a]); // "学号,1" in GBK
    await expect(rowsOfFile('gbk.csv', gbk)).rejects.toMatchObject({ problem: { code: 'sheet.notUtf8' } });
  });

  it('fails, rather than waits, on a file that starts like a zip but is none', async () => {
    const junk = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2048, 7)]);
    await expect(rowsOfFile('junk.xlsx', junk)).rejects.toThrow();
  });

  it('fails on a truncated workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['studentNo', 'Q1']);
    const whole = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(rowsOfFile('cut.xlsx', whole.subarray(0, Math.floor(whole.length / 2)))).rejects.toThrow();
  });
});
