import type { Tx } from '#common';
import type { NotificationChannel } from '../database/notification.entity.js';
import { unitsWithBureau } from '../database/published-views.repository.js';
import { rostersOf, type RosterEntry } from '../duty/duty.repository.js';
import { storeNotices, type NoticeRecord } from '../notifications/store-notice.js';
import { noticesToUnits, type CheckedUnitNotice } from '../notifications/unit-notices.js';
import type { ClaimedDeadline } from './deadline.repository.js';

export type MissedDeadline = Omit<ClaimedDeadline, 'next_alert_at' | 'overdue_at'>;

/**
 * Who else hears of a missed deadline (逾期督办): the unit's leaders and the petition bureau
 * that supervises it. The leaders are the people on the unit's duty roster, paged by phone or
 * email; a unit without a roster has the notice in its leaders' inbox only. The supervising
 * bureau is found as routing finds it: the unit's county bureau, else its prefecture's; a bureau
 * is supervised by its superior.
 */
export async function escalateMissed(
  tx: Tx,
  missed: MissedDeadline[],
  /** How each leader is paged: DutyRostersService.pageChannel (a landline takes no SMS). */
  pageChannel: (entry: Pick<RosterEntry, 'phone_sealed' | 'email_sealed'>) => NotificationChannel,
): Promise<void> {
  if (missed.length === 0) return;
  const unitCodes = [...new Set(missed.map((d) => d.unit_code))];
  const units = await unitsWithBureau(tx.manager, unitCodes);
  const rosters = await rostersOf(tx.manager, unitCodes);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const toUnits: CheckedUnitNotice[] = [];
  const toLeaders: NoticeRecord[] = [];
  for (const deadline of missed) {
    const unit = byCode.get(deadline.unit_code);
    const variables = {
      caseNo: deadline.case_no,
      kind: deadline.kind,
      dueAt: deadline.due_at.toISOString(),
      unitName: unit?.name ?? deadline.unit_code,
    };
    const leaders = rosters.filter((entry) => entry.scope === deadline.unit_code);
    for (const leader of leaders) {
      toLeaders.push({
        petitionId: deadline.petition_id,
        channel: pageChannel(leader),
        recipientKind: 'DUTY',
        recipient: leader.id,
        template: 'deadline.overdue-leader',
        variables,
        locale: leader.locale,
        staffId: leader.staff_id,
      });
    }
    if (leaders.length === 0) {
      toUnits.push({
        petitionId: deadline.petition_id,
        unitCode: deadline.unit_code,
        template: 'deadline.overdue-leader',
        variables,
        inboxRole: 'unit_leader',
      });
    }
    if (unit?.bureau) {
      toUnits.push({
        petitionId: deadline.petition_id,
        unitCode: unit.bureau,
        template: 'deadline.overdue-bureau',
        variables,
      });
    }
  }
  await noticesToUnits(tx, toUnits);
  await storeNotices(tx, toLeaders);
}
