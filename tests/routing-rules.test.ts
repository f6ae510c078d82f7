import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { idNumberCheckChar } from '#common';
import { eventually } from './support/eventually.js';
import { login, request, samplePetition } from './support/http.js';
import { createStaff } from './support/staff.js';
import { withSystem } from './support/system.js';

type Receipt = { caseNo: string; queryCode: string; repeatOf?: string };
interface Assignment {
  role: string;
  unit_code: string;
  rule: string;
}
interface TimelineEntry {
  type: string;
  data: Record<string, unknown>;
}
interface QueueItem {
  caseNo: string;
  triageReason: string;
  suggestion: {
    nature: string;
    category: string;
    confidence: number | null;
    evidence: { category: string[] } | null;
    unitCode: string | null;
  };
}

const person = (n: number) => {
  const body = `51090319750101${String(n).padStart(3, '0')}`;
  return {
    name: `信访人${n}`,
    idNumber: body + idNumberCheckChar(body),
    phone: `139${String(n).padStart(8, '0')}`,
  };
};

const VAGUE = {
  title: '我要反映情况',
  content: '就是那个事情，说了好几次了，到现在还是那个样子，你们到底管不管，诉求不清。',
  divisionCode: '510903',
};

describe('routing rules and the manual triage queue', { timeout: 240_000 }, () => {
  const sut = withSystem({
    demo: true,
    prepare: async (env) => {
      await createStaff(env.config, 'chuanshan.dispatcher2', '510903-XFJ', ['dispatcher']);
      await createStaff(env.config, 'shehong.dispatcher', '510981-XFJ', ['dispatcher']);
    },
  });
  let registrar: string;
  let dispatcher: string;
  let n = 0;

  /** Registers through the staff API, without a category, as the registrar of 船山区. */
  const register = async (matter: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    n++;
    const response = await request<Receipt>('POST', `${sut.system.intake.url}/api/v1/petitions`, {
      token: registrar,
      body: {
        ...samplePetition({ petitioners: [person(n)], ...matter }),
        channel: 'LETTER',
        ...extra,
      },
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.caseNo;
  };
  const caseFile = async (caseNo: string) =>
    (
      await sut.env.db.query<{
        awaiting_triage: boolean;
        triage_reason: string | null;
        major_reasons: string[];
      }>(
        'SELECT awaiting_triage, triage_reason, major_reasons FROM routing.case_file WHERE case_no = $1',
        [caseNo],
      )
    ).rows[0];
  const routed = (caseNo: string) =>
    eventually(async () => caseFile(caseNo), `${caseNo} to be routed`);
  const assignments = async (caseNo: string) =>
    (
      await sut.env.db.query<Assignment>(
        'SELECT role, unit_code, rule FROM routing.assignment WHERE case_no = $1 ORDER BY role DESC',
        [caseNo],
      )
    ).rows.map((a) => [a.role, a.unit_code, a.rule]);
  const timeline = async (caseNo: string) =>
    (
      await sut.env.db.query<TimelineEntry>(
        `SELECT t.type, t.data FROM routing.case_timeline_v1 t
         JOIN routing.case_file f ON f.petition_id = t.petition_id
         WHERE f.case_no = $1 ORDER BY t.occurred_at`,
        [caseNo],
      )
    ).rows;
  const decide = (caseNo: string, body: unknown, token = dispatcher) =>
    request('POST', `${sut.system.routing.url}/api/v1/triage/${caseNo}/decision`, {
      token,
      body,
    });
  const queue = async (token = dispatcher) =>
    (
      await request<{ items: QueueItem[]; total: number }>(
        'GET',
        `${sut.system.routing.url}/api/v1/triage`,
        { token },
      )
    ).body;

  before(async () => {
    registrar = await login(sut.system.routing.url, 'chuanshan.handler');
    dispatcher = await login(sut.system.routing.url, 'chuanshan.dispatcher');
  });

  it('sends an accusation against a district head to the prefecture discipline commission', async () => {
    const caseNo = await register({
      title: '实名举报船山区一名副区长违规干预工程招投标',
      content:
        '本人实名举报船山区人民政府副区长某某违规干预老旧小区改造工程招投标，为其亲属控制的公司谋利，收受好处费，请纪委监委调查。',
      divisionCode: '510903',
    });
    await routed(caseNo);
    assert.deepEqual(await assignments(caseNo), [['LEAD', '510900-JW', 'ACCUSED_COUNTY_LEADER']]);
    const assigned = (await timeline(caseNo)).find((t) => t.type === 'petition.assigned');
    const classification = assigned?.data.classification as
      { nature: string; category: string; evidence: { category: string[] } } | undefined;
    assert.equal(classification?.nature, 'ACCUSATION');
    assert.equal(classification.category, 'DISCIPLINE');
    // The evidence names what the phrase rules found: an official accused.
    assert.ok(
      classification.evidence.category.some((term) => /^r:accused|^举报:/.test(term)),
      classification.evidence.category.join(),
    );
    assert.equal(assigned?.data.accusedCountyLeader, '副区长');
  });

  it('sends a judgment not enforced to the political-legal committee and tells the petitioner the channel', async () => {
    const caseNo = await register({
      title: '法院判决生效两年仍未执行',
      content:
        '我起诉邻居损坏房屋，船山区人民法院判决对方赔偿三万元，判决生效后我申请强制执行，法院裁定终结本次执行，至今一分未得。',
      divisionCode: '510903012',
    });
    await routed(caseNo);
    // A legal channel, not a territorial matter: no township co-handler.
    assert.deepEqual(await assignments(caseNo), [
      ['LEAD', '510903-ZFW', 'LITIGATION_POLITICAL_LEGAL'],
    ]);
    const told = (await timeline(caseNo)).find((t) => t.type === 'petition.legal-channel');
    assert.equal(told?.data.channel, 'ENFORCEMENT');
    const guidance = told.data.guidance as { zh: string } | undefined;
    assert.match(guidance?.zh ?? '', /申请执行/);
  });

  it('shows the legal channel to the petitioner on the public case page', async () => {
    const response = await request<Receipt>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      {
        body: samplePetition({
          title: '借款纠纷判决后一直执行不了',
          content:
            '我借给朋友五万元，起诉到船山区人民法院，法院判决他还款，判决生效后我申请强制执行，法院裁定终结本次执行，到现在一分钱没拿到，想知道还能怎么办。',
          divisionCode: '510903',
          petitioners: [person(90)],
        }),
      },
    );
    assert.equal(response.status, 201);
    const { caseNo, queryCode } = response.body;
    const page = await eventually(async () => {
      const { body } = await request<{
        timeline: { type: string; data: Record<string, unknown> }[];
      }>(
        'GET',
        `${sut.system.intake.url}/api/v1/public/petitions/${caseNo}?queryCode=${queryCode}`,
      );
      return body.timeline.find((t) => t.type === 'petition.legal-channel');
    }, 'the legal channel on the public page');
    assert.equal(page.data.channel, 'ENFORCEMENT');
  });

  it('adds the street office of a township place as co-handler', async () => {
    const caseNo = await register({ divisionCode: '510903012' });
    await routed(caseNo);
    assert.deepEqual(await assignments(caseNo), [
      ['LEAD', '510903-ZJJ', 'CATEGORY_LEAD_DEPARTMENT'],
      ['CO_HANDLER', '510903012-GOV', 'TOWNSHIP_CO_HANDLER'],
    ]);
  });

  it('never gives an accusation to the housing bureau it accuses, but to its superior', async () => {
    // Nature and category as the registrar gave them: this is the rule, not the classifier.
    const caseNo = await register({
      title: '举报区住建局对违章建筑不作为',
      content:
        '我们小区楼顶有人私搭乱建彩钢房，违章建筑搭建了半年，多次向区住建局反映，住建局一直不作为、不处理，请上级部门查处。',
      divisionCode: '510903',
      nature: 'ACCUSATION',
      category: 'URBAN_RURAL_CONSTRUCTION',
    });
    await routed(caseNo);
    assert.deepEqual(await assignments(caseNo), [['LEAD', '510903-GOV', 'ACCUSED_UNIT_SUPERIOR']]);
    const assigned = (await timeline(caseNo)).find((t) => t.type === 'petition.assigned');
    assert.deepEqual(assigned?.data.instead, {
      unitCode: '510903-ZJJ',
      rule: 'ACCUSATION_REGULATOR',
    });
    assert.deepEqual(assigned.data.complainedAbout, ['住建局']);
  });

  it('flags collective and transferred petitions as major', async () => {
    const caseNo = await register(
      { personCount: 12 },
      {
        channel: 'TRANSFERRED',
        transfer: { sourceBody: '四川省信访局', referenceNo: 'SC-2026-0001' },
      },
    );
    const file = await routed(caseNo);
    assert.deepEqual(file.major_reasons, ['COLLECTIVE', 'FROM_ABOVE']);
    const flagged = (await timeline(caseNo)).find((t) => t.type === 'case.flagged-major');
    assert.deepEqual(flagged?.data, {
      reasons: ['COLLECTIVE', 'FROM_ABOVE'],
      transferredBy: '四川省信访局',
    });
  });

  it('flags a case major once it is repeated three times', async () => {
    const petitioner = person(80);
    const submit = (title: string) =>
      request<Receipt>('POST', `${sut.system.intake.url}/api/v1/public/petitions`, {
        body: samplePetition({ title, petitioners: [petitioner] }),
      });
    const original = (await submit('锦绣华庭逾期一年多不交房')).body.caseNo;
    await routed(original);
    for (const title of [
      '锦绣华庭还是不交房',
      '再次反映锦绣华庭不交房',
      '三次反映锦绣华庭不交房',
    ]) {
      const again = (await submit(title)).body;
      assert.equal(again.repeatOf, undefined, 'the public receipt never names another case');
      const linked = await sut.env.db.query<{ case_no: string }>(
        `SELECT o.case_no FROM intake.petition p JOIN intake.petition o ON o.id = p.repeat_of
         WHERE p.case_no = $1`,
        [again.caseNo],
      );
      assert.equal(linked.rows[0]?.case_no, original);
    }
    await eventually(
      async () => (await caseFile(original))?.major_reasons.includes('REPEATED'),
      'the case to be flagged as repeated',
    );
    assert.deepEqual((await caseFile(original))?.major_reasons, ['REPEATED']);
  });

  it('sends a petition it cannot make out to the triage queue, unassigned', async () => {
    const caseNo = await register(VAGUE);
    const file = await routed(caseNo);
    assert.equal(file.awaiting_triage, true);
    // Unsure, or sure that it is of no category: the bureau decides by hand either way.
    assert.ok(['LOW_CONFIDENCE', 'NO_RULE_APPLIES'].includes(file.triage_reason ?? ''));
    assert.deepEqual(await assignments(caseNo), []);
    await eventually(async () => {
      const { rows } = await sut.env.db.query<{ status: string }>(
        'SELECT status FROM intake.petition WHERE case_no = $1',
        [caseNo],
      );
      return rows[0]?.status === 'AWAITING_TRIAGE';
    }, 'intake to learn of the triage');

    const { items } = await queue();
    const waiting = items.find((item) => item.caseNo === caseNo);
    assert.ok(waiting);
    assert.equal(waiting.triageReason, file.triage_reason);
    assert.ok(waiting.suggestion.confidence !== null);
    assert.ok((waiting.suggestion.evidence?.category.length ?? 0) > 0);
    // Another county's dispatcher does not see it, nor can decide it.
    const elsewhere = await login(sut.system.routing.url, 'shehong.dispatcher');
    assert.ok(!(await queue(elsewhere)).items.some((item) => item.caseNo === caseNo));
    const foreign = await decide(
      caseNo,
      { nature: 'REQUEST', category: 'HOUSING', unitCode: '510903-ZJJ' },
      elsewhere,
    );
    assert.equal(foreign.status, 404);
  });

  it('assigns a case as the dispatcher decides and keeps the correction', async () => {
    const caseNo = await register(VAGUE);
    await routed(caseNo);
    const bad = await decide(caseNo, { nature: 'ASK', category: 'HOUSING', unitCode: 'NOWHERE' });
    assert.equal(bad.status, 400);
    const unknown = await decide(caseNo, {
      nature: 'REQUEST',
      category: 'HOUSING',
      unitCode: '510903-NOPE',
    });
    assert.equal(unknown.status, 400);
    assert.deepEqual(
      (unknown.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code]),
      [['unitCode', 'unit_unknown']],
    );
    const notDispatcher = await decide(
      caseNo,
      { nature: 'REQUEST', category: 'HOUSING', unitCode: '510903-ZJJ' },
      registrar,
    );
    assert.equal(notDispatcher.status, 403);

    const decided = await decide(caseNo, {
      nature: 'REQUEST',
      category: 'HOUSING',
      unitCode: '510903-ZJJ',
      reason: '来电回访确认为逾期交房问题',
    });
    assert.equal(decided.status, 200);
    assert.equal(decided.body.rule, 'DISPATCHER_DECISION');
    assert.deepEqual(await assignments(caseNo), [['LEAD', '510903-ZJJ', 'DISPATCHER_DECISION']]);
    const file = await caseFile(caseNo);
    assert.equal(file?.awaiting_triage, false);
    assert.equal(file.triage_reason, null);
    assert.ok(!(await queue()).items.some((item) => item.caseNo === caseNo));
    await eventually(async () => {
      const { rows } = await sut.env.db.query<{ status: string }>(
        'SELECT status FROM intake.petition WHERE case_no = $1',
        [caseNo],
      );
      return rows[0]?.status === 'ASSIGNED';
    }, 'intake to learn of the assignment');

    const { rows } = await sut.env.db.query<Record<string, unknown>>(
      `SELECT triage_reason, predicted_category, confirmed_nature, confirmed_category,
              confirmed_unit_code, reason
       FROM routing.classification_correction WHERE case_no = $1`,
      [caseNo],
    );
    const [row] = rows;
    assert.ok(row && rows.length === 1);
    assert.ok(['LOW_CONFIDENCE', 'NO_RULE_APPLIES'].includes(String(row.triage_reason)));
    assert.ok(row.predicted_category);
    assert.deepEqual(
      [row.confirmed_nature, row.confirmed_category, row.confirmed_unit_code],
      ['REQUEST', 'HOUSING', '510903-ZJJ'],
    );
    const corrections = await request<{
      summary: { decisions: number };
      items: { caseNo: string; confirmed: { unitCode: string } }[];
    }>('GET', `${sut.system.routing.url}/api/v1/triage/corrections`, { token: dispatcher });
    assert.equal(corrections.status, 200);
    assert.ok(corrections.body.summary.decisions >= 1);
    assert.equal(
      corrections.body.items.find((c) => c.caseNo === caseNo)?.confirmed.unitCode,
      '510903-ZJJ',
    );
  });

  it('tells the petitioner the legal channel when the dispatcher finds a litigation matter', async () => {
    const caseNo = await register({
      ...VAGUE,
      content: `${VAGUE.content}那个判决一直没有执行。`,
    });
    await routed(caseNo);
    const decided = await decide(caseNo, {
      nature: 'REQUEST',
      category: 'LITIGATION',
      unitCode: '510903-ZFW',
    });
    assert.equal(decided.status, 200);
    const told = (await timeline(caseNo)).find((t) => t.type === 'petition.legal-channel');
    assert.equal(told?.data.channel, 'ENFORCEMENT');
  });

  it('lets exactly one of two concurrent decisions on a case win', async () => {
    const caseNo = await register(VAGUE);
    await routed(caseNo);
    const other = await login(sut.system.routing.url, 'chuanshan.dispatcher2');
    const responses = await Promise.all([
      decide(caseNo, { nature: 'REQUEST', category: 'HOUSING', unitCode: '510903-ZJJ' }),
      decide(
        caseNo,
        { nature: 'REQUEST', category: 'URBAN_RURAL_CONSTRUCTION', unitCode: '510903-ZJJ' },
        other,
      ),
    ]);
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 409]);
    assert.equal((await assignments(caseNo)).length, 1);
    const { rows } = await sut.env.db.query(
      'SELECT 1 FROM routing.classification_correction WHERE case_no = $1',
      [caseNo],
    );
    assert.equal(rows.length, 1);
  });
});
