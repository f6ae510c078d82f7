import { HttpStatus, Injectable } from '@nestjs/common';
import {
  ApiError,
  AuditActions,
  AuditTrail,
  notFound,
  pageOffset,
  PersonalDataCipher,
  Transactions,
  type StaffUser,
} from '#common';
import { sealedPhone, sealedReceiptCode } from '../database/published-views.repository.js';
import { render, secretsOf, subjectOf } from '../notifications/templates.js';
import { CallBackRepository, type CallBackRow } from './call-back.repository.js';
import { endsCallBack, mayCall } from './call-back-rules.js';
import type { CallBackQuery, CallMade } from './call-backs.schemas.js';

const CALL_BACK = { zh: '回访事项', en: 'Call-back' };

/** What to tell, without the phone: the text unless it holds a secret (the receipt's code). */
function listed(row: CallBackRow) {
  const withSecret = secretsOf(row.template).length > 0;
  const subject = subjectOf(row.template, row.variables);
  const text = withSecret ? null : render(row.template, row.variables).text;
  return {
    id: row.id,
    petitionId: row.petition_id,
    caseNo: row.case_no,
    unitCode: row.unit_code,
    template: row.template,
    subject,
    text,
    owedSince: row.created_at,
    doneAt: row.done_at,
    attempts: row.attempts,
    lastCall: row.last_called_at ? { at: row.last_called_at, outcome: row.last_outcome } : null,
  };
}

/**
 * The call-back list (回访/电话告知清单): notices owed to petitioners who can be reached only on a
 * landline. Listing shows what to tell; opening one shows the phone and is recorded on the audit
 * trail first, as the case view does.
 */
@Injectable()
export class CallBacksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CallBackRepository,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditTrail,
  ) {}

  list(staff: StaffUser, query: CallBackQuery) {
    return this.transactions.run(async (tx) => {
      const { rows, total } = await this.repository.list(tx.manager, {
        unitCode: staff.roles.includes('admin') ? null : staff.unitCode,
        done: query.status === 'done',
        limit: query.pageSize,
        offset: pageOffset(query),
      });
      return { items: rows.map(listed), page: query.page, pageSize: query.pageSize, total };
    });
  }

  /** One call-back with the phone to call and the whole text, recorded before it is shown. */
  async open(staff: StaffUser, id: string) {
    const { row, attempts, phoneSealed, sealedCode } = await this.transactions.run(async (tx) => {
      const found = await this.visible(tx.manager, staff, id);
      return {
        row: found,
        attempts: await this.repository.attempts(tx.manager, id),
        phoneSealed: await sealedPhone(tx.manager, found.petitioner_id),
        sealedCode:
          secretsOf(found.template).length > 0
            ? await sealedReceiptCode(tx.manager, found.petition_id)
            : null,
      };
    });
    await this.audit.record(undefined, {
      action: AuditActions.CallBackView,
      actor: staff,
      caseNo: row.case_no,
      target: { type: 'call-back', id },
      detail: { personalData: 'FULL', template: row.template },
    });
    const secrets: Record<string, string> = sealedCode
      ? { queryCode: this.cipher.decrypt('queryCode', sealedCode) }
      : {};
    const needsSecret = secretsOf(row.template).length > 0;
    return {
      ...listed(row),
      phone: this.cipher.decryptOptional('phone', phoneSealed),
      // The receipt's query code is kept a week; after that the text cannot be given.
      text: needsSecret && !sealedCode ? null : render(row.template, row.variables, secrets).text,
      calls: attempts.map((a) => ({
        id: a.id,
        by: { id: a.staff_id, username: a.staff_username },
        at: a.called_at,
        outcome: a.outcome,
        note: a.note,
      })),
    };
  }

  /** A call was made: by whom and when is recorded; told or a wrong number ends the call-back. */
  made(staff: StaffUser, id: string, call: CallMade) {
    return this.transactions.run(async (tx) => {
      const row = await this.visible(tx.manager, staff, id, true);
      if (row.done_at) {
        throw new ApiError(HttpStatus.CONFLICT, 'CALL_BACK_DONE', {
          zh: '该回访事项已办结',
          en: 'This call-back is already done',
        });
      }
      const ends = endsCallBack(call.outcome);
      const attempt = await this.repository.recordAttempt(tx.manager, {
        callBackId: id,
        staff,
        outcome: call.outcome,
        note: call.note ?? null,
        ends,
      });
      await tx.recordTimeline({
        petitionId: row.petition_id,
        type: 'call-back.made',
        visibleToPetitioner: false,
        data: { callBackId: id, template: row.template, outcome: call.outcome, staffId: staff.id },
      });
      return {
        id,
        caseNo: row.case_no,
        outcome: call.outcome,
        calledAt: attempt.calledAt,
        doneAt: ends ? attempt.calledAt : null,
      };
    });
  }

  /** Another unit's call-back does not exist for the caller (404), as cases do not. */
  private async visible(
    manager: Parameters<CallBackRepository['find']>[0],
    staff: StaffUser,
    id: string,
    lock = false,
  ): Promise<CallBackRow> {
    const row = await this.repository.find(manager, id, lock);
    if (!row || !mayCall(staff, row.unit_code)) throw notFound(CALL_BACK);
    return row;
  }
}
