import type { DeadlineKind, Tx } from '#common';
import { storeNotices, type NoticeRecord } from '../notifications/store-notice.js';
import { noticesToUnits, type CheckedUnitNotice } from '../notifications/unit-notices.js';

export interface MissedDeadline {
  id: string;
  petition_id: string;
  case_no: string;
  unit_code: string;
  kind: DeadlineKind;
  due_at: Date;
}

interface UnitAbove {
  code: string;
  name: string;
  bureau: string | null;
}

/**
 * Who else hears of a missed deadline (逾期督办): the unit's leaders and the petition bureau
 * that supervises it. The leaders are the people on the unit's duty roster, paged by phone or
 * email; a unit without a roster has the notice in its leaders' inbox only. The supervising
 * bureau is found as routing finds it: the unit's county bureau, else its prefecture's; a bureau
 * is supervised by its superior.
 */
export async function escalateMissed(tx: Tx, missed: MissedDeadline[]): Promise<void> {
  if (missed.length === 0) return;
  const unitCodes = [...new Set(missed.map((d) => d.unit_code))];
  const units = await tx.manager.query<UnitAbove[]>(
    `SELECT u.code, u.name, (
       SELECT b.code FROM routing.unit_directory_v1 b
       WHERE (u.kind = 'PETITION_BUREAU' AND b.code = u.superior_code)
          OR (u.kind <> 'PETITION_BUREAU' AND b.kind = 'PETITION_BUREAU'
              AND b.division_code IN (left(u.division_code, 6), left(u.division_code, 4) || '00'))
       ORDER BY b.division_code = left(u.division_code, 6) DESC LIMIT 1) AS bureau
     FROM routing.unit_directory_v1 u WHERE u.code = ANY ($1)`,
    [unitCodes],
  );
  const rosters = await tx.manager.query<
    {
      id: string;
      scope: string;
      staff_id: string | null;
      phone_sealed: string | null;
      locale: 'zh-CN' | 'en';
    }[]
  >(
    `SELECT id, scope, staff_id, phone_sealed, locale FROM notify.duty_roster_entry
     WHERE scope = ANY ($1) ORDER BY scope, position`,
    [unitCodes],
  );
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
        channel: leader.phone_sealed ? 'sms' : 'email',
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
