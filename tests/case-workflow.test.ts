import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { login, OTHER_PETITIONER, request, samplePetition } from './support/http.js';
import {
  startSystem,
  stopSystem,
  type ServiceName,
  type ServiceProcess,
} from './support/processes.js';
import { createStaff } from './support/staff.js';

interface StaffCase {
  status: string;
  assignments: {
    role: string;
    stage: string;
    status: string;
    rule: string;
    unit: { code: string };
  }[];
  deadlines: { kind: string; unitCode: string; dueAt: string; status: string }[];
  replies: { stage: string; kind: string; text: string; legalBasis: string | null }[];
  timeline: { type: string; data: Record<string, unknown> }[];
}

interface PublicCase {
  status: string;
  handlingUnits: { name: string; stage: string }[];
  replies: {
    stage: string;
    kind: string;
    text: string;
    legalBasis: string | null;
    unit: { name: string };
  }[];
  canEvaluate: boolean;
  reviewRequest: { stage: string; lastDay: string } | null;
  timeline: { type: string; data: Record<string, unknown> }[];
}

interface WorkbenchPage {
  total: number;
  items: { caseNo: string; status: string; deadlines: { kind: string; state: string }[] }[];
}

const REPLY = '经调查核实，开发商已于本月复工，预计明年三月交房，我局将每月督促进度并公示。';

