import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibilityViolations, staffPage, withWeb } from './support/browser.js';
import { eventually } from './support/eventually.js';
import { login, request, samplePetition, submitPetition } from './support/http.js';
import { withSystem } from './support/system.js';

const DESKTOP = { width: 1280, height: 900 };

describe('the staff inbox in the console, in Chromium', { timeout: 300_000 }, () => {
  const system = withSystem({ demo: true });
  const web = withWeb(system);

  /** A public petition about 船山区 housing, routed to its 住建局; its case number. */
  const housingPetition = async () =>
    (await submitPetition(system.system.intake.url, samplePetition())).caseNo;

  it('counts a new notice without a reload, and marks it read', async () => {
    const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await staffPage(context, web.url, 'chuanshan.housing');
    const button = page.getByTestId('inbox-button');
    const unread = async () => Number((await button.getAttribute('aria-label'))?.match(/\d+/)?.[0]);
    const before = await eventually(async () => {
      const n = await unread();
      return Number.isNaN(n) ? false : { n };
    }, 'the inbox count');

    const caseNo = await housingPetition();
    // The page is not reloaded: the count follows the service by itself.
    await eventually(async () => (await unread()) > before.n, 'the new notice to be counted');

    assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA on the console');
    await button.click();
    const notice = page.getByTestId('inbox-notice').filter({ hasText: caseNo }).first();
    await notice.waitFor();
    // When it came, in China time (the API gives UTC instants), as the case page shows it.
    const shown = (await notice.textContent())?.match(/(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/);
    assert.ok(shown, 'the notice shows when it came');
    const cameAt = Date.parse(`${shown[1]}T${shown[2]}:00+08:00`);
    assert.ok(Math.abs(Date.now() - cameAt) < 10 * 60_000, `${shown[0]} is China time, about now`);
    // The drawer itself: the page under its mask is dimmed on purpose.
    assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), [], 'the inbox');
    const counted = await unread();
    await notice.getByRole('button', { name: '标为已读' }).click();
    await eventually(async () => (await unread()) === counted - 1, 'the count to go down');
    await notice.getByRole('button', { name: '标为已读' }).waitFor({ state: 'detached' });
    await context.close();
  });

  it('a duty page stands out, and 确认收到 stops the escalation', async () => {
    const { rows } = await system.env.db.query<{ id: string }>(
      `SELECT id FROM routing.staff_account WHERE username = 'chuanshan.leader'`,
    );
    const admin = await login(system.system.routing.url, 'admin');
    const roster = await request('PUT', `${system.system.notify.url}/api/v1/duty-rosters/510903`, {
      token: admin,
      body: { entries: [{ staffId: rows[0]?.id, phone: '13700001001' }] },
    });
    assert.equal(roster.status, 200);
    const caseNo = await housingPetition();
    const registrar = await login(system.system.routing.url, 'chuanshan.handler');
    const flagged = await eventually(async () => {
      const response = await request<{ alertId: string }>(
        'POST',
        `${system.system.notify.url}/api/v1/urgent-alerts`,
        { token: registrar, body: { caseNo, reason: '群众情绪激动，聚集在信访接待大厅' } },
      );
      return response.status === 201 ? response.body : false;
    }, 'the urgent alert to be raised');

    const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await staffPage(context, web.url, 'chuanshan.leader');
    await page.getByTestId('inbox-button').click();
    const urgent = page.locator('[data-testid="inbox-notice"][data-urgent="true"]').first();
    await eventually(async () => {
      if ((await urgent.count()) > 0) return true;
      await page.keyboard.press('Escape');
      await page.getByTestId('inbox-button').click();
      return false;
    }, 'the duty page in the inbox');
    assert.ok(await urgent.getByText('紧急', { exact: true }).isVisible());
    const first = page.getByTestId('inbox-notice').first();
    assert.equal(await first.getAttribute('data-urgent'), 'true', 'first in the list');
    await urgent.getByRole('button', { name: '确认收到' }).click();
    const status = await eventually(async () => {
      const result = await system.env.db.query<{ status: string; acknowledged_by: string }>(
        `SELECT status, acknowledged_by FROM notify.urgent_alert WHERE id = $1`,
        [flagged.alertId],
      );
      return result.rows[0]?.status === 'ACKNOWLEDGED' ? result.rows[0] : false;
    }, 'the alert to be acknowledged');
    assert.equal(status.acknowledged_by, rows[0]?.id);
    await page.getByText('已确认').first().waitFor();
    await context.close();
  });
});
