import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { accessibilityViolations, staffPage, withWeb } from './support/browser.js';
import { login, request } from './support/http.js';
import { withSystem } from './support/system.js';

const DESKTOP = { width: 1280, height: 900 };

async function assertAccessible(page: Page, what: string) {
  assert.deepEqual(await accessibilityViolations(page), [], what);
}

/** Picks `option` in the antd Select labelled `label` within `scope`, typing `search` first. */
async function choose(scope: Page | Locator, label: string, option: string, search?: string) {
  const select = scope.getByLabel(label, { exact: true });
  await select.click();
  if (search) await select.fill(search);
  const page = 'page' in scope ? scope.page() : scope;
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

describe(
  'flow 7: an admin adds a unit and a duty roster, in Chromium',
  { timeout: 300_000 },
  () => {
    const system = withSystem({ demo: true });
    const web = withWeb(system);

    it('adds a unit on the page; a division the API does not know is refused in its words', async () => {
      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'admin');
      // 管理 is the admin's only area: the console opens on it.
      await page.getByRole('tab', { name: '单位名录', selected: true }).waitFor();
      await page.getByRole('cell', { name: '510900-GOV', exact: true }).waitFor();
      await assertAccessible(page, 'the unit directory');

      await page.getByRole('button', { name: '新增单位' }).click();
      const dialog = page.getByRole('dialog', { name: '新增单位' });
      await dialog.getByLabel('单位代码').fill('510903-SWJ');
      await dialog.getByLabel('单位名称').fill('船山区水利局');
      await choose(dialog, '单位类别', '职能部门');
      await choose(dialog, '层级', '县级');
      // Six digits fit a county-level unit, so the page sends it; the API knows no such county.
      await dialog.getByLabel('行政区划代码').fill('510999');
      await dialog.getByLabel('值班电话').fill('0825-2223344');
      await assertAccessible(page, 'the new unit form');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByText('510999不是县级行政区划代码').waitFor();
      const stored = await system.env.db.query('SELECT 1 FROM routing.unit WHERE code = $1', [
        '510903-SWJ',
      ]);
      assert.equal(stored.rowCount, 0, 'a refused unit is not stored');

      // A form check of the page's own, before anything is sent.
      await choose(dialog, '层级', '乡镇级');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByText('行政区划代码与层级不符').first().waitFor();
      await choose(dialog, '层级', '县级');
      await dialog.getByLabel('行政区划代码').fill('510903');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The directory is larger than a page: narrowed to the county on the server, then by name.
      await page.getByLabel('行政区划代码').fill('510903');
      await page.getByLabel('名称或代码').fill('水利');
      await page.getByRole('button', { name: '查找' }).click();
      await page.getByRole('cell', { name: '船山区水利局', exact: true }).waitFor();

      const token = await login(system.system.routing.url, 'admin');
      const unit = await request('GET', `${system.system.routing.url}/api/v1/units/510903-SWJ`, {
        token,
      });
      assert.equal(unit.status, 200);
      assert.deepEqual(
        {
          name: unit.body.name,
          kind: unit.body.kind,
          level: unit.body.level,
          divisionCode: unit.body.divisionCode,
          contactPhone: unit.body.contactPhone,
          active: unit.body.active,
        },
        {
          name: '船山区水利局',
          kind: 'DEPARTMENT',
          level: 'COUNTY',
          divisionCode: '510903',
          contactPhone: '0825-2223344',
          active: true,
        },
      );

      // Edited (the code stays), then deactivated on the page (units are never deleted).
      await page.getByRole('button', { name: '修改 船山区水利局' }).click();
      const editing = page.getByRole('dialog', { name: '修改单位：船山区水利局' });
      assert.equal(await editing.getByLabel('单位代码').isDisabled(), true);
      await editing.getByLabel('单位名称').fill('船山区水务局');
      await editing.getByRole('button', { name: '保存' }).click();
      await editing.waitFor({ state: 'hidden' });
      await page.getByLabel('名称或代码').fill('水务');
      await page.getByRole('button', { name: '查找' }).click();
      await page.getByRole('button', { name: '停用 船山区水务局' }).click();
      await page.getByRole('button', { name: '确定' }).click();
      await page.getByRole('button', { name: '启用 船山区水务局' }).waitFor();
      const after = await system.env.db.query<{ name: string; active: boolean }>(
        'SELECT name, active FROM routing.unit WHERE code = $1',
        ['510903-SWJ'],
      );
      assert.deepEqual(after.rows, [{ name: '船山区水务局', active: false }]);
      await context.close();
    });

    it("sets the duty roster of a territory with staff of its units; a bad phone gets the API's words", async () => {
      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'admin');
      await page.goto(`${web.url}/staff/admin/rosters`);
      await page.getByRole('tab', { name: '值班表', selected: true }).waitFor();
      await page.getByLabel('单位代码或辖区代码').fill('510903');
      await page.getByRole('button', { name: '查看值班表' }).click();
      await page.getByText('设置510903的值班表').waitFor();

      await choose(page, '从此单位选择值班人员', '船山区住房和城乡建设局', '住房');
      await choose(page, '值班人员 1', '船山区住建局分管领导');
      await page.getByLabel('电话 1', { exact: true }).fill('12345');
      await page.getByRole('button', { name: '增加值班人员' }).click();
      await choose(page, '值班人员 2', '船山区住建局经办人');
      await page.getByLabel('邮箱 2', { exact: true }).fill('zjj.duty@example.gov.cn');
      await assertAccessible(page, 'the roster form');
      await page.getByRole('button', { name: '保存值班表' }).click();
      await page.getByText('电话号码无效（手机号码，或区号-号码的固定电话）').first().waitFor();

      await page.getByLabel('电话 1', { exact: true }).fill('13800138000');
      await page.getByRole('button', { name: '保存值班表' }).click();
      const current = page.getByTestId('roster-current');
      await current.getByText('船山区住建局分管领导 (chuanshan.housing.leader)').waitFor();
      await current.getByText('138****8000').waitFor();
      // Saved and done: the button is no longer "loading 保存值班表".
      await page.getByRole('button', { name: '保存值班表', exact: true }).waitFor();
      await assertAccessible(page, 'the roster shown');

      const accounts = await system.env.db.query<{ id: string; username: string }>(
        `SELECT id, username FROM routing.staff_account
       WHERE username IN ('chuanshan.housing.leader', 'chuanshan.housing')`,
      );
      const idOf = (username: string) => accounts.rows.find((a) => a.username === username)?.id;
      const token = await login(system.system.routing.url, 'admin');
      const roster = await request<{ entries: Record<string, unknown>[] }>(
        'GET',
        `${system.system.notify.url}/api/v1/duty-rosters/510903`,
        { token },
      );
      assert.equal(roster.status, 200);
      assert.deepEqual(
        roster.body.entries.map((e) => [e.position, e.staffId, e.phone, e.email]),
        [
          [1, idOf('chuanshan.housing.leader'), '138****8000', null],
          [2, idOf('chuanshan.housing'), null, 'z***@example.gov.cn'],
        ],
      );
      await context.close();
    });

    it('creates an account whose one-time password is shown once and kept nowhere', async () => {
      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'admin');
      await page.goto(`${web.url}/staff/admin/staff`);
      await page.getByRole('cell', { name: 'chuanshan.housing.leader', exact: true }).waitFor();
      await assertAccessible(page, 'the staff accounts');

      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog', { name: '新建账号' });
      await dialog.getByLabel('用户名').fill('Chuanshan.Water');
      await dialog.getByLabel('姓名').fill('船山区住建局值班员');
      await choose(dialog, '单位', '船山区住房和城乡建设局', '住房');
      await choose(dialog, '角色', '经办人');
      // A multiple choice stays open until one clicks elsewhere.
      await dialog.getByLabel('姓名').click();
      await dialog.getByRole('button', { name: '保存' }).click();
      // Capitals are refused by the page's check, in the API's own words.
      await dialog.getByText('用户名须为2至64位小写字母、数字或 . _ -，以字母或数字开头').waitFor();
      await dialog.getByLabel('用户名').fill('chuanshan.water');
      await assertAccessible(page, 'the new account form');
      await dialog.getByRole('button', { name: '保存' }).click();

      const shown = page.getByTestId('one-time-password');
      const password = (await shown.textContent()) ?? '';
      assert.ok(password.length >= 8, password);
      await assertAccessible(page, 'the one-time password');
      const signIn = await request<{ code: string }>(
        'POST',
        `${system.system.routing.url}/api/v1/auth/login`,
        { body: { username: 'chuanshan.water', password } },
      );
      // The password is right: the account must only choose its own before working.
      assert.deepEqual([signIn.status, signIn.body.code], [403, 'PASSWORD_CHANGE_REQUIRED']);
      await page.getByRole('button', { name: '完成' }).click();
      await shown.waitFor({ state: 'detached' });
      assert.ok(!(await page.content()).includes(password), 'the password is gone from the page');
      const stored = await page.evaluate<string>(
        'JSON.stringify([Object.values(localStorage), Object.values(sessionStorage)])',
      );
      assert.ok(!stored.includes(password), 'the password is in no browser storage');

      const account = await system.env.db.query<{ unit_code: string; roles: string[] }>(
        'SELECT unit_code, roles FROM routing.staff_account WHERE username = $1',
        ['chuanshan.water'],
      );
      assert.deepEqual(account.rows, [{ unit_code: '510903-ZJJ', roles: ['handler'] }]);
      await context.close();
    });

    it("loads a year's holiday notice; a date that does not exist gets the API's words", async () => {
      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'admin');
      await page.goto(`${web.url}/staff/admin/calendar`);
      await page.getByLabel('年份').fill('2030');
      await page.getByText('2030年节假日安排', { exact: true }).waitFor();
      await page.getByText('暂定（通知尚未载入）').waitFor();
      await assertAccessible(page, 'the holiday calendar');

      const notice = page.locator('form#notice');
      await notice.getByLabel('节日 1', { exact: true }).fill('元旦');
      await notice.getByLabel('放假起 1', { exact: true }).fill('2030-02-30');
      await page.getByRole('button', { name: '载入通知' }).click();
      await page.getByText('日期无效，格式应为 YYYY-MM-DD').first().waitFor();
      await notice.getByLabel('放假起 1', { exact: true }).fill('2030-01-01');
      await page.getByRole('button', { name: '载入通知' }).click();
      await page.getByText('已载入国务院通知').waitFor();
      await assertAccessible(page, 'the holiday notice loaded');

      const token = await login(system.system.routing.url, 'admin');
      const year = await request<{ official: boolean; days: unknown[] }>(
        'GET',
        `${system.system.notify.url}/api/v1/calendar/2030`,
        { token },
      );
      assert.equal(year.status, 200);
      assert.equal(year.body.official, true);
      assert.deepEqual(year.body.days, [{ date: '2030-01-01', kind: 'HOLIDAY', name: '元旦' }]);
      await context.close();
    });

    it('lists failed notifications with their reason, and sends one again', async () => {
      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'admin');
      await page.goto(`${web.url}/staff/admin/calendar`);
      await page.getByRole('tab', { name: '发送失败的通知' }).click();
      assert.match(page.url(), /\/staff\/admin\/dead-letters$/);
      await page.getByRole('link', { name: '队列看板' }).waitFor();
      await page.getByText('没有发送失败的通知').waitFor();
      await assertAccessible(page, 'no failed notifications');

      // A unit's mail refused by its server, as the delivery worker leaves it.
      const id = randomUUID();
      await system.env.db.query(
        `INSERT INTO notify.notification (id, petition_id, channel, recipient_kind, recipient,
           template, variables, status, attempts, error_code, provider)
         VALUES ($1, $2, 'email', 'UNIT', '510903-ZJJ', 'case.assigned', $3, 'FAILED', 5,
           'SMTP_550', 'smtp')`,
        [id, randomUUID(), { caseNo: 'XF-510903-20261122-000999' }],
      );
      await page.reload();
      const row = page.getByRole('row', { name: /SMTP_550/ });
      await row.getByText('发送失败').waitFor();
      await assertAccessible(page, 'the failed notifications');
      await row.getByRole('button', { name: '重发' }).click();
      await page.getByRole('button', { name: '确定' }).click();
      await page.getByText('已重新排队发送').waitFor();
      const events = await system.env.db.query<{ username: string }>(
        `SELECT s.username FROM notify.notification_event e
         JOIN routing.staff_account s ON s.id = e.staff_id
         WHERE e.notification_id = $1 AND e.event = 'REQUEUED'`,
        [id],
      );
      assert.deepEqual(events.rows, [{ username: 'admin' }]);
      await context.close();
    });
  },
);
