import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, staffPage, withWeb } from './support/browser.js';
import { login, request } from './support/http.js';
import { withSystem } from './support/system.js';

const DESKTOP = { width: 1280, height: 900 };
const DIVISION_LABEL = '行政区划（省 / 市 / 区县 / 乡镇街道）';
const PHONE_LABEL = '联系电话（手机或固定电话）';
const VALID_ID = '510903198809010006';
const MATTER = {
  title: '工地拖欠农民工工资',
  content: '船山区南津路某工地拖欠二十余名农民工三个月工资，多次找项目部无果，请求督促支付。',
};

interface Division {
  code: string;
  name: string;
  level: string;
  hasChildren: boolean;
}

/** The n-th petitioner's field (1-based), by its label inside that petitioner's fieldset. */
function petitionerField(page: Page, n: number, label: string) {
  return page
    .locator('fieldset')
    .filter({ hasText: `信访人 ${n}` })
    .getByLabel(label);
}

/** Clicks a channel's button (antd hides the radio itself) and sees it chosen. */
async function pickChannel(page: Page, name: string) {
  await page.locator('label.ant-radio-button-wrapper', { hasText: name }).click();
  assert.equal(await page.getByRole('radio', { name }).isChecked(), true);
}

/** Fills the form as a registrar would, the place picked level by level in the picker. */
async function fillVisit(page: Page) {
  await pickChannel(page, '来访');
  await page.getByLabel('标题', { exact: true }).fill(MATTER.title);
  await page.getByLabel('信访事项内容').fill(MATTER.content);
  await page.getByLabel(DIVISION_LABEL).click();
  for (const name of ['四川省', '遂宁市', '船山区', '南津路街道']) {
    await page.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
  }
  await page.keyboard.press('Escape');
  await page.getByLabel('详细地址').fill('南津路88号在建工地');
  await page.getByLabel('信访人数').fill('2');
  await petitionerField(page, 1, '姓名').fill('张建国');
  await petitionerField(page, 1, '身份证号码').fill(VALID_ID);
  await petitionerField(page, 1, PHONE_LABEL).fill('13280837583');
  if ((await page.locator('fieldset').count()) < 2) {
    await page.getByRole('button', { name: '增加信访人' }).click();
  }
  await petitionerField(page, 2, '姓名').fill('王秀兰');
  await petitionerField(page, 2, PHONE_LABEL).fill('0825-2223344');
}

