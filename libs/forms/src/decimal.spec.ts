import { decimalPlaces, nearestMultiples } from './decimal';

describe('exact decimals for the number rules', () => {
  it('counts decimal places without float noise or trailing zeros', () => {
    expect(decimalPlaces(1.5)).toBe(1);
    expect(decimalPlaces('2.50')).toBe(1);
    expect(decimalPlaces(0.1 + 0.2)).toBe(17);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(12)).toBe(0);
    expect(decimalPlaces('1e3')).toBe(0);
    expect(decimalPlaces('abc')).toBe(0);
  });

  it('finds the two nearest multiples of a step, exactly', () => {
    expect(nearestMultiples(0.3, 0.1)).toBeNull();
    expect(nearestMultiples(0.35, '0.1')).toEqual({ previous: '0.3', next: '0.4' });
    expect(nearestMultiples(7, 5)).toEqual({ previous: '5', next: '10' });
    expect(nearestMultiples(-7, 5)).toEqual({ previous: '-5', next: '0' });
    expect(nearestMultiples(10, 5)).toBeNull();
    expect(nearestMultiples(1, 0)).toBeNull();
    expect(nearestMultiples('x', 1)).toBeNull();
  });
});
