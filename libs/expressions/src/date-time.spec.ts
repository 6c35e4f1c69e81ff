import { toUtcInstant } from './date-time';

describe('toUtcInstant', () => {
  it('normalises date-times with an offset to UTC', () => {
    expect(toUtcInstant('2025-09-01T08:00:00+08:00')).toBe('2025-09-01T00:00:00.000Z');
    expect(toUtcInstant('2025-09-01T08:00Z')).toBe('2025-09-01T08:00:00.000Z');
    expect(toUtcInstant('2025-09-01T08:00:00.5Z')).toBe('2025-09-01T08:00:00.500Z');
  });

  it('refuses local date-times, dates, zone ids and nonsense', () => {
    expect(toUtcInstant('2025-09-01T08:00:00')).toBeNull();
    expect(toUtcInstant('2025-09-01')).toBeNull();
    expect(toUtcInstant('2025-09-01T08:00:00@Asia/Shanghai')).toBeNull();
    expect(toUtcInstant('2025-13-45T08:00:00Z')).toBeNull();
    expect(toUtcInstant('next tuesday')).toBeNull();
  });
});
