import type { ThemeConfig } from 'antd';

/**
 * antd's defaults with darker blue and greys, so text and buttons reach WCAG AA contrast (4.5:1)
 * on white; large-text mode (适老化) enlarges every size, touch targets included.
 *
 * No motion: pages change at once, as 适老化 guidance asks. It also mends a fault of antd's
 * animated loading icon: when its leave transition never ends (a short request on a busy
 * phone), the hidden icon stays in the button and screen readers read "loading 查询" for ever.
 */
export function themeFor(largeText: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: '#0958d9',
      colorLink: '#0958d9',
      // Darker, not lighter, under the pointer: antd's lighter hover blues (#4096ff) are 3:1.
      colorPrimaryHover: '#003eb3',
      colorLinkHover: '#003eb3',
      colorLinkActive: '#002c8c',
      // antd's #ff4d4f is 3.3:1 on white: field errors must be readable (5.9:1).
      colorError: '#cf1322',
      colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
      colorTextDescription: 'rgba(0, 0, 0, 0.65)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
      fontSize: largeText ? 20 : 16,
      controlHeight: largeText ? 48 : 40,
      lineWidthFocus: 3,
      motion: false,
    },
  };
}
