import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCUSED_UNIT_REFUSAL } from '#common';
import { accessibilityViolations, staffPage, withWeb } from './support/browser.js';
import { eventually } from './support/eventually.js';
import {
  distinctPetitioner,
  login,
  request,
  samplePetition,
  submitPetition,
} from './support/http.js';
import { withSystem } from './support/system.js';

const DESKTOP = { width: 1280, height: 900 };

interface QueueItem {
  caseNo: string;
  triageReason: string;
  suggestion: { unitCode: string | null };
  suggestions: { nature: string; category: string; unitCode: string | null }[];
}

interface DirectoryUnit {
  code: string;
  name: string;
  superiorCode: string | null;
}

/** Why routing left a case to a person, as the page says it. */
const TRIAGE_REASONS: Record<string, string> = {
  LOW_CONFIDENCE: '自动分类把握不足',
  NO_RULE_APPLIES: '无适用的交办规则',
};

/** A text with no identifiable matter: the classifier is not sure, a dispatcher decides. */
const VAGUE = {
  title: '我要反映情况',
  content: '就是那个事情，说了好几次了，到现在还是那个样子，你们到底管不管。',
};

describe(
  "the dispatcher's page (交转), in Chromium, against the three services",
  { timeout: 300_000 },
  () => {
    const system = withSystem({ demo: true });
    const web = withWeb(system);
    const routing = () => system.system.routing.url;

    async function unit(token: string, code: string) {
      const answer = await request<DirectoryUnit>('GET', `${routing()}/api/v1/units/${code}`, {
        token,
      });
      assert.equal(answer.status, 200, code);
      return answer.body;
    }

    /** Whether `code` is `accused` or under it: the accused-unit rule would refuse it. */
    async function barred(token: string, code: string, accused: string) {
      for (let at: string | null = code; at; at = (await unit(token, at)).superiorCode) {
        if (at === accused) return true;
      }
      return false;
    }

    /** A public petition too unclear to route, once it waits in the triage queue. */
    async function inTriage(token: string, petitioner: number) {
      const { caseNo } = await submitPetition(
        system.system.intake.url,
        samplePetition({ ...VAGUE, petitioners: [distinctPetitioner(petitioner)] }),
      );
      return eventually(async () => {
        const queue = await request<{ items: QueueItem[] }>('GET', `${routing()}/api/v1/triage`, {
          token,
        });
        return queue.body.items.find((i) => i.caseNo === caseNo);
      }, 'the unclear petition in the triage queue');
    }

    /** A housing petition the housing bureau holds and asks to transfer to `unitCode`. */
    async function transferRequested(petitioner: number, unitCode: string, reason: string) {
      const { caseNo } = await submitPetition(
        system.system.intake.url,
        samplePetition({ petitioners: [distinctPetitioner(petitioner)] }),
      );
      const handler = await login(routing(), 'chuanshan.housing');
      const requested = await eventually(async () => {
        const answer = await request<{ transferId: string }>(
          'POST',
          `${routing()}/api/v1/workbench/cases/${caseNo}/transfer`,
          { token: handler, body: { unitCode, reason } },
        );
        return answer.status === 200 && answer.body;
      }, 'the housing bureau to hold the case and ask to transfer it');
      return { caseNo, transferId: requested.transferId };
    }

    it('shows an unclear petition with its suggestions, corrects whom it accuses, and decides it in one click', async () => {
      const token = await login(routing(), 'chuanshan.dispatcher');
      const item = await inTriage(token, 9301);
      const { caseNo } = item;
      assert.equal(item.suggestions.length, 3);
      // The first reading the rules give a unit: the letter turns out to accuse that unit.
      const accusedRank = item.suggestions.findIndex((s) => s.unitCode !== null) + 1;
      const accused = item.suggestions[accusedRank - 1]?.unitCode ?? '';
      assert.ok(accused, JSON.stringify(item.suggestions));
      const accusedName = (await unit(token, accused)).name;
      const rank = async () => {
        for (const [index, s] of item.suggestions.entries()) {
          if (s.unitCode && !(await barred(token, s.unitCode, accused))) return index + 1;
        }
        throw new Error(`no suggestion outside ${accused}: ${JSON.stringify(item.suggestions)}`);
      };
      const chosenRank = await rank();
      const chosen = item.suggestions[chosenRank - 1];
      assert.ok(chosen?.unitCode);
      const chosenName = (await unit(token, chosen.unitCode)).name;

      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'chuanshan.dispatcher');
      await web.explained(page, async () => {
        await page.getByRole('link', { name: '交转' }).click();
        const card = page.getByRole('region', { name: new RegExp(caseNo) });
        // Each reading the rules give a unit is a button; the classifier's evidence is beside it.
        await card
          .getByRole('button', { name: `按建议${accusedRank}交${accusedName}办理` })
          .waitFor();
        await card
          .getByRole('button', { name: `按建议${chosenRank}交${chosenName}办理` })
          .waitFor();
        await card.getByText(TRIAGE_REASONS[item.triageReason] ?? item.triageReason).waitFor();
        assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA on the triage page');

        // The dispatcher reads the letter again: it accuses that unit.
        await card.getByRole('button', { name: '更正被检举控告对象' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('button', { name: '添加对象' }).click();
        await dialog.getByLabel('名称（按来信原文）').fill(accusedName);
        await dialog.getByLabel('所属或被控单位').fill(accusedName);
        await page.locator('.ant-select-item-option', { hasText: accusedName }).first().click();
        await dialog.getByLabel('更正理由').fill('来信第二页反映该单位工作人员推诿');
        assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA on the correction');
        await dialog.getByRole('button', { name: '保存更正' }).click();
        await card.getByTestId('accused-party').filter({ hasText: accusedName }).waitFor();

        // The accused unit may not have the case: the service's reason is shown.
        await card
          .getByRole('button', { name: `按建议${accusedRank}交${accusedName}办理` })
          .click();
        const refusal = card.getByRole('alert');
        await refusal.waitFor();
        const reason = (await refusal.textContent()) ?? '';
        assert.ok(reason.includes(ACCUSED_UNIT_REFUSAL.zh), reason);

        await card.getByRole('button', { name: `按建议${chosenRank}交${chosenName}办理` }).click();
        await card.waitFor({ state: 'detached' });
      });
      await context.close();

      const parties = await request<{ parties: { kind: string; unitCode: string | null }[] }>(
        'GET',
        `${routing()}/api/v1/cases/${caseNo}/accused-parties`,
        { token },
      );
      assert.deepEqual(
        parties.body.parties.map((p) => [p.kind, p.unitCode]),
        [['UNIT', accused]],
      );
      const { rows: assignments } = await system.env.db.query<{
        unit_code: string;
        role: string;
        rule: string;
      }>(`SELECT unit_code, role, rule FROM routing.assignment WHERE case_no = $1`, [caseNo]);
      assert.deepEqual(assignments, [
        { unit_code: chosen.unitCode, role: 'LEAD', rule: 'DISPATCHER_DECISION' },
      ]);
      // The decision is kept beside the prediction, for the classifier to learn from.
      const { rows: corrections } = await system.env.db.query(
        `SELECT predicted_unit_code, confirmed_nature, confirmed_category, confirmed_unit_code
       FROM routing.classification_correction WHERE case_no = $1`,
        [caseNo],
      );
      assert.deepEqual(corrections, [
        {
          predicted_unit_code: item.suggestion.unitCode,
          confirmed_nature: chosen.nature,
          confirmed_category: chosen.category,
          confirmed_unit_code: chosen.unitCode,
        },
      ]);
    });

    it('decides a case otherwise: another category and unit, with the reason kept', async () => {
      const token = await login(routing(), 'chuanshan.dispatcher');
      const { caseNo } = await inTriage(token, 9303);
      const labour = await unit(token, '510903-RSJ');

      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'chuanshan.dispatcher');
      await web.explained(page, async () => {
        await page.getByRole('link', { name: '交转' }).click();
        const card = page.getByRole('region', { name: new RegExp(caseNo) });
        await card.getByRole('button', { name: '另行分办' }).click();
        await card.getByLabel('类别', { exact: true }).fill('劳动');
        await page.locator('.ant-select-item-option', { hasText: '劳动和社会保障' }).click();
        await card.getByLabel('交办单位', { exact: true }).fill('人力资源');
        await page.locator('.ant-select-item-option', { hasText: labour.name }).click();
        await card.getByLabel('分办理由（与建议不同时填写）').fill('来电核实为拖欠农民工工资');
        assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA on the form');
        await card.getByRole('button', { name: '确认分办' }).click();
        await card.waitFor({ state: 'detached' });
      });
      await context.close();

      const { rows: assignments } = await system.env.db.query(
        `SELECT unit_code, rule FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`,
        [caseNo],
      );
      assert.deepEqual(assignments, [{ unit_code: labour.code, rule: 'DISPATCHER_DECISION' }]);
      const { rows: corrections } = await system.env.db.query(
        `SELECT confirmed_category, confirmed_unit_code, reason
         FROM routing.classification_correction WHERE case_no = $1`,
        [caseNo],
      );
      assert.deepEqual(corrections, [
        {
          confirmed_category: 'LABOR_SOCIAL_SECURITY',
          confirmed_unit_code: labour.code,
          reason: '来电核实为拖欠农民工工资',
        },
      ]);
    });

    it('approves on the page a transfer a unit asked for, and rejects another with a reason', async () => {
      const dispatcher = await login(routing(), 'chuanshan.dispatcher');
      const target = await unit(dispatcher, '510903-ZRZYJ');
      const approved = await transferRequested(
        9302,
        target.code,
        '涉及宅基地权属，应由自然资源部门办理',
      );
      const rejected = await transferRequested(9304, target.code, '开发商用地手续问题');
      const caseNo = approved.caseNo;

      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'chuanshan.dispatcher');
      await web.explained(page, async () => {
        await page.getByRole('link', { name: '交转' }).click();
        const approve = page.getByRole('button', { name: `同意将${caseNo}转至${target.name}` });
        await approve.waitFor();
        await page.getByText('涉及宅基地权属，应由自然资源部门办理').waitFor();
        assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA with a transfer');
        await approve.click();
        await approve.waitFor({ state: 'detached' });

        await page.getByRole('button', { name: `驳回${rejected.caseNo}的转办申请` }).click();
        const dialog = page.getByRole('dialog');
        // A rejection says why: the form asks before anything is sent.
        await dialog.getByRole('button', { name: '驳回' }).click();
        await dialog.getByText('必填').waitFor();
        await dialog.getByLabel('驳回理由').fill('交房问题属住建部门职责，应由住建局继续办理');
        await dialog.getByRole('button', { name: '驳回' }).click();
        await page.getByText('没有待审批的转办申请').waitFor();
      });
      await context.close();

      const { rows: decided } = await system.env.db.query(
        'SELECT id, status FROM routing.transfer_request WHERE id = ANY($1) ORDER BY status',
        [[approved.transferId, rejected.transferId]],
      );
      assert.deepEqual(decided, [
        { id: approved.transferId, status: 'APPROVED' },
        { id: rejected.transferId, status: 'REJECTED' },
      ]);
      const { rows: timeline } = await system.env.db.query(
        `SELECT data->>'note' AS note FROM routing.timeline_entry
         WHERE type = 'case.transfer-rejected' AND data->>'transferId' = $1`,
        [rejected.transferId],
      );
      assert.deepEqual(timeline, [{ note: '交房问题属住建部门职责，应由住建局继续办理' }]);
      const { rows: held } = await system.env.db.query(
        `SELECT unit_code, status FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`,
        [rejected.caseNo],
      );
      assert.deepEqual(held, [{ unit_code: '510903-ZJJ', status: 'ASSIGNED' }]);
      const { rows: assignments } = await system.env.db.query(
        `SELECT unit_code, status, rule FROM routing.assignment
       WHERE case_no = $1 AND role = 'LEAD' ORDER BY assigned_at`,
        [caseNo],
      );
      assert.deepEqual(
        assignments.map((a: { unit_code: string; status: string; rule: string }) => [
          a.unit_code,
          a.status,
          a.rule,
        ]),
        [
          ['510903-ZJJ', 'TRANSFERRED', 'CATEGORY_LEAD_DEPARTMENT'],
          ['510903-ZRZYJ', 'ASSIGNED', 'TRANSFER_APPROVED'],
        ],
      );
    });
  },
);
