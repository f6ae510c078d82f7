import { App, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { EmptyText } from '../../shell/EmptyText';
import { staffCall } from '../session';
import { listPath } from './rules';
import type { DeadLetter, Paged } from './types';
import { useApiGet } from './useApiGet';
import { FormError } from '../../shell/FormError';

/** Routing's Bull Board (docs/operations.md "The queue board"): failed jobs of every queue. */
export const QUEUE_BOARD_PATH = '/admin/queues';

const PAGE_SIZE = 20;

/** An instant of the API as staff read it: China time, to the minute. */
const CHINA_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});
const chinaMinute = (instant: string) => CHINA_MINUTE.format(new Date(instant));

/** 发送失败的通知: why each did not go out, and sending it again. */
export function DeadLettersPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [status, setStatus] = useState<DeadLetter['status'] | undefined>();
  const [pageNo, setPageNo] = useState(1);

  const {
    data: page,
    error,
    setError,
    reload: load,
  } = useApiGet<Paged<DeadLetter>>(
    listPath('/api/v1/notifications/failed', {
      status,
      page: String(pageNo),
      pageSize: String(PAGE_SIZE),
    }),
  );

  const retry = async (letter: DeadLetter) => {
    setError(null);
    try {
      await staffCall('POST', `/api/v1/notifications/${letter.id}/retry`);
      void message.success(t('admin.retried'));
      void load();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph>
        {t('admin.deadLettersHelp')}{' '}
        <a href={QUEUE_BOARD_PATH} style={{ textDecoration: 'underline' }}>
          {t('admin.queueBoard')}
        </a>
      </Typography.Paragraph>
      <Space align="center">
        <label htmlFor="dead-letter-status">{t('admin.state')}</label>
        <Select
          id="dead-letter-status"
          allowClear
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPageNo(1);
          }}
          options={[
            { value: 'FAILED', label: t('admin.deliveryStatus.FAILED') },
            { value: 'UNCONFIRMED', label: t('admin.deliveryStatus.UNCONFIRMED') },
          ]}
        />
      </Space>
      <FormError error={error} />
      <Table<DeadLetter>
        rowKey="id"
        size="small"
        scroll={{ x: 1000 }}
        loading={!page && error === null}
        dataSource={page?.items ?? []}
        locale={{ emptyText: <EmptyText>{t('admin.deadLettersNone')}</EmptyText> }}
        pagination={{
          current: pageNo,
          pageSize: PAGE_SIZE,
          total: page?.total ?? 0,
          showSizeChanger: false,
          onChange: setPageNo,
        }}
        columns={[
          {
            title: t('admin.createdAt'),
            key: 'createdAt',
            render: (_, l) => chinaMinute(l.createdAt),
          },
          { title: t('admin.channel'), dataIndex: 'channel' },
          { title: t('admin.recipientKind'), dataIndex: 'recipientKind' },
          { title: t('admin.template'), dataIndex: 'template' },
          {
            title: t('admin.state'),
            key: 'status',
            render: (_, l) => (
              <Tag>
                {t(
                  l.status === 'FAILED'
                    ? 'admin.deliveryStatus.FAILED'
                    : 'admin.deliveryStatus.UNCONFIRMED',
                )}
              </Tag>
            ),
          },
          { title: t('admin.attempts'), dataIndex: 'attempts' },
          {
            title: t('admin.reason'),
            key: 'reason',
            render: (_, l) => [l.errorCode, l.provider].filter(Boolean).join(' · ') || '—',
          },
          {
            title: t('admin.operations'),
            key: 'retry',
            render: (_, l) => (
              <Popconfirm
                title={t(
                  l.status === 'UNCONFIRMED' ? 'admin.retryUnconfirmed' : 'admin.retryConfirm',
                )}
                okText={t('case.confirm')}
                cancelText={t('case.cancel')}
                onConfirm={() => void retry(l)}
              >
                <Button size="small">{t('admin.retry')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
