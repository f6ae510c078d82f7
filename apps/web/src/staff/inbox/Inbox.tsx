import { Badge, Button, Drawer, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { minute } from '../../portal/dates';
import { EmptyText } from '../../shell/EmptyText';
import { Link } from '../../shell/router';
import { chinaIso } from '../CasePage';
import { staffCall } from '../session';
import { awaitsAcknowledgement, INBOX_REFRESH_MS, inboxOrder } from './inbox-rules';
import type { InboxNotice, InboxPage } from './types';
import { FormError } from '../../shell/FormError';

/**
 * 站内通知: the unread count in the header, asked again every few seconds and when the tab comes
 * back, so that a page about an urgent event is seen without reloading; the notices in a drawer.
 */
export function Inbox() {
  const i18n = useI18n();
  const { t } = i18n;
  const [page, setPage] = useState<InboxPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      setPage(await staffCall<InboxPage>('GET', '/api/v1/notifications?pageSize=50'));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), INBOX_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  const unread = page?.unread ?? 0;
  const urgent = page?.items.some(awaitsAcknowledgement) ?? false;
  return (
    <>
      <Badge count={unread} overflowCount={99} color={urgent ? '#cf1322' : undefined}>
        <Button
          onClick={() => setOpen(true)}
          danger={urgent}
          data-testid="inbox-button"
          aria-label={t('inbox.open', { n: unread })}
        >
          {t('inbox.title')}
        </Button>
      </Badge>
      <Drawer
        title={t('inbox.title')}
        open={open}
        onClose={() => setOpen(false)}
        size="large"
        destroyOnHidden
      >
        <FormError error={error} />
        <List
          dataSource={inboxOrder(page?.items ?? [])}
          locale={{ emptyText: <EmptyText>{t('inbox.empty')}</EmptyText> }}
          renderItem={(notice) => <NoticeItem notice={notice} onChanged={() => void load()} />}
        />
      </Drawer>
    </>
  );
}

function NoticeItem({ notice, onChanged }: { notice: InboxNotice; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (step: 'read' | 'acknowledge') => {
    setBusy(true);
    setError(null);
    try {
      await staffCall('POST', `/api/v1/notifications/${notice.id}/${step}`);
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const pressing = awaitsAcknowledgement(notice);
  return (
    <List.Item
      data-testid="inbox-notice"
      data-urgent={pressing ? 'true' : undefined}
      className={pressing ? 'inbox-urgent' : undefined}
      actions={[
        pressing && (
          <Button
            key="ack"
            type="primary"
            danger
            loading={busy}
            onClick={() => void act('acknowledge')}
          >
            {t('inbox.acknowledge')}
          </Button>
        ),
        !pressing && notice.readAt === null && (
          <Button key="read" loading={busy} onClick={() => void act('read')}>
            {t('inbox.markRead')}
          </Button>
        ),
      ].filter(Boolean)}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          {pressing && <Tag color="red">{t('inbox.urgent')}</Tag>}
          {notice.urgent?.status === 'ACKNOWLEDGED' && <Tag>{t('inbox.acknowledged')}</Tag>}
          {notice.readAt === null && <Tag color="blue">{t('inbox.unread')}</Tag>}
          <Typography.Text strong={notice.readAt === null}>
            {notice.subject ?? notice.text}
          </Typography.Text>
        </Space>
        {notice.subject !== null && (
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {notice.text}
          </Typography.Paragraph>
        )}
        <Space wrap>
          <Typography.Text type="secondary">{minute(chinaIso(notice.createdAt))}</Typography.Text>
          {notice.caseNo && (
            <Link to={`/staff/cases/${encodeURIComponent(notice.caseNo)}`}>{notice.caseNo}</Link>
          )}
        </Space>
        <FormError error={error} />
      </Space>
    </List.Item>
  );
}
