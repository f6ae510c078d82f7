import { Typography } from 'antd';

/**
 * What an empty table or list says. antd draws its placeholder in the disabled grey (about 2:1
 * on white); this text is content, so it keeps AA contrast.
 */
export function EmptyText({ children }: { children: string }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
