import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { eventually } from './support/eventually.js';
import { WAGES, WAGES_AGAIN } from './support/fixtures.js';
import { login, request, samplePetition } from './support/http.js';
import { createStaff } from './support/staff.js';
import { withSystem } from './support/system.js';

type Receipt = { caseNo: string; queryCode: string; repeatOf?: string };

/** What it joined, as staff see it: the public receipt never says (no oracle). */
const REPEAT_OF = `SELECT o.case_no FROM intake.petition p LEFT JOIN intake.petition o ON o.id = p.repeat_of
   WHERE p.case_no = $1`;

const NOISE = {
  ...WAGES,
  title: '太和街道某小区夜间施工噪音扰民',
  content:
    '小区旁边的工地每天晚上十一点以后还在施工，搅拌机和打桩声音很大，老人孩子无法休息，请求环保部门查处夜间违规施工。',
};
const person = { name: '谭国富', idNumber: '51098119690122885X', phone: '15571461056' };
const neighbour = { name: '刘德明', idNumber: '510981197203150017', phone: '13881726354' };

describe('repeat petitions (重复信访) are linked to the open case', { timeout: 180_000 }, () => {
  const sut = withSystem({
    demo: true,
    prepare: async (env) => {
      // Unpaid wages in 射洪市 are the labour bureau's.
      await createStaff(env.config, 'shehong.labour', '510981-RSJ', ['handler']);
    },
  });
  let original: Receipt;

  const submit = async (matter: object, petitioner: object) => {
    const response = await request<Receipt>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      {
        body: samplePetition({ ...matter, petitioners: [petitioner] }),
      },
    );
    assert.equal(response.status, 201);
    assert.deepEqual(Object.keys(response.body).sort(), ['caseNo', 'queryCode']);
    const [linked] = (
      await sut.env.db.query<{ case_no: string | null }>(REPEAT_OF, [response.body.caseNo])
    ).rows;
    return { ...response.body, repeatOf: linked?.case_no ?? undefined };
  };
  const petition = async (caseNo: string) =>
    (
      await sut.env.db.query<{ status: string; repeat_count: number }>(
        'SELECT status, repeat_count FROM intake.petition WHERE case_no = $1',
        [caseNo],
      )
    ).rows[0];
  const assignments = async (caseNo: string) =>
    (
      await sut.env.db.query(
        `SELECT 1 FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`,
        [caseNo],
      )
    ).rowCount;

  before(async () => {
    original = await submit(WAGES, person);
    await eventually(
      async () => (await assignments(original.caseNo)) === 1,
      'the original assigned',
    );
  });

  it('the same person about the same matter: linked, counted, not routed, the unit told', async () => {
    const again = await submit(WAGES_AGAIN, person);
    assert.equal(again.repeatOf, original.caseNo);
    assert.equal((await petition(again.caseNo))?.status, 'REPEAT');
    assert.equal((await petition(original.caseNo))?.repeat_count, 1);
    await eventually(async () => {
      const { rows } = await sut.env.db.query<{ recipient: string; status: string }>(
        `SELECT recipient, status FROM notify.notification WHERE template = 'petition.repeated'`,
      );
      return rows.length === 1 && rows[0]?.status === 'SENT' && rows;
    }, 'the unit holding the case to be told');
    assert.equal(await assignments(again.caseNo), 0);

    const handler = await login(sut.system.routing.url, 'shehong.labour');
    const view = await request<{ petition: { repeatCount: number }; timeline: { type: string }[] }>(
      'GET',
      `${sut.system.intake.url}/api/v1/petitions/${original.caseNo}`,
      { token: handler },
    );
    assert.equal(view.body.petition.repeatCount, 1);
    assert.ok(view.body.timeline.some((t) => t.type === 'petition.repeated'));
  });

  it('the same matter after its answer: a new case for the unit that answered it, linked', async () => {
    const veteran = { name: '石永福', idNumber: '510981196603080017', phone: '13908251234' };
    const first = await submit(WAGES, veteran);
    await eventually(async () => (await assignments(first.caseNo)) === 1, 'the first routed');
    const handler = await login(sut.system.routing.url, 'shehong.labour');
    const act = (action: string, body: object = {}) =>
      request(
        'POST',
        `${sut.system.routing.url}/api/v1/workbench/cases/${first.caseNo}/${action}`,
        {
          token: handler,
          body,
        },
      );
    assert.equal((await act('accept')).status, 200);
    const concluded = await act('conclude', {
      reply: '经调查，川顺公司已承诺于本月底前结清欠薪，劳动监察大队将跟踪督促。',
    });
    assert.equal(concluded.status, 200, JSON.stringify(concluded.body));
    await eventually(
      async () => (await petition(first.caseNo))?.status === 'CONCLUDED',
      'the first concluded',
    );

    const again = await submit(WAGES_AGAIN, veteran);
    assert.equal(again.repeatOf, first.caseNo, 'linked to the answered case');
    assert.equal((await petition(first.caseNo))?.repeat_count, 1);
    const lead = await eventually(async () => {
      const { rows } = await sut.env.db.query<{ unit_code: string; rule: string }>(
        `SELECT unit_code, rule FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`,
        [again.caseNo],
      );
      return rows[0];
    }, 'the new matter routed');
    assert.deepEqual(lead, { unit_code: '510981-RSJ', rule: 'REPEAT_OF_CONCLUDED' });
    assert.notEqual((await petition(again.caseNo))?.status, 'REPEAT');
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
    const registrar = await login(sut.system.routing.url, 'shehong.handler');
    const caller = { name: '匿名来电人', phone: '13990876543' };
    const register = (matter: object) =>
      request<Receipt>('POST', `${sut.system.intake.url}/api/v1/petitions`, {
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
