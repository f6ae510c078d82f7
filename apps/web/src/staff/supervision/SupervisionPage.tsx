import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { day, minute } from '../../portal/dates';
import { Link } from '../../shell/router';
import { chinaIso } from '../CasePage';
import { RefreshBar, useRefreshed } from '../Refreshed';
import { staffCall } from '../session';
import type { SupervisionIssue, SupervisionNotice, UrgentDeadline, UrgentPage } from './types';
import { caseNotices } from './caseNotices';
import { issueRules, urgencyText } from './urgency';
import { FormError } from '../../shell/FormError';
import { showFieldErrors } from '../../shell/fieldErrors';
import { useSending } from '../../shell/useSending';

/** 督查: the territory's overdue and near-due cases, the notices issued on them and the answers. */
export function SupervisionPage({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('supervision.title')}
      </Typography.Title>
      <Typography.Text>{t('supervision.scope', { unit: me.unit?.name ?? '' })}</Typography.Text>
      <Tabs
        items={[
          { key: 'urgent', label: t('supervision.urgentTab'), children: <UrgentCases /> },
          {
            key: 'statistics',
            label: t('supervision.statisticsTab'),
            children: (
              <Typography.Paragraph>{t('supervision.statisticsLater')}</Typography.Paragraph>
            ),
          },
        ]}
      />
    </Space>
  );
}

function UrgentCases() {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { page, error, loading, load } = useRefreshed<UrgentPage>(
    '/api/v1/supervision/urgent?pageSize=100',
  );
  const [selected, setSelected] = useState<UrgentDeadline | null>(null);

  const now = new Date();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <RefreshBar loading={loading} onRefresh={() => void load()}>
        <Typography.Text>{t('supervision.urgentHelp')}</Typography.Text>
      </RefreshBar>
      <FormError error={error} />
      <Table<UrgentDeadline>
        rowKey={(item) => `${item.caseNo}-${item.unit.code}-${item.kind}`}
        loading={loading}
        dataSource={page?.items ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('supervision.empty') }}
        columns={[
          {
            title: t('supervision.urgency'),
            key: 'light',
            render: (_, item) => {
              const urgency = urgencyText(item, now);
              return (
                <span data-testid="urgency" data-state={item.state}>
                  <span className={`light light-${item.state}`} aria-hidden="true" />
                  {t(urgency.key, { n: urgency.n })}
                </span>
              );
            },
          },
          {
            title: t('track.caseNo'),
            dataIndex: 'caseNo',
            render: (caseNo: string) => <Link to={`/staff/cases/${caseNo}`}>{caseNo}</Link>,
          },
          { title: t('workbench.caseTitle'), dataIndex: 'title' },
          { title: t('case.unit'), key: 'unit', render: (_, item) => item.unit.name },
          {
            title: t('case.deadlineKind'),
            key: 'kind',
            render: (_, item) => label('deadline', item.kind),
          },
          {
            title: t('case.dueAt'),
            key: 'dueAt',
            render: (_, item) =>
              `${day(chinaIso(item.dueAt))}${item.provisional ? ` (${t('track.provisional')})` : ''}`,
          },
          {
            title: t('supervision.notices'),
            key: 'supervise',
            render: (_, item) => (
              <Space wrap size={4}>
                {item.openSupervisions > 0 && (
                  <Tag>{t('supervision.openNotices', { n: item.openSupervisions })}</Tag>
                )}
                <Button
                  size="small"
                  aria-label={t('supervision.openCase', { caseNo: item.caseNo })}
                  onClick={() => setSelected(item)}
                >
                  {t('supervision.supervise')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={selected !== null}
        size={640}
        title={selected && t('supervision.drawerTitle', { caseNo: selected.caseNo })}
        closable={{ 'aria-label': t('supervision.close') }}
        onClose={() => {
          setSelected(null);
          // The unit may have answered meanwhile: the counts of open notices are read again.
          void load();
        }}
        destroyOnHidden
      >
        {selected && <CaseSupervision item={selected} onIssued={() => void load()} />}
      </Drawer>
    </Space>
  );
}

/** A case's notices with the units' answers, and the form that issues a new one. */
function CaseSupervision({ item, onIssued }: { item: UrgentDeadline; onIssued: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [notices, setNotices] = useState<SupervisionNotice[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { sending, error: sendError, send } = useSending();
  const [form] = Form.useForm<Pick<SupervisionIssue, 'instructions'>>();
  const rules = issueRules(i18n);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setNotices(await caseNotices(item.caseNo));
    } catch (failure) {
      setLoadError(failure);
    }
  }, [item.caseNo]);

  useEffect(() => {
    void load();
  }, [load]);

  const issue = ({ instructions }: Pick<SupervisionIssue, 'instructions'>) =>
    send(
      async () => {
        const body: SupervisionIssue = { caseNo: item.caseNo, instructions };
        await staffCall('POST', '/api/v1/supervision', body);
        void message.success(t('supervision.issued'));
        form.resetFields();
        onIssued();
        await load();
      },
      (failure) => showFieldErrors(form, failure, i18n.pick),
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>
        {item.title} · {item.unit.name}
      </Typography.Text>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('supervision.noticesTitle')}
      </Typography.Title>
      <FormError error={loadError} />
      {notices?.length === 0 && <Empty description={t('supervision.noNotices')} />}
      {notices?.map((notice) => (
        <NoticeCard key={notice.id} notice={notice} />
      ))}
      {!item.leads && <Typography.Paragraph>{t('supervision.notLead')}</Typography.Paragraph>}
      {item.leads && (
        <Card title={t('supervision.issueTitle')} size="small">
          <Form form={form} layout="vertical" onFinish={(values) => void issue(values)}>
            <Form.Item
              name="instructions"
              label={t('supervision.instructions')}
              extra={t('supervision.instructionsHelp')}
              rules={rules.instructions}
            >
              <Input.TextArea rows={4} />
            </Form.Item>
            <FormError error={sendError} style={{ marginBottom: 16 }} />
            <Button type="primary" htmlType="submit" loading={sending}>
              {t('supervision.issue')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

function NoticeCard({ notice }: { notice: SupervisionNotice }) {
  const { t, label } = useI18n();
  const answered = notice.status === 'ANSWERED';
  return (
    <Card size="small" data-testid="supervision-notice" data-status={notice.status}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('supervision.status')}>
          <Tag color={answered ? 'green' : 'gold'}>
            {t(`supervision.status.${notice.status}` as MessageKey)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.source')}>
          {t(`supervision.source.${notice.source}` as MessageKey)}
          {notice.deadlineKind && ` · ${label('deadline', notice.deadlineKind)}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.issuedAt')}>
          {minute(chinaIso(notice.issuedAt))}
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.instructions')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{notice.instructions}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('supervision.answerDueAt')}>
          {day(chinaIso(notice.answerDueAt))}
        </Descriptions.Item>
        {answered && notice.answeredAt && (
          <Descriptions.Item label={t('supervision.answeredAt')}>
            {minute(chinaIso(notice.answeredAt))}
          </Descriptions.Item>
        )}
        {answered && (
          <Descriptions.Item label={t('supervision.answer')}>
            <span data-testid="supervision-answer" style={{ whiteSpace: 'pre-wrap' }}>
              {notice.answer}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
