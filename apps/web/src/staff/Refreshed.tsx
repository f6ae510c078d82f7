import { Button, Space } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { staffCall } from './session';

/**
 * A page of the API read on arrival and again on 刷新, `loading` meanwhile. A failed refresh
 * keeps the rows read before (with the failure said above them).
 */
// The caller names the answer's type, as staffCall's callers do.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function useRefreshed<T>(path: string) {
  const [page, setPage] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setPage(await staffCall<T>('GET', path));
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load]);

  return { page, error, loading, load };
}

/** A list's heading with its 刷新 button at the other end of the line. */
export function RefreshBar({
  loading,
  onRefresh,
  children,
}: {
  loading: boolean;
  onRefresh: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Space style={{ justifyContent: 'space-between', width: '100%' }}>
      {children}
      <Button onClick={onRefresh} loading={loading}>
        {t('workbench.refresh')}
      </Button>
    </Space>
  );
}
