import { Space, Table, Tag, Typography } from 'antd';
import type { WorkbenchCase, WorkbenchPage } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { day } from '../portal/dates';
import { EmptyText } from '../shell/EmptyText';
import { Link } from '../shell/router';
import { RefreshBar, useRefreshed } from './Refreshed';
import { FormError } from '../shell/FormError';

/** The nearest open deadline of a workbench row (the API lists them soonest first). */
export function nearestDeadline(item: WorkbenchCase) {
  return item.deadlines[0] ?? null;
}

export function DeadlineLight({ deadline }: { deadline: WorkbenchCase['deadlines'][number] }) {
  const { t, label } = useI18n();
  return (
    <span data-testid="deadline-light" data-state={deadline.state}>
      <span className={`light light-${deadline.state}`} aria-hidden="true" />
      {t(`light.${deadline.state}`)} · {label('deadline', deadline.kind)} {day(deadline.dueAt)}
      {deadline.provisional && ` (${t('track.provisional')})`}
    </span>
  );
}

/** 办理: the unit's open cases, most urgent first (the API's order). */
export function Workbench() {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { page, error, loading, load } = useRefreshed<WorkbenchPage>(
    '/api/v1/workbench/cases?pageSize=100',
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <RefreshBar loading={loading} onRefresh={() => void load()}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('workbench.title')}
        </Typography.Title>
      </RefreshBar>
      <FormError error={error} />
      <Table<WorkbenchCase>
        rowKey="caseNo"
        loading={loading}
        dataSource={page?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: <EmptyText>{t('workbench.empty')}</EmptyText> }}
        columns={[
          {
            title: t('workbench.deadline'),
            key: 'deadline',
            render: (_, item) => {
              const deadline = nearestDeadline(item);
              return deadline ? <DeadlineLight deadline={deadline} /> : t('workbench.noClock');
            },
          },
          {
            title: t('track.caseNo'),
            dataIndex: 'caseNo',
            render: (caseNo: string) => <Link to={`/staff/cases/${caseNo}`}>{caseNo}</Link>,
          },
          { title: t('workbench.caseTitle'), dataIndex: 'title' },
          {
            title: t('workbench.state'),
            key: 'state',
            render: (_, item) => (
              <Space wrap size={4}>
                <Tag>{label('assignment', item.status)}</Tag>
                <Tag>{label('role', item.role)}</Tag>
                <Tag>{label('stage', item.stage)}</Tag>
                {item.major && <Tag color="red">{t('workbench.major')}</Tag>}
                {item.pendingExtension && <Tag color="gold">{t('workbench.extensionPending')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
