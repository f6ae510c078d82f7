import { Alert, Card, Descriptions, Space, Table, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Me, StaffCaseView, WorkbenchCase, WorkbenchPage } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { day, minute } from '../portal/dates';
import { Link } from '../shell/router';
import { CaseActions } from './CaseActions';
import { CaseSupervision } from './CaseSupervision';
import { staffCall } from './session';
import { DeadlineLight } from './Workbench';
import { FormError } from '../shell/FormError';

interface Loaded {
  view: StaffCaseView;
  /** This unit's assignment on the workbench, when the case is open for it. */
  item: WorkbenchCase | null;
}

/** The case page: the petition, its petitioners as the API masks them, deadlines, timeline. */
export function CasePage({ caseNo, me }: { caseNo: string; me: Me }) {
  const { t, label } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const path = `/api/v1/petitions/${encodeURIComponent(caseNo)}`;
      const [view, workbench] = await Promise.all([
        staffCall<StaffCaseView>('GET', path),
        staffCall<WorkbenchPage>('GET', '/api/v1/workbench/cases?pageSize=100').catch(() => null),
      ]);
      setLoaded({ view, item: workbench?.items.find((i) => i.caseNo === caseNo) ?? null });
    } catch (failure) {
      setError(failure);
    }
  }, [caseNo]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error !== null) {
    return <FormError error={error} />;
  }
  if (!loaded) return null;
  const { view, item } = loaded;
  const full = view.access === 'FULL' ? view : null;
  const petition = view.access === 'FULL' ? view.petition : view;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/staff">{t('case.backToWorkbench')}</Link>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {petition.title}
      </Typography.Title>
      <CaseActions caseNo={caseNo} item={item} me={me} onDone={() => void load()} />
      <CaseSupervision caseNo={caseNo} me={me} />
      {!full && <Alert type="info" showIcon title={t('case.summaryOnly')} />}
      <Card title={t('case.petition')}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('track.caseNo')}>{petition.caseNo}</Descriptions.Item>
          <Descriptions.Item label={t('track.status')}>
            <span data-testid="staff-case-status">
              {label('status', view.status, full?.statusLabel)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('track.receivedAt')}>
            {minute(chinaIso(petition.receivedAt))}
          </Descriptions.Item>
          {full?.petition.address && (
            <Descriptions.Item label={t('submit.address')}>
              {full.petition.address}
            </Descriptions.Item>
          )}
          {full?.petition.content && (
            <Descriptions.Item label={t('submit.content')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{full.petition.content}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('case.petitioners')}>
        <Table
          rowKey={(_, index) => String(index)}
          pagination={false}
          size="small"
          scroll={{ x: 480 }}
          dataSource={petition.petitioners}
          columns={[
            { title: t('submit.name'), dataIndex: 'name' },
            { title: t('submit.idNumber'), dataIndex: 'idNumber' },
            { title: t('submit.phone'), dataIndex: 'phone' },
          ]}
        />
      </Card>
      <Card title={t('case.deadlines')}>
        {item && item.deadlines.length > 0 && (
          <Space orientation="vertical" style={{ marginBottom: 12 }}>
            {item.deadlines.map((d) => (
              <DeadlineLight key={`${d.kind}-${d.dueAt}`} deadline={d} />
            ))}
          </Space>
        )}
        <Table
          rowKey="id"
          pagination={false}
          size="small"
          scroll={{ x: 480 }}
          dataSource={full?.deadlines ?? []}
          columns={[
            {
              title: t('case.deadlineKind'),
              key: 'kind',
              render: (_, d) => label('deadline', d.kind, d.kindLabel),
            },
            { title: t('case.unit'), dataIndex: 'unitCode' },
            { title: t('case.dueAt'), key: 'dueAt', render: (_, d) => day(chinaIso(d.dueAt)) },
            {
              title: t('case.deadlineStatus'),
              key: 'status',
              render: (_, d) => label('deadlineStatus', d.status),
            },
          ]}
        />
      </Card>
      {view.replies.length > 0 && (
        <Card title={t('track.replies')}>
          {view.replies.map((reply) => (
            <Typography.Paragraph key={`${reply.stage}-${reply.givenAt}`}>
              <Typography.Text strong>
                {reply.unit.name} · {label('stage', reply.stage)} · {day(chinaIso(reply.givenAt))}
              </Typography.Text>
              <br />
              <span style={{ whiteSpace: 'pre-wrap' }}>{reply.text}</span>
            </Typography.Paragraph>
          ))}
        </Card>
      )}
      <Card title={t('track.timeline')}>
        <Timeline
          items={view.timeline.map((entry) => ({
            children: (
              <>
                <Typography.Text>{minute(chinaIso(entry.at))}</Typography.Text>{' '}
                {label('timeline', entry.type)}
                {timelineDetail(entry.data)}
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

/** The staff view gives UTC instants; petitioners and staff read China time. */
export function chinaIso(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString();
}

function timelineDetail(data: Record<string, unknown>): string {
  const parts = ['unitName', 'reason', 'days', 'ground'].flatMap((field) => {
    const value = data[field];
    return typeof value === 'string' || typeof value === 'number' ? [String(value)] : [];
  });
  return parts.length > 0 ? ` · ${parts.join(' · ')}` : '';
}
