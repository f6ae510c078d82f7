import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idNumberCheckChar } from '#common';
import { eventually } from './support/eventually.js';
import { distinctPetitioner, login, request, samplePetition } from './support/http.js';
import { withSystem } from './support/system.js';

const person = (n: number) => {
  const body = `51090319800101${String(n).padStart(3, '0')}`;
  return { name: `业主${n}`, idNumber: body + idNumberCheckChar(body), phone: `1390000000${n}` };
};

/** Three different owners of one unfinished estate, in their own words. */
const OWNERS = [
  {
    title: '锦绣华庭逾期一年不交房',
    content:
      '锦绣华庭7栋业主，合同约定2024年底交房，工地停工一年多，开发商锦泰置业拖延不复工，请求政府督促复工交房。',
  },
  {
    title: '锦绣华庭项目烂尾，请求保交楼',
    content:
      '我们是锦绣华庭8栋购房户，项目停工，塔吊拆了，预售资金去向不明，请把锦绣华庭纳入保交楼，尽快复工交房。',
  },
  {
    title: '锦绣华庭何时复工交房',
    content:
      '锦绣华庭停工逾期交房，每月还房贷又租房，压力很大，请求督促开发商复工，给业主交房时间表。',
  },
];
const UNRELATED = {
  title: '锦绣华庭小区门口路灯不亮',
  content: '锦绣华庭小区门口市政道路路灯坏了两个月，晚上很黑，请求修复路灯。',
};

describe('hotspots (热点): one problem brought by many people', { timeout: 180_000 }, () => {
  const sut = withSystem({ demo: true });

  const submit = async (matter: object, petitioner: object, personCount = 1) => {
    const response = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      {
        body: samplePetition({ ...matter, personCount, petitioners: [petitioner] }),
      },
    );
    assert.equal(response.status, 201);
    return response.body.caseNo;
  };
  const hotspotOf = async (caseNo: string) =>
    (
      await sut.env.db.query<{ hotspot_id: string | null }>(
        'SELECT hotspot_id FROM intake.petition WHERE case_no = $1',
        [caseNo],
      )
    ).rows[0]?.hotspot_id;
  const notices = (template: string) =>
    sut.env.db.query<{ recipient: string; status: string }>(
      'SELECT recipient, status FROM notify.notification WHERE template = $1 ORDER BY recipient',
      [template],
    );

  const routed = async (caseNo: string) =>
    eventually(async () => {
      const { rowCount } = await sut.env.db.query(
        `SELECT 1 FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`,
        [caseNo],
      );
      return rowCount === 1;
    }, `${caseNo} to be routed`);

  it('links the owners of one estate, raises the third, tells the units; leaves other matters out', async () => {
    const first = await submit(OWNERS[0] ?? {}, person(1));
    assert.equal(await hotspotOf(first), null, 'one petition is not a hotspot');
    const second = await submit(OWNERS[1] ?? {}, person(2));
    const hotspot = await hotspotOf(second);
    assert.ok(hotspot);
    assert.equal(await hotspotOf(first), hotspot);
    assert.equal((await notices('hotspot.raised')).rows.length, 0, 'two cases are not raised yet');

    const unrelated = await submit(UNRELATED, person(4));
    assert.equal(await hotspotOf(unrelated), null, 'same estate, another matter');

    // The units holding the first two cases are known before the third raises the hotspot.
    await routed(first);
    await routed(second);
    const third = await submit(OWNERS[2] ?? {}, person(3));
    assert.equal(await hotspotOf(third), hotspot);
    const { rows } = await sut.env.db.query<{ case_count: number; raised_at: Date | null }>(
      'SELECT case_count, raised_at FROM intake.hotspot WHERE id = $1',
      [hotspot],
    );
    const [state] = rows;
    assert.ok(state);
    assert.equal(state.case_count, 3);
    assert.ok(state.raised_at);
    const raised = await eventually(async () => {
      const result = await notices('hotspot.raised');
      return result.rows.length > 0 && result.rows.every((r) => r.status === 'SENT') && result.rows;
    }, 'the hotspot notices');
    // The territory's petition bureau, the housing bureau leading the cases, the street office.
    assert.deepEqual(
      raised.map((r) => r.recipient),
      ['510903-XFJ', '510903-ZJJ', '510903012-GOV'],
    );

    const supervisor = await login(sut.system.routing.url, 'admin');
    const listed = await request<{ total: number }>(
      'GET',
      `${sut.system.intake.url}/api/v1/petitions?hotspot=true`,
      { token: supervisor },
    );
    assert.equal(listed.body.total, 3);
  });

  it('a collective petition (5+ people) is raised to the territory petition bureau once confirmed', async () => {
    const caseNo = await submit(
      {
        title: '射洪市某厂职工集体反映拖欠工资',
        content: '我们30多名职工被拖欠半年工资，厂里停产，老板失联，请求政府协调解决。',
        divisionCode: '510981001',
      },
      person(5),
      32,
    );
    // From the online form it is a claim until the territory's registrar confirms it.
    const confirmed = await request(
      'POST',
      `${sut.system.intake.url}/api/v1/petitions/${caseNo}/collective-confirmation`,
      { token: await login(sut.system.routing.url, 'shehong.handler') },
    );
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    const collective = await eventually(async () => {
      const result = await notices('petition.collective');
      return result.rows.length > 0 && result.rows.every((r) => r.status === 'SENT') && result.rows;
    }, 'the collective notice');
    // Raised perhaps before routing has chosen the units that handle it:
    // always the territory's petition bureau, and no unit but those.
    const recipients = collective.map((r) => r.recipient);
    assert.ok(recipients.includes('510981-XFJ'));
    for (const recipient of recipients) {
      assert.ok(['510981-XFJ', '510981-RSJ', '510981001-GOV'].includes(recipient), recipient);
    }
  });

  it('takes many owners of one estate at once: every petition registered, all in one hotspot', async () => {
    // Concurrent registrations find the same neighbours and link them; none may fail on a lock
    // cycle (they did, under load, before linking was ordered).
    const texts = [
      {
        title: '翠湖名苑烂尾停工',
        content: '翠湖名苑项目停工两年，开发商失联，业主无法收房，请求政府介入复工。',
      },
      {
        title: '翠湖名苑何时交房',
        content: '翠湖名苑停工逾期交房，业主每月还贷又租房，请求督促复工交房。',
      },
      {
        title: '翠湖名苑保交楼',
        content: '请求将翠湖名苑纳入保交楼项目，尽快复工，保障业主权益。',
      },
    ];
    const caseNos = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        submit(texts[i % texts.length] ?? {}, distinctPetitioner(500 + i)),
      ),
    );
    const hotspots = new Set(await Promise.all(caseNos.map(hotspotOf)));
    assert.ok(!hotspots.has(null), 'every one linked');
  });
});
