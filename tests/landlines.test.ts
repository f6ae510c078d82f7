import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from './support/eventually.js';
import { request, samplePetition } from './support/http.js';
import { signedInAs } from './support/staff.js';
import { withSystem } from './support/system.js';
import { TestSmsc } from './support/test-smsc.js';

type Receipt = { caseNo: string; queryCode: string; repeatOf?: string };

interface CallBack {
  id: string;
  caseNo: string;
  template: string;
  subject: string;
  text: string | null;
  owedSince: string;
  doneAt: string | null;
  attempts: number;
  phone?: string | null;
  calls?: { by: { username: string }; outcome: string; note: string | null }[];
}

// An older rural petitioner: a first-generation ID card and the village office's landline.
const CALLER = { name: '王德明', idNumber: '510903880901000', phone: '0825-2223344转801' };
/** The same person's ID number on a second-generation card. */
const CALLER_NEW_CARD = '510903198809010006';
const CALLER_PHONE = '0825-2223344-801';

describe('landline-only petitioners and first-generation ID numbers', { timeout: 180_000 }, () => {
  const smsc = new TestSmsc();
  const sut = withSystem({ demo: true, servers: [smsc] });
  const tokens = signedInAs(sut, {
    registrar: 'chuanshan.handler',
    housing: 'chuanshan.housing',
    otherRegistrar: 'shehong.handler',
    admin: 'admin',
  });
  let receipt: Receipt;

  const notify = (path: string) => `${sut.system.notify.url}/api/v1/${path}`;
  const callBacks = async (token: string, status = 'open') =>
    request<{ items: CallBack[]; total: number }>('GET', notify(`call-backs?status=${status}`), {
      token,
    });
  const petitionerNotices = async (caseNo: string) =>
    (
      await sut.env.db.query<{ channel: string }>(
        `SELECT n.channel FROM notify.notification n JOIN intake.petition p ON p.id = n.petition_id
         WHERE p.case_no = $1 AND n.recipient_kind = 'PETITIONER'`,
        [caseNo],
      )
    ).rows;

  it('takes an office landline as a unit’s contact phone, and then does not text it', async () => {
    const changed = await request<{ contactPhone: string }>(
      'PATCH',
      `${sut.system.routing.url}/api/v1/units/510903-ZJJ`,
      { token: tokens.admin, body: { contactPhone: '(0825)2223344', contactEmail: null } },
    );
    assert.equal(changed.status, 200);
    assert.equal(changed.body.contactPhone, '0825-2223344');
    const bad = await request<{ errors: { field: string; code: string }[] }>(
      'PATCH',
      `${sut.system.routing.url}/api/v1/units/510903-ZJJ`,
      { token: tokens.admin, body: { contactPhone: '2223344' } },
    );
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.errors.map((e) => [e.field, e.code]),
      [['contactPhone', 'phone_invalid']],
    );
  });

  it('takes a landline on a duty roster, shown masked', async () => {
    const [leader] = (
      await sut.env.db.query<{ id: string }>(
        `SELECT id FROM routing.staff_account WHERE username = 'chuanshan.leader'`,
      )
    ).rows;
    const saved = await request<{ entries: { phone: string }[] }>(
      'PUT',
      notify('duty-rosters/510903'),
      { token: tokens.admin, body: { entries: [{ staffId: leader?.id, phone: '0825-2223344' }] } },
    );
    assert.equal(saved.status, 200);
    assert.deepEqual(
      saved.body.entries.map((e) => e.phone),
      ['0825-***3344'],
    );
  });

  it('a registrar records a call from a landline-only petitioner with a 15-digit ID', async () => {
    const response = await request<Receipt>('POST', `${sut.system.intake.url}/api/v1/petitions`, {
      token: tokens.registrar,
      body: { ...samplePetition({ petitioners: [CALLER] }), channel: 'PHONE' },
    });
    assert.equal(response.status, 201);
    receipt = response.body;

    const view = await request<{
      petition: { petitioners: { idNumber: string; phone: string }[] };
    }>('GET', `${sut.system.intake.url}/api/v1/petitions/${receipt.caseNo}`, {
      token: tokens.registrar,
    });
    assert.deepEqual(
      view.body.petition.petitioners.map((p) => [p.idNumber, p.phone]),
      [[CALLER.idNumber, CALLER_PHONE]],
      'kept as written (the phone normalised)',
    );
  });

  it('tells the petitioner of the acceptance through the call-back list, not by SMS', async () => {
    await eventually(async () => {
      const { rows } = await sut.env.db.query(
        `SELECT 1 FROM routing.assignment WHERE case_no = $1 AND unit_code = '510903-ZJJ'`,
        [receipt.caseNo],
      );
      return rows.length === 1;
    }, 'the case assigned to the housing bureau');
    const accepted = await request(
      'POST',
      `${sut.system.routing.url}/api/v1/workbench/cases/${receipt.caseNo}/accept`,
      { token: tokens.housing },
    );
    assert.equal(accepted.status, 200);

    const list = await eventually(async () => {
      const response = await callBacks(tokens.registrar);
      const mine = response.body.items.filter((c) => c.caseNo === receipt.caseNo);
      return mine.some((c) => c.template === 'case.accepted') ? mine : undefined;
    }, 'the acceptance on the call-back list');
    assert.deepEqual(list.map((c) => c.template).sort(), [
      'case.accepted',
      'case.assigned',
      'petition.receipt',
    ]);
    const acceptance = list.find((c) => c.template === 'case.accepted');
    assert.match(acceptance?.text ?? '', /已由.+受理/);
    assert.ok(acceptance?.owedSince);
    assert.equal(list.find((c) => c.template === 'petition.receipt')?.text, null);
    assert.ok(!JSON.stringify(list).includes('2223344'), 'the list shows no phone');

    assert.deepEqual(await petitionerNotices(receipt.caseNo), [], 'no SMS is stored');
    // The housing bureau's landline took no SMS either: its notice is logged, its staff see it.
    const { rows: unitNotices } = await sut.env.db.query<{ channel: string }>(
      `SELECT n.channel FROM notify.notification n JOIN intake.petition p ON p.id = n.petition_id
       WHERE p.case_no = $1 AND n.recipient = '510903-ZJJ'`,
      [receipt.caseNo],
    );
    assert.ok(unitNotices.length > 0);
    assert.ok(unitNotices.every((n) => n.channel === 'log'));
    assert.deepEqual(smsc.messages(), [], 'nothing reached the SMS centre');
  });

  it('shows the phone only on an audited read, to the registering unit', async () => {
    const { body } = await callBacks(tokens.registrar);
    const receiptCall = body.items.find(
      (c) => c.caseNo === receipt.caseNo && c.template === 'petition.receipt',
    );
    assert.ok(receiptCall);
    const opened = await request<CallBack>('GET', notify(`call-backs/${receiptCall.id}`), {
      token: tokens.registrar,
    });
    assert.equal(opened.status, 200);
    assert.equal(opened.body.phone, CALLER_PHONE);
    assert.ok(opened.body.text?.includes(receipt.queryCode), 'the receipt gives the query code');
    const { rows: audit } = await sut.env.db.query<{ actor_username: string; case_no: string }>(
      `SELECT actor_username, case_no FROM notify.audit_event
       WHERE action = 'call-back.view' AND target_id = $1`,
      [receiptCall.id],
    );
    assert.deepEqual(audit, [{ actor_username: 'chuanshan.handler', case_no: receipt.caseNo }]);

    // Another county's registrar: it does not exist for them. A handler has no call-back list.
    assert.equal(
      (
        await request('GET', notify(`call-backs/${receiptCall.id}`), {
          token: tokens.otherRegistrar,
        })
      ).status,
      404,
    );
    assert.equal((await callBacks(tokens.otherRegistrar)).body.total, 0);
    assert.equal((await callBacks(tokens.housing)).status, 403);
  });

  it('records each call: not reached keeps it open, told ends it', async () => {
    const { body } = await callBacks(tokens.registrar);
    const acceptance = body.items.find(
      (c) => c.caseNo === receipt.caseNo && c.template === 'case.accepted',
    );
    assert.ok(acceptance);
    const done = (payload: unknown, token = tokens.registrar) =>
      request<{ doneAt: string | null; errors?: { field: string; code: string }[] }>(
        'POST',
        notify(`call-backs/${acceptance.id}/done`),
        { token, body: payload },
      );

    const bad = await done({ outcome: 'MAYBE' });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.errors?.map((e) => e.field),
      ['outcome'],
    );
    assert.equal((await done({ outcome: 'TOLD' }, tokens.otherRegistrar)).status, 404);

    const noAnswer = await done({ outcome: 'NOT_REACHED', note: '无人接听' });
    assert.deepEqual([noAnswer.status, noAnswer.body.doneAt], [200, null]);
    const told = await done({ outcome: 'TOLD', note: '已电话告知本人' });
    assert.equal(told.status, 200);
    assert.ok(told.body.doneAt);
    assert.equal((await done({ outcome: 'TOLD' })).status, 409);

    const open = await callBacks(tokens.registrar);
    assert.ok(!open.body.items.some((c) => c.id === acceptance.id));
    const closed = await callBacks(tokens.registrar, 'done');
    assert.deepEqual(
      closed.body.items.filter((c) => c.id === acceptance.id).map((c) => c.attempts),
      [2],
    );
    const history = await request<CallBack>('GET', notify(`call-backs/${acceptance.id}`), {
      token: tokens.registrar,
    });
    assert.deepEqual(
      history.body.calls?.map((c) => [c.by.username, c.outcome, c.note]),
      [
        ['chuanshan.handler', 'NOT_REACHED', '无人接听'],
        ['chuanshan.handler', 'TOLD', '已电话告知本人'],
      ],
    );
  });

  it('pages a landline-only duty leader in the inbox, not by SMS', async () => {
    const flagged = await request<{ alertId: string }>('POST', notify('urgent-alerts'), {
      token: tokens.registrar,
      body: { caseNo: receipt.caseNo, reason: '信访人来电称将到市委上访' },
    });
    assert.equal(flagged.status, 201);
    const { rows } = await sut.env.db.query<{ channel: string; recipient_kind: string }>(
      `SELECT channel, recipient_kind FROM notify.notification WHERE urgent_alert_id = $1`,
      [flagged.body.alertId],
    );
    assert.deepEqual(rows, [{ channel: 'log', recipient_kind: 'DUTY' }]);
  });

  it('knows the same person by their 18-digit number: a later letter is a repeat', async () => {
    const letter = await request<Receipt>('POST', `${sut.system.intake.url}/api/v1/petitions`, {
      token: tokens.registrar,
      body: {
        ...samplePetition({
          title: '锦绣华庭至今仍未交房',
          content:
            '之前电话反映的锦绣华庭7栋逾期一年多不交房的问题，开发商到现在还没有复工，请求政府督促开发商尽快复工交房。',
          petitioners: [{ name: CALLER.name, idNumber: CALLER_NEW_CARD }],
        }),
        channel: 'LETTER',
      },
    });
    assert.equal(letter.status, 201);
    assert.equal(letter.body.repeatOf, receipt.caseNo);
    const { rows } = await sut.env.db.query<{ id_number_index: string }>(
      `SELECT DISTINCT person.id_number_index FROM intake.petitioner person
       JOIN intake.petition p ON p.id = person.petition_id WHERE p.case_no = ANY ($1)`,
      [[receipt.caseNo, letter.body.caseNo]],
    );
    assert.equal(rows.length, 1, 'one blind index for both cards');
    assert.deepEqual(smsc.messages(), [], 'still nothing texted');
  });
});
