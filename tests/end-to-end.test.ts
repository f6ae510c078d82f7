import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { eventually } from './support/eventually.js';
import { login, request, samplePetition, SAMPLE_PERSONAL_DATA } from './support/http.js';
import { createStaff } from './support/staff.js';
import { withSystem } from './support/system.js';

interface CaseView {
  status: string;
  petition: {
    caseNo: string;
    nature: string | null;
    category: string | null;
    petitioners: { name: string; idNumber: string; phone: string; masked: boolean }[];
  };
  assignments: { rule: string; role: string; unit: Record<string, unknown> }[];
  deadlines: { kind: string; unitCode: string; dueAt: string; status: string }[];
  notifications: {
    channel: string;
    recipientKind: string;
    recipient: string;
    template: string;
    status: string;
  }[];
  timeline: { type: string; service: string; data: Record<string, unknown> }[];
}

describe(
  'a petition submitted online travels through the three services',
  { timeout: 120_000 },
  () => {
    const sut = withSystem({
      demo: true,
      prepare: async (env) => {
        // The sample petition arose in 慈音街道 of 船山区: the housing bureau leads, the street
        // office co-handles; a supervisor of the district government sees both.
        await createStaff(env.config, 'chuanshan.supervisor', '510903-GOV', ['supervisor']);
      },
    });
    let receipt: { caseNo: string; queryCode: string };
    let correlationId: string;
    let handlerToken: string;

    before(async () => {
      const response = await request<{ caseNo: string; queryCode: string }>(
        'POST',
        `${sut.system.intake.url}/api/v1/public/petitions`,
        { body: samplePetition() },
      );
      assert.equal(response.status, 201);
      receipt = response.body;
      correlationId = response.headers.get('x-correlation-id') ?? '';
      handlerToken = await login(sut.system.routing.url, 'chuanshan.housing');
    });

    const staffView = async (token: string) =>
      request<CaseView>('GET', `${sut.system.intake.url}/api/v1/petitions/${receipt.caseNo}`, {
        token,
      });

    it('gives the petitioner a case number of the territory and a query code', () => {
      assert.match(receipt.caseNo, /^XF-510903-\d{8}-000001$/);
      assert.match(receipt.queryCode, /^[0-9A-HJKMNP-TV-Z]{10}$/);
    });

    it('is assigned to the lead department and the street office, with the lead clock and two notices', async () => {
      const view = await eventually(async () => {
        const { body } = await staffView(handlerToken);
        const sent = body.notifications.filter((n) => n.status === 'SENT');
        return sent.length === 4 && body;
      }, 'the case to be assigned, the units notified and the petitioner told');

      assert.equal(view.status, 'ASSIGNED');
      // The classifier's nature and category come back to intake for search and statistics.
      await eventually(async () => {
        const { body } = await staffView(handlerToken);
        return body.petition.category === 'HOUSING' && body.petition.nature === 'REQUEST';
      }, 'the classification to reach intake');
      assert.deepEqual(
        view.assignments.map((a) => [a.role, a.unit.code, a.rule]),
        [
          ['LEAD', '510903-ZJJ', 'CATEGORY_LEAD_DEPARTMENT'],
          ['CO_HANDLER', '510903012-GOV', 'TOWNSHIP_CO_HANDLER'],
        ],
      );
      assert.deepEqual(view.assignments[0]?.unit, {
        code: '510903-ZJJ',
        name: '船山区住房和城乡建设局',
        kind: 'DEPARTMENT',
        level: 'COUNTY',
        divisionCode: '510903',
        categories: ['URBAN_RURAL_CONSTRUCTION', 'HOUSING', 'PROPERTY_MANAGEMENT'],
      });

      // The lead unit owes acceptance within 15 days; the co-handler is told, with no clock.
      assert.deepEqual(
        view.deadlines.map((d) => [d.kind, d.unitCode, d.status]),
        [['ACCEPTANCE', '510903-ZJJ', 'OPEN']],
      );
      const daysAhead = (Date.parse(view.deadlines[0]?.dueAt ?? '') - Date.now()) / 86_400_000;
      // 15 days, moved past rest days (at most the 8 days of a National Day break); exact rules: calendar tests.
      assert.ok(daysAhead > 14 && daysAhead <= 24, `due in ${daysAhead} days`);

      assert.deepEqual(
        view.notifications
          .filter((n) => n.recipientKind === 'UNIT')
          .map((n) => [n.recipient, n.template, n.status])
          .sort(),
        [
          ['510903-ZJJ', 'assignment.created', 'SENT'],
          ['510903012-GOV', 'assignment.co-handler', 'SENT'],
        ],
      );
      // The receipt and where the case went (告知去向), by SMS (SMS_PROVIDER=log here).
      assert.deepEqual(
        view.notifications
          .filter((n) => n.recipientKind === 'PETITIONER')
          .map((n) => [n.channel, n.template, n.status])
          .sort(),
        [
          ['sms', 'case.assigned', 'SENT'],
          ['sms', 'petition.receipt', 'SENT'],
        ],
      );
      const steps = view.timeline.map((t) => `${t.service}:${t.type}`);
      assert.equal(steps.filter((t) => t === 'notify:notification.sent').length, 4);
      assert.deepEqual(steps.filter((t) => t !== 'notify:notification.sent').sort(), [
        'intake:petition.received',
        'notify:deadline.opened',
        'routing:petition.assigned',
        'routing:petition.assigned',
      ]);
      assert.equal(view.timeline[0]?.type, 'petition.received');
      assert.deepEqual(view.petition.petitioners, [
        {
          name: '李晓燕',
          idNumber: '510903198809010006',
          phone: '13280837583',
          address: null,
          masked: false,
        },
      ]);
    });

    it('explains how routing classified it: nature, category, confidence and evidence', async () => {
      const { body } = await staffView(handlerToken);
      const assigned = body.timeline.find((t) => t.type === 'petition.assigned');
      const classification = assigned?.data.classification as
        | { nature: string; category: string; confidence: number; evidence: { category: string[] } }
        | undefined;
      assert.ok(classification);
      assert.equal(classification.nature, 'REQUEST');
      assert.equal(classification.category, 'HOUSING');
      assert.ok(classification.confidence > 0 && classification.confidence <= 1);
      assert.ok(classification.evidence.category.length > 0);
      const { rows } = await sut.env.db.query<{ category: string; needs_triage: boolean }>(
        'SELECT category, needs_triage FROM routing.classification',
      );
      assert.deepEqual(rows, [{ category: 'HOUSING', needs_triage: false }]);
    });

    it('shows the petitioner their case with the query code, and nothing without it', async () => {
      const url = `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}`;
      const mine = await request('GET', `${url}?queryCode=${receipt.queryCode}`);
      assert.equal(mine.status, 200);
      assert.equal(mine.body.status, 'ASSIGNED');
      assert.deepEqual((mine.body.handlingUnits as object[])[0], {
        name: '船山区住房和城乡建设局',
        role: 'LEAD',
        roleLabel: '主办',
        stage: 'HANDLING',
        stageLabel: '办理',
      });
      assert.ok(!JSON.stringify(mine.body).includes('510903198809010006'));
      assert.ok(
        !JSON.stringify(mine.body).includes('notification.sent'),
        'internal steps are hidden',
      );

      const wrong = await request('GET', `${url}?queryCode=ZZZZZZZZZZ`);
      assert.equal(wrong.status, 404);
      const missing = await request('GET', url);
      assert.equal(missing.status, 400);
    });

    it('lets only the assigned unit and its supervisors read the case', async () => {
      assert.equal(
        (await staffView(await login(sut.system.routing.url, 'shehong.handler'))).status,
        404,
      );
      assert.equal(
        (await staffView(await login(sut.system.routing.url, 'chuanshan.supervisor'))).status,
        200,
      );
      assert.equal((await staffView(await login(sut.system.routing.url, 'admin'))).status, 200);
      assert.equal((await staffView('not-a-token')).status, 401);
    });

    it('masks ID number and phone for supervisors, and stores none of it in plaintext', async () => {
      const supervisor = await staffView(
        await login(sut.system.routing.url, 'chuanshan.supervisor'),
      );
      assert.deepEqual(supervisor.body.petition.petitioners, [
        {
          name: '李晓燕',
          idNumber: '510903********0006',
          phone: '132****7583',
          address: null,
          masked: true,
        },
      ]);
      const { rows } = await sut.env.db.query('SELECT * FROM intake.petitioner');
      assert.equal(rows.length, 1);
      const stored = JSON.stringify(rows);
      for (const value of ['李晓燕', '510903198809010006', '13280837583']) {
        assert.ok(!stored.includes(value), `${value} stored in plaintext`);
      }
    });

    it('follows the petition with one correlation id through every service, without personal data', () => {
      assert.ok(correlationId.length >= 8);
      for (const service of Object.values(sut.system)) {
        assert.ok(
          service.output.includes(correlationId),
          `${service.name} logs the correlation id`,
        );
        for (const value of SAMPLE_PERSONAL_DATA) {
          assert.ok(!service.output.includes(value), `${service.name} log contains personal data`);
        }
      }
    });

    it('rejects a bad petition with every bad field, in both languages, and writes nothing', async () => {
      const before = await sut.env.db.query('SELECT count(*)::int AS n FROM intake.petition');
      const response = await request<{
        errors: { field: string; code: string; messages: { zh: string; en: string } }[];
      }>('POST', `${sut.system.intake.url}/api/v1/public/petitions`, {
        body: samplePetition({
          divisionCode: '51',
          petitioners: [{ name: '王五', idNumber: '510903198809010007', phone: '12345' }],
        }),
        headers: { 'accept-language': 'en' },
      });
      assert.equal(response.status, 400);
      assert.deepEqual(
        response.body.errors.map((e) => [e.field, e.code]),
        [
          ['divisionCode', 'division_code_format'],
          ['petitioners[0].idNumber', 'id_number_check_digit'],
          ['petitioners[0].phone', 'phone_invalid'],
        ],
      );
      assert.ok(response.body.errors.every((e) => e.messages.zh && e.messages.en));
      const afterwards = await sut.env.db.query('SELECT count(*)::int AS n FROM intake.petition');
      assert.deepEqual(afterwards.rows, before.rows);
    });

    it('answers malformed JSON and unknown fields with 400, not 500', async () => {
      const url = `${sut.system.intake.url}/api/v1/public/petitions`;
      assert.equal((await request('POST', url, { body: '{"title":' })).status, 400);
      const extra = await request<{ errors: { field: string }[] }>('POST', url, {
        body: samplePetition({ watchList: true }),
      });
      assert.equal(extra.status, 400);
      const unknownPlace = await request<{ errors: { field: string; code: string }[] }>(
        'POST',
        url,
        {
          body: samplePetition({ divisionCode: '510999' }),
        },
      );
      assert.deepEqual(
        unknownPlace.body.errors.map((e) => [e.field, e.code]),
        [['divisionCode', 'division_code_unknown']],
      );
      const huge = await request('POST', url, {
        body: samplePetition({ content: '字'.repeat(200_000) }),
      });
      assert.equal(huge.status, 413);
    });

    it('each service stops on SIGTERM with exit code 0 and no error logged', async () => {
      for (const service of Object.values(sut.system)) {
        assert.equal(await service.stop('SIGTERM'), 0, service.name);
        assert.doesNotMatch(service.output, /"level":(50|60)/, `${service.name} logged an error`);
      }
    });
  },
);
