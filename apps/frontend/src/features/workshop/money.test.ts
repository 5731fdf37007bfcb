import { describe, expect, it } from 'vitest';
import { formatMoney, formatTotals, toMinor } from './money';

describe('money in minor units', () => {
  it.each([
    ['45.50', 'EUR', 4550],
    ['45,5', 'EUR', 4550],
    ['1200', 'JPY', 1200],
    ['0.1', 'USD', 10],
  ])('%s %s is %d minor units', (major, currency, minor) => {
    expect(toMinor(major, currency)).toBe(minor);
  });

  it('refuses what is not a number', () => {
    expect(toMinor('abc', 'EUR')).toBeNaN();
  });

  it('formats in the reader language', () => {
    expect(formatMoney(4550, 'EUR', 'en')).toBe('€45.50');
    expect(formatMoney(4550, 'EUR', 'es')).toMatch(/45,50\s?€/);
    expect(formatTotals({ EUR: 18100, USD: 2598 }, 'en')).toBe('€181.00 · $25.98');
    expect(formatTotals({}, 'en')).toBe('—');
  });
});
