import { App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { minute } from '../../portal/dates';
import { chinaIso } from '../CasePage';
import { staffCall } from '../session';
import type { UnitChoice } from './shared';
import type { PendingTransfer } from './types';
import { FormError } from '../../shell/FormError';

// routing workbench.schemas.ts decisionSchema: note
const NOTE_MAX = 2000;

/** 转办审批: the transfer requests of the units of the bureau's territory, approved or rejected. */
export function TransferApprovals({ choice, round }: { choice: UnitChoice; round: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<PendingTransfer[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<PendingTransfer | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const headingId = useId();

  const load = useCallback(async () => {
    try {
      setItems((await staffCall<{ items: PendingTransfer[] }>('GET', '/api/v1/transfers')).items);
    } catch (failure) {
      setError(failure);
    }
  }, []);

  useEffect(() => {
    setError(null);
    void load();
  }, [load, round]);

  const decide = async (transfer: PendingTransfer, approve: boolean, note?: string) => {
    setSending(transfer.id);
    setError(null);
    try {
      await staffCall('POST', `/api/v1/transfers/${encodeURIComponent(transfer.id)}/decision`, {
        approve,
        ...(note && { note }),
      });
      void message.success(
        t(approve ? 'triage.approved' : 'triage.rejected', { caseNo: transfer.caseNo }),
      );
      setRejecting(null);
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(null);
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={3} id={headingId}>
        {t('triage.transfers')}
      </Typography.Title>
      {rejecting === null && <FormError error={error} style={{ marginBottom: 12 }} />}
      {/* antd's empty-table text is too faint for WCAG AA: said in a paragraph instead. */}
      {items?.length === 0 && (
        <Typography.Paragraph>{t('triage.transfersEmpty')}</Typography.Paragraph>
      )}
      {items && items.length > 0 && (
        <Table<PendingTransfer>
          rowKey="id"
          size="small"
          dataSource={items}
          pagination={false}
          scroll={{ x: 800 }}
          columns={[
            { title: t('triage.caseNo'), dataIndex: 'caseNo' },
            {
              title: t('triage.fromUnit'),
              key: 'from',
              render: (_, r) => choice.nameOf(r.fromUnitCode),
            },
            { title: t('triage.toUnit'), key: 'to', render: (_, r) => choice.nameOf(r.unitCode) },
            { title: t('triage.transferReason'), dataIndex: 'reason' },
            {
              title: t('triage.requestedAt'),
              key: 'at',
              render: (_, r) => minute(chinaIso(r.requestedAt)),
            },
            {
              title: t('triage.actions'),
              key: 'actions',
              render: (_, r) => (
                <Space wrap>
                  <Button
                    type="primary"
                    aria-label={t('triage.approveLabel', {
                      caseNo: r.caseNo,
                      unit: choice.nameOf(r.unitCode),
                    })}
                    loading={sending === r.id && rejecting === null}
                    disabled={sending !== null}
                    onClick={() => void decide(r, true)}
                  >
                    {t('triage.approve')}
                  </Button>
                  <Button
                    aria-label={t('triage.rejectLabel', { caseNo: r.caseNo })}
                    disabled={sending !== null}
                    onClick={() => {
                      setError(null);
                      setRejecting(r);
                    }}
                  >
                    {t('triage.reject')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={rejecting !== null}
        title={rejecting && `${t('triage.rejectTitle')} · ${rejecting.caseNo}`}
        okText={t('triage.reject')}
        cancelText={t('triage.cancel')}
        confirmLoading={sending !== null}
        onCancel={() => setRejecting(null)}
        onOk={() => {
          if (!rejecting) return;
          form.validateFields().then(
            ({ note }) => void decide(rejecting, false, note.trim()),
            () => undefined,
          );
        }}
        destroyOnHidden
      >
        <Form form={form} name="reject-transfer" layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label={t('triage.rejectNote')}
            rules={[
              { required: true, whitespace: true, message: t('form.required') },
              { max: NOTE_MAX, message: t('form.maxLength', { n: NOTE_MAX }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={NOTE_MAX} />
          </Form.Item>
        </Form>
        <FormError error={error} />
      </Modal>
    </section>
  );
}
