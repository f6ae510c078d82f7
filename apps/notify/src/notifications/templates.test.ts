import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaDayText, Locales } from './template-values.js';
import {
  checkVariables,
  render,
  renderStored,
  SECRET_MASK,
  subjectOf,
  TEMPLATES,
  TemplateError,
} from './templates.js';

const caseNo = 'XF-510903-20261207-000012';
const longestUnit = '四川省遂宁市船山区住房和城乡建设局'.padEnd(40, '局');

describe('message templates', () => {
  it('writes dates as the China calendar day', () => {
    // 23:59:59.999 in China on 7 December is still the 7th; 16:00 UTC on the 6th is already it.
    assert.equal(chinaDayText(new Date('2026-12-07T15:59:59.999Z')), '2026年12月7日');
    assert.equal(chinaDayText(new Date('2026-12-06T16:00:00Z')), '2026年12月7日');
    assert.equal(chinaDayText(new Date('2026-12-06T15:59:59Z')), '2026年12月6日');
  });

  it('renders the receipt with case number and query code', () => {
    const message = render('petition.receipt', { caseNo }, { queryCode: '7K3M9Q2X5T' });
    assert.equal(
      message.text,
      '您的信访事项已登记，编号XF-510903-20261207-000012，查询码7K3M9Q2X5T。' +
        '凭编号和查询码可在网上查询办理进展，请妥善保管。',
    );
    assert.deepEqual(message.params, { caseNo, queryCode: '7K3M9Q2X5T' });
  });

  it('gives the receipt’s subject without its query code, as sent', () => {
    const sent = render('petition.receipt', { caseNo }, { queryCode: '7K3M9Q2X5T' }, 'en');
    assert.equal(subjectOf('petition.receipt', { caseNo }, 'en'), sent.subject);
    assert.equal(subjectOf('petition.receipt', { caseNo }), `信访事项已登记 ${caseNo}`);
    assert.throws(() => subjectOf('petition.receipt', { caseNo, queryCode: '7K3M9Q2X5T' }));
  });

  it('renders a stored notice for staff as sent, its secret masked', () => {
    const sent = render('petition.receipt', { caseNo }, { queryCode: '7K3M9Q2X5T' });
    const stored = renderStored('petition.receipt', { caseNo });
    assert.equal(stored.subject, sent.subject);
    assert.equal(stored.text, sent.text.replace('7K3M9Q2X5T', SECRET_MASK));
    assert.doesNotMatch(stored.text, /7K3M9Q2X5T/);
    const unit = { caseNo, dueAt: '2026-12-22T15:59:59.999Z' };
    assert.deepEqual(renderStored('assignment.created', unit, 'en'), {
      subject: render('assignment.created', unit, {}, 'en').subject,
      text: render('assignment.created', unit, {}, 'en').text,
    });
    assert.throws(() => renderStored('petition.receipt', { caseNo, queryCode: '7K3M9Q2X5T' }));
  });

  it('renders unit notices with readable due dates', () => {
    const message = render('assignment.created', { caseNo, dueAt: '2026-12-22T15:59:59.999Z' });
    assert.equal(message.subject, `新交办信访事项 ${caseNo}`);
    assert.equal(
      message.text,
      `信访事项${caseNo}已交你单位办理，时限至2026年12月22日，请登录信访工作平台查看。`,
    );
    assert.equal(message.params.dueAt, '2026年12月22日');
    assert.match(
      render('hotspot.raised', { cases: '3' }).text,
      /^3件信访事项反映同一问题，已列为热点问题，请/,
    );
    assert.match(
      render('hotspot.raised', {
        cases: '4',
        hotspotId: '0b7f2c1d-5e3a-4f6b-8c9d-1a2b3c4d5e6f',
      }).text,
      /（编号0b7f2c1d-5e3a-4f6b-8c9d-1a2b3c4d5e6f）/,
    );
  });

  it('tells the petitioner the next step after each stage, and none after the last', () => {
    const concluded = (stage: string) =>
      render('case.concluded', { caseNo, unitName: '船山区住建局', stage }).text;
    assert.equal(
      concluded('HANDLING'),
      `您的信访事项${caseNo}，船山区住建局已出具处理意见，请注意查收。` +
        '如不服，可自收到书面答复之日起30日内请求复查。',
    );
    assert.match(concluded('REVIEW'), /复查意见.*请求复核。$/);
    assert.match(concluded('RE_REVIEW'), /已出具复核意见，请注意查收。$/);
    assert.equal(
      render('case.extended', { caseNo, days: '30', dueAt: '2027-02-05T15:59:59.999Z' }).text,
      `您的信访事项${caseNo}办理期限延长30日，至2027年2月5日。`,
    );
  });

  it('keeps every petitioner SMS within two UCS-2 parts, with the longest values, in each language', () => {
    const longest: Record<string, Record<string, string>> = {
      'petition.receipt': { caseNo, queryCode: 'ZZZZZZZZZZ' },
      'phone.verification': { code: '999999' },
      'petition.linked': { caseNo, originalCaseNo: caseNo },
      'case.assigned': { caseNo, unitName: longestUnit },
      'case.accepted': { caseNo, unitName: longestUnit },
      'case.declined': { caseNo, unitName: longestUnit },
      'case.concluded': { caseNo, unitName: longestUnit, stage: 'HANDLING' },
      'case.extended': { caseNo, days: '30', dueAt: '2027-09-30T15:59:59.999Z' },
    };
    const forPetitioners = Object.entries(TEMPLATES).filter(
      ([, spec]) => spec.audience === 'PETITIONER',
    );
    assert.deepEqual(forPetitioners.map(([name]) => name).sort(), Object.keys(longest).sort());
    for (const locale of Locales) {
      for (const [name] of forPetitioners) {
        const { queryCode, code, ...stored } = longest[name] ?? {};
        const secrets = { ...(queryCode && { queryCode }), ...(code && { code }) };
        const { text } = render(name, stored, secrets, locale);
        assert.ok(text.length <= 134, `${name} (${locale}): ${text.length} characters`);
      }
    }
  });

  it('writes every notice in English too, with dates and time limits in English', () => {
    const dueAt = '2026-12-22T15:59:59.999Z';
    assert.deepEqual(render('deadline.due-soon', { caseNo, kind: 'CONCLUSION', dueAt }, {}, 'en'), {
      subject: `The conclusion time limit is near: ${caseNo}`,
      text: `The conclusion time limit of petition ${caseNo} ends on 22 December 2026.`,
      params: { caseNo, kind: 'conclusion', dueAt: '22 December 2026' },
    });
    assert.equal(
      render('case.concluded', { caseNo, unitName: '船山区住建局', stage: 'REVIEW' }, {}, 'en')
        .text,
      `${caseNo}: 船山区住建局 issued its review opinion. Disagree? Ask for re-review in 30 days.`,
    );
    for (const [name, spec] of Object.entries(TEMPLATES)) {
      for (const locale of Locales) {
        assert.equal(typeof spec[locale].text, 'function', `${name} has ${locale}`);
      }
    }
  });

  it('gives cloud SMS templates their parameters as the text shows them', () => {
    const { params } = render('case.concluded', {
      caseNo,
      unitName: '船山区住建局',
      stage: 'HANDLING',
    });
    assert.deepEqual(params, { caseNo, unitName: '船山区住建局', stage: '处理意见' });
  });

  it('refuses unknown templates, missing or extra variables, and a stored query code', () => {
    assert.throws(() => render('case.returned', { caseNo }), TemplateError);
    assert.throws(() => render('case.accepted', { caseNo }), TemplateError);
    assert.throws(() => render('petition.receipt', { caseNo }), TemplateError, 'no query code');
    assert.throws(
      () => render('assignment.created', { caseNo, dueAt: 'next week' }),
      TemplateError,
    );
    assert.throws(
      () => {
        checkVariables('petition.receipt', { caseNo, queryCode: '7K3M9Q2X5T' });
      },
      TemplateError,
      'the query code is never stored with the notification',
    );
    assert.throws(() => {
      checkVariables('petition.repeated', { caseNo, phone: '13800138000' });
    }, TemplateError);
    checkVariables('petition.receipt', { caseNo });
  });
});
