import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../apps/cli/src/commands/seed-demo.js';
import { serviceFor } from '../apps/cli/src/web-gateway.js';
import {
  accessibilityViolations,
  staffPage,
  withWeb,
  type WebUnderTest,
} from './support/browser.js';
import { eventually } from './support/eventually.js';
import { withSystem } from './support/system.js';

const MOBILE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

/** Clicks 查询 until the case shows `status` (routing and intake follow each other by jobs). */
async function trackUntil(web: WebUnderTest, page: Page, status: string) {
  await web.explained(
    page,
    () =>
      eventually(
        async () => {
          // While a lookup is under way the button is named "loading 查询"; a lookup that hangs
          // ends by the page's own timeout (REQUEST_TIMEOUT_MS, 30 s) and is tried again.
          await page.getByRole('button', { name: '查询', exact: true }).click({ timeout: 40_000 });
          const shown = page.getByTestId('case-status');
          await shown.waitFor({ timeout: 5_000 });
          return (await shown.textContent()) === status;
        },
        `the case to show ${status}`,
        150_000,
      ),
    2_000,
  );
}

async function openCase(page: Page, caseNo: string) {
  const supervisions = page.waitForResponse((r) => r.url().includes('/supervisions'));
  await page.getByRole('link', { name: caseNo }).click();
  await page.getByText('办理操作').waitFor();
  // A case with no 督办 (the service answers 404) shows no 督办 card and no error.
  assert.equal((await supervisions).status(), 404);
  await page.getByTestId('case-supervision').waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('alert').count(), 0, 'no error on the case page');
}

/** The browser keeps nothing of a petitioner: not in the address, not in storage. */
async function assertNothingKept(page: Page, ...secrets: string[]) {
  for (const secret of secrets) assert.ok(!page.url().includes(secret), page.url());
  // Page expressions as strings: the tests compile without the DOM's types.
  const stored = await page.evaluate<{ local: string[]; session: string[] }>(
    '({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })',
  );
  assert.deepEqual(stored, { local: [], session: [] });
}

