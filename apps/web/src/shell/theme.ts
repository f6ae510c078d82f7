import type { ThemeConfig } from 'antd';

/**
 * antd's defaults with darker blue and greys, so text and buttons reach WCAG AA contrast (4.5:1)
 * on white; large-text mode (适老化) enlarges every size, touch targets included.
 */
export function themeFor(largeText: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: '#0958d9',
      colorLink: '#0958d9',
      colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
      colorTextDescription: 'rgba(0, 0, 0, 0.65)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
      fontSize: largeText ? 20 : 16,
      controlHeight: largeText ? 48 : 40,
      lineWidthFocus: 3,
    },
  };
}
