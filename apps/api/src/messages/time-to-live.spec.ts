import { MAX_TIME_TO_LIVE_MS, parseTimeToLive } from './time-to-live';

describe('parseTimeToLive', () => {
  it('accepts ISO 8601 durations up to 30 days', () => {
    expect(parseTimeToLive('PT1H')).toEqual({ millis: 3_600_000 });
    expect(parseTimeToLive('P1DT12H')).toEqual({ millis: 36 * 3_600_000 });
    expect(parseTimeToLive('P4W')).toEqual({ millis: 28 * 86_400_000 });
    expect(parseTimeToLive('P30D')).toEqual({ millis: MAX_TIME_TO_LIVE_MS });
    expect(parseTimeToLive('PT0S')).toEqual({ millis: 0 });
  });

  it('refuses more than 30 days, calendar units and what is no duration', () => {
    expect(parseTimeToLive('P30DT1S')).toEqual({ error: 'must be at most P30D' });
    expect(parseTimeToLive('P5W')).toEqual({ error: 'must be at most P30D' });
    expect(parseTimeToLive('P1M')).toHaveProperty('error');
    expect(parseTimeToLive('P1Y')).toHaveProperty('error');
    expect(parseTimeToLive('24h')).toHaveProperty('error');
    expect(parseTimeToLive('-PT1H')).toHaveProperty('error');
    expect(parseTimeToLive('')).toHaveProperty('error');
  });
});
