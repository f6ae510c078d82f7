import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
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

/** What the services printed last, added to a failure so that CI's log tells why. */
let servicesTail: () => string = () => '';

async function explained<T>(page: Page, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const shown = await page.locator('body').innerText({ timeout: 5_000 }).catch(String);
    throw new Error(
      `${String(error)}\n--- the page:\n${shown.slice(0, 3_000)}\n--- the services:\n${servicesTail()}`,
      { cause: error },
    );
  }
}

describe(
  "the dispatcher's page (交转), in Chromium, against the three services",
  { timeout: 300_000 },
  () => {
    const system = withSystem({ demo: true });
    const web = withWeb(system);
    servicesTail = () =>
      Object.values(system.system)
        .map((service) => `[${service.name}] ${service.output.slice(-3_000)}`)
        .join('\n');
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

    it('shows an unclear petition with its suggestions, corrects whom it accuses, and decides it in one click', async () => {
      const { caseNo } = await submitPetition(
        system.system.intake.url,
        samplePetition({ ...VAGUE, petitioners: [distinctPetitioner(9301)] }),
      );
      const token = await login(routing(), 'chuanshan.dispatcher');
      const item = await eventually(async () => {
        const queue = await request<{ items: QueueItem[] }>('GET', `${routing()}/api/v1/triage`, {
          token,
        });
        return queue.body.items.find((i) => i.caseNo === caseNo);
      }, 'the unclear petition in the triage queue');
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
      await explained(page, async () => {
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

    it('approves on the page a transfer a unit asked for', async () => {
      const { caseNo } = await submitPetition(
        system.system.intake.url,
        samplePetition({ petitioners: [distinctPetitioner(9302)] }),
      );
      const handler = await login(routing(), 'chuanshan.housing');
      const dispatcher = await login(routing(), 'chuanshan.dispatcher');
      const target = await unit(dispatcher, '510903-ZRZYJ');
      const requested = await eventually(async () => {
        const answer = await request<{ transferId: string }>(
          'POST',
          `${routing()}/api/v1/workbench/cases/${caseNo}/transfer`,
          {
            token: handler,
            body: { unitCode: target.code, reason: '涉及宅基地权属，应由自然资源部门办理' },
          },
        );
        return answer.status === 200 && answer.body;
      }, 'the housing bureau to hold the case and ask to transfer it');

      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'chuanshan.dispatcher');
      await explained(page, async () => {
        await page.getByRole('link', { name: '交转' }).click();
        const approve = page.getByRole('button', { name: `同意将${caseNo}转至${target.name}` });
        await approve.waitFor();
        await page.getByText('涉及宅基地权属，应由自然资源部门办理').waitFor();
        assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA with a transfer');
        await approve.click();
        await approve.waitFor({ state: 'detached' });
      });
      await context.close();

      const { rows: transfer } = await system.env.db.query(
        'SELECT status FROM routing.transfer_request WHERE id = $1',
        [requested.transferId],
      );
      assert.deepEqual(transfer, [{ status: 'APPROVED' }]);
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
