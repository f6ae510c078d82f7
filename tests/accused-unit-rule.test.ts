import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from './support/eventually.js';
import { distinctPetitioner, request } from './support/http.js';
import { withSystem } from './support/system.js';
import { createStaff, signedIn } from './support/staff.js';

interface AssignmentRow {
  unit_code: string;
  role: string;
  stage: string;
  status: string;
  rule: string;
}

interface AccusedView {
  parties: {
    kind: string;
    nameAsWritten: string;
    position: string | null;
    unitCode: string | null;
    source: string;
  }[];
  corrections: { before: unknown[]; after: unknown[]; reason: string }[];
}

const POLICE_BRIBE = {
  title: '举报派出所民警索要好处费',
  content:
    '慈音街道派出所民警王某某在给我办理户口迁移时，向我索要好处费两千元，不给就一直拖着不办。请上级调查处理。',
  divisionCode: '510903012',
  address: '遂宁市船山区慈音街道',
  personCount: 1,
};
const HOUSING = {
  title: '小区逾期不交房',
  content: '我是锦绣华庭7栋的购房业主，合同约定2024年底交房，至今未交房，请求政府督促开发商复工。',
  divisionCode: '510903',
  address: '遂宁市船山区锦绣华庭',
  personCount: 1,
};
const REPLY = '经调查核实，开发商已于本月复工，预计明年三月交房，我局将每月督促进度并公示。';

/**
 * The accused-unit rule (libs/common accused-units.ts) on every path that gives a case to a unit:
 * automatic routing, co-handlers, transfer requests and their approval, a dispatcher's triage
 * decision, 复查 and supervision; and a correction of the accused parties that takes the case back
 * from a unit it turns out to accuse.
 */
