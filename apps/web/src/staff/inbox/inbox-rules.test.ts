import { describe, expect, it } from 'vitest';
import { awaitsAcknowledgement, inboxOrder } from './inbox-rules';
import type { InboxNotice } from './types';

const notice = (id: string, at: string, more: Partial<InboxNotice> = {}): InboxNotice => ({
  id,
  caseNo: null,
  template: 'assignment.created',
  subject: null,
  text: id,
  channel: 'inbox',
  status: 'SENT',
  createdAt: at,
  readAt: '2026-12-08T02:00:00Z',
  urgent: null,
  ...more,
});

describe('the inbox', () => {
  it('asks for 确认收到 only on a duty page still open', () => {
    expect(awaitsAcknowledgement(notice('a', '2026-12-08T01:00:00Z'))).toBe(false);
    const paging = { alertId: 'x', status: 'OPEN' };
    expect(awaitsAcknowledgement(notice('b', '2026-12-08T01:00:00Z', { urgent: paging }))).toBe(
      true,
    );
    const answered = { alertId: 'x', status: 'ACKNOWLEDGED' };
    expect(awaitsAcknowledgement(notice('c', '2026-12-08T01:00:00Z', { urgent: answered }))).toBe(
      false,
    );
  });

  it('puts open duty pages first, then unread, then read; newest first in each', () => {
    const ordered = inboxOrder([
      notice('read-old', '2026-12-08T01:00:00Z'),
      notice('unread-old', '2026-12-08T01:00:00Z', { readAt: null }),
      notice('read-new', '2026-12-08T03:00:00Z'),
      notice('urgent', '2026-12-07T01:00:00Z', { urgent: { alertId: 'x', status: 'OPEN' } }),
      notice('unread-new', '2026-12-08T03:00:00Z', { readAt: null }),
    ]);
    expect(ordered.map((n) => n.id)).toEqual([
      'urgent',
      'unread-new',
      'unread-old',
      'read-new',
      'read-old',
    ]);
  });
});
