import { describe, expect, it } from 'vitest';
import { themeFor } from './theme';

describe('the pages’ theme', () => {
  it('has no motion, in either text size (antd’s loading icon could stay in a button)', () => {
    expect(themeFor(false).token?.motion).toBe(false);
    expect(themeFor(true).token?.motion).toBe(false);
  });

  it('enlarges text and touch targets in large-text mode (适老化)', () => {
    expect(themeFor(true).token?.fontSize).toBeGreaterThan(themeFor(false).token?.fontSize ?? 0);
    expect(themeFor(true).token?.controlHeight).toBeGreaterThanOrEqual(48);
  });
});
