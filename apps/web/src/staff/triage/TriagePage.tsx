import { Button, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { staffCall } from '../session';
import type { UnitChoice } from './shared';
import { TransferApprovals } from './TransferApprovals';
import { TriageQueueSection } from './TriageQueue';
import { dispatchableUnits, prefectureOf } from './triage-rules';
import type { DirectoryUnit } from './types';
import { FormError } from '../../shell/FormError';

/**
 * 交转: the petition bureau's dispatcher decides the cases routing could not route with
 * confidence, corrects who a petition accuses, and approves or rejects transfers between units.
 */
export function TriagePage({ me }: { me: Me }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [directory, setDirectory] = useState<DirectoryUnit[]>([]);
  const [error, setError] = useState<unknown>(null);
  // Bumped by 刷新: each part reloads what it shows.
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!me.unit) return;
    const query = new URLSearchParams({
      divisionCode: prefectureOf(me.unit.divisionCode),
      active: 'true',
      pageSize: '500',
    });
    staffCall<{ items: DirectoryUnit[] }>('GET', `/api/v1/units?${query.toString()}`).then(
      (page) => setDirectory(page.items),
      setError,
    );
  }, [me.unit]);

  const choice = useMemo<UnitChoice>(() => {
    const names = new Map(directory.map((u) => [u.code, u.name]));
    return {
      units: dispatchableUnits(directory, me),
      nameOf: (code) => (code ? (names.get(code) ?? code) : ''),
    };
  }, [directory, me]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('triage.title')}
        </Typography.Title>
        <Button onClick={() => setRound((n) => n + 1)}>{t('triage.refresh')}</Button>
      </Space>
      <FormError error={error} />
      <TriageQueueSection choice={choice} round={round} />
      <TransferApprovals choice={choice} round={round} />
    </Space>
  );
}
