import { describe, expect, it } from 'vitest';
import { formFieldName } from '../../api/client';
import {
  chinaDate,
  formFieldOf,
  MAX_DAYS_BACK,
  idNumberMessage,
  phoneLooksValid,
  toRegistration,
  type RegistrationValues,
} from './rules';

describe("the registrar's checks, as the API makes them", () => {
  it('accepts 18-character and first-generation 15-digit ID numbers, and none at all', () => {
    expect(idNumberMessage('510903198809010006')).toBeNull();
    expect(idNumberMessage(' 51090319880901009x ')).toBeNull();
    expect(idNumberMessage('510903880901000')).toBeNull();
    expect(idNumberMessage(undefined)).toBeNull();
    expect(idNumberMessage('  ')).toBeNull();
  });

  it('says what is wrong with an ID number', () => {
    expect(idNumberMessage('51090319880901')).toBe('registration.idNumber.format');
    expect(idNumberMessage('510903198809010007')).toBe('registration.idNumber.checkDigit');
    expect(idNumberMessage('510903198802300006')).toBe('registration.idNumber.birthDate');
    expect(idNumberMessage('990903880901000')).toBe('registration.idNumber.area');
  });

  it('takes mobiles and landlines with or without an extension, as people write them', () => {
    for (const phone of [
      '13280837583',
      '+86 132 8083 7583',
      '0825-2223344',
      '(0825)2223344',
      '０８２５－２２２３３４４',
      '010-12345678-801',
      '0825-2223344转801',
      '',
      undefined,
    ]) {
      expect(phoneLooksValid(phone), String(phone)).toBe(true);
    }
    for (const phone of ['1328083758', '12280837583', '2223344', '0825-22233', 'abc']) {
      expect(phoneLooksValid(phone), phone).toBe(false);
    }
  });
});

describe('the body sent to POST /api/v1/petitions', () => {
  const today = '2026-12-08';
  const values: RegistrationValues = {
    channel: 'VISIT',
    receivedOn: today,
    title: ' 拖欠工资 ',
    content: '工地拖欠工资三个月。',
    place: ['510000', '510900', '510903', '510903001'],
    address: '船山区南津路',
    personCount: 2,
    petitioners: [
      { name: ' 张三 ', idNumber: '51090319880901009x', phone: '13280837583' },
      { name: '李四', idNumber: ' ', phone: '0825-2223344', address: '' },
    ],
    transfer: { sourceBody: '省信访局', referenceNo: 'X-1' },
  };

  it('is trimmed, names the last division picked and leaves out what was not given', () => {
    expect(toRegistration(values, today)).toEqual({
      channel: 'VISIT',
      title: '拖欠工资',
      content: '工地拖欠工资三个月。',
      divisionCode: '510903001',
      address: '船山区南津路',
      personCount: 2,
      petitioners: [
        { name: '张三', idNumber: '51090319880901009X', phone: '13280837583' },
        { name: '李四', phone: '0825-2223344' },
      ],
    });
  });

  it('carries the transfer only for a transferred petition', () => {
    expect(toRegistration({ ...values, channel: 'TRANSFERRED' }, today).transfer).toEqual({
      sourceBody: '省信访局',
      referenceNo: 'X-1',
    });
  });

  it('dates a petition that came before today at the start of its day, in China', () => {
    expect(toRegistration({ ...values, receivedOn: '2026-11-30' }, today).receivedAt).toBe(
      '2026-11-30T00:00:00+08:00',
    );
    expect(chinaDate(new Date('2026-12-07T16:30:00Z'))).toBe('2026-12-08');
    expect(chinaDate(new Date('2026-12-07T16:30:00Z'), MAX_DAYS_BACK)).toBe('2026-09-10');
  });

  it("puts the API's field errors on the form's fields", () => {
    expect(formFieldOf(formFieldName('divisionCode'))).toEqual(['place']);
    expect(formFieldOf(formFieldName('petitioners[1].phone'))).toEqual(['petitioners', 1, 'phone']);
    expect(formFieldOf(formFieldName('transfer.referenceNo'))).toEqual(['transfer', 'referenceNo']);
  });
});
