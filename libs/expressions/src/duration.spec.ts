import { addDuration, parseCycle, parseDuration } from './duration';

describe('ISO 8601 durations and cycles for timers', () => {
  it.each([
    ['PT24H', '2026-01-02T08:00:00.000Z'],
    ['P1D', '2026-01-02T08:00:00.000Z'],
    ['P1DT2H', '2026-01-02T10:00:00.000Z'],
    ['P2W', '2026-01-15T08:00:00.000Z'],
    ['PT0.5S', '2026-01-01T08:00:00.500Z'],
    ['P1M', '2026-02-01T08:00:00.000Z'],
    ['P1Y', '2027-01-01T08:00:00.000Z'],
  ])('%s after 2026-01-01T08:00Z is %s', (text, expected) => {
    // given
    const duration = parseDuration(text);
    // then
    expect(duration).not.toBeNull();
    expect(addDuration('2026-01-01T08:00:00.000Z', duration!)).toBe(expected);
  });

  it.each(['', 'P', 'PT', 'P1DT', '24h', '-PT1H', 'PT1H ', 'P1.5D'])('refuses %j as a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('reads cycles with and without a count and a start', () => {
    expect(parseCycle('R3/PT1H')).toMatchObject({ repetitions: 3, intervalText: 'PT1H' });
    expect(parseCycle('R/P1D')).toMatchObject({ repetitions: null, intervalText: 'P1D' });
    expect(parseCycle('R2/2026-09-01T08:00:00+08:00/P1D')).toMatchObject({
      repetitions: 2,
      start: '2026-09-01T00:00:00.000Z',
    });
  });

  it.each(['R0/PT1H', 'R3/PT0S', 'R3', 'PT1H', 'R3/2026-09-01/P1D', 'R3/PT1H/PT2H'])(
    'refuses %j as a cycle',
    (text) => {
      expect(parseCycle(text)).toBeNull();
    },
  );
});
