import { Alert } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A failed call, told in place: the service's own words when it gave any (ApiError), announced
 * to screen readers (role="alert"). Nothing when there is no error.
 */
export function FormError({ error, style }: { error: unknown; style?: CSSProperties }) {
  const i18n = useI18n();
  if (error === null || error === undefined) return null;
  return <Alert type="error" showIcon role="alert" title={i18n.errorText(error)} style={style} />;
}
