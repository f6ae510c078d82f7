/**
 * `npm run screenshots [-- <dir>]`: the web pages as a citizen on a 360 px phone and as each role
 * of the console sees them, in headless Chromium (Debian `chromium`, `fonts-noto-cjk` for Chinese),
 * written to docs/screenshots/. Starts a scratch demo system and the gateway, submits a petition
 * that is routed, one that waits in triage, and makes the first one's deadline overdue.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startWebGateway } from '../../apps/cli/src/web-gateway.js';
import { chromiumPath, staffPage } from '../support/browser.js';
import { createTestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import { freePort, startSystem, stopSystem } from '../support/processes.js';

const dir = process.argv[2] ?? 'docs/screenshots';
const MOBILE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 860 };

const env = await createTestEnvironment({ demo: true });
const system = await startSystem({ ...env.env, LOG_LEVEL: 'warn' });
const port = await freePort();
const gateway = await startWebGateway({
  port,
  host: '127.0.0.1',
  services: { intake: system.intake.url, routing: system.routing.url, notify: system.notify.url },
});
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: chromiumPath() });
try {
  await mkdir(dir, { recursive: true });
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });

  const submitted = await fetch(`${base}/api/v1/public/petitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: '锦绣华庭逾期不交房',
      content: '小区逾期一年多不交房，请求督促开发商复工。',
      divisionCode: '510903012',
      address: '船山区慈音街道锦绣华庭',
      personCount: 1,
      petitioners: [{ name: '李晓燕', idNumber: '510903198809010006', phone: '13280837583' }],
    }),
  });
  const receipt = (await submitted.json()) as { caseNo: string; queryCode: string };
  await eventually(async () => {
    const view = await fetch(
      `${base}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${receipt.queryCode}`,
    );
    return ((await view.json()) as { status: string }).status === 'ASSIGNED';
  }, 'the petition to be assigned');

  // One that no rule can route: it waits for a dispatcher.
  await fetch(`${base}/api/v1/public/petitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: '我要反映情况',
      content: '就是那个事情，说了好几次了，到现在还是那个样子，你们到底管不管。',
      divisionCode: '510903012',
      address: '船山区慈音街道',
      personCount: 1,
      petitioners: [{ name: '王建华', idNumber: '510921198507230014', phone: '13908251234' }],
    }),
  });

  const phone = await browser.newPage({ viewport: MOBILE, locale: 'zh-CN' });
  await phone.goto(base);
  await phone.getByLabel('标题', { exact: true }).waitFor();
  await shoot(phone, 'portal-submit-mobile');
  await phone.getByRole('tab', { name: '查询进展' }).click();
  await phone.getByLabel('信访件编号').fill(receipt.caseNo);
  await phone.getByLabel('查询码').fill(receipt.queryCode);
  await phone.getByRole('button', { name: '查询', exact: true }).click();
  await phone.getByTestId('case-progress').waitFor();
  await shoot(phone, 'portal-track-mobile');
  await phone.getByRole('switch').click();
  await shoot(phone, 'portal-track-mobile-large-text');

  const portalDesk = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await portalDesk.goto(base);
  await portalDesk.getByLabel('标题', { exact: true }).waitFor();
  await shoot(portalDesk, 'portal-submit-desktop');

  const staffMobile = await browser.newContext({ viewport: MOBILE, locale: 'zh-CN' });
  const handlerPhone = await staffPage(staffMobile, base, 'chuanshan.housing');
  await handlerPhone.getByTestId('deadline-light').first().waitFor();
  await shoot(handlerPhone, 'staff-workbench-mobile');

  const desktop = () => browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
  const desk = await staffPage(await desktop(), base, 'chuanshan.housing');
  await desk.getByTestId('deadline-light').first().waitFor();
  await shoot(desk, 'staff-workbench-desktop');
  await desk.getByRole('link', { name: receipt.caseNo }).click();
  await desk.getByText('办理操作').waitFor();
  await shoot(desk, 'staff-case-desktop');
  await desk.getByText('English').click();
  await desk.getByText('Actions').waitFor();
  await shoot(desk, 'staff-case-desktop-en');
  await desk.getByText('中文').click();
  await desk.getByTestId('inbox-button').click();
  await desk.getByTestId('inbox-notice').first().waitFor();
  await shoot(desk, 'staff-inbox-desktop');

  const registrar = await staffPage(await desktop(), base, 'suining.registrar');
  await registrar.goto(`${base}/staff/registration`);
  await registrar.getByLabel('标题', { exact: true }).waitFor();
  await shoot(registrar, 'staff-registration-desktop');

  const dispatcher = await staffPage(await desktop(), base, 'chuanshan.dispatcher');
  await dispatcher.goto(`${base}/staff/triage`);
  await dispatcher.getByText('我要反映情况').first().waitFor();
  await shoot(dispatcher, 'staff-triage-desktop');

  // The first petition's acceptance is two days late: the supervisor sees it.
  await env.db.query(
    `UPDATE notify.deadline SET due_at = now() - interval '2 days' WHERE case_no = $1`,
    [receipt.caseNo],
  );
  const supervisor = await staffPage(await desktop(), base, 'suining.supervisor');
  await supervisor.goto(`${base}/staff/supervision`);
  await supervisor.getByText(receipt.caseNo).first().waitFor();
  await shoot(supervisor, 'staff-supervision-desktop');

  const admin = await staffPage(await desktop(), base, 'admin');
  await admin.goto(`${base}/staff/admin/units`);
  // The directory by code: the prefecture's units come first.
  await admin.getByText('遂宁市住房和城乡建设局').first().waitFor();
  await shoot(admin, 'staff-admin-units-desktop');
  process.stdout.write(`screenshots written to ${dir}\n`);
} finally {
  await browser.close();
  gateway.close();
  await stopSystem(system);
  await env.dispose();
}
