import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from './support/eventually.js';
import { OTHER_PETITIONER, request } from './support/http.js';
import { REPLY, withWorkbench } from './support/workbench.js';

describe(
  'the unit workbench: concurrent, refused, moved, co-handled, supervised and reported cases',
  { timeout: 300_000 },
  () => {
    const workbench = withWorkbench();
    const { sut, tokens } = workbench;

    it('lets only one of two handlers accepting at once succeed, and never accepts a concluded case', async () => {
      const receipt = await workbench.registerHousingCase({
        petitioners: [OTHER_PETITIONER],
        title: '小区电梯长期故障无人维修',
        content: '我们小区电梯坏了三个月，物业公司不修，请住建部门督促。',
      });
      await workbench.statusOf(receipt.caseNo, 'ASSIGNED');
      const results = await Promise.all([
        workbench.act('zjj.handler', receipt.caseNo, 'accept'),
        workbench.act('zjj.handler2', receipt.caseNo, 'accept'),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
      const loser = results.find((r) => r.status === 409);
      assert.equal(loser?.body['code'], 'INVALID_TRANSITION');
      const view = await workbench.statusOf(receipt.caseNo, 'ACCEPTED');
      assert.equal(view.timeline.filter((t) => t.type === 'case.accepted').length, 1);

      assert.equal(
        (await workbench.act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY })).status,
        200,
      );
      const late = await workbench.act('zjj.handler', receipt.caseNo, 'accept', {});
      assert.equal(late.status, 409);
      assert.match((late.body['messages'] as { zh: string }).zh, /已办结.*不能受理/);
    });

    it('records a refusal with its legal ground for the petitioner, and checks the ground', async () => {
      const receipt = await workbench.registerHousingCase({
        petitioners: [{ name: '赵敏', idNumber: '510903199001010016', phone: '13800001111' }],
        title: '购房合同纠纷要求退还定金',
        content: '开发商不退定金，法院已经立案审理，我要求住建局直接让开发商退钱。',
      });
      await workbench.statusOf(receipt.caseNo, 'ASSIGNED');
      const bad = await workbench.act('zjj.handler', receipt.caseNo, 'decline', {
        ground: 'DONT_LIKE_IT',
        explanation: '不受理',
      });
      assert.equal(bad.status, 400);
      assert.equal((bad.body['errors'] as { field: string }[])[0]?.field, 'ground');
      const declined = await workbench.act('zjj.handler', receipt.caseNo, 'decline', {
        ground: 'UNDER_LEGAL_PROCEEDINGS',
        explanation: '该纠纷已由船山区人民法院立案审理，请依法通过诉讼程序解决。',
      });
      assert.equal(declined.status, 200);
      await workbench.statusOf(receipt.caseNo, 'NOT_ACCEPTED');
      const seen = await workbench.publicView(receipt);
      assert.equal(seen.body.replies[0]?.kind, 'DECLINE');
      assert.match(seen.body.replies[0].legalBasis ?? '', /诉讼、仲裁、行政复议/);
    });

    it('moves a case to another unit only with a dispatcher, closing the first unit clock', async () => {
      const receipt = await workbench.registerHousingCase({
        petitioners: [{ name: '钱进', idNumber: '510903199202020018', phone: '13800002222' }],
        title: '宅基地确权登记错误',
        content: '我家宅基地确权时面积登记少了三十平方米，多次反映未更正。',
      });
      await workbench.statusOf(receipt.caseNo, 'ASSIGNED');
      const asked = await workbench.act('zjj.handler', receipt.caseNo, 'transfer', {
        unitCode: '510903-ZRZYJ',
        reason: '宅基地确权登记属自然资源部门职责',
      });
      assert.equal(asked.status, 200);
      const transferId = String(asked.body['transferId']);
      // The county bureau's dispatchers are told; the prefecture's may decide too.
      await workbench.todoArrives(
        'chuanshan.dispatcher',
        receipt.caseNo,
        '办理单位申请转办，待你审核',
      );
      // Earlier clients' name of the target, still accepted: it reaches the rule, not a 400.
      assert.equal(
        (
          await workbench.act('zjj.handler', receipt.caseNo, 'transfer', {
            toUnitCode: '510903-ZRZYJ',
            reason: '重复申请转办',
          })
        ).status,
        409,
      );
      const waiting = await request<{ items: { id: string; caseNo: string; unitCode: string }[] }>(
        'GET',
        `${sut.system.routing.url}/api/v1/transfers`,
        { token: tokens['suining.supervisor'] },
      );
      assert.deepEqual(
        waiting.body.items.map((t) => [t.id, t.caseNo, t.unitCode]),
        [[transferId, receipt.caseNo, '510903-ZRZYJ']],
      );
      // A handler cannot approve; the prefecture petition bureau's dispatcher can.
      const decide = (user: string) =>
        request('POST', `${sut.system.routing.url}/api/v1/transfers/${transferId}/decision`, {
          token: tokens[user],
          body: { approve: true },
        });
      assert.equal((await decide('zjj.handler')).status, 403);
      assert.equal((await decide('suining.supervisor')).status, 200);
      assert.equal((await decide('suining.supervisor')).status, 409);

      // Two events of one transaction, which notify may take in either order: wait for both.
      const view = await workbench.until(async () => {
        const { body } = await workbench.staffView(receipt.caseNo);
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
      assert.equal((await workbench.act('zrzyj.handler', receipt.caseNo, 'accept')).status, 200);
    });

    it('adds co-handlers, and concludes a major case only with a responsible leader', async () => {
      const receipt = await workbench.registerHousingCase({
        petitioners: [{ name: '孙丽', idNumber: '510903198503030020', phone: '13800003333' }],
        title: '安置小区房屋漏水严重',
        content: '安置小区多栋房屋漏水严重，住户多次反映，施工单位推诿，请求维修。',
        personCount: 8,
      });
      await workbench.statusOf(receipt.caseNo, 'ASSIGNED');
      const added = await workbench.act('zjj.handler', receipt.caseNo, 'co-handlers', {
        unitCodes: ['510903-SJJ', 'NO-SUCH-UNIT'],
      });
      assert.equal(added.status, 400);
      assert.equal((added.body['errors'] as { field: string }[])[0]?.field, 'unitCodes[1]');
      assert.equal(
        (
          await workbench.act('zjj.handler', receipt.caseNo, 'co-handlers', {
            unitCodes: ['510903-SJJ'],
          })
        ).status,
        200,
      );
      assert.equal((await workbench.act('zjj.handler', receipt.caseNo, 'accept')).status, 200);

      // Eight people came: routing flagged it as a collective, major case.
      const { rows: flagged } = await sut.env.db.query<{ major_reasons: string[] }>(
        'SELECT major_reasons FROM routing.case_file WHERE case_no = $1',
        [receipt.caseNo],
      );
      assert.deepEqual(flagged[0]?.major_reasons, ['COLLECTIVE']);
      const refused = await workbench.act('zjj.handler', receipt.caseNo, 'conclude', {
        reply: REPLY,
      });
      assert.equal(refused.status, 409);
      assert.equal(refused.body['code'], 'RESPONSIBLE_LEADER_REQUIRED');
      const notLeader = await workbench.act('zjj.leader', receipt.caseNo, 'responsible-leader', {
        staffId: '00000000-0000-4000-8000-000000000000',
      });
      assert.equal(notLeader.status, 400);
      assert.equal(
        (
          await workbench.act('zjj.leader', receipt.caseNo, 'responsible-leader', {
            staffId: workbench.leaderId,
          })
        ).status,
        200,
      );
      assert.equal(
        (await workbench.act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY })).status,
        200,
      );

      const view = await workbench.statusOf(receipt.caseNo, 'CONCLUDED');
      const co = view.assignments.find((a) => a.role === 'CO_HANDLER');
      assert.equal(co?.unit.code, '510903-SJJ');
      assert.equal(co.status, 'CONCLUDED');
    });

    it('refuses a review request after 30 days, stating the rule', async () => {
      const receipt = await workbench.registerHousingCase({
        petitioners: [{ name: '周强', idNumber: '510903197804040017', phone: '13800004444' }],
        title: '物业费收费标准过高',
        content: '小区物业擅自提高物业费标准，未经业主大会同意，请求查处。',
      });
      await workbench.statusOf(receipt.caseNo, 'ASSIGNED');
      assert.equal((await workbench.act('zjj.handler', receipt.caseNo, 'accept')).status, 200);
      assert.equal(
        (await workbench.act('zjj.handler', receipt.caseNo, 'conclude', { reply: REPLY })).status,
        200,
      );
      await workbench.statusOf(receipt.caseNo, 'CONCLUDED');
      await sut.env.db.query(
        `UPDATE intake.petition SET concluded_at = now() - interval '32 days' WHERE case_no = $1`,
        [receipt.caseNo],
      );
      const late = await workbench.petitionerPost(receipt, 'review-requests', {
        reason: '对处理意见不满意',
      });
      assert.equal(late.status, 422);
      assert.equal(late.body['code'], 'REVIEW_WINDOW_CLOSED');
      assert.match((late.body['messages'] as { zh: string }).zh, /30日内/);
      const wrongCode = await request(
        'POST',
        `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}/review-requests?queryCode=WRONGCODE1`,
        { body: { reason: '对处理意见不满意' } },
      );
      assert.equal(wrongCode.status, 404);
    });

    it('gives a case back to the dispatchers, who then hold it', async () => {
      const receipt = await workbench.registerHousingCase({
        petitioners: [{ name: '吴刚', idNumber: '510903198605050014', phone: '13800005555' }],
        title: '养老保险待遇核定有误',
        content: '我退休后养老金核定偏低，缴费年限少算了五年。',
      });
      await workbench.statusOf(receipt.caseNo, 'ASSIGNED');
      const returned = await workbench.act('zjj.handler', receipt.caseNo, 'return', {
        reason: '养老保险待遇核定属人社部门职责',
      });
      assert.equal(returned.status, 200);
      assert.equal(returned.body['returns'], 1);
      await workbench.statusOf(receipt.caseNo, 'AWAITING_TRIAGE');
      await workbench.todoArrives(
        'chuanshan.dispatcher',
        receipt.caseNo,
        '待分流交办，请确定办理单位',
      );
      const { rows } = await sut.env.db.query<{ awaiting_triage: boolean; returns: number }>(
        `SELECT awaiting_triage, returns FROM routing.case_file WHERE case_no = $1`,
        [receipt.caseNo],
      );
      assert.deepEqual(rows[0], { awaiting_triage: true, returns: 1 });
      assert.equal((await workbench.act('zjj.handler', receipt.caseNo, 'accept')).status, 409);
    });

    it('puts a case under supervision, which the unit answers once from its workbench', async () => {
      const receipt = await workbench.registerHousingCase({
        petitioners: [{ name: '郑华', idNumber: '510903199001010016', phone: '13800006666' }],
        title: '老旧小区改造工程停工',
        content: '我们小区老旧改造工程停工两个月，楼道堆满建材，请求尽快复工。',
      });
      await workbench.statusOf(receipt.caseNo, 'ASSIGNED');
      const issue = (user: string) =>
        request('POST', `${sut.system.routing.url}/api/v1/supervision`, {
          token: tokens[user],
          body: { caseNo: receipt.caseNo, instructions: '请于五日内说明停工原因及复工计划' },
        });
      assert.equal((await issue('zjj.handler')).status, 403);
      const issued = await issue('suining.supervisor');
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      assert.equal(issued.body['unitCode'], '510903-ZJJ');

      const bench = await request<{
        items: { caseNo: string; supervisions: { id: string; instructions: string }[] }[];
      }>('GET', `${sut.system.routing.url}/api/v1/workbench/cases`, {
        token: tokens['zjj.handler'],
      });
      const supervisions = bench.body.items.find((i) => i.caseNo === receipt.caseNo)?.supervisions;
      assert.equal(supervisions?.length, 1);
      const [notice] = supervisions;
      assert.ok(notice);
      assert.equal(notice.instructions, '请于五日内说明停工原因及复工计划');
      const answer = () =>
        workbench.act('zjj.handler', receipt.caseNo, `supervision/${notice.id}/answer`, {
          answer: '施工单位资金问题已协调解决，下周一复工。',
        });
      assert.equal((await answer()).status, 200);
      assert.equal((await answer()).status, 409);
      // The supervisor is told, and reads the answer; a unit with no part in it cannot.
      await workbench.todoArrives(
        'suining.supervisor',
        receipt.caseNo,
        '被督办单位已回复督办，请审阅',
      );
      const read = (user: string) =>
        request<{ items: { id: string; status: string; answer: string | null }[] }>(
          'GET',
          `${sut.system.routing.url}/api/v1/cases/${receipt.caseNo}/supervisions`,
          { token: tokens[user] },
        );
      for (const user of ['suining.supervisor', 'zjj.handler']) {
        const seen = await read(user);
        assert.equal(seen.status, 200, user);
        assert.deepEqual(
          seen.body.items.map((i) => [i.id, i.status, i.answer]),
          [[notice.id, 'ANSWERED', '施工单位资金问题已协调解决，下周一复工。']],
        );
      }
      assert.equal((await read('zrzyj.handler')).status, 404);
      await eventually(async () => {
        const { body } = await workbench.staffView(receipt.caseNo);
        return body.timeline.some((t) => t.type === 'supervision.answered');
      }, 'the answer on the timeline');
      const rows = await eventually(async () => {
        const result = await sut.env.db.query<{ template: string; recipient: string }>(
          `SELECT template, recipient FROM notify.notification WHERE template = 'supervision.issued'`,
        );
        return result.rows.length > 0 && result.rows;
      }, 'the notice to the supervised unit');
      assert.deepEqual(rows, [{ template: 'supervision.issued', recipient: '510903-ZJJ' }]);
    });

    it('keeps the report-back date of a case assigned from above and requires the completion report', async () => {
      const dueOn = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
      const receipt = await workbench.registerHousingCase({
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
      const view = await workbench.until(async () => {
        const { body } = await workbench.staffView(receipt.caseNo);
        return body.deadlines.length === 2 && body;
      }, 'the acceptance and report-back clocks');
      const reportBack = view.deadlines.find((d) => d.kind === 'REPORT_BACK');
      assert.equal(reportBack?.unitCode, '510903-ZJJ');
      assert.equal(reportBack.dueAt, new Date(`${dueOn}T23:59:59.999+08:00`).toISOString());

      assert.equal((await workbench.act('zjj.handler', receipt.caseNo, 'accept')).status, 200);
      // Assigned from above, so major: it needs its responsible leader (包案领导) too.
      assert.equal(
        (
          await workbench.act('zjj.leader', receipt.caseNo, 'responsible-leader', {
            staffId: workbench.leaderId,
          })
        ).status,
        200,
      );
      const missing = await workbench.act('zjj.handler', receipt.caseNo, 'conclude', {
        reply: REPLY,
      });
      assert.equal(missing.status, 400);
      assert.equal((missing.body['errors'] as { field: string }[])[0]?.field, 'completionReport');
      const done = await workbench.act('zjj.handler', receipt.caseNo, 'conclude', {
        reply: REPLY,
        completionReport: '已督促开发商补缴税费，产权证将于下月统一办理，已答复信访人。',
      });
      assert.equal(done.status, 200);
      await workbench.until(async () => {
        const { body } = await workbench.staffView(receipt.caseNo);
        return body.deadlines.every((d) => d.status === 'CLOSED') && body;
      }, 'every clock to stop, the report-back one included');
    });
  },
);
