import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../support/eventually.js';
import { WAGES, WAGES_AGAIN } from '../support/fixtures.js';
import { distinctPetitioner, login, request, samplePetition } from '../support/http.js';
import { freePort, ServiceProcess } from '../support/processes.js';
import { withSystem } from '../support/system.js';

type Receipt = { caseNo: string; queryCode: string };

const victim = { name: '谭国富', idNumber: '51098119690122885X', phone: '15571461056' };
const client = (ip: string) => ({ 'x-forwarded-for': ip });

/** What a public answer must never carry: how a case was matched or routed, or by whom. */
const INTERNAL = /similarity|"rule"|evidence|confidence|staffId|repeatOf|originalCaseNo/;

describe(
  'the public edge: limits, no oracle, paging only when confirmed',
  { timeout: 300_000 },
  () => {
    const sut = withSystem({
      demo: true,
      settings: () => ({ ...limits, TRUST_PROXY: '127.0.0.1,::1' }),
    });
    /** An intake behind no trusted proxy (TRUST_PROXY unset, the default). */
    let untrusting: ServiceProcess;

    const limits = {
      PUBLIC_PETITIONS_PER_IP_PER_HOUR: '3',
      PUBLIC_PETITIONS_PER_PHONE_PER_DAY: '2',
      TRACKING_LIMIT_PER_CASE_PER_HOUR: '5',
      TRACKING_LIMIT_PER_IP_PER_MINUTE: '10',
    };
    const post = (url: string, body: object, ip: string) =>
      request<Receipt & { code?: string }>('POST', `${url}/api/v1/public/petitions`, {
        body,
        headers: client(ip),
      });
    const track = (receipt: Receipt, ip: string, queryCode = receipt.queryCode) =>
      request(
        'GET',
        `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${queryCode}`,
        { headers: client(ip) },
      );
    const outboxJobs = async (caseNo: string) =>
      (
        await sut.env.db.query<{ job_name: string; payload: { reason?: string } }>(
          `SELECT o.job_name, o.payload FROM intake.outbox o JOIN intake.petition p
           ON o.payload::text LIKE '%' || p.id || '%'
         WHERE p.case_no = $1 ORDER BY o.created_at`,
          [caseNo],
        )
      ).rows;

    before(async () => {
      untrusting = new ServiceProcess('intake', await freePort(), { ...sut.env.env, ...limits });
      untrusting.start();
      await untrusting.waitUntil('ready');
    });

    after(async () => {
      await untrusting.stop();
    });

    it('limits online petitions per client IP, which X-Forwarded-For cannot change untrusted', async () => {
      for (const [i, ip] of ['192.0.2.1', '192.0.2.2', '192.0.2.3'].entries()) {
        const body = samplePetition({ petitioners: [distinctPetitioner(100 + i)] });
        assert.equal((await post(untrusting.url, body, ip)).status, 201);
      }
      const refused = await post(
        untrusting.url,
        samplePetition({ petitioners: [distinctPetitioner(103)] }),
        '192.0.2.4',
      );
      assert.equal(refused.status, 429);
      assert.equal(refused.body.code, 'TOO_MANY_REQUESTS');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    });

    it('takes the client IP from X-Forwarded-For through a trusted proxy', async () => {
      for (let i = 0; i < 3; i++) {
        const body = samplePetition({ petitioners: [distinctPetitioner(200 + i)] });
        assert.equal((await post(sut.system.intake.url, body, '198.51.100.10')).status, 201);
      }
      const body = samplePetition({ petitioners: [distinctPetitioner(203)] });
      assert.equal((await post(sut.system.intake.url, body, '198.51.100.10')).status, 429);
      assert.equal((await post(sut.system.intake.url, body, '198.51.100.11')).status, 201);
    });

    it('limits online petitions per phone, whatever the client', async () => {
      const person = distinctPetitioner(300);
      const titles = ['小区停水一周', '小区停电三天', '小区电梯停运'];
      const statuses = [];
      for (const [i, title] of titles.entries()) {
        const body = samplePetition({ title, petitioners: [person] });
        const response = await post(sut.system.intake.url, body, `198.51.100.${20 + i}`);
        statuses.push(response.status);
        if (response.status === 429) assert.ok(Number(response.headers.get('retry-after')) > 3600);
      }
      assert.deepEqual(statuses, [201, 201, 429]);
    });

    it('tells nobody in an HTTP answer that a petition joined another case', async () => {
      const original = await post(
        sut.system.intake.url,
        samplePetition({ ...WAGES, petitioners: [victim] }),
        '198.51.100.30',
      );
      assert.equal(original.status, 201);
      // A stranger who knows the victim's ID number, with a phone of their own.
      const stranger = { ...victim, name: '某某', phone: '13912345678' };
      const probe = await post(
        sut.system.intake.url,
        samplePetition({ ...WAGES_AGAIN, petitioners: [stranger] }),
        '198.51.100.31',
      );
      assert.equal(probe.status, 201);
      assert.deepEqual(Object.keys(probe.body).sort(), ['caseNo', 'queryCode']);
      const { rows } = await sut.env.db.query<{ status: string }>(
        `SELECT status FROM intake.petition WHERE case_no = $1`,
        [probe.body.caseNo],
      );
      assert.equal(rows[0]?.status, 'REPEAT', 'the probe did match the victim’s case');

      const probePage = await track(probe.body, '198.51.100.31');
      assert.equal(probePage.status, 200);
      assert.equal(probePage.body['status'], 'RECEIVED');
      const probeText = JSON.stringify(probePage.body);
      assert.ok(!probeText.includes(original.body.caseNo), probeText);
      assert.doesNotMatch(probeText, INTERNAL);

      // The victim's page, once routed: where it went, not how, nor that someone else came.
      const victimPage = await eventually(async () => {
        const page = await track(original.body, '198.51.100.30');
        const timeline = page.body['timeline'] as { type: string }[];
        return timeline.some((t) => t.type === 'petition.assigned') && page;
      }, 'the original case routed');
      assert.doesNotMatch(JSON.stringify(victimPage.body), INTERNAL);
      assert.ok(!JSON.stringify(victimPage.body).includes(probe.body.caseNo));

      // The units hear of the repeat; the stranger's phone does not learn the case it joined.
      await eventually(async () => {
        const notices = await sut.env.db.query(
          `SELECT 1 FROM notify.notification WHERE template = 'petition.repeated'`,
        );
        return (notices.rowCount ?? 0) > 0;
      }, 'the repeat notified');
      const linkedOf = (caseNo: string) =>
        sut.env.db.query<{ recipient: string; variables: Record<string, string> }>(
          `SELECT n.recipient, n.variables FROM notify.notification n
         JOIN intake.petition p ON p.id = n.petition_id
         WHERE n.template = 'petition.linked' AND p.case_no = $1`,
          [caseNo],
        );
      const linked = await linkedOf(probe.body.caseNo);
      assert.equal(linked.rowCount, 0, 'no SMS naming the case to a phone not on it');

      // The victim, from their own phone: told by SMS which case it joined.
      const again = await post(
        sut.system.intake.url,
        samplePetition({ ...WAGES_AGAIN, title: '涪江壹号欠薪再次反映', petitioners: [victim] }),
        '198.51.100.32',
      );
      assert.equal(again.status, 201);
      assert.deepEqual(Object.keys(again.body).sort(), ['caseNo', 'queryCode']);
      const sms = await eventually(
        async () => (await linkedOf(again.body.caseNo)).rows[0],
        'the SMS to the petitioner’s own phone',
      );
      assert.equal(sms.variables['originalCaseNo'], original.body.caseNo);
      const { rows: recipient } = await sut.env.db.query<{ case_no: string }>(
        `SELECT p.case_no FROM intake.petitioner r JOIN intake.petition p ON p.id = r.petition_id
       WHERE r.id = $1`,
        [sms.recipient],
      );
      assert.equal(recipient[0]?.case_no, again.body.caseNo);
    });

    it('never locks out the right query code, however many wrong ones a case gets', async () => {
      const receipt = (
        await post(
          sut.system.intake.url,
          samplePetition({ petitioners: [distinctPetitioner(400)] }),
          '198.51.100.40',
        )
      ).body;
      const statuses = [];
      for (let i = 0; i < 8; i++) {
        statuses.push((await track(receipt, `198.51.100.${50 + i}`, `WRONG${i}ABCD`)).status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429, 429]);
      // Right codes are not failures: more of them than the per-IP limit, all answered.
      for (let i = 0; i < 12; i++) {
        assert.equal((await track(receipt, '198.51.100.41')).status, 200);
      }
      for (const path of ['evaluation', 'review-requests']) {
        const answer = await request(
          'POST',
          `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}/${path}?queryCode=${receipt.queryCode}`,
          {
            headers: client('198.51.100.41'),
            body:
              path === 'evaluation'
                ? { evaluation: 'SATISFIED' }
                : { reason: '对答复意见不服，请求复查' },
          },
        );
        assert.notEqual(answer.status, 429, `${path}: ${JSON.stringify(answer.body)}`);
        assert.notEqual(answer.status, 404, path);
      }
    });

    it('pages nobody for an online collective until a registrar confirms it', async () => {
      const claim = await post(
        sut.system.intake.url,
        samplePetition({ personCount: 30, petitioners: [distinctPetitioner(500)] }),
        '198.51.100.60',
      );
      assert.equal(claim.status, 201);
      assert.deepEqual(
        (await outboxJobs(claim.body.caseNo)).map((j) => j.job_name),
        ['petition.received'],
      );
      const confirm = (token: string) =>
        request<{ raised: boolean }>(
          'POST',
          `${sut.system.intake.url}/api/v1/petitions/${claim.body.caseNo}/collective-confirmation`,
          { token },
        );
      assert.equal(
        (await confirm(await login(sut.system.routing.url, 'chuanshan.housing'))).status,
        403,
      );
      const registrar = await login(sut.system.routing.url, 'suining.registrar');
      const confirmed = await confirm(registrar);
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      assert.equal(confirmed.body.raised, true);
      assert.equal((await confirm(registrar)).body.raised, false, 'confirming twice pages no more');
      const raised = (await outboxJobs(claim.body.caseNo)).filter(
        (j) => j.job_name === 'hotspot.raised',
      );
      assert.deepEqual(
        raised.map((j) => j.payload.reason),
        ['COLLECTIVE'],
      );
      const { rows: audit } = await sut.env.db.query<{ actor_username: string; detail: object }>(
        `SELECT actor_username, detail FROM intake.audit_event
       WHERE action = 'case.urgency-confirm' AND case_no = $1`,
        [claim.body.caseNo],
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor_username, 'suining.registrar');
    });

    it("pages for an urgent flag only with a reason, and only in the caller's territory", async () => {
      const receipt = (
        await post(
          sut.system.intake.url,
          samplePetition({ petitioners: [distinctPetitioner(600)] }),
          '198.51.100.70',
        )
      ).body;
      const flag = (username: string, body: object) =>
        login(sut.system.routing.url, username).then((token) =>
          request<{
            code: string;
            errors?: { field: string; messages: { zh: string; en: string } }[];
          }>('POST', `${sut.system.notify.url}/api/v1/urgent-alerts`, { token, body }),
        );
      const noReason = await flag('suining.registrar', { caseNo: receipt.caseNo });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.errors?.[0]?.field, 'reason');
      assert.ok(noReason.body.errors[0].messages.zh && noReason.body.errors[0].messages.en);
      const reason = '信访人情绪激动';
      // Shehong's registrar, for a case of Chuanshan: as unknown to them as a missing case.
      const elsewhere = await flag('shehong.handler', { caseNo: receipt.caseNo, reason });
      assert.equal(elsewhere.status, 404);
      // Suining's registrar may: no roster is set, so nobody to page, which it is told.
      const mine = await flag('suining.registrar', { caseNo: receipt.caseNo, reason });
      assert.deepEqual([mine.status, mine.body.code], [409, 'NO_DUTY_ROSTER']);
    });
  },
);
