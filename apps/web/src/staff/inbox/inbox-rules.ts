import type { InboxNotice } from './types';

/** How often the inbox asks again while the console is open (and when the tab comes back). */
export const INBOX_REFRESH_MS = 15_000;

/** A duty page still waiting for its answer: it stands out and offers 确认收到. */
export function awaitsAcknowledgement(notice: InboxNotice): boolean {
  return notice.urgent !== null && notice.urgent.status === 'OPEN';
}

/** Urgent pages waiting for an answer first, then unread, then the rest; newest first in each. */
export function inboxOrder(notices: readonly InboxNotice[]): InboxNotice[] {
  const rank = (n: InboxNotice) => (awaitsAcknowledgement(n) ? 0 : n.readAt === null ? 1 : 2);
  return [...notices].sort(
    (a, b) => rank(a) - rank(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
}
