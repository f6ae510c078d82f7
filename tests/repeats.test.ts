import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { login, request, samplePetition } from './support/http.js';
import { createStaff } from './support/staff.js';
import {
  startSystem,
  stopSystem,
  type ServiceName,
  type ServiceProcess,
} from './support/processes.js';

type Receipt = { caseNo: string; queryCode: string; repeatOf?: string };

const WAGES = {
  title: '反映涪江壹号项目拖欠农民工工资问题',
  content:
    '我在射洪市太和街道涪江壹号项目工地做钢筋工，包工头周某拖欠工资38600元，有欠条。项目部说劳务费已拨给川顺公司，川顺公司推说在对账。请求政府督促支付欠薪。',
  divisionCode: '510981001',
  address: '射洪市太和街道涪江壹号项目工地',
};
const WAGES_AGAIN = {
  ...WAGES,
  title: '涪江壹号工地欠薪至今未解决',
  content:
    '上个月反映的涪江壹号项目拖欠我钢筋工工资38600元的事情，川顺公司和包工头周某到现在还没给钱，请政府抓紧督促支付拖欠的农民工工资。',
};
const NOISE = {
  ...WAGES,
  title: '太和街道某小区夜间施工噪音扰民',
  content:
    '小区旁边的工地每天晚上十一点以后还在施工，搅拌机和打桩声音很大，老人孩子无法休息，请求环保部门查处夜间违规施工。',
};
const person = { name: '谭国富', idNumber: '51098119690122885X', phone: '15571461056' };
const neighbour = { name: '刘德明', idNumber: '510981197203150017', phone: '13881726354' };

describe('repeat petitions (重复信访) are linked to the open case', { timeout: 180_000 }, () => {
  let env: TestEnvironment;
  let system: Record<ServiceName, ServiceProcess>;
  let original: Receipt;

  const submit = async (matter: object, petitioner: object) => {
    const response = await request<Receipt>(
      'POST',
      `${system.intake.url}/api/v1/public/petitions`,
      {
        body: samplePetition({ ...matter, petitioners: [petitioner] }),
      },
    );
    assert.equal(response.status, 201);
    return response.body;
  };
  const petition = async (caseNo: string) =>
    (
      await env.db.query<{ status: string; repeat_count: number }>(
        'SELECT status, repeat_count FROM intake.petition WHERE case_no = $1',
        [caseNo],
      )
    ).rows[0];
  const assignments = async (caseNo: string) =>
    (
      await env.db.query(`SELECT 1 FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`, [
        caseNo,
      ])
    ).rowCount;

  before(async () => {
    env = await createTestEnvironment({ demo: true });
    // Unpaid wages in 射洪市 are the labour bureau's.
    await createStaff(env.config, 'shehong.labour', '510981-RSJ', ['handler']);
    system = await startSystem(env.env);
    original = await submit(WAGES, person);
    await eventually(
      async () => (await assignments(original.caseNo)) === 1,
      'the original assigned',
    );
  });

  after(async () => {
    await stopSystem(system);
    await env.dispose();
  });

  it('the same person about the same matter: linked, counted, not routed, the unit told', async () => {
    const again = await submit(WAGES_AGAIN, person);
    assert.equal(again.repeatOf, original.caseNo);
    assert.equal((await petition(again.caseNo))?.status, 'REPEAT');
    assert.equal((await petition(original.caseNo))?.repeat_count, 1);
    await eventually(async () => {
      const { rows } = await env.db.query<{ recipient: string; status: string }>(
        `SELECT recipient, status FROM notify.notification WHERE template = 'petition.repeated'`,
      );
      return rows.length === 1 && rows[0]?.status === 'SENT' && rows;
    }, 'the unit holding the case to be told');
    assert.equal(await assignments(again.caseNo), 0);

    const handler = await login(system.routing.url, 'shehong.labour');
    const view = await request<{ petition: { repeatCount: number }; timeline: { type: string }[] }>(
      'GET',
      `${system.intake.url}/api/v1/petitions/${original.caseNo}`,
      { token: handler },
    );
    assert.equal(view.body.petition.repeatCount, 1);
    assert.ok(view.body.timeline.some((t) => t.type === 'petition.repeated'));
  });

  it('the same person about another matter: a new case', async () => {
    const other = await submit(NOISE, person);
    assert.equal(other.repeatOf, undefined);
    await eventually(async () => (await assignments(other.caseNo)) === 1, 'the new case routed');
  });

  it('another person about the same matter: not a repeat of someone else', async () => {
    const theirs = await submit(WAGES_AGAIN, neighbour);
    assert.equal(theirs.repeatOf, undefined);
  });

  it('without an ID number, the phone identifies the caller', async () => {
    const registrar = await login(system.routing.url, 'shehong.handler');
    const caller = { name: '匿名来电人', phone: '13990876543' };
    const register = (matter: object) =>
      request<Receipt>('POST', `${system.intake.url}/api/v1/petitions`, {
        token: registrar,
        body: { ...samplePetition({ ...matter, petitioners: [caller] }), channel: 'PHONE' },
      });
    const first = await register(WAGES);
    assert.equal(first.status, 201);
    assert.equal(first.body.repeatOf, undefined, 'a new caller');
    const second = await register(WAGES_AGAIN);
    assert.equal(second.body.repeatOf, first.body.caseNo);
  });
});
