import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { RegistrationChannel, StaffReceipt } from './types';
import { TimeLimitList } from '../../portal/LegalTimeLimits';
import './receipt.css';

export interface Registered {
  receipt: StaffReceipt;
  channel: RegistrationChannel;
  title: string;
  /** The day it came (YYYY-MM-DD). */
  receivedOn: string;
}

/**
 * 受理回执 to hand or send to the petitioner: the case number and query code to follow it online,
 * and the time limits of the Regulations. Printing prints this card only (receipt.css).
 */
export function RegistrationReceipt({
  registered: { receipt, channel, title, receivedOn },
  onNext,
}: {
  registered: Registered;
  onNext: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  // The moment the answer came, in China time, as the receipt's date.
  const [registeredAt] = useState(() =>
    new Intl.DateTimeFormat(i18n.lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date()),
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
      {/* The registrar's notice of a repeat: the API links it at registration, not before. */}
      {receipt.repeatOf && (
        <Alert
          className="no-print"
          type="warning"
          showIcon
          role="alert"
          title={t('registration.repeatOf', { caseNo: receipt.repeatOf })}
          description={t('registration.repeatOfHelp')}
        />
      )}
      {receipt.notAcceptedAgain && (
        <Alert
          className="no-print"
          type="warning"
          showIcon
          role="alert"
          title={t('registration.notAcceptedAgain', {
            caseNo: receipt.notAcceptedAgain.originalCaseNo,
          })}
          description={i18n.pick(receipt.notAcceptedAgain.reason)}
        />
      )}
      <Card className="registration-receipt" title={t('registration.receiptTitle')}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('track.caseNo')}>
            <span data-testid="registration-case-no">{receipt.caseNo}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('track.queryCode')}>
            <span data-testid="registration-query-code">{receipt.queryCode}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('registration.channel')}>
            {t(`registration.channel.${channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('submit.title')}>{title}</Descriptions.Item>
          <Descriptions.Item label={t('registration.receivedOn')}>{receivedOn}</Descriptions.Item>
          <Descriptions.Item label={t('registration.registeredAt')}>
            {registeredAt}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 16 }}>
          {t('registration.receiptFollow')}
        </Typography.Paragraph>
        <Typography.Title level={3} style={{ fontSize: 16 }}>
          {t('legal.title')}
        </Typography.Title>
        <TimeLimitList />
      </Card>
      <Space className="no-print" wrap>
        <Button type="primary" onClick={() => window.print()}>
          {t('registration.print')}
        </Button>
        <Button onClick={onNext}>{t('registration.next')}</Button>
      </Space>
    </Space>
  );
}
