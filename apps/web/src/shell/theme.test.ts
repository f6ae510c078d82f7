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

  it('keeps links, hovered buttons and field errors at WCAG AA contrast on white', () => {
    const token = themeFor(false).token ?? {};
    const shown = [
      token.colorLink,
      token.colorLinkHover,
      token.colorLinkActive,
      token.colorPrimaryHover,
      token.colorError,
    ];
    for (const colour of shown) {
      expect(contrastOnWhite(colour ?? '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });
});

/** WCAG 2's contrast ratio of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  return 1.05 / (luminance + 0.05);
}
