import { Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Me } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { navigate } from '../../shell/router';
import { CalendarPanel } from './CalendarPanel';
import { DeadLettersPanel } from './DeadLettersPanel';
import { RostersPanel } from './RostersPanel';
import { ADMIN_SECTIONS, sectionAt, type AdminSection } from './rules';
import { StaffPanel } from './StaffPanel';
import { UnitsPanel } from './UnitsPanel';

const PANELS: Record<AdminSection, (me: Me) => ReactNode> = {
  units: () => <UnitsPanel />,
  rosters: () => <RostersPanel />,
  staff: (me) => <StaffPanel me={me} />,
  calendar: () => <CalendarPanel />,
  'dead-letters': () => <DeadLettersPanel />,
};

/** 管理: the unit directory, duty rosters, staff accounts, holiday calendar and dead letters. */
export function AdminPage({ me, path }: { me: Me; path: string }) {
  const { t } = useI18n();
  const section = sectionAt(path);
  return (
    <>
      <Typography.Title level={2}>{t('admin.title')}</Typography.Title>
      <Tabs
        activeKey={section}
        onChange={(key) => navigate(`/staff/admin/${key}`)}
        // Only the section shown loads its data.
        destroyOnHidden
        items={ADMIN_SECTIONS.map((key) => ({
          key,
          label: t(`admin.section.${key}` as MessageKey),
          children: key === section ? PANELS[key](me) : null,
        }))}
      />
    </>
  );
}
