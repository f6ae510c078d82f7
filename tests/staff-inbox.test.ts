import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuietHours, quietUntil } from '../apps/notify/src/notifications/quiet-hours.js';
import { eventually } from './support/eventually.js';
import { distinctPetitioner, request, samplePetition } from './support/http.js';
import { withSystem } from './support/system.js';
import { createStaff, signedInAs } from './support/staff.js';
import { TestMailbox } from './support/test-mailbox.js';
import { TestSmsc } from './support/test-smsc.js';

const LEADER_PHONE = '13700001001';
const DEPUTY_PHONE = '13700001002';
const THIRD_MAILBOX = 'duty3@chuanshan.example';

/** Quiet hours from an hour ago to an hour from now, China time: a citizen's SMS must wait. */
function quietNow(): string {
  const minute = (offset: number) => {
    const local = new Date(Date.now() + 8 * 3_600_000 + offset * 60_000);
    return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  };
  return `${minute(-60)}-${minute(60)}`;
}

interface InboxItem {
  id: string;
  template: string;
  subject: string;
  text: string;
  readAt: string | null;
  urgent: { alertId: string; status: string } | null;
}
interface Inbox {
  items: InboxItem[];
  total: number;
  unread: number;
}

describe('staff inbox, duty roster and quiet hours', { timeout: 300_000 }, () => {
  const smsc = new TestSmsc();
  const mailbox = new TestMailbox();
  const quietHours = quietNow();
  const sut = withSystem({
    demo: true,
    servers: [smsc, mailbox],
    settings: () => ({
      QUIET_HOURS: quietHours,
      DUTY_ACK_TIMEOUT_MS: '1500',
    }),
    prepare: async (env) => {
      const deputyId = await createStaff(env.config, 'chuanshan.deputy', '510903-XFJ', [
        'unit_leader',
      ]);
      const { rows } = await env.db.query<{ id: string }>(
        `SELECT id FROM routing.staff_account WHERE username = 'chuanshan.leader'`,
      );
      staffIds = { leader: rows[0]?.id ?? '', deputy: deputyId };
    },
  });
  const tokens = signedInAs(sut, {
    admin: 'admin',
    leader: 'chuanshan.leader',
    deputy: 'chuanshan.deputy',
    handler: 'chuanshan.handler',
    registrar: 'suining.registrar',
  });
  let staffIds: { leader: string; deputy: string };

  const url = (path: string) => `${sut.system.notify.url}/api/v1/${path}`;
  const inbox = async (token: string, query = '') => {
    const response = await request<Inbox>('GET', url(`notifications${query}`), { token });
    assert.equal(response.status, 200);
    return response.body;
  };
  const collective = async (n: number) => {
    const response = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      {
        body: samplePetition({
          title: `第${n}批业主集体反映小区停水停电`,
          content: `我们小区第${n}期五十多户业主反映，小区连续一周停水停电，物业不作为，请求有关部门尽快处理。`,
          address: '遂宁市船山区',
          personCount: 12,
          petitioners: [distinctPetitioner(n)],
        }),
      },
    );
    assert.equal(response.status, 201);
    // Online, twelve people is a claim: the registrar confirms it, and only then is anyone paged.
    const confirmed = await request(
      'POST',
      `${sut.system.intake.url}/api/v1/petitions/${response.body.caseNo}/collective-confirmation`,
      { token: tokens.registrar },
    );
    assert.equal(confirmed.status, 200);
    const { rows } = await sut.env.db.query<{ id: string }>(
      `SELECT id FROM intake.petition WHERE case_no = $1`,
      [response.body.caseNo],
    );
    return { caseNo: response.body.caseNo, petitionId: rows[0]?.id ?? '' };
  };
  const alertOf = (petitionId: string) =>
    eventually(async () => {
      const { rows } = await sut.env.db.query<{
        id: string;
        status: string;
        position: number;
        acknowledged_by: string | null;
      }>(
        `SELECT id, status, position, acknowledged_by FROM notify.urgent_alert
         WHERE petition_id = $1 AND reason = 'COLLECTIVE'`,
        [petitionId],
      );
      return rows[0];
    }, 'the urgent alert');
  const pagesOf = async (alertId: string) =>
    (
      await sut.env.db.query<{
        id: string;
        channel: string;
        staff_id: string | null;
        template: string;
      }>(
        `SELECT id, channel, staff_id, template FROM notify.notification
         WHERE urgent_alert_id = $1 ORDER BY created_at`,
        [alertId],
      )
    ).rows;
  const smsTo = (phone: string) => smsc.messages().filter((m) => m.destination === phone);

  it('lets an admin set a duty roster, checked, and shows its contacts masked', async () => {
    const roster = {
      entries: [
        { staffId: staffIds.leader, phone: LEADER_PHONE },
        { staffId: staffIds.deputy, phone: DEPUTY_PHONE, locale: 'en' },
      ],
    };
    const put = (scope: string, body: unknown, token = tokens.admin) =>
      request('PUT', url(`duty-rosters/${scope}`), { token, body });
    assert.equal((await put('510903', roster, tokens.handler)).status, 403);
    const bad = await put('510903', {
      entries: [{ phone: '12345' }, { phone: LEADER_PHONE, locale: 'fr' }, { locale: 'en' }],
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      (bad.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code]),
      [
        ['entries[0].phone', 'PHONE_INVALID'],
        ['entries[1].locale', 'invalid_value'],
        ['entries[2]', 'CONTACT_REQUIRED'],
      ],
    );
    const unknownUnit = await put('510903-NOPE', roster);
    assert.deepEqual([unknownUnit.status, unknownUnit.body.code], [400, 'VALIDATION_FAILED']);

    const saved = await put('510903', roster);
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body.entries, [
      { position: 1, staffId: staffIds.leader, phone: '137****1001', email: null, locale: 'zh-CN' },
      { position: 2, staffId: staffIds.deputy, phone: '137****1002', email: null, locale: 'en' },
    ]);
    const { rows } = await sut.env.db.query(`SELECT * FROM notify.duty_roster_entry`);
    assert.ok(!JSON.stringify(rows).includes(LEADER_PHONE), 'phones are sealed at rest');
    const read = await request('GET', url('duty-rosters/510903'), { token: tokens.handler });
    assert.equal(read.status, 403);
    const none = await request('GET', url('duty-rosters/510981'), { token: tokens.admin });
    assert.equal(none.status, 404);
  });

  it('holds a citizen SMS during quiet hours, while staff are told at once', async () => {
    const { caseNo, petitionId } = await collective(1);
    const held = await eventually(async () => {
      const { rows } = await sut.env.db.query<{
        id: string;
        status: string;
        next_attempt_at: Date | null;
      }>(
        `SELECT id, status, next_attempt_at FROM notify.notification
         WHERE petition_id = $1 AND template = 'petition.receipt'`,
        [petitionId],
      );
      return rows[0]?.next_attempt_at ? rows[0] : false;
    }, 'the receipt to be held');
    assert.equal(held.status, 'PENDING');
    const until = quietUntil(new Date(), parseQuietHours(quietHours));
    assert.ok(until && until > new Date());
    assert.deepEqual(held.next_attempt_at, until, `held until the end of ${quietHours}`);
    const { rows: events } = await sut.env.db.query<{ event: string }>(
      `SELECT event FROM notify.notification_event WHERE notification_id = $1 ORDER BY id`,
      [held.id],
    );
    assert.deepEqual(
      events.map((e) => e.event),
      ['QUEUED', 'HELD'],
    );
    // The leader on duty is paged by SMS at once; quiet hours are for citizens only.
    await eventually(() => smsTo(LEADER_PHONE).length > 0, 'the page to the leader on duty');
    const [page] = smsTo(LEADER_PHONE);
    assert.match(page?.text ?? '', new RegExp(`【紧急】收到集体信访${caseNo}`));
    assert.deepEqual(smsTo(distinctPetitioner(1).phone), [], 'nothing to the citizen tonight');
  });

  it('pages the next on the roster when nobody acknowledges, and stops once someone does', async () => {
    const { petitionId } = await collective(2);
    const alert = await alertOf(petitionId);
    // Nobody answers the leader's page in time: the deputy is paged, in English as asked.
    await eventually(
      async () => (await pagesOf(alert.id)).some((p) => p.staff_id === staffIds.deputy),
      'the page to the deputy',
    );
    await eventually(
      () => smsTo(DEPUTY_PHONE).some((m) => m.text.startsWith('URGENT: collective petition')),
      'the page to reach the deputy',
    );
    const deputyInbox = await inbox(tokens.deputy, '?pageSize=100');
    const page = deputyInbox.items.find((item) => item.urgent?.alertId === alert.id);
    assert.ok(page, JSON.stringify(deputyInbox));
    assert.match(page.subject, /^URGENT: collective petition/);
    // Only the person paged (or an admin) acknowledges that page.
    const ackUrl = url(`notifications/${page.id}/acknowledge`);
    assert.equal((await request('POST', ackUrl, { token: tokens.leader })).status, 404);
    const acknowledged = await request<{ status: string; acknowledgedBy: string }>('POST', ackUrl, {
      token: tokens.deputy,
    });
    assert.equal(acknowledged.status, 200);
    assert.deepEqual(
      [acknowledged.body.status, acknowledged.body.acknowledgedBy],
      ['ACKNOWLEDGED', staffIds.deputy],
    );
    const again = await request<{ acknowledgedBy: string }>('POST', ackUrl, {
      token: tokens.admin,
    });
    assert.deepEqual([again.status, again.body.acknowledgedBy], [200, staffIds.deputy]);

    // A third person joins the roster, and the acknowledged alert's timer is long past: a new
    // alert pages all three in turn and runs out, while the acknowledged one pages nobody more.
    await sut.env.db.query(
      `UPDATE notify.urgent_alert SET escalate_at = now() - interval '1 hour' WHERE id = $1`,
      [alert.id],
    );
    const saved = await request('PUT', url('duty-rosters/510903'), {
      token: tokens.admin,
      body: {
        entries: [
          { staffId: staffIds.leader, phone: LEADER_PHONE },
          { staffId: staffIds.deputy, phone: DEPUTY_PHONE, locale: 'en' },
          { email: THIRD_MAILBOX },
        ],
      },
    });
    assert.equal(saved.status, 200);
    const { petitionId: second } = await collective(3);
    const unanswered = await alertOf(second);
    await eventually(
      async () => (await alertOf(second)).status === 'EXHAUSTED',
      'the roster to run out',
    );
    assert.deepEqual(
      (await pagesOf(unanswered.id)).map((p) => p.channel),
      ['sms', 'sms', 'email'],
    );
    await eventually(
      () => mailbox.received.some((m) => m.to.includes(THIRD_MAILBOX)),
      'the page by email',
    );
    assert.equal((await pagesOf(alert.id)).length, 2, 'the acknowledged alert paged nobody more');
    const { rows } = await sut.env.db.query<{ type: string }>(
      `SELECT type FROM notify.timeline_entry WHERE petition_id = $1 AND data->>'alertId' = $2
       ORDER BY occurred_at`,
      [second, unanswered.id],
    );
    assert.deepEqual(
      rows.map((r) => r.type),
      ['urgent.raised', 'urgent.escalated', 'urgent.escalated', 'urgent.unacknowledged'],
    );
  });

  it('shows each staff member their unit notices and their own pages, unread first', async () => {
    const leader = await inbox(tokens.leader, '?pageSize=100');
    const handler = await inbox(tokens.handler, '?pageSize=100');
    assert.ok(leader.items.some((i) => i.template === 'petition.collective'));
    assert.ok(handler.items.some((i) => i.template === 'petition.collective'));
    // The collective notice names its case, so that someone can act on it.
    const collectiveNotices = leader.items.filter((i) => i.template === 'petition.collective');
    assert.ok(
      collectiveNotices.every((i) => /XF-\d{6}-\d{8}-\d{6}/.test(i.text)),
      JSON.stringify(collectiveNotices.map((i) => i.text)),
    );
    assert.ok(
      leader.items.some((i) => i.urgent),
      'the leader sees their pages',
    );
    assert.ok(!handler.items.some((i) => i.urgent), 'others do not');
    assert.equal(leader.unread, leader.total);

    const [first] = leader.items;
    assert.ok(first);
    const read = await request<{ readAt: string }>('POST', url(`notifications/${first.id}/read`), {
      token: tokens.leader,
    });
    assert.equal(read.status, 200);
    const after = await inbox(tokens.leader, '?pageSize=100');
    assert.equal(after.unread, leader.unread - 1);
    assert.equal(after.items.at(-1)?.id, first.id, 'read ones come after the unread');
    assert.ok(after.items.at(-1)?.readAt);
    // Read for the leader only: the handler still has it unread, if it is theirs to see.
    assert.equal((await inbox(tokens.handler, '?pageSize=100')).unread, handler.unread);

    const unreadOnly = await inbox(tokens.leader, '?unread=true&pageSize=1&page=1');
    assert.deepEqual([unreadOnly.items.length, unreadOnly.total], [1, after.unread]);
    assert.equal(
      (await request('GET', url('notifications?pageSize=500'), { token: tokens.leader })).status,
      400,
    );
    assert.equal((await request('GET', url('notifications'))).status, 401);
    const pageOfOther = leader.items.find((i) => i.urgent);
    assert.ok(pageOfOther);
    assert.equal(
      (
        await request('POST', url(`notifications/${pageOfOther.id}/read`), {
          token: tokens.handler,
        })
      ).status,
      404,
    );
    assert.equal(
      (await request('POST', url('notifications/not-an-id/read'), { token: tokens.handler }))
        .status,
      400,
    );
  });

  it('pages the leader on duty for a case a registrar flags urgent', async () => {
    const { caseNo, petitionId } = await collective(4);
    const flag = (body: unknown, token = tokens.registrar) =>
      request<{ alertId: string; code: string }>('POST', url('urgent-alerts'), { token, body });
    const reason = '群众情绪激动，聚集在信访接待大厅';
    assert.equal((await flag({ caseNo, reason }, tokens.leader)).status, 403);
    assert.equal((await flag({ caseNo: 'XF-1', reason })).status, 400);
    assert.equal((await flag({ caseNo: 'XF-510903-20200101-000001', reason })).status, 404);
    const flagged = await flag({ caseNo, reason });
    assert.equal(flagged.status, 201);
    const { rows } = await sut.env.db.query<{ template: string; reason: string }>(
      `SELECT n.template, a.reason FROM notify.notification n
       JOIN notify.urgent_alert a ON a.id = n.urgent_alert_id WHERE a.id = $1`,
      [flagged.body.alertId],
    );
    assert.deepEqual(rows[0], { template: 'urgent.case', reason: 'FLAGGED' });
    await eventually(
      async () =>
        (
          await sut.env.db.query(
            `SELECT 1 FROM notify.urgent_alert
             WHERE petition_id = $1 AND reason IN ('COLLECTIVE', 'FLAGGED')`,
            [petitionId],
          )
        ).rowCount === 2,
      'an alert for the collective petition and one for the flag',
    );
    // Shehong (射洪市) has no roster: nobody to page is an error the registrar sees.
    const elsewhere = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition({ divisionCode: '510981', petitioners: [distinctPetitioner(5)] }) },
    );
    const unrostered = await flag({ caseNo: elsewhere.body.caseNo, reason });
    assert.deepEqual([unrostered.status, unrostered.body.code], [409, 'NO_DUTY_ROSTER']);
  });
});
