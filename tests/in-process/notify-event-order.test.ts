import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  assigned,
  heldMessage,
  minutesFromNow,
  newAssignment,
  step,
} from '../support/event-steps.js';
import { withService } from '../support/service-context.js';

/**
 * Routing's events reach notify out of order (retries with backoff, several replicas). Each is
 * applied in the order routing took the steps: a late one never overwrites a later state, and an
 * early one waits for what it follows instead of silently changing nothing.
 */
describe('notify applies events in the order they occurred', { timeout: 120_000 }, () => {
  const notify = withService('notify');
  const minute = minutesFromNow();
  const lead = newAssignment();
  const clocks = async (assignmentId: string) => {
    const { rows } = await notify.env.db.query<{
      kind: string;
      status: string;
      period_days: number;
    }>(
      `SELECT kind, status, period_days FROM notify.deadline WHERE source_id = $1 ORDER BY starts_at`,
      [assignmentId],
    );
    return rows;
  };

  before(async () => {
    assert.equal(await notify.deliver('petition.assigned', assigned(lead, minute(0))), true);
  });

  it('notify: an extension that comes before the acceptance is applied after it', async () => {
    const extended = heldMessage(notify, 'case.extended', { ...step(lead, minute(2)), days: 30 });
    await extended.heldBack();
    assert.deepEqual(
      (await clocks(lead.assignmentId)).map((c) => c.kind),
      ['ACCEPTANCE'],
    );
    assert.equal(await notify.deliver('case.accepted', step(lead, minute(1))), true);
    // Redriven once the acceptance is in: the 60 days become 90.
    await extended.completed();
    assert.deepEqual(await clocks(lead.assignmentId), [
      { kind: 'ACCEPTANCE', status: 'CLOSED', period_days: 15 },
      { kind: 'CONCLUSION', status: 'OPEN', period_days: 90 },
    ]);
  });

  it('notify: a petition.assigned delivered after the unit lost the case opens no clock', async () => {
    assert.equal(await notify.deliver('case.transferred', step(lead, minute(3))), true);
    assert.equal(await notify.deliver('petition.assigned', assigned(lead, minute(0))), true);
    assert.deepEqual(
      (await clocks(lead.assignmentId)).map((c) => [c.kind, c.status]),
      [
        ['ACCEPTANCE', 'CLOSED'],
        ['CONCLUSION', 'CLOSED'],
      ],
    );
    assert.match(notify.output, /step superseded: the assignment is past it/);
  });

  it('notify: an answer to a supervision notice that comes before the notice stops its clock', async () => {
    const supervision = {
      supervisionId: randomUUID(),
      petitionId: lead.petitionId,
      caseNo: lead.caseNo,
      unitCode: lead.unitCode,
    };
    const answered = heldMessage(notify, 'supervision.answered', {
      ...supervision,
      answeredAt: minute(8),
    });
    await answered.heldBack();
    assert.equal(
      await notify.deliver('supervision.issued', {
        ...supervision,
        answerDueAt: minute(60 * 24 * 5),
      }),
      true,
    );
    await answered.completed();
    assert.deepEqual(
      (await clocks(supervision.supervisionId)).map((c) => [c.kind, c.status]),
      [['SUPERVISION_ANSWER', 'CLOSED']],
    );
  });
});