describe('the web pages, in Chromium, against the three services', { timeout: 300_000 }, () => {
  const system = withSystem({ demo: true });
  const web = withWeb(system);
  let caseNo = '';
  let queryCode = '';

  it("routes every API path of each service's OpenAPI document to that service", async () => {
    for (const service of ['intake', 'routing', 'notify'] as const) {
      const response = await fetch(`${system.system[service].url}/api/docs/openapi.json`);
      const document = (await response.json()) as { paths: Record<string, unknown> };
      const paths = Object.keys(document.paths).filter((path) => path.startsWith('/api/v1/'));
      assert.ok(paths.length > 3, service);
      for (const path of paths) assert.equal(serviceFor(path), service, path);
    }
    const answer = await fetch(`${web.url}/api/v1/me`);
    assert.equal(answer.status, 401, 'routing answers through the gateway');
  });

  it('a citizen submits a petition on a 360 px phone and follows it', async () => {
    const context = await web.browser.newContext({ viewport: MOBILE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(web.url);
    await page.getByLabel('标题', { exact: true }).fill('锦绣华庭逾期不交房');
    await page.getByLabel('信访事项内容').fill('小区逾期一年多不交房，请求督促开发商复工。');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByLabel('事发地（省 / 市 / 区县）').fill('船山');
    await page.locator('.ant-cascader-menu-item', { hasText: '遂宁市' }).first().click();
    await page.getByLabel('详细地址').fill('船山区慈音街道锦绣华庭');
    await page.getByRole('button', { name: '下一步' }).click();

    // The form checks before sending: a malformed ID number is refused beside its field.
    await page.getByLabel('姓名').fill('李晓燕');
    await page.getByLabel('身份证号码').fill('51090319880901');
    await page.getByLabel('手机号码').fill('13280837583');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('身份证号码应为18位（最后一位可为X）或15位数字').waitFor();
    await page.getByLabel('身份证号码').fill('510903198809010006');
    await page.getByRole('button', { name: '提交' }).click();

    caseNo = (await page.getByTestId('receipt-case-no').textContent()) ?? '';
    queryCode = (await page.getByTestId('receipt-query-code').textContent()) ?? '';
    assert.match(caseNo, /^XF-510903-\d{8}-\d{6}$/);
    assert.ok(queryCode.length >= 6);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= MOBILE.width, `the page is ${width} px wide`);

    // The receipt goes to tracking in memory; the routed unit and its time limit are shown.
    await page.getByRole('button', { name: '查询进展' }).click();
    await trackUntil(web, page, '已交办');
    await page.getByText('船山区住房和城乡建设局 (主办 · 办理)').waitFor();
    const steps = await page.getByTestId('next-step').allTextContents();
    assert.match(steps.join('\n'), /船山区住房和城乡建设局应于\d{4}-\d{2}-\d{2}前告知您是否受理/);
    await assertNothingKept(page, caseNo, queryCode);
    await context.close();
  });

  it("the unit's handler accepts, its leader approves an extension, the handler concludes", async () => {
    const handlerContext = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const handler = await staffPage(handlerContext, web.url, 'chuanshan.housing');
    const header = await handler.getByTestId('staff-header').textContent();
    assert.match(header ?? '', /船山区住房和城乡建设局/);
    assert.match(header ?? '', /经办人/);
    await handler.getByTestId('deadline-light').first().waitFor();
    assert.equal(
      await handler.getByTestId('deadline-light').first().getAttribute('data-state'),
      'GREEN',
    );

    await openCase(handler, caseNo);
    await handler.getByText('13280837583').waitFor();
    assert.deepEqual(await accessibilityViolations(handler), [], 'WCAG 2 AA on the case page');
    await handler.getByRole('button', { name: '受理', exact: true }).click();
    await handler.getByRole('button', { name: '申请延期' }).click();
    await handler.getByLabel('延长天数（最多30日）').fill('10');
    await handler.getByLabel('延期理由').fill('需要会同街道现场核查开发商复工情况');
    await handler.getByRole('button', { name: '确定' }).click();
    await handler.getByRole('button', { name: '申请延期' }).waitFor({ state: 'detached' });

    const leaderContext = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const leader = await staffPage(leaderContext, web.url, 'chuanshan.housing.leader');
    await leader.getByText('延期待批').waitFor();
    await openCase(leader, caseNo);
    await leader.getByRole('button', { name: '审批延期' }).click();
    await leader.getByLabel('同意延期').check();
    await leader.getByRole('button', { name: '确定' }).click();
    await leader.getByRole('button', { name: '审批延期' }).waitFor({ state: 'detached' });
    // 包案领导: the leader names a leader of the unit (themselves here) to answer for the case.
    await leader.getByRole('button', { name: '明确包案领导' }).click();
    await leader.getByLabel('包案领导（本单位领导）').click();
    await leader.locator('.ant-select-item-option', { hasText: '船山区住建局分管领导' }).click();
    await leader.getByRole('button', { name: '确定' }).click();
    await eventually(async () => {
      const { rows } = await system.env.db.query<{ username: string }>(
        `SELECT s.username FROM routing.case_file f
         JOIN routing.staff_account s ON s.id = f.responsible_leader_id WHERE f.case_no = $1`,
        [caseNo],
      );
      return rows[0]?.username === 'chuanshan.housing.leader';
    }, 'the responsible leader to be recorded');
    await leaderContext.close();

    await handler.reload();
    await handler.getByText('办理操作').waitFor();
    await handler.getByRole('button', { name: '办结答复' }).click();
    await handler
      .getByLabel('答复意见')
      .fill('经核查，开发商已于本月复工，预计明年六月交房，我局将每月督促。');
    await handler.getByRole('button', { name: '确定' }).click();
    await handler.getByText('本单位当前没有可办理的操作。').waitFor();
    const stored = await handler.evaluate<string[]>('Object.keys(sessionStorage)');
    assert.deepEqual(stored, ['xinfang.staff-session']);
    await handlerContext.close();
  });

  it('the citizen evaluates the reply and asks for 复查; a second request shows why not', async () => {
    const context = await web.browser.newContext({ viewport: MOBILE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(web.url);
    await page.getByRole('tab', { name: '查询进展' }).click();
    await page.getByLabel('信访件编号').fill(caseNo);
    await page.getByLabel('查询码').fill(queryCode);
    await trackUntil(web, page, '已办结');
    await page.getByText('经核查，开发商已于本月复工').waitFor();
    await page.getByText('延长办理期限').first().waitFor();

    await page.getByLabel('不满意').check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('button', { name: '提交评价' }).waitFor({ state: 'detached' });

    await page.getByText(/如不服，可于\d{4}-\d{2}-\d{2}前/).waitFor();
    await page.getByLabel('不服的理由').fill('开发商并未复工，工地至今无人施工。');
    await page.getByRole('button', { name: '申请复查' }).click();
    await trackUntil(web, page, '复查中');

    // Under review there is nothing to ask for: the service says why, in its own words.
    await page.getByLabel('不服的理由').fill('再次申请复查，理由同前。');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: '只有在收到书面处理意见（或复查意见）后，才能申请复查（或复核）' })
      .waitFor();
    await assertNothingKept(page, caseNo, queryCode);
    assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA on the tracking page');

    // Large text (适老化) still fits the phone; English comes from the same pages.
    await page.getByRole('switch').click();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= MOBILE.width, `the page is ${width} px wide in large text`);
    await page.getByText('English').click();
    await page.getByRole('tab', { name: 'Follow my case' }).waitFor();
    await page.getByRole('button', { name: 'Look up' }).waitFor();
    await context.close();
  });

  it('works from the keyboard: a visible skip link, and signing in with Tab and Enter', async () => {
    const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${web.url}/staff`);
    await page.getByLabel('用户名').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到正文' });
    assert.equal(await page.evaluate<string>('document.activeElement.textContent'), '跳到正文');
    assert.ok(((await skip.boundingBox())?.x ?? -1) >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('chuanshan.housing');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('staff-header').waitFor();
    await context.close();
  });

  it('a stale access token is renewed; an ended sign-in goes back to the login page', async () => {
    const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await staffPage(context, web.url, 'chuanshan.housing');
    const spoil = (field: string) =>
      page.evaluate(`{
        const key = 'xinfang.staff-session';
        const session = JSON.parse(sessionStorage.getItem(key));
        sessionStorage.setItem(key, JSON.stringify({ ...session, ${field}: 'spoilt' }));
      }`);
    await spoil('accessToken');
    await page.reload();
    await page.getByTestId('staff-header').waitFor();
    await spoil('accessToken');
    await spoil('refreshToken');
    await page.reload();
    await page.getByText('登录已过期，请重新登录').waitFor();
    await page.getByLabel('用户名').waitFor();
    await context.close();
  });
});
