import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { request, samplePetition } from './support/http.js';
import { REPLY, withWorkbench, type WorkbenchPage } from './support/workbench.js';

describe('the unit workbench, review and re-review', { timeout: 300_000 }, () => {
  const workbench = withWorkbench();
  const { sut, tokens } = workbench;

  it('takes a case from assignment through acceptance, extension and reply to re-review, which is final', async () => {
    const receipt = await workbench.registerHousingCase();
    /** Concludes the case's stage as `user` with the stage's opinion: the answer's status. */
    const conclude = async (user: string, reply: string) =>
      (await workbench.act(user, receipt.caseNo, 'conclude', { reply })).status;
    await workbench.statusOf(receipt.caseNo, 'ASSIGNED');

    const bench = await request<WorkbenchPage>(
      'GET',
      `${sut.system.routing.url}/api/v1/workbench/cases`,
      {
        token: tokens['zjj.handler'],
      },
    );
    assert.equal(bench.status, 200);
    const item = await workbench.until(async () => {
      const { body } = await request<WorkbenchPage>(
        'GET',
        `${sut.system.routing.url}/api/v1/workbench/cases`,
        {
          token: tokens['zjj.handler'],
        },
      );
      const found = body.items.find((i) => i.caseNo === receipt.caseNo);
      return found && found.deadlines.length > 0 && found;
    }, 'the case on the workbench with its clock');
    assert.deepEqual(
      item.deadlines.map((d) => [d.kind, d.state]),
      [['ACCEPTANCE', 'GREEN']],
    );
    assert.equal(item.status, 'ASSIGNED');
    // The petitioner is told who owes what next, by which China date.
    const owed = (await workbench.publicView(receipt)).body;
    assert.deepEqual(
      owed.nextSteps.map((n) => n.code),
      ['AWAIT_ACCEPTANCE'],
    );
    assert.match(
      owed.nextSteps[0]?.zh ?? '',
      new RegExp(
        `^船山区住房和城乡建设局应于${owed.deadlines[0]?.dueAt.slice(0, 10)}前告知您是否受理$`,
      ),
    );
    assert.ok(
      owed.timeline.every((t) => t.at.endsWith('+08:00') && t.label.length > 0),
      JSON.stringify(owed.timeline),
    );

    assert.equal((await workbench.act('zjj.handler', receipt.caseNo, 'accept')).status, 200);
    await workbench.statusOf(receipt.caseNo, 'ACCEPTED');
    let view = await workbench.until(async () => {
      const { body } = await workbench.staffView(receipt.caseNo);
      return body.deadlines.some((d) => d.kind === 'CONCLUSION') && body;
    }, 'the conclusion clock');
    const acceptance = view.deadlines.find((d) => d.kind === 'ACCEPTANCE');
    assert.equal(acceptance?.status, 'CLOSED');
    const conclusion = view.deadlines.find((d) => d.kind === 'CONCLUSION');
    assert.ok(conclusion);
    const days = (Date.parse(conclusion.dueAt) - Date.now()) / 86_400_000;
    assert.ok(days > 59 && days <= 70, `conclusion due in ${days} days`);

    // One extension, approved by the unit leader; its reason is the petitioner's to see.
    const asked = await workbench.act('zjj.handler', receipt.caseNo, 'extension', {
      days: 30,
      reason: '需等待房屋质量检测报告',
    });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    // The leader who must approve is told; the handler's inbox has no such task.
    await workbench.todoArrives('zjj.leader', receipt.caseNo, '办理单位申请延期，待你审批');
    assert.ok((await workbench.todos('zjj.handler')).every((t) => !t.includes('待你审批')));
    assert.equal(
      (await workbench.act('zjj.handler', receipt.caseNo, 'extension/decision', { approve: true }))
        .status,
      403,
    );
    assert.equal(
      (await workbench.act('zjj.leader', receipt.caseNo, 'extension/decision', { approve: true }))
        .status,
      200,
    );
    await workbench.todoArrives('zjj.handler', receipt.caseNo, '延期申请已批准');
    const again = await workbench.act('zjj.handler', receipt.caseNo, 'extension', {
      days: 10,
      reason: '检测报告仍未出具',
    });
    assert.equal(again.status, 409);
    assert.equal(again.body['code'], 'EXTENSION_ALREADY_USED');
    view = await workbench.until(async () => {
      const { body } = await workbench.staffView(receipt.caseNo);
      const moved = body.deadlines.some(
        (d) => d.kind === 'CONCLUSION' && d.dueAt !== conclusion.dueAt,
      );
      return moved && body.timeline.some((t) => t.type === 'deadline.extended') && body;
    }, 'the extended deadline');
    const extended = view.deadlines.find((d) => d.kind === 'CONCLUSION');
    assert.ok(extended);
    // 90 days from acceptance, moved past rest days: compared with the first due date it may be
    // fewer than 30 days later, when that one had been moved over a holiday (春节).
    const total = (Date.parse(extended.dueAt) - Date.now()) / 86_400_000;
    assert.ok(total > 89 && total <= 100, `extended to ${total} days`);
    assert.ok(Date.parse(extended.dueAt) > Date.parse(conclusion.dueAt));
    const seen = await workbench.publicView(receipt);
    // In the petitioner's words and China time: 已受理, 办结, 主办, +08:00.
    assert.equal(seen.body.statusLabel, '已受理');
    assert.match(seen.body.receivedAt, /\+08:00$/);
    const dues = seen.body.deadlines.map((d) => [d.kindLabel, d.dueAt.slice(-6)]);
    assert.ok(
      dues.some(([label, zone]) => label === '办结' && zone === '+08:00'),
      String(dues),
    );
    assert.deepEqual(
      seen.body.handlingUnits.map((u) => [u.roleLabel, u.stageLabel]),
      [['主办', '办理']],
    );
    assert.ok(
      seen.body.timeline.some(
        (t) => t.type === 'case.extended' && t.data['reason'] === '需等待房屋质量检测报告',
      ),
    );

    assert.equal(await conclude('zjj.handler', REPLY), 200);
    await workbench.statusOf(receipt.caseNo, 'CONCLUDED');
    const replied = await workbench.publicView(receipt);
    assert.equal(replied.body.replies.length, 1);
    assert.deepEqual(
      { ...replied.body.replies[0], givenAt: undefined, stageLabel: undefined },
      {
        stage: 'HANDLING',
        kind: 'REPLY',
        unit: { code: '510903-ZJJ', name: '船山区住房和城乡建设局' },
        legalBasis: null,
        text: REPLY,
        givenAt: undefined,
        stageLabel: undefined,
      },
    );
    assert.equal(replied.body.canEvaluate, true);
    assert.equal(replied.body.reviewRequest?.stage, 'REVIEW');
    assert.deepEqual(
      replied.body.nextSteps.map((n) => n.code),
      ['EVALUATE', 'REQUEST_REVIEW'],
    );
    const closed = (await workbench.staffView(receipt.caseNo)).body.deadlines;
    assert.ok(
      closed.every((d) => d.status === 'CLOSED'),
      JSON.stringify(closed),
    );

    // Evaluate once; ask for review: the superior of the concluding unit reviews.
    const evaluated = await workbench.petitionerPost(receipt, 'evaluation', {
      evaluation: 'DISSATISFIED',
      comment: '交房时间仍不确定',
    });
    assert.equal(evaluated.status, 201, JSON.stringify(evaluated.body));
    const twice = await workbench.petitionerPost(receipt, 'evaluation', {
      evaluation: 'SATISFIED',
    });
    assert.equal(twice.status, 409);
    assert.equal(twice.body['code'], 'ALREADY_EVALUATED');
    const review = await workbench.petitionerPost(receipt, 'review-requests', {
      reason: '对处理意见不满意，要求明确交房日期',
    });
    assert.equal(review.status, 201, JSON.stringify(review.body));
    assert.equal(review.body['stage'], 'REVIEW');
    const duplicate = await workbench.petitionerPost(receipt, 'review-requests', {
      reason: '再次申请复查',
    });
    assert.equal(duplicate.status, 409);

    view = await workbench.statusOf(receipt.caseNo, 'IN_REVIEW');
    const reviewer = view.assignments.find((a) => a.stage === 'REVIEW');
    assert.equal(reviewer?.unit.code, '510903-GOV');
    assert.equal(reviewer.rule, 'REVIEW_BY_SUPERIOR');
    assert.equal(reviewer.status, 'ACCEPTED');
    await workbench.until(async () => {
      const { body } = await workbench.staffView(receipt.caseNo);
      return body.deadlines.some(
        (d) => d.kind === 'REVIEW' && d.unitCode === '510903-GOV' && d.status === 'OPEN',
      );
    }, 'the review clock');
    // The housing bureau's part is over: it cannot answer again.
    assert.equal(await conclude('zjj.handler', REPLY), 409);

    assert.equal(await conclude('county.handler', `复查意见：${REPLY}`), 200);
    await workbench.statusOf(receipt.caseNo, 'REVIEWED');
    assert.equal(
      (
        await workbench.petitionerPost(receipt, 'review-requests', {
          reason: '对复查意见不服，申请复核',
        })
      ).status,
      201,
    );
    view = await workbench.statusOf(receipt.caseNo, 'IN_RE_REVIEW');
    assert.equal(view.assignments.find((a) => a.stage === 'RE_REVIEW')?.unit.code, '510900-GOV');
    assert.equal(await conclude('city.handler', `复核意见：${REPLY}`), 200);
    await workbench.statusOf(receipt.caseNo, 'RE_REVIEWED');

    // The petitioner was told every step by SMS (告知去向, 受理, 延期, each opinion).
    const told = await workbench.until(async () => {
      const { rows } = await sut.env.db.query<{
        template: string;
        variables: Record<string, string>;
      }>(
        `SELECT n.template, n.variables FROM notify.notification n
         JOIN intake.petition p ON p.id = n.petition_id
         WHERE p.case_no = $1 AND n.recipient_kind = 'PETITIONER' ORDER BY n.created_at`,
        [receipt.caseNo],
      );
      return rows.filter((r) => r.template === 'case.concluded').length === 3 && rows;
    }, 'the petitioner messages');
    assert.deepEqual(
      told.map((r) => r.template),
      [
        'petition.receipt',
        'case.assigned',
        'case.accepted',
        'case.extended',
        'case.concluded',
        'case.concluded',
        'case.concluded',
      ],
    );
    assert.deepEqual(
      told.filter((r) => r.template === 'case.concluded').map((r) => r.variables['stage']),
      ['HANDLING', 'REVIEW', 'RE_REVIEW'],
    );
    const final = await workbench.petitionerPost(receipt, 'review-requests', {
      reason: '对复核意见仍然不服',
    });
    assert.equal(final.status, 409);
    assert.equal(final.body['code'], 'CONCLUDED_BY_RE_REVIEW');
    const stages = (await workbench.publicView(receipt)).body.replies.map((r) => r.stage);
    assert.deepEqual(stages, ['HANDLING', 'REVIEW', 'RE_REVIEW']);

    // The same matter again from the same petitioner: registered, not accepted again (不再受理).
    const again2 = await request<{
      caseNo: string;
      notAcceptedAgain?: { originalCaseNo: string; reason: { zh: string } };
    }>('POST', `${sut.system.intake.url}/api/v1/public/petitions`, {
      body: samplePetition({ title: '锦绣华庭至今未交房再次反映' }),
    });
    assert.equal(again2.status, 201);
    // The public answer names no other case; staff see why it was not accepted again.
    assert.equal(again2.body.notAcceptedAgain, undefined);
    const settled = await workbench.staffView(again2.body.caseNo);
    assert.equal(settled.body.status, 'NOT_ACCEPTED_AGAIN');
    const notice = (
      settled.body as unknown as {
        timeline: { type: string; data: { caseNo?: string; reason?: { zh: string } } }[];
      }
    ).timeline.find((t) => t.type === 'petition.not-accepted-again');
    assert.equal(notice?.data.caseNo, receipt.caseNo);
    assert.match(notice.data.reason?.zh ?? '', /复核终结.*不再受理/);
    // Never sent to routing: no unit is asked to handle it again.
    const { rows } = await sut.env.db.query(
      `SELECT 1 FROM intake.outbox o JOIN intake.petition p ON p.id::text = o.payload->>'petitionId'
       WHERE p.case_no = $1 AND o.job_name = 'petition.received'`,
      [again2.body.caseNo],
    );
    assert.equal(rows.length, 0);
  });
});
