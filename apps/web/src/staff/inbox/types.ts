/** One notice of GET /api/v1/notifications (notify's StaffInboxService). */
export interface InboxNotice {
  id: string;
  caseNo: string | null;
  template: string;
  subject: string | null;
  text: string;
  channel: string;
  status: string;
  createdAt: string;
  readAt: string | null;
  /** Set for a duty page (值班通知) about an urgent event. */
  urgent: { alertId: string; status: string } | null;
}

export interface InboxPage {
  items: InboxNotice[];
  page: number;
  pageSize: number;
  total: number;
  unread: number;
}
