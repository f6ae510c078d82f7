import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { eventually } from './support/eventually.js';
import { tinyPdf } from './support/fixtures.js';
import { registerHousingLetter, request } from './support/http.js';
import { withSystem } from './support/system.js';
import { createStaff, signedIn } from './support/staff.js';

interface Petitioner {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  masked: boolean;
}
interface CaseView {
  access: 'FULL' | 'SUMMARY';
  status: string;
  petition?: { content: string | null; address: string | null; petitioners: Petitioner[] };
  petitioners?: { name: string; masked: boolean }[];
  assignments: { status: string; closedAt: string | null; unit: { code: string } }[];
  replies: { kind: string; unit: { code: string } }[];
  timeline: { type: string; data: Record<string, unknown> }[];
}
interface SearchPage {
  items: { caseNo: string; access: string; channel?: string }[];
}

/** Distinctive words of the letter, so a leak of the text shows in any response. */
const CONTENT_MARK = '举报材料7e1b';
const ADDRESS = '遂宁市船山区某街道11号楼';

describe(
  'access to a case ends with the assignment; the accused never see the accuser',
  { timeout: 300_000 },
  () => {
    const sut = withSystem({
      demo: true,
      prepare: async (env) => {
        await createStaff(env.config, 'zrzyj.handler', '510903-ZRZYJ', ['handler']);
        await createStaff(env.config, 'county.supervisor', '510903-GOV', ['supervisor']);
      },
    });
    const tokens = signedIn(sut, [
      'suining.registrar',
      'suining.supervisor',
      'chuanshan.handler',
      'chuanshan.housing',
      'zrzyj.handler',
      'county.supervisor',
    ]);

    /** A letter about housing in 船山区, with an attachment: the county housing bureau gets it. */
    async function registerHousingCase(
      title: string,
      person: { name: string; idNumber: string; phone: string },
    ) {
      const receipt = await registerHousingLetter(
        sut.system.intake.url,
        tokens['suining.registrar'],
        {
          title,
          content: `${CONTENT_MARK}：${person.name}反映小区房屋漏水，物业不予维修，请求住建部门督促。`,
          address: ADDRESS,
          petitioners: [{ ...person, address: ADDRESS }],
        },
      );
      const form = new FormData();
      form.append('file', new Blob([tinyPdf()]), '举报信.pdf');
      const uploaded = await fetch(
        `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}/attachments?queryCode=${receipt.queryCode}`,
        { method: 'POST', body: form },
      );
      assert.equal(uploaded.status, 201);
      await eventually(async () => {
        const { body } = await view('suining.supervisor', receipt.caseNo);
        return body.assignments.some((a) => a.unit.code === '510903-ZJJ');
      }, `case ${receipt.caseNo} assigned to the housing bureau`);
      return receipt;
    }

    const view = (user: string, caseNo: string) =>
      request<CaseView>('GET', `${sut.system.intake.url}/api/v1/petitions/${caseNo}`, {
        token: tokens[user],
      });
    const attachments = (user: string, caseNo: string) =>
      request<{ items: { id: string }[] }>(
        'GET',
        `${sut.system.intake.url}/api/v1/petitions/${caseNo}/attachments`,
        { token: tokens[user] },
      );
    const download = (user: string, caseNo: string, id: string) =>
      fetch(`${sut.system.intake.url}/api/v1/petitions/${caseNo}/attachments/${id}`, {
        headers: { authorization: `Bearer ${tokens[user]}` },
      });
    const search = (user: string, query: string) =>
      request<SearchPage>('GET', `${sut.system.intake.url}/api/v1/petitions?${query}`, {
        token: tokens[user],
      });
    const act = (user: string, caseNo: string, action: string, body: unknown = {}) =>
      request('POST', `${sut.system.routing.url}/api/v1/workbench/cases/${caseNo}/${action}`, {
        token: tokens[user],
        body,
      });
    const accuse = (caseNo: string, unitCode: string) =>
      sut.env.db.query(
        `INSERT INTO routing.accused_party
         (id, petition_id, kind, name_as_written, unit_code, source, recorded_at)
       SELECT $1, id, 'UNIT', $3, $3, 'STAFF', now() FROM intake.petition WHERE case_no = $2`,
        [randomUUID(), caseNo, unitCode],
      );

    /** Asserts that none of the person's data, the text or the address is in the response. */
    function assertNothingOf(
      body: unknown,
      person: { name: string; idNumber: string; phone: string },
    ) {
      const text = JSON.stringify(body);
      for (const secret of [person.name, person.idNumber, person.phone, CONTENT_MARK, ADDRESS]) {
        assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
      }
    }

    it('leaves a unit that transferred a case away a summary, while the new holder gets everything', async () => {
      const person = { name: '陈建国', idNumber: '510903198001010011', phone: '13800007777' };
      const receipt = await registerHousingCase('安置房墙体开裂无人维修', person);

      // While it holds the case, the housing bureau sees it whole, and the attachment.
      const holding = await view('chuanshan.housing', receipt.caseNo);
      assert.equal(holding.status, 200);
      assert.equal(holding.body.access, 'FULL');
      assert.equal(holding.body.petition?.petitioners[0]?.idNumber, person.idNumber);
      const [file] = (await attachments('chuanshan.housing', receipt.caseNo)).body.items;
      assert.ok(file);

      const asked = await act('chuanshan.housing', receipt.caseNo, 'transfer', {
        unitCode: '510903-ZRZYJ',
        reason: '房屋质量鉴定涉及规划许可，属自然资源部门职责',
      });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      const decided = await request(
        'POST',
        `${sut.system.routing.url}/api/v1/transfers/${String(asked.body['transferId'])}/decision`,
        { token: tokens['suining.supervisor'], body: { approve: true } },
      );
      assert.equal(decided.status, 200);
      await eventually(async () => {
        const { body } = await view('suining.supervisor', receipt.caseNo);
        return body.assignments.some((a) => a.unit.code === '510903-ZRZYJ');
      }, 'the case with the natural resources bureau');

      // The housing bureau keeps only its own part: no text, no address, no personal data.
      const summary = await view('chuanshan.housing', receipt.caseNo);
      assert.equal(summary.status, 200);
      assert.equal(summary.body.access, 'SUMMARY');
      assertNothingOf(summary.body, person);
      assert.equal('petition' in summary.body, false);
      assert.equal('notifications' in summary.body, false);
      assert.deepEqual(summary.body.petitioners, [{ name: '陈**', masked: true }]);
      assert.deepEqual(
        summary.body.assignments.map((a) => [a.unit.code, a.status, a.closedAt !== null]),
        [['510903-ZJJ', 'TRANSFERRED', true]],
      );
      assert.ok(summary.body.timeline.some((t) => t.type === 'case.transfer-requested'));
      for (const entry of summary.body.timeline) {
        assert.ok(
          entry.data['unitCode'] === '510903-ZJJ' || entry.data['from'] === '510903-ZJJ',
          `another unit's entry: ${JSON.stringify(entry)}`,
        );
      }
      // Its attachments are as unknown to it as a case it never saw.
      assert.equal((await attachments('chuanshan.housing', receipt.caseNo)).status, 404);
      assert.equal((await download('chuanshan.housing', receipt.caseNo, file.id)).status, 404);
      const form = new FormData();
      form.append('file', new Blob([tinyPdf()]), '补充材料.pdf');
      const late = await fetch(
        `${sut.system.intake.url}/api/v1/petitions/${receipt.caseNo}/attachments`,
        {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${tokens['chuanshan.housing']}` },
        },
      );
      assert.equal(late.status, 404);
      // The list shows it the summary too, and its text search no longer reads the letter.
      const listed = await search('chuanshan.housing', `text=${encodeURIComponent('墙体开裂')}`);
      const item = listed.body.items.find((i) => i.caseNo === receipt.caseNo);
      assert.equal(item?.access, 'SUMMARY');
      assert.equal('channel' in item, false);
      const byContent = await search(
        'chuanshan.housing',
        `text=${encodeURIComponent(CONTENT_MARK)}`,
      );
      assert.equal(byContent.status, 200);
      assert.ok(!byContent.body.items.some((i) => i.caseNo === receipt.caseNo));

      // The new holder has everything.
      const holder = await view('zrzyj.handler', receipt.caseNo);
      assert.equal(holder.body.access, 'FULL');
      assert.equal(holder.body.petition?.content?.startsWith(CONTENT_MARK), true);
      assert.deepEqual(
        { ...holder.body.petition.petitioners[0] },
        { ...person, address: ADDRESS, masked: false },
      );
      assert.deepEqual(
        (await attachments('zrzyj.handler', receipt.caseNo)).body.items.map((a) => a.id),
        [file.id],
      );
      assert.equal((await download('zrzyj.handler', receipt.caseNo, file.id)).status, 200);
      const found = await search('zrzyj.handler', `text=${encodeURIComponent(CONTENT_MARK)}`);
      assert.equal(found.body.items.find((i) => i.caseNo === receipt.caseNo)?.access, 'FULL');
    });

    it('leaves a unit that declined a case its own refusal and nothing else', async () => {
      const person = { name: '林秀英', idNumber: '510903197502020029', phone: '13800008888' };
      const receipt = await registerHousingCase('购房定金纠纷要求退还', person);
      const declined = await act('chuanshan.housing', receipt.caseNo, 'decline', {
        ground: 'UNDER_LEGAL_PROCEEDINGS',
        explanation: '该纠纷已由船山区人民法院立案审理，请依法通过诉讼程序解决。',
      });
      assert.equal(declined.status, 200, JSON.stringify(declined.body));
      const summary = await eventually(async () => {
        const { body } = await view('chuanshan.housing', receipt.caseNo);
        return body.replies.length > 0 && body;
      }, 'the refusal in the summary');
      assert.equal(summary.access, 'SUMMARY');
      assertNothingOf(summary, person);
      assert.deepEqual(
        summary.replies.map((r) => [r.kind, r.unit.code]),
        [['DECLINE', '510903-ZJJ']],
      );
      assert.deepEqual(
        summary.assignments.map((a) => a.status),
        ['DECLINED'],
      );
      assert.equal((await attachments('chuanshan.housing', receipt.caseNo)).status, 404);
    });

    it('masks the accuser for the bureau above an accused petition bureau, and bars the accused', async () => {
      const person = { name: '黄志明', idNumber: '510903198203030037', phone: '13800009999' };
      const receipt = await registerHousingCase('信访局接访人员推诿不登记', person);
      const [file] = (await attachments('chuanshan.housing', receipt.caseNo)).body.items;
      assert.ok(file);
      // Before any accusation, the prefecture bureau's supervisor sees the petitioner's name.
      const before = await view('suining.supervisor', receipt.caseNo);
      assert.equal(before.body.petition?.petitioners[0]?.name, person.name);

      // The letter complains about 船山区信访局, which sees every case of its county.
      await accuse(receipt.caseNo, '510903-XFJ');

      // The prefecture bureau is above it: the accuser is masked, the letter still readable.
      const above = await view('suining.supervisor', receipt.caseNo);
      assert.equal(above.body.access, 'FULL');
      assert.deepEqual(above.body.petition?.petitioners, [
        {
          name: '黄**',
          idNumber: '******************',
          phone: '***********',
          address: null,
          masked: true,
        },
      ]);
      assert.equal(above.body.petition.address, null);
      assert.equal(above.body.petition.content?.startsWith(CONTENT_MARK), true);
      assert.equal((await attachments('suining.supervisor', receipt.caseNo)).status, 200);
      // The accused bureau itself: nothing of the accuser, the letter or its attachments.
      const accused = await view('chuanshan.handler', receipt.caseNo);
      assert.equal(accused.status, 200);
      assertNothingOf(accused.body, person);
      assert.equal(accused.body.petition?.petitioners[0]?.name, '黄**');
      assert.equal(accused.body.petition.content, null);
      assert.equal((await attachments('chuanshan.handler', receipt.caseNo)).status, 404);
      assert.equal((await download('chuanshan.handler', receipt.caseNo, file.id)).status, 404);
      const probe = await search('chuanshan.handler', `text=${encodeURIComponent(CONTENT_MARK)}`);
      assert.ok(!probe.body.items.some((i) => i.caseNo === receipt.caseNo));
      // The housing bureau holding the case is neither accused nor under the accused.
      const holder = await view('chuanshan.housing', receipt.caseNo);
      assert.equal(holder.body.petition?.petitioners[0]?.idNumber, person.idNumber);
    });

    it('bars an accused unit holding the case and masks the accuser for the government above it', async () => {
      const person = { name: '赵德胜', idNumber: '510903196904040044', phone: '13800001234' };
      const receipt = await registerHousingCase('安置房办证迟迟办不下来', person);
      const above = await view('county.supervisor', receipt.caseNo);
      assert.equal(above.body.petition?.petitioners[0]?.name, person.name);

      await accuse(receipt.caseNo, '510903-ZJJ');

      const masked = await view('county.supervisor', receipt.caseNo);
      assert.equal(masked.body.petition?.petitioners[0]?.name, '赵**');
      assertNothingOf(masked.body.petition.petitioners, person);
      const accused = await view('chuanshan.housing', receipt.caseNo);
      assert.equal(accused.status, 200);
      assertNothingOf(accused.body, person);
      assert.equal((await attachments('chuanshan.housing', receipt.caseNo)).status, 404);
    });
  },
);
