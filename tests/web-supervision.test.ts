import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibilityViolations, staffPage, withWeb } from './support/browser.js';
import { eventually } from './support/eventually.js';
import {
  login,
  request,
  SAMPLE_PERSONAL_DATA,
  samplePetition,
  submitPetition,
} from './support/http.js';
import { createStaff, staffAccountId } from './support/staff.js';
import { withSystem } from './support/system.js';

const DESKTOP = { width: 1280, height: 900 };
const HOUSING_BUREAU = '510903-ZJJ';
const INSTRUCTIONS = '受理告知期限已过两日，请立即作出是否受理的决定，并书面说明逾期原因。';
const ANSWER = '我局已于今日决定受理，逾期系承办人病假交接不及时所致，已责令整改。';

interface UrgentPage {
  items: { caseNo: string; unit: { code: string }; kind: string; state: string; leads: boolean }[];
}

describe(
  'the supervisor (督查) page, in Chromium, against the three services',
  { timeout: 300_000 },
  () => {
    const system = withSystem({
      demo: true,
      // A supervisor of another county's petition bureau (射洪市), whose territory is elsewhere.
      prepare: (env) => createStaff(env.config, 'shehong.supervisor', '510981-XFJ', ['supervisor']),
    });
    const web = withWeb(system);

    it("a supervisor finds an overdue case of the territory, issues a 督办 and reads the unit's answer", async () => {
      const routing = system.system.routing.url;
      const { caseNo } = await submitPetition(system.system.intake.url, samplePetition());
      const deadline = await eventually(async () => {
        const { rows } = await system.env.db.query<{ id: string }>(
          `SELECT id FROM notify.deadline
         WHERE case_no = $1 AND unit_code = $2 AND kind = 'ACCEPTANCE' AND status = 'OPEN'`,
          [caseNo, HOUSING_BUREAU],
        );
        return rows[0];
      }, 'the housing bureau’s clock on the routed case');
      // Time passes: the last day to accept ended two days ago.
      await system.env.db.query(
        `UPDATE notify.deadline SET due_at = now() - interval '2 days' WHERE id = $1`,
        [deadline.id],
      );

      // The list is the territory's: the city's supervisor sees the case, another county's does
      // not, a handler may not ask; and it holds no personal data.
      const urgent = async (username: string) =>
        request<UrgentPage>('GET', `${routing}/api/v1/supervision/urgent?pageSize=100`, {
          token: await login(routing, username),
        });
      const city = await urgent('suining.supervisor');
      assert.equal(city.status, 200);
      const listed = city.body.items.find((item) => item.caseNo === caseNo);
      assert.deepEqual(
        listed && {
          unit: listed.unit.code,
          kind: listed.kind,
          state: listed.state,
          leads: listed.leads,
        },
        { unit: HOUSING_BUREAU, kind: 'ACCEPTANCE', state: 'RED', leads: true },
      );
      for (const secret of SAMPLE_PERSONAL_DATA) {
        assert.ok(!JSON.stringify(city.body).includes(secret), secret);
      }
      const elsewhere = await urgent('shehong.supervisor');
      assert.equal(elsewhere.status, 200);
      assert.ok(!elsewhere.body.items.some((item) => item.caseNo === caseNo));
      assert.equal((await urgent('chuanshan.housing')).status, 403);

      const context = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await staffPage(context, web.url, 'suining.supervisor');
      await page.getByRole('link', { name: '督查', exact: true }).click();
      const row = page.getByRole('row').filter({ hasText: caseNo });
      const light = row.getByTestId('urgency');
      await light.waitFor();
      assert.equal(await light.getAttribute('data-state'), 'RED');
      assert.equal(await light.textContent(), '超期2日');
      const rowText = (await row.textContent()) ?? '';
      assert.match(rowText, /船山区住房和城乡建设局/);
      assert.match(rowText, /受理告知/);
      assert.equal(
        await row.getByRole('link', { name: caseNo }).getAttribute('href'),
        `/staff/cases/${caseNo}`,
      );
      assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA on the list');

      const openCase = () => row.getByRole('button', { name: `${caseNo}的督办与回复` }).click();
      await openCase();
      const drawer = page.getByRole('dialog');
      await drawer.getByText('本件尚无督办单').waitFor();
      // The form checks what the API checks before sending.
      await drawer.getByLabel('督办事由及要求').fill('请办');
      await drawer.getByRole('button', { name: '发出督办' }).click();
      await drawer.getByText('应为5至2000个字').waitFor();
      await drawer.getByLabel('督办事由及要求').fill(INSTRUCTIONS);
      await drawer.getByRole('button', { name: '发出督办' }).click();
      const notice = drawer.getByTestId('supervision-notice');
      await notice.filter({ hasText: INSTRUCTIONS }).waitFor();
      assert.equal(await notice.getAttribute('data-status'), 'OPEN');
      assert.match((await notice.textContent()) ?? '', /待回复.*督查人员督办/);
      await row.getByText('待回复1件').waitFor();
      assert.deepEqual(await accessibilityViolations(page), [], 'WCAG 2 AA with the notice open');

      const { rows: issued } = await system.env.db.query<{
        id: string;
        unit_code: string;
        source: string;
        status: string;
        issued_by: string;
        instructions: string;
      }>(
        `SELECT id, unit_code, source, status, issued_by, instructions
         FROM routing.supervision WHERE case_no = $1`,
        [caseNo],
      );
      const [saved] = issued;
      assert.ok(saved && issued.length === 1, 'one notice');
      assert.deepEqual(saved, {
        id: saved.id,
        unit_code: HOUSING_BUREAU,
        source: 'SUPERVISOR',
        status: 'OPEN',
        issued_by: await staffAccountId(system.env.db, 'suining.supervisor'),
        instructions: INSTRUCTIONS,
      });

      // The housing bureau answers on its own case page.
      const unitContext = await web.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const housing = await staffPage(unitContext, web.url, 'chuanshan.housing');
      await housing.goto(`${web.url}/staff/cases/${caseNo}`);
      const toAnswer = housing.getByTestId('case-supervision');
      await toAnswer.getByText(INSTRUCTIONS).waitFor();
      await toAnswer.getByText('待答复').waitFor();
      assert.deepEqual(await accessibilityViolations(housing), [], 'the case page with its 督办');
      await toAnswer.getByLabel('督办答复（办理情况）').fill(ANSWER);
      await toAnswer.getByRole('button', { name: '提交答复' }).click();
      await toAnswer.getByText('已答复').waitFor();
      const { rows: answered } = await system.env.db.query<{ status: string; answer: string }>(
        'SELECT status, answer FROM routing.supervision WHERE id = $1',
        [saved.id],
      );
      assert.deepEqual(answered, [{ status: 'ANSWERED', answer: ANSWER }]);
      await unitContext.close();

      // The supervisor opens the case again and reads the answer.
      await drawer.getByRole('button', { name: '关闭' }).click();
      await drawer.waitFor({ state: 'hidden' });
      // Closing reads the list again: the notice is no longer awaiting an answer.
      await row.getByText('待回复1件').waitFor({ state: 'detached' });
      await openCase();
      await page.getByTestId('supervision-answer').filter({ hasText: ANSWER }).waitFor();
      assert.equal(await notice.getAttribute('data-status'), 'ANSWERED');
      assert.match((await notice.textContent()) ?? '', /已回复/);
      await page.getByRole('tab', { name: '统计' }).waitFor();
      await context.close();
    });
  },
);