describe('the registrar registers a petition, in Chromium', { timeout: 300_000 }, () => {
  const system = withSystem({ demo: true });
  const web = withWeb(system);

  it('lists the divisions one level at a time, to staff only', async () => {
    const url = `${web.url}/api/v1/divisions`;
    assert.equal((await request('GET', url)).status, 401);
    const token = await login(system.system.routing.url, 'suining.registrar');
    const list = async (query: string) => {
      const answer = await request<{ items: Division[] }>('GET', `${url}${query}`, { token });
      assert.equal(answer.status, 200, query);
      return answer.body.items;
    };
    const provinces = await list('');
    assert.deepEqual(
      provinces.find((d) => d.code === '510000'),
      { code: '510000', name: '四川省', level: 'PROVINCE', hasChildren: true },
    );
    assert.ok(provinces.every((d) => d.level === 'PROVINCE'));
    const counties = await list('?parent=510900');
    assert.deepEqual(
      counties.find((d) => d.code === '510903'),
      { code: '510903', name: '船山区', level: 'COUNTY', hasChildren: true },
    );
    const townships = await list('?parent=510903');
    assert.deepEqual(
      townships.find((d) => d.code === '510903001'),
      { code: '510903001', name: '南津路街道', level: 'TOWNSHIP', hasChildren: false },
    );
    assert.deepEqual(await list('?parent=510903001'), []);
    const malformed = await request('GET', `${url}?parent=5109`, { token });
    assert.equal(malformed.status, 400);
  });

  it('answers the repeat check to registrars only', async () => {
    const url = `${web.url}/api/v1/petitions/repeat-check`;
    const body = { ...MATTER, petitioners: [{ name: '张建国', idNumber: VALID_ID }] };
    const dispatcher = await login(system.system.routing.url, 'chuanshan.dispatcher');
    assert.equal((await request('POST', url, { body, token: dispatcher })).status, 403);
    const registrar = await login(system.system.routing.url, 'chuanshan.handler');
    const answer = await request('POST', url, { body, token: registrar });
    assert.deepEqual([answer.status, answer.body], [200, { original: null }]);
  });

  it('registers a visit of two petitioners and prints its receipt; a repeat is linked', async () => {
    const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await staffPage(context, web.url, 'suining.registrar');
    await page.getByRole('link', { name: '登记', exact: true }).click();
    await page.getByRole('heading', { name: '来信来访登记' }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await fillVisit(page);
    // Checked as the API checks: a wrong check digit is refused beside its field, nothing sent.
    await petitionerField(page, 1, '身份证号码').fill('510903198809010007');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('身份证号码校验位不正确').waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'nothing was sent');
    await petitionerField(page, 1, '身份证号码').fill(VALID_ID);

    // A landline of a shape the form takes but no such area code: the API's field error is put
    // on the second petitioner's phone, and its reason is said.
    await petitionerField(page, 2, PHONE_LABEL).fill('0100-12345678');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('请求内容有误，请按提示修改').waitFor();
    await page
      .locator('fieldset')
      .filter({ hasText: '信访人 2' })
      .getByText('请填写有效的中国大陆手机号码或固定电话（区号-号码，可加分机号）')
      .waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await petitionerField(page, 2, PHONE_LABEL).fill('0825-2223344');
    await page.getByRole('button', { name: '登记', exact: true }).click();

    const caseNo = (await page.getByTestId('registration-case-no').textContent()) ?? '';
    assert.match(caseNo, /^XF-510903-\d{8}-\d{6}$/);
    const queryCode = (await page.getByTestId('registration-query-code').textContent()) ?? '';
    assert.ok(queryCode.length >= 6, queryCode);
    const receipt = page.locator('.registration-receipt');
    await receipt.getByText('来访', { exact: true }).waitFor();
    await receipt.getByText(/15日内转送、交办/).waitFor();
    await receipt.getByText(/60日内办结/).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    // The case is in intake as registered: its channel, place, people and registrar.
    const { rows } = await system.env.db.query<{
      channel: string;
      division_code: string;
      person_count: number;
      first: boolean;
      registrar: string;
      petitioners: number;
      with_phone: number;
      with_id: number;
    }>(
      `SELECT p.channel, p.division_code, p.person_count, p.repeat_of IS NULL AS first,
              (SELECT username FROM routing.staff_account s WHERE s.id = p.registered_by_user)
                AS registrar,
              count(r.*)::int AS petitioners,
              count(r.phone_index)::int AS with_phone,
              count(r.id_number_index)::int AS with_id
       FROM intake.petition p JOIN intake.petitioner r ON r.petition_id = p.id
       WHERE p.case_no = $1 GROUP BY p.id`,
      [caseNo],
    );
    assert.deepEqual(rows, [
      {
        channel: 'VISIT',
        division_code: '510903001',
        person_count: 2,
        first: true,
        registrar: 'suining.registrar',
        petitioners: 2,
        with_phone: 2,
        with_id: 1,
      },
    ]);

    // Printing shows the receipt only; the button asks the browser to print.
    await page.evaluate('window.print = () => { window.printed = true; }');
    await page.getByRole('button', { name: '打印回执' }).click();
    assert.equal(await page.evaluate<boolean>('window.printed === true'), true);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await receipt.isVisible(), true);
    assert.equal(await page.getByTestId('staff-header').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: '打印回执' }).isVisible(), false);
    await page.emulateMedia({ media: 'screen' });

    // Nothing of the petitioners is kept in the address or in storage (only the sign-in).
    assert.ok(!page.url().includes(VALID_ID) && !page.url().includes('13280837583'));
    const stored = await page.evaluate<string[]>(
      '[...Object.keys(localStorage), ...Object.keys(sessionStorage)]',
    );
    assert.deepEqual(stored, ['xinfang.staff-session']);

    // The same person on the same matter again: the registrar is told of the open case before
    // registering, may stop (nothing is registered) or go on (the receipt names the case).
    await page.getByRole('button', { name: '登记下一件' }).click();
    await fillVisit(page);
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const warning = page.getByRole('dialog', { name: '可能是重复信访' });
    await warning.getByText(`该信访人就同一事项已有在办信访件 ${caseNo}`).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await warning.getByRole('button', { name: '暂不登记' }).click();
    await warning.waitFor({ state: 'hidden' });
    const registered = async () => {
      const { rows } = await system.env.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM intake.petition WHERE title = $1',
        [MATTER.title],
      );
      return rows[0]?.n;
    };
    assert.equal(await registered(), 1);
    // The check told that these people petitioned before: that is on record.
    const { rows: checks } = await system.env.db.query<{ actor_username: string; case_no: string }>(
      `SELECT actor_username, case_no FROM intake.audit_event WHERE action = 'case.repeat-check'`,
    );
    assert.deepEqual(checks, [{ actor_username: 'suining.registrar', case_no: caseNo }]);
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await warning.getByRole('button', { name: '仍然登记' }).click();
    await page.getByTestId('registration-case-no').waitFor();
    await page.getByText(`该信访人就同一事项已有在办信访件 ${caseNo}，本件已并入该件`).waitFor();
    assert.equal(await registered(), 2);
    assert.deepEqual(await accessibilityViolations(page), []);
    await context.close();
  });

  it('registers a letter that came days ago: its date is the one the time limits count from', async () => {
    const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await staffPage(context, web.url, 'chuanshan.handler');
    await page.getByRole('link', { name: '登记', exact: true }).click();
    const cameOn = new Date(Date.now() + 8 * 3_600_000 - 5 * 86_400_000).toISOString().slice(0, 10);
    await pickChannel(page, '来信');
    await page.getByLabel('收到日期').fill(cameOn);
    await page.getByLabel('标题', { exact: true }).fill('小区噪音扰民');
    await page
      .getByLabel('信访事项内容')
      .fill('楼下烧烤店每晚营业至凌晨两点，噪音扰民，请求处理。');
    await page.getByLabel(DIVISION_LABEL).click();
    for (const name of ['四川省', '遂宁市', '船山区']) {
      await page.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
    }
    await page.keyboard.press('Escape');
    await page.getByLabel('详细地址').fill('船山区凯旋路');
    // A first-generation 15-digit ID number and no phone: a letter may give no more.
    await petitionerField(page, 1, '姓名').fill('刘德明');
    await petitionerField(page, 1, '身份证号码').fill('510903560312001');
    await page.getByRole('button', { name: '登记', exact: true }).click();

    const caseNo = (await page.getByTestId('registration-case-no').textContent()) ?? '';
    await page.locator('.registration-receipt').getByText('来信', { exact: true }).waitFor();
    await page.locator('.registration-receipt').getByText(cameOn).waitFor();
    const { rows } = await system.env.db.query<{ channel: string; division: string; on: string }>(
      `SELECT channel, division_code AS division,
              to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS on
       FROM intake.petition WHERE case_no = $1`,
      [caseNo],
    );
    assert.deepEqual(rows, [{ channel: 'LETTER', division: '510903', on: cameOn }]);
    await context.close();
  });
});
