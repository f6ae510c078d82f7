import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { AwaitingPredecessor } from '#common';
import { withService } from '../support/service-context.js';

interface DeadlineRow {
  kind: string;
  status: string;
  due_on: string;
  period_days: number;
}

/**
 * Notify's legal clocks (信访工作条例 第二十一、三十二条), fed the workbench's events directly:
 * what each step opens, closes and moves, on the calendar with its statutory holidays.
 */
describe('the legal clocks, in notify alone', { timeout: 120_000 }, () => {
  // No sweep: these deadlines lie in the past of the machine's clock and would be escalated.
  const notify = withService('notify', { demo: true, settings: { DEADLINE_SWEEP: 'off' } });
  const unitCode = '510903-ZJJ';
  let cases = 0;
  const newCase = () => {
    cases += 1;
    return {
      petitionId: randomUUID(),
      caseNo: `XF-510903-20261102-${String(cases).padStart(6, '0')}`,
      assignmentId: randomUUID(),
      unitCode,
      stage: 'HANDLING' as const,
    };
  };
  const assigned = (c: ReturnType<typeof newCase>, assignedAt: string) =>
    notify.deliver('petition.assigned', { ...c, role: 'LEAD', forwarding: false, assignedAt });
  const deadlines = async (caseNo: string) =>
    (
      await notify.env.db.query<DeadlineRow>(
        `SELECT kind, status, (due_at AT TIME ZONE 'Asia/Shanghai')::date::text AS due_on,
                period_days
           FROM notify.deadline WHERE case_no = $1 ORDER BY starts_at, kind`,
        [caseNo],
      )
    ).rows;

  it('15 days to accept, then 60 to conclude from the acceptance, extended once by 30', async () => {
    const c = newCase();
    const messageId = randomUUID();
    assert.equal(
      await notify.deliver(
        'petition.assigned',
        { ...c, role: 'LEAD', forwarding: false, assignedAt: '2026-11-02T02:00:00.000Z' },
        messageId,
      ),
      true,
    );
    assert.deepEqual(await deadlines(c.caseNo), [
      { kind: 'ACCEPTANCE', status: 'OPEN', due_on: '2026-11-17', period_days: 15 },
    ]);

    await notify.deliver('case.accepted', { ...c, occurredAt: '2026-11-03T02:00:00.000Z' });
    // 3 November + 60 is Saturday 2 January 2027, in the New Year rest days: the next working day.
    assert.deepEqual(await deadlines(c.caseNo), [
      { kind: 'ACCEPTANCE', status: 'CLOSED', due_on: '2026-11-17', period_days: 15 },
      { kind: 'CONCLUSION', status: 'OPEN', due_on: '2027-01-04', period_days: 60 },
    ]);

    await notify.deliver('case.extended', {
      ...c,
      occurredAt: '2026-12-20T02:00:00.000Z',
      days: 30,
    });
    const [, conclusion] = await deadlines(c.caseNo);
    assert.deepEqual(conclusion, {
      kind: 'CONCLUSION',
      status: 'OPEN',
      due_on: '2027-02-01',
      period_days: 90,
    });

    // The same message again changes nothing.
    assert.equal(
      await notify.deliver(
        'petition.assigned',
        { ...c, role: 'LEAD', forwarding: false, assignedAt: '2026-11-02T02:00:00.000Z' },
        messageId,
      ),
      false,
    );
    assert.equal((await deadlines(c.caseNo)).length, 2);
  });

  it('a last day in the National Day holidays moves to the first working day after them', async () => {
    const c = newCase();
    // 20 September + 15 is 5 October 2026, inside 国庆节 (1 to 7 October, data/calendar/2026.yaml).
    await assigned(c, '2026-09-20T02:00:00.000Z');
    const [acceptance] = await deadlines(c.caseNo);
    assert.equal(acceptance?.due_on, '2026-10-08');
  });

  it('an extension that arrives before the acceptance it follows waits for it, and is not lost', async () => {
    const c = newCase();
    await assigned(c, '2026-11-02T02:00:00.000Z');
    const extension = { ...c, occurredAt: '2026-11-20T02:00:00.000Z', days: 30 };
    const messageId = randomUUID();
    await assert.rejects(
      notify.deliver('case.extended', extension, messageId),
      (error) => error instanceof AwaitingPredecessor,
    );
    assert.deepEqual(
      (await deadlines(c.caseNo)).map((d) => d.kind),
      ['ACCEPTANCE'],
      'nothing applied and the message not marked processed',
    );
    await notify.deliver('case.accepted', { ...c, occurredAt: '2026-11-03T02:00:00.000Z' });
    // Retried, as the worker retries it: now it applies.
    assert.equal(await notify.deliver('case.extended', extension, messageId), true);
    assert.deepEqual((await deadlines(c.caseNo))[1], {
      kind: 'CONCLUSION',
      status: 'OPEN',
      due_on: '2027-02-01',
      period_days: 90,
    });
  });
});
