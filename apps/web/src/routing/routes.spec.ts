import { hrefFor, pathFor } from './routes';

describe('pathFor', () => {
  it('gives each page its bookmarkable address', () => {
    expect(pathFor({ page: 'inbox' })).toBe('/inbox');
    expect(pathFor({ page: 'task', id: 't-1' })).toBe('/tasks/t-1');
    expect(pathFor({ page: 'tasks' })).toBe('/tasks');
    expect(pathFor({ page: 'case', id: 'c-1' })).toBe('/cases/c-1');
    expect(pathFor({ page: 'process', key: 'crisis-care' })).toBe('/processes/crisis-care');
    expect(pathFor({ page: 'process', key: 'crisis-care', elementId: 'initial-assessment' })).toBe(
      '/processes/crisis-care?element=initial-assessment',
    );
    expect(pathFor({ page: 'student', id: 's-1' })).toBe('/students/s-1');
    expect(pathFor({ page: 'modeler' })).toBe('/modeler');
    expect(pathFor({ page: 'modeler', key: 'k', version: 3 })).toBe('/modeler/k?version=3');
    expect(pathFor({ page: 'calendar', orgUnitId: 'u-1' })).toBe('/calendars/u-1');
    expect(pathFor({ page: 'monthlyReport' })).toBe('/reports/monthly');
    expect(pathFor({ page: 'monthlyReport', orgUnitId: 'u-1', month: '2026-11' })).toBe(
      '/reports/monthly?orgUnitId=u-1&month=2026-11',
    );
  });

  it('encodes what a user typed, so a key or an id never breaks out of its segment', () => {
    expect(pathFor({ page: 'definition', key: 'a/b?c' })).toBe('/definitions/a%2Fb%3Fc');
    expect(pathFor({ page: 'form', formId: '评估 表' })).toBe('/forms/%E8%AF%84%E4%BC%B0%20%E8%A1%A8');
    expect(pathFor({ page: 'process', key: 'k', elementId: 'a&b' })).toBe('/processes/k?element=a%26b');
  });

  it('prefixes hrefs with # for the hash router', () => {
    expect(hrefFor({ page: 'case', id: 'c-1' })).toBe('#/cases/c-1');
  });
});
