/** What every reader of a notify.notification row takes of it (notify, intake's case view). */
export interface NotificationRowBase {
  id: string;
  channel: string;
  recipient_kind: string;
  recipient: string;
  template: string;
  status: string;
}
