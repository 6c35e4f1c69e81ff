import { hrefFor, parseRoute } from './hashRoute';

describe('hash routes', () => {
  it('maps hashes to pages, the empty hash to the inbox', () => {
    expect(parseRoute('')).toEqual({ page: 'inbox' });
    expect(parseRoute('#/')).toEqual({ page: 'inbox' });
    expect(parseRoute('#/login')).toEqual({ page: 'login' });
    expect(parseRoute('#/cases')).toEqual({ page: 'cases' });
    expect(parseRoute('#/definitions')).toEqual({ page: 'definitions' });
    expect(parseRoute('#/forms')).toEqual({ page: 'forms' });
    expect(parseRoute('#/forms/risk-assessment')).toEqual({ page: 'form', formId: 'risk-assessment' });
    expect(parseRoute('#/calendars')).toEqual({ page: 'calendars' });
    expect(parseRoute('#/calendars/5d7e3ba0-6ae3-4527-a5d2-1745e00daf85')).toEqual({
      page: 'calendar',
      orgUnitId: '5d7e3ba0-6ae3-4527-a5d2-1745e00daf85',
    });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'notFound' });
  });

  it('round-trips a definition key (the versions page)', () => {
    expect(parseRoute('#/definitions/crisis-intake')).toEqual({ page: 'definition', key: 'crisis-intake' });
    const key = 'school.a/intake v2';
    expect(parseRoute(hrefFor({ page: 'definition', key }))).toEqual({ page: 'definition', key });
  });

  it('maps the modeler: a new diagram, a key, a key at a version', () => {
    expect(parseRoute('#/modeler')).toEqual({ page: 'modeler' });
    expect(parseRoute('#/modeler/crisis-intake')).toEqual({ page: 'modeler', key: 'crisis-intake' });
    expect(parseRoute('#/modeler/crisis-intake?version=3')).toEqual({
      page: 'modeler',
      key: 'crisis-intake',
      version: 3,
    });
    expect(parseRoute('#/modeler/crisis-intake?version=zero')).toEqual({ page: 'notFound' });
    expect(parseRoute('#/modeler/crisis-intake?version=0')).toEqual({ page: 'notFound' });
    expect(hrefFor({ page: 'modeler' })).toBe('#/modeler');
    expect(hrefFor({ page: 'modeler', key: 'a b', version: 2 })).toBe('#/modeler/a%20b?version=2');
    expect(parseRoute(hrefFor({ page: 'modeler', key: 'a b', version: 2 }))).toEqual({
      page: 'modeler',
      key: 'a b',
      version: 2,
    });
  });

  it('round-trips a case id', () => {
    const id = '3f0c8a4e-1b2d-4c5e-8f90-123456789abc';
    expect(parseRoute(hrefFor({ page: 'case', id }))).toEqual({ page: 'case', id });
  });

  it('round-trips a form id, escaping what a hash cannot hold', () => {
    expect(hrefFor({ page: 'forms' })).toBe('#/forms');
    expect(hrefFor({ page: 'form', formId: 'intake.v2' })).toBe('#/forms/intake.v2');
    expect(hrefFor({ page: 'calendars' })).toBe('#/calendars');
    expect(hrefFor({ page: 'calendar', orgUnitId: 'u-1' })).toBe('#/calendars/u-1');
    const formId = 'a/b c';
    expect(parseRoute(hrefFor({ page: 'form', formId }))).toEqual({ page: 'form', formId });
  });
});
