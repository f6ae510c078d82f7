import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibilityViolations, staffPage, withWeb } from './support/browser.js';
import { eventuallyFound } from './support/eventually.js';
import { distinctPetitioner, samplePetition, submitPetition } from './support/http.js';
import { withSystem } from './support/system.js';

const DESKTOP = { width: 1280, height: 900 };

describe(
  'a lead unit passes a case on from its case page, in Chromium',
  { timeout: 300_000 },
  () => {
    const system = withSystem({ demo: true });
    const web = withWeb(system);

    /** A housing petition of a new petitioner, once 船山区住建局 has it on its workbench. */
    async function housingCase(n: number): Promise<string> {
      const petition = samplePetition({ petitioners: [distinctPetitioner(n)] });
      const { caseNo } = await submitPetition(system.system.intake.url, petition);
      await eventuallyFound(
        system.env.db,
        `SELECT 1 FROM routing.assignment WHERE case_no = $1 AND unit_code = '510903-ZJJ'`,
        [caseNo],
        'the case on the housing bureau’s workbench',
      );
      return caseNo;
    }

    async function openCaseOf(caseNo: string) {
      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'chuanshan.housing');
      await page.goto(`${web.url}/staff/cases/${caseNo}`);
      await page.getByText('办理操作').waitFor();
      return { context, page };
    }

    it('adds co-handling units chosen by name', async () => {
      const caseNo = await housingCase(501);
      const { context, page } = await openCaseOf(caseNo);
      await page.getByRole('button', { name: '增加协办单位' }).click();
      const dialog = page.getByRole('dialog', { name: '增加协办单位' });
      await dialog.getByLabel('协办单位（可多选）').fill('民政');
      await page.locator('.ant-select-item-option', { hasText: '船山区民政局' }).click();
      // The list of a multiple choice stays open over the buttons; Escape closes it, not the dialog.
      await page.keyboard.press('Escape');
      await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
      assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), []);
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const { rows } = await system.env.db.query<{ role: string }>(
        `SELECT role FROM routing.assignment WHERE case_no = $1 AND unit_code = '510903-MZJ'`,
        [caseNo],
      );
      assert.deepEqual(rows, [{ role: 'CO_HANDLER' }]);
      await context.close();
    });

    it('asks to transfer to another unit, with a reason, for the dispatcher to decide', async () => {
      const caseNo = await housingCase(502);
      const { context, page } = await openCaseOf(caseNo);
      await page.getByRole('button', { name: '申请转办' }).click();
      const dialog = page.getByRole('dialog', { name: '申请转办' });
      // Nothing is sent without a reason.
      await dialog.getByLabel('转办至单位').fill('人力资源');
      await page
        .locator('.ant-select-item-option', { hasText: '船山区人力资源和社会保障局' })
        .click();
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.getByText('必填').first().waitFor();
      await dialog.getByLabel('转办理由').fill('反映的是拖欠工资问题，属人社部门职责。');
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const { rows } = await system.env.db.query<{ to_unit_code: string; status: string }>(
        `SELECT t.to_unit_code, t.status FROM routing.transfer_request t
       JOIN routing.assignment a ON a.id = t.assignment_id WHERE a.case_no = $1`,
        [caseNo],
      );
      assert.deepEqual(rows, [{ to_unit_code: '510903-RSJ', status: 'PENDING' }]);
      await context.close();
    });
  },
);
