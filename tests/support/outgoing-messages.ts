import { DeliveryError, type OutgoingMessage } from '../../apps/notify/src/channels/channel.js';
import { render } from '../../apps/notify/src/notifications/templates.js';

/** What notify's channel tests send: a phone, a short text, the receipt, and the failures expected. */
export const PHONE = '13800138000';

export const message = (text: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  notificationId: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
  template: 'petition.receipt',
  subject: '信访事项已登记',
  text,
  params: {},
  ...extra,
});

export const receipt = () => ({
  notificationId: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
  template: 'petition.receipt',
  ...render(
    'petition.receipt',
    { caseNo: 'XF-510903-20261207-000012' },
    { queryCode: '7K3M9Q2X5T' },
  ),
});

export const rejects =
  (code: string, retryable: boolean, kind = retryable ? undefined : 'REFUSED') =>
  (error: unknown) =>
    error instanceof DeliveryError &&
    error.code === code &&
    error.retryable === retryable &&
    (kind === undefined || error.kind === kind);
