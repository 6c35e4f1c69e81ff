import { csvText, wantsCsv } from './csv';

describe('csvText', () => {
  it('starts with a BOM, ends every record with CRLF, and quotes only what needs quoting', () => {
    const text = csvText(['a', 'b', 'c'], [['plain', 'with, comma', 'with "quotes"']]);
    expect(text).toBe('\uFEFFa,b,c\r\nplain,"with, comma","with ""quotes"""\r\n');
  });

  it('quotes line breaks and leaves null, undefined and numbers plain', () => {
    expect(csvText(['x'], [['two\nlines'], [null], [undefined], [42], [true]])).toBe(
      '\uFEFFx\r\n"two\nlines"\r\n\r\n\r\n42\r\ntrue\r\n',
    );
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd'])('defuses %j as a formula', (cell) => {
    const [, row] = csvText(['x'], [[cell]])
      .slice(1)
      .split('\r\n');
    expect(row?.replace(/^"|"$/g, '').startsWith(`'${cell[0]}`)).toBe(true);
  });

  it('does not defuse a number (only text reaches a formula)', () => {
    expect(csvText(['x'], [[-5]])).toBe('\uFEFFx\r\n-5\r\n');
  });
});

describe('wantsCsv', () => {
  it.each([
    ['csv', undefined, true],
    [undefined, 'text/csv', true],
    [undefined, 'application/json, text/csv;q=0.9', true],
    [undefined, 'TEXT/CSV', true],
    [undefined, 'application/json', false],
    [undefined, undefined, false],
    [undefined, '*/*', false],
    ['json', 'text/csv', false],
  ])('format=%s, Accept: %s → %s', (format, accept, expected) => {
    expect(wantsCsv(format, accept)).toBe(expected);
  });
});