describe('the unit workbench, review and re-review', { timeout: 300_000 }, () => {
  let env: TestEnvironment;
  let system: Record<ServiceName, ServiceProcess>;
  const tokens: Record<string, string> = {};
  let leaderId: string;

  before(async () => {
    env = await createTestEnvironment({ demo: true });
    leaderId = await createStaff(env.config, 'zjj.leader', '510903-ZJJ', ['unit_leader']);
    await createStaff(env.config, 'zjj.handler', '510903-ZJJ', ['handler']);
    await createStaff(env.config, 'zjj.handler2', '510903-ZJJ', ['handler']);
    await createStaff(env.config, 'zrzyj.handler', '510903-ZRZYJ', ['handler']);
    await createStaff(env.config, 'county.handler', '510903-GOV', ['handler']);
    await createStaff(env.config, 'city.handler', '510900-GOV', ['handler']);
    system = await startSystem(env.env);
    for (const name of [
      'admin',
      'suining.registrar',
      'suining.supervisor',
      'zjj.leader',
      'zjj.handler',
      'zjj.handler2',
      'zrzyj.handler',
      'county.handler',
      'city.handler',
    ]) {
      tokens[name] = await login(system.routing.url, name);
    }
  });

  after(async () => {
    await stopSystem(system);
    await env.dispose();
  });

  /** A letter about housing in 船山区: the county housing bureau leads on it. */
  async function registerHousingCase(overrides: Record<string, unknown> = {}) {
    const response = await request<{ caseNo: string; queryCode: string }>(
      'POST',
      `${system.intake.url}/api/v1/petitions`,
      {
        token: tokens['suining.registrar'],
        body: samplePetition({
          channel: 'LETTER',
          category: 'HOUSING',
          divisionCode: '510903',
          ...overrides,
        }),
      },
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  const staffView = (caseNo: string) =>
    request<StaffCase>('GET', `${system.intake.url}/api/v1/petitions/${caseNo}`, {
      // The prefecture petition bureau's supervisor sees every case of 遂宁, routed or not.
      token: tokens['suining.supervisor'],
    });
  const publicView = (receipt: { caseNo: string; queryCode: string }) =>
    request<PublicCase>(
      'GET',
      `${system.intake.url}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${receipt.queryCode}`,
    );
  const act = (user: string, caseNo: string, action: string, body: unknown = {}) =>
    request('POST', `${system.routing.url}/api/v1/workbench/cases/${caseNo}/${action}`, {
      token: tokens[user],
      body,
    });
  const petitionerPost = (
    receipt: { caseNo: string; queryCode: string },
    path: string,
    body: object,
  ) =>
    request('POST', `${system.intake.url}/api/v1/public/petitions/${receipt.caseNo}/${path}`, {
      body: { queryCode: receipt.queryCode, ...body },
    });
  const until = <T>(check: () => Promise<T | false | undefined>, what: string) =>
    eventually(check, what);
  const statusOf = async (caseNo: string, status: string) =>
    until(async () => {
      const { body } = await staffView(caseNo);
      return body.status === status && body;
    }, `case ${caseNo} to become ${status}`);

  it('takes a case from assignment through acceptance, extension and reply to re-review, which is final', async () => {
    const receipt = await registerHousingCase();
    await statusOf(receipt.caseNo, 'ASSIGNED');

    const bench = await request<WorkbenchPage>(
      'GET',
      `${system.routing.url}/api/v1/workbench/cases`,
      {
        token: tokens['zjj.handler'],
      },
    );
    assert.equal(bench.status, 200);
    const item = await until(async () => {
      const { body } = await request<WorkbenchPage>(
        'GET',
        `${system.routing.url}/api/v1/workbench/cases`,
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

    assert.equal((await act('zjj.handler', receipt.caseNo, 'accept')).status, 200);
    await statusOf(receipt.caseNo, 'ACCEPTED');
    let view = await until(async () => {
      const { body } = await staffView(receipt.caseNo);
      return body.deadlines.some((d) => d.kind === 'CONCLUSION') && body;
    }, 'the conclusion clock');
    const acceptance = view.deadlines.find((d) => d.kind === 'ACCEPTANCE');
    assert.equal(acceptance?.status, 'CLOSED');
    const conclusion = view.deadlines.find((d) => d.kind === 'CONCLUSION');
    assert.ok(conclusion);
    const days = (Date.parse(conclusion.dueAt) - Date.now()) / 86_400_000;
    assert.ok(days > 59 && days <= 70, `conclusion due in ${days} days`);

    // One extension, approved by the unit leader; its reason is the petitioner's to see.
    const asked = await act('zjj.handler', receipt.caseNo, 'extension', {
      days: 30,
      reason: '需等待房屋质量检测报告',
    });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    assert.equal(
      (await act('zjj.handler', receipt.caseNo, 'extension/decision', { approve: true })).status,
      403,
    );
    assert.equal(
      (await act('zjj.leader', receipt.caseNo, 'extension/decision', { approve: true })).status,
      200,
    );
    const again = await act('zjj.handler', receipt.caseNo, 'extension', {
      days: 10,
      reason: '检测报告仍未出具',
    });
    assert.equal(again.status, 409);
    assert.equal(again.body['code'], 'EXTENSION_ALREADY_USED');
    view = await until(async () => {
      const { body } = await staffView(receipt.caseNo);
      const moved = body.deadlines.some(
        (d) => d.kind === 'CONCLUSION' && d.dueAt !== conclusion.dueAt,
      );
      return moved && body.timeline.some((t) => t.type === 'deadline.extended') && body;
    }, 'the extended deadline');
    const extended = view.deadlines.find((d) => d.kind === 'CONCLUSION');
    assert.ok(extended);
    const added = (Date.parse(extended.dueAt) - Date.parse(conclusion.dueAt)) / 86_400_000;
    assert.ok(added >= 30 && added <= 38, `extended by ${added} days`);
    const seen = await publicView(receipt);
    assert.ok(
      seen.body.timeline.some(
        (t) => t.type === 'case.extended' && t.data['reason'] === '需等待房屋质量检测报告',
      ),
    );

    assert.equal(
      (await act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY })).status,
      200,
    );
    await statusOf(receipt.caseNo, 'CONCLUDED');
    const replied = await publicView(receipt);
    assert.equal(replied.body.replies.length, 1);
    assert.deepEqual(
      { ...replied.body.replies[0], givenAt: undefined },
      {
        stage: 'HANDLING',
        kind: 'REPLY',
        unit: { code: '510903-ZJJ', name: '船山区住房和城乡建设局' },
        legalBasis: null,
        text: REPLY,
        givenAt: undefined,
      },
    );
    assert.equal(replied.body.canEvaluate, true);
    assert.equal(replied.body.reviewRequest?.stage, 'REVIEW');
    const closed = (await staffView(receipt.caseNo)).body.deadlines;
    assert.ok(
      closed.every((d) => d.status === 'CLOSED'),
      JSON.stringify(closed),
    );

    // Evaluate once; ask for review: the superior of the concluding unit reviews.
    const evaluated = await petitionerPost(receipt, 'evaluation', {
      evaluation: 'DISSATISFIED',
      comment: '交房时间仍不确定',
    });
    assert.equal(evaluated.status, 201, JSON.stringify(evaluated.body));
    const twice = await petitionerPost(receipt, 'evaluation', { evaluation: 'SATISFIED' });
    assert.equal(twice.status, 409);
    assert.equal(twice.body['code'], 'ALREADY_EVALUATED');
    const review = await petitionerPost(receipt, 'review-requests', {
      reason: '对处理意见不满意，要求明确交房日期',
    });
    assert.equal(review.status, 201, JSON.stringify(review.body));
    assert.equal(review.body['stage'], 'REVIEW');
    const duplicate = await petitionerPost(receipt, 'review-requests', { reason: '再次申请复查' });
    assert.equal(duplicate.status, 409);

    view = await statusOf(receipt.caseNo, 'IN_REVIEW');
    const reviewer = view.assignments.find((a) => a.stage === 'REVIEW');
    assert.equal(reviewer?.unit.code, '510903-GOV');
    assert.equal(reviewer.rule, 'REVIEW_BY_SUPERIOR');
    assert.equal(reviewer.status, 'ACCEPTED');
    await until(async () => {
      const { body } = await staffView(receipt.caseNo);
      return body.deadlines.some(
        (d) => d.kind === 'REVIEW' && d.unitCode === '510903-GOV' && d.status === 'OPEN',
      );
    }, 'the review clock');
    // The housing bureau's part is over: it cannot answer again.
    assert.equal(
      (await act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY })).status,
      409,
    );

    assert.equal(
      (await act('county.handler', receipt.caseNo, 'conclude', { reply: `复查意见：${REPLY}` }))
        .status,
      200,
    );
    await statusOf(receipt.caseNo, 'REVIEWED');
    assert.equal(
      (await petitionerPost(receipt, 'review-requests', { reason: '对复查意见不服，申请复核' }))
        .status,
      201,
    );
    view = await statusOf(receipt.caseNo, 'IN_RE_REVIEW');
    assert.equal(view.assignments.find((a) => a.stage === 'RE_REVIEW')?.unit.code, '510900-GOV');
    assert.equal(
      (await act('city.handler', receipt.caseNo, 'conclude', { reply: `复核意见：${REPLY}` }))
        .status,
      200,
    );
    await statusOf(receipt.caseNo, 'RE_REVIEWED');

    // The petitioner was told every step by SMS (告知去向, 受理, 延期, each opinion).
    const told = await until(async () => {
      const { rows } = await env.db.query<{ template: string; variables: Record<string, string> }>(
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
    const final = await petitionerPost(receipt, 'review-requests', {
      reason: '对复核意见仍然不服',
    });
    assert.equal(final.status, 409);
    assert.equal(final.body['code'], 'CONCLUDED_BY_RE_REVIEW');
    const stages = (await publicView(receipt)).body.replies.map((r) => r.stage);
    assert.deepEqual(stages, ['HANDLING', 'REVIEW', 'RE_REVIEW']);

    // The same matter again from the same petitioner: registered, not accepted again (不再受理).
    const again2 = await request<{
      caseNo: string;
      notAcceptedAgain?: { originalCaseNo: string; reason: { zh: string } };
    }>('POST', `${system.intake.url}/api/v1/public/petitions`, {
      body: samplePetition({ title: '锦绣华庭至今未交房再次反映' }),
    });
    assert.equal(again2.status, 201);
    assert.equal(again2.body.notAcceptedAgain?.originalCaseNo, receipt.caseNo);
    assert.match(again2.body.notAcceptedAgain.reason.zh, /复核终结.*不再受理/);
    const settled = await staffView(again2.body.caseNo);
    assert.equal(settled.body.status, 'NOT_ACCEPTED_AGAIN');
    // Never sent to routing: no unit is asked to handle it again.
    const { rows } = await env.db.query(
      `SELECT 1 FROM intake.outbox o JOIN intake.petition p ON p.id::text = o.payload->>'petitionId'
       WHERE p.case_no = $1 AND o.job_name = 'petition.received'`,
      [again2.body.caseNo],
    );
    assert.equal(rows.length, 0);
  });

  it('lets only one of two handlers accepting at once succeed, and never accepts a concluded case', async () => {
    const receipt = await registerHousingCase({
      petitioners: [OTHER_PETITIONER],
      title: '小区电梯长期故障无人维修',
      content: '我们小区电梯坏了三个月，物业公司不修，请住建部门督促。',
    });
    await statusOf(receipt.caseNo, 'ASSIGNED');
    const results = await Promise.all([
      act('zjj.handler', receipt.caseNo, 'accept'),
      act('zjj.handler2', receipt.caseNo, 'accept'),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    const loser = results.find((r) => r.status === 409);
    assert.equal(loser?.body['code'], 'INVALID_TRANSITION');
    const view = await statusOf(receipt.caseNo, 'ACCEPTED');
    assert.equal(view.timeline.filter((t) => t.type === 'case.accepted').length, 1);

    assert.equal(
      (await act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY })).status,
      200,
    );
    const late = await act('zjj.handler', receipt.caseNo, 'accept', {});
    assert.equal(late.status, 409);
    assert.match((late.body['messages'] as { zh: string }).zh, /已办结.*不能受理/);
  });

  it('records a refusal with its legal ground for the petitioner, and checks the ground', async () => {
    const receipt = await registerHousingCase({
      petitioners: [{ name: '赵敏', idNumber: '510903199001010016', phone: '13800001111' }],
      title: '购房合同纠纷要求退还定金',
      content: '开发商不退定金，法院已经立案审理，我要求住建局直接让开发商退钱。',
    });
    await statusOf(receipt.caseNo, 'ASSIGNED');
    const bad = await act('zjj.handler', receipt.caseNo, 'decline', {
      ground: 'DONT_LIKE_IT',
      explanation: '不受理',
    });
    assert.equal(bad.status, 400);
    assert.equal((bad.body['errors'] as { field: string }[])[0]?.field, 'ground');
    const declined = await act('zjj.handler', receipt.caseNo, 'decline', {
      ground: 'UNDER_LEGAL_PROCEEDINGS',
      explanation: '该纠纷已由船山区人民法院立案审理，请依法通过诉讼程序解决。',
    });
    assert.equal(declined.status, 200);
    await statusOf(receipt.caseNo, 'NOT_ACCEPTED');
    const seen = await publicView(receipt);
    assert.equal(seen.body.replies[0]?.kind, 'DECLINE');
    assert.match(seen.body.replies[0].legalBasis ?? '', /诉讼、仲裁、行政复议/);
  });

  it('moves a case to another unit only with a dispatcher, closing the first unit clock', async () => {
    const receipt = await registerHousingCase({
      petitioners: [{ name: '钱进', idNumber: '510903199202020018', phone: '13800002222' }],
      title: '宅基地确权登记错误',
      content: '我家宅基地确权时面积登记少了三十平方米，多次反映未更正。',
    });
    await statusOf(receipt.caseNo, 'ASSIGNED');
    const asked = await act('zjj.handler', receipt.caseNo, 'transfer', {
      toUnitCode: '510903-ZRZYJ',
      reason: '宅基地确权登记属自然资源部门职责',
    });
    assert.equal(asked.status, 200);
    const transferId = String(asked.body['transferId']);
    assert.equal(
      (
        await act('zjj.handler', receipt.caseNo, 'transfer', {
          toUnitCode: '510903-ZRZYJ',
          reason: '重复申请转办',
        })
      ).status,
      409,
    );
    const waiting = await request<{ items: { id: string; caseNo: string }[] }>(
      'GET',
      `${system.routing.url}/api/v1/transfers`,
      { token: tokens['suining.supervisor'] },
    );
    assert.deepEqual(
      waiting.body.items.map((t) => [t.id, t.caseNo]),
      [[transferId, receipt.caseNo]],
    );
    // A handler cannot approve; the prefecture petition bureau's dispatcher can.
    const decide = (user: string) =>
      request('POST', `${system.routing.url}/api/v1/transfers/${transferId}/decision`, {
        token: tokens[user],
        body: { approve: true },
      });
    assert.equal((await decide('zjj.handler')).status, 403);
    assert.equal((await decide('suining.supervisor')).status, 200);
    assert.equal((await decide('suining.supervisor')).status, 409);

    // Two events of one transaction, which notify may take in either order: wait for both.
    const view = await until(async () => {
      const { body } = await staffView(receipt.caseNo);
      const settled =
        body.deadlines.some((d) => d.unitCode === '510903-ZRZYJ') &&
        body.deadlines.every((d) => d.unitCode !== '510903-ZJJ' || d.status !== 'OPEN');
      return settled && body;
    }, 'the new unit clock, and the first unit clock closed');
    const byUnit = Object.fromEntries(view.assignments.map((a) => [a.unit.code, a]));
    assert.equal(byUnit['510903-ZJJ']?.status, 'TRANSFERRED');
    assert.equal(byUnit['510903-ZRZYJ']?.status, 'ASSIGNED');
    assert.equal(byUnit['510903-ZRZYJ'].rule, 'TRANSFER_APPROVED');
    const clocks = view.deadlines.map((d) => `${d.unitCode} ${d.kind} ${d.status}`).sort();
    assert.deepEqual(clocks, ['510903-ZJJ ACCEPTANCE CLOSED', '510903-ZRZYJ ACCEPTANCE OPEN']);
    assert.equal((await act('zrzyj.handler', receipt.caseNo, 'accept')).status, 200);
  });

  it('adds co-handlers, and concludes a major case only with a responsible leader', async () => {
    const receipt = await registerHousingCase({
      petitioners: [{ name: '孙丽', idNumber: '510903198503030020', phone: '13800003333' }],
      title: '安置小区房屋漏水严重',
      content: '安置小区多栋房屋漏水严重，住户多次反映，施工单位推诿，请求维修。',
      personCount: 8,
    });
    await statusOf(receipt.caseNo, 'ASSIGNED');
    const added = await act('zjj.handler', receipt.caseNo, 'co-handlers', {
      unitCodes: ['510903-SJJ', 'NO-SUCH-UNIT'],
    });
    assert.equal(added.status, 400);
    assert.equal((added.body['errors'] as { field: string }[])[0]?.field, 'unitCodes[1]');
    assert.equal(
      (await act('zjj.handler', receipt.caseNo, 'co-handlers', { unitCodes: ['510903-SJJ'] }))
        .status,
      200,
    );
    assert.equal((await act('zjj.handler', receipt.caseNo, 'accept')).status, 200);

    // Eight people came: routing flagged it as a collective, major case.
    const { rows: flagged } = await env.db.query<{ major_reasons: string[] }>(
      'SELECT major_reasons FROM routing.case_file WHERE case_no = $1',
      [receipt.caseNo],
    );
    assert.deepEqual(flagged[0]?.major_reasons, ['COLLECTIVE']);
    const refused = await act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY });
    assert.equal(refused.status, 409);
    assert.equal(refused.body['code'], 'RESPONSIBLE_LEADER_REQUIRED');
    const notLeader = await act('zjj.leader', receipt.caseNo, 'responsible-leader', {
      staffId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(notLeader.status, 400);
    assert.equal(
      (await act('zjj.leader', receipt.caseNo, 'responsible-leader', { staffId: leaderId })).status,
      200,
    );
    assert.equal(
      (await act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY })).status,
      200,
    );

    const view = await statusOf(receipt.caseNo, 'CONCLUDED');
    const co = view.assignments.find((a) => a.role === 'CO_HANDLER');
    assert.equal(co?.unit.code, '510903-SJJ');
    assert.equal(co.status, 'CONCLUDED');
  });

  it('refuses a review request after 30 days, stating the rule', async () => {
    const receipt = await registerHousingCase({
      petitioners: [{ name: '周强', idNumber: '510903197804040017', phone: '13800004444' }],
      title: '物业费收费标准过高',
      content: '小区物业擅自提高物业费标准，未经业主大会同意，请求查处。',
    });
    await statusOf(receipt.caseNo, 'ASSIGNED');
    assert.equal((await act('zjj.handler', receipt.caseNo, 'accept')).status, 200);
    assert.equal(
      (await act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY })).status,
      200,
    );
    await statusOf(receipt.caseNo, 'CONCLUDED');
    await env.db.query(
      `UPDATE intake.petition SET concluded_at = now() - interval '32 days' WHERE case_no = $1`,
      [receipt.caseNo],
    );
    const late = await petitionerPost(receipt, 'review-requests', { reason: '对处理意见不满意' });
    assert.equal(late.status, 422);
    assert.equal(late.body['code'], 'REVIEW_WINDOW_CLOSED');
    assert.match((late.body['messages'] as { zh: string }).zh, /30日内/);
    const wrongCode = await request(
      'POST',
      `${system.intake.url}/api/v1/public/petitions/${receipt.caseNo}/review-requests`,
      {
        body: { queryCode: 'WRONGCODE1', reason: '对处理意见不满意' },
      },
    );
    assert.equal(wrongCode.status, 404);
  });

  it('gives a case back to the dispatchers, who then hold it', async () => {
    const receipt = await registerHousingCase({
      petitioners: [{ name: '吴刚', idNumber: '510903198605050014', phone: '13800005555' }],
      title: '养老保险待遇核定有误',
      content: '我退休后养老金核定偏低，缴费年限少算了五年。',
    });
    await statusOf(receipt.caseNo, 'ASSIGNED');
    const returned = await act('zjj.handler', receipt.caseNo, 'return', {
      reason: '养老保险待遇核定属人社部门职责',
    });
    assert.equal(returned.status, 200);
    assert.equal(returned.body['returns'], 1);
    await statusOf(receipt.caseNo, 'AWAITING_TRIAGE');
    const { rows } = await env.db.query<{ awaiting_triage: boolean; returns: number }>(
      `SELECT awaiting_triage, returns FROM routing.case_file WHERE case_no = $1`,
      [receipt.caseNo],
    );
    assert.deepEqual(rows[0], { awaiting_triage: true, returns: 1 });
    assert.equal((await act('zjj.handler', receipt.caseNo, 'accept')).status, 409);
  });

  it('puts a case under supervision, which the unit answers once from its workbench', async () => {
    const receipt = await registerHousingCase({
      petitioners: [{ name: '郑华', idNumber: '510903199001010016', phone: '13800006666' }],
      title: '老旧小区改造工程停工',
      content: '我们小区老旧改造工程停工两个月，楼道堆满建材，请求尽快复工。',
    });
    await statusOf(receipt.caseNo, 'ASSIGNED');
    const issue = (user: string) =>
      request('POST', `${system.routing.url}/api/v1/supervision`, {
        token: tokens[user],
        body: { caseNo: receipt.caseNo, instructions: '请于五日内说明停工原因及复工计划' },
      });
    assert.equal((await issue('zjj.handler')).status, 403);
    const issued = await issue('suining.supervisor');
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    assert.equal(issued.body['unitCode'], '510903-ZJJ');

    const bench = await request<{
      items: { caseNo: string; supervisions: { id: string; instructions: string }[] }[];
    }>('GET', `${system.routing.url}/api/v1/workbench/cases`, { token: tokens['zjj.handler'] });
    const supervisions = bench.body.items.find((i) => i.caseNo === receipt.caseNo)?.supervisions;
    assert.equal(supervisions?.length, 1);
    const [notice] = supervisions;
    assert.ok(notice);
    assert.equal(notice.instructions, '请于五日内说明停工原因及复工计划');
    const answer = () =>
      act('zjj.handler', receipt.caseNo, `supervision/${notice.id}/answer`, {
        answer: '施工单位资金问题已协调解决，下周一复工。',
      });
    assert.equal((await answer()).status, 200);
    assert.equal((await answer()).status, 409);
    await eventually(async () => {
      const { body } = await staffView(receipt.caseNo);
      return body.timeline.some((t) => t.type === 'supervision.answered');
    }, 'the answer on the timeline');
    const rows = await eventually(async () => {
      const result = await env.db.query<{ template: string; recipient: string }>(
        `SELECT template, recipient FROM notify.notification WHERE template = 'supervision.issued'`,
      );
      return result.rows.length > 0 && result.rows;
    }, 'the notice to the supervised unit');
    assert.deepEqual(rows, [{ template: 'supervision.issued', recipient: '510903-ZJJ' }]);
  });

  it('keeps the report-back date of a case assigned from above and requires the completion report', async () => {
    const dueOn = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const receipt = await registerHousingCase({
      channel: 'TRANSFERRED',
      transfer: {
        sourceBody: '四川省信访局',
        referenceNo: '川信交〔2026〕88号',
        reportBackDueOn: dueOn,
      },
      petitioners: [{ name: '冯军', idNumber: '510903197804040017', phone: '13800007777' }],
      title: '拆迁安置房产权证迟迟未办理',
      content: '安置房交付五年仍未办理产权证，多次反映无果，省信访局交办。',
    });
    const view = await until(async () => {
      const { body } = await staffView(receipt.caseNo);
      return body.deadlines.length === 2 && body;
    }, 'the acceptance and report-back clocks');
    const reportBack = view.deadlines.find((d) => d.kind === 'REPORT_BACK');
    assert.equal(reportBack?.unitCode, '510903-ZJJ');
    assert.equal(reportBack.dueAt, new Date(`${dueOn}T23:59:59.999+08:00`).toISOString());

    assert.equal((await act('zjj.handler', receipt.caseNo, 'accept')).status, 200);
    // Assigned from above, so major: it needs its responsible leader (包案领导) too.
    assert.equal(
      (await act('zjj.leader', receipt.caseNo, 'responsible-leader', { staffId: leaderId })).status,
      200,
    );
    const missing = await act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY });
    assert.equal(missing.status, 400);
    assert.equal((missing.body['errors'] as { field: string }[])[0]?.field, 'completionReport');
    const done = await act('zjj.handler', receipt.caseNo, 'conclude', {
      reply: REPLY,
      completionReport: '已督促开发商补缴税费，产权证将于下月统一办理，已答复信访人。',
    });
    assert.equal(done.status, 200);
    await until(async () => {
      const { body } = await staffView(receipt.caseNo);
      return body.deadlines.every((d) => d.status === 'CLOSED') && body;
    }, 'every clock to stop, the report-back one included');
  });
});