describe('the accused-unit rule', { timeout: 300_000 }, () => {
  const sut = withSystem({
    demo: true,
    prepare: async (env) => {
      await createStaff(env.config, 'jw.handler', '510903-JW', ['handler']);
      await createStaff(env.config, 'county.handler', '510903-GOV', ['handler']);
      await createStaff(env.config, 'zjj.handler', '510903-ZJJ', ['handler']);
    },
  });
  const tokens = signedIn(sut, [
    'suining.registrar',
    'suining.supervisor',
    'jw.handler',
    'county.handler',
    'zjj.handler',
  ]);
  let n = 0;

  async function register(matter: Record<string, unknown>) {
    n++;
    const response = await request<{ caseNo: string; queryCode: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/petitions`,
      {
        token: tokens['suining.registrar'],
        body: { ...matter, channel: 'LETTER', petitioners: [distinctPetitioner(7000 + n)] },
      },
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }
  const assignments = async (caseNo: string) =>
    (
      await sut.env.db.query<AssignmentRow>(
        `SELECT unit_code, role, stage, status, rule FROM routing.assignment
         WHERE case_no = $1 ORDER BY assigned_at`,
        [caseNo],
      )
    ).rows;
  const routed = (caseNo: string) =>
    eventually(async () => {
      const rows = await assignments(caseNo);
      return rows.some((a) => a.role === 'LEAD') && rows;
    }, `case ${caseNo} to be routed`);
  const act = (user: string, caseNo: string, action: string, body: unknown = {}) =>
    request('POST', `${sut.system.routing.url}/api/v1/workbench/cases/${caseNo}/${action}`, {
      token: tokens[user],
      body,
    });
  const correct = (caseNo: string, parties: unknown[], reason = '登记时核实了被举报对象') =>
    request<{ withdrawn: string[] } & AccusedView>(
      'PUT',
      `${sut.system.routing.url}/api/v1/cases/${caseNo}/accused-parties`,
      { token: tokens['suining.supervisor'], body: { parties, reason } },
    );
  const assertRefused = (response: { status: number; body: unknown }) => {
    assert.equal(response.status, 409, JSON.stringify(response.body));
    const body = response.body as { code: string; messages: { zh: string; en: string } };
    assert.equal(body.code, 'ACCUSED_UNIT');
    assert.match(body.messages.zh, /检举控告材料不得转交被检举控告的单位/);
    assert.match(body.messages.en, /never go to the accused unit/);
  };

  it('keeps an automatically routed case from the accused official’s unit and records the accused', async () => {
    // Given as a public-security request, the rules would give it to the county police: the
    // police officer it accuses belongs there, so the superior takes it.
    const { caseNo } = await register({
      ...POLICE_BRIBE,
      nature: 'REQUEST',
      category: 'PUBLIC_SECURITY',
    });
    const rows = await routed(caseNo);
    const lead = rows.find((a) => a.role === 'LEAD');
    assert.equal(lead?.unit_code, '510903-GOV');
    assert.equal(lead.rule, 'ACCUSED_UNIT_SUPERIOR');
    assert.ok(!rows.some((a) => a.unit_code === '510903-GAJ'), JSON.stringify(rows));

    const view = await request<AccusedView>(
      'GET',
      `${sut.system.routing.url}/api/v1/cases/${caseNo}/accused-parties`,
      { token: tokens['suining.registrar'] },
    );
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.deepEqual(
      view.body.parties.map(({ kind, position, unitCode, source }) => ({
        kind,
        position,
        unitCode,
        source,
      })),
      [{ kind: 'OFFICIAL', position: '民警', unitCode: '510903-GAJ', source: 'TEXT' }],
    );
  });

  it('sends an accusation of an official to discipline inspection and refuses the accused unit as co-handler or transfer target', async () => {
    const { caseNo } = await register({
      ...POLICE_BRIBE,
      nature: 'ACCUSATION',
      category: 'DISCIPLINE',
    });
    const rows = await routed(caseNo);
    assert.deepEqual(
      rows.map((a) => [a.unit_code, a.role, a.rule]),
      [['510903-JW', 'LEAD', 'ACCUSED_OFFICIAL']],
    );
    assertRefused(await act('jw.handler', caseNo, 'co-handlers', { unitCodes: ['510903-GAJ'] }));
    assertRefused(
      await act('jw.handler', caseNo, 'transfer', {
        unitCode: '510903-GAJ',
        reason: '属公安机关管辖',
      }),
    );
    // Another unit is not barred.
    const added = await act('jw.handler', caseNo, 'co-handlers', { unitCodes: ['510903-ZJJ'] });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(
      (await assignments(caseNo)).map((a) => a.unit_code),
      ['510903-JW', '510903-ZJJ'],
    );
  });

  it('refuses to approve a transfer to a unit named accused after it was requested', async () => {
    const { caseNo } = await register({ ...HOUSING, nature: 'REQUEST', category: 'HOUSING' });
    await routed(caseNo);
    const requested = await act('zjj.handler', caseNo, 'transfer', {
      unitCode: '510903-ZRZYJ',
      reason: '涉及土地出让，属自然资源部门职责',
    });
    assert.equal(requested.status, 200, JSON.stringify(requested.body));
    const corrected = await correct(caseNo, [
      { kind: 'UNIT', nameAsWritten: '区自然资源局', unitCode: '510903-ZRZYJ' },
    ]);
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
    const decision = await request(
      'POST',
      `${sut.system.routing.url}/api/v1/transfers/${String(requested.body['transferId'])}/decision`,
      { token: tokens['suining.supervisor'], body: { approve: true } },
    );
    assertRefused(decision);
    assert.ok(!(await assignments(caseNo)).some((a) => a.unit_code === '510903-ZRZYJ'));
  });

  it('takes a case back from a unit a correction names, and refuses the triage decision to give it back', async () => {
    const { caseNo } = await register({ ...HOUSING, nature: 'REQUEST', category: 'HOUSING' });
    await routed(caseNo);
    assert.equal((await act('zjj.handler', caseNo, 'accept')).status, 200);

    const corrected = await correct(
      caseNo,
      [{ kind: 'OFFICIAL', nameAsWritten: '住建局张某', position: '科长', unitCode: '510903-ZJJ' }],
      '来信第二页举报住建局科长收受开发商财物',
    );
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
    assert.deepEqual(corrected.body.withdrawn, ['510903-ZJJ']);
    const rows = await assignments(caseNo);
    assert.deepEqual(
      rows.map((a) => [a.unit_code, a.status]),
      [['510903-ZJJ', 'WITHDRAWN']],
    );
    const file = await sut.env.db.query<{ awaiting_triage: boolean; triage_reason: string }>(
      'SELECT awaiting_triage, triage_reason FROM routing.case_file WHERE case_no = $1',
      [caseNo],
    );
    assert.deepEqual(file.rows[0], { awaiting_triage: true, triage_reason: 'ACCUSED_UNIT' });
    await eventually(async () => {
      const { rows: petitions } = await sut.env.db.query<{ status: string }>(
        'SELECT status FROM intake.petition WHERE case_no = $1',
        [caseNo],
      );
      return petitions[0]?.status === 'AWAITING_TRIAGE';
    }, 'intake to see the case back in triage');
    // The correction is on record, with what it replaced and why.
    const view = await request<AccusedView>(
      'GET',
      `${sut.system.routing.url}/api/v1/cases/${caseNo}/accused-parties`,
      { token: tokens['suining.supervisor'] },
    );
    assert.deepEqual(
      view.body.parties.map((p) => [p.source, p.unitCode]),
      [['STAFF', '510903-ZJJ']],
    );
    assert.equal(view.body.corrections.length, 1);
    assert.equal(view.body.corrections[0]?.reason, '来信第二页举报住建局科长收受开发商财物');

    const decide = (unitCode: string) =>
      request('POST', `${sut.system.routing.url}/api/v1/triage/${caseNo}/decision`, {
        token: tokens['suining.supervisor'],
        body: { nature: 'ACCUSATION', category: 'DISCIPLINE', unitCode },
      });
    assertRefused(await decide('510903-ZJJ'));
    const decided = await decide('510903-JW');
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
  });

  it('sends 复查 past a superior the petition accuses, and refuses supervision of an accused unit', async () => {
    const receipt = await register({ ...HOUSING, nature: 'REQUEST', category: 'HOUSING' });
    const { caseNo } = receipt;
    await routed(caseNo);
    assert.equal((await act('zjj.handler', caseNo, 'accept')).status, 200);
    assert.equal((await act('zjj.handler', caseNo, 'conclude', { reply: REPLY })).status, 200);
    // The county government is accused: its review (复查) goes to the prefecture's.
    const corrected = await correct(caseNo, [
      { kind: 'OFFICIAL', nameAsWritten: '副区长李某', position: '副区长', unitCode: '510903-GOV' },
    ]);
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
    await eventually(async () => {
      const { rows } = await sut.env.db.query<{ status: string }>(
        'SELECT status FROM intake.petition WHERE case_no = $1',
        [caseNo],
      );
      return rows[0]?.status === 'CONCLUDED';
    }, 'the conclusion to reach intake');
    const review = await request(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions/${caseNo}/review-requests?queryCode=${receipt.queryCode}`,
      { body: { reason: '对处理意见不满意，申请复查' } },
    );
    assert.equal(review.status, 201, JSON.stringify(review.body));
    const reviewer = await eventually(async () => {
      const rows = await assignments(caseNo);
      return rows.find((a) => a.stage === 'REVIEW');
    }, 'a review body');
    assert.equal(reviewer.unit_code, '510900-GOV');

    // A unit named accused while it holds a case cannot be put under supervision for it.
    const held = await register({ ...HOUSING, nature: 'REQUEST', category: 'HOUSING' });
    await routed(held.caseNo);
    await sut.env.db.query(
      `INSERT INTO routing.accused_party
         (id, petition_id, kind, name_as_written, unit_code, source, recorded_at)
       SELECT gen_random_uuid(), petition_id, 'UNIT', '住建局', '510903-ZJJ', 'STAFF', now()
       FROM routing.case_file WHERE case_no = $1`,
      [held.caseNo],
    );
    assertRefused(
      await request('POST', `${sut.system.routing.url}/api/v1/supervision`, {
        token: tokens['suining.supervisor'],
        body: { caseNo: held.caseNo, instructions: '请加快办理进度' },
      }),
    );
  });

  it('names the field and the rule when a correction is malformed', async () => {
    const { caseNo } = await register({ ...HOUSING, nature: 'REQUEST', category: 'HOUSING' });
    await routed(caseNo);
    const unknown = await correct(caseNo, [
      { kind: 'UNIT', nameAsWritten: '某局', unitCode: 'NO-SUCH-UNIT' },
    ]);
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.equal(
      (unknown.body as unknown as { errors: { field: string }[] }).errors[0]?.field,
      'parties[0].unitCode',
    );
    const noUnit = await correct(caseNo, [{ kind: 'UNIT', nameAsWritten: '某局' }]);
    assert.equal(noUnit.status, 400, JSON.stringify(noUnit.body));
    // Handlers of units do not correct accused parties.
    const handler = await request(
      'PUT',
      `${sut.system.routing.url}/api/v1/cases/${caseNo}/accused-parties`,
      {
        token: tokens['zjj.handler'],
        body: { parties: [], reason: '无被举报对象' },
      },
    );
    assert.equal(handler.status, 403);
  });
});
