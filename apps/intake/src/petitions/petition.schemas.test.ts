import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  publicSubmissionSchema,
  repeatCheckSchema,
  staffRegistrationSchema,
} from './petition.schemas.js';

const valid = {
  title: '反映拖欠工资问题',
  content: '工地老板拖欠工资。',
  divisionCode: '510981001',
  address: '射洪市太和街道',
  personCount: 1,
  petitioners: [{ name: '谭国富', idNumber: '51098119690122885x', phone: '+86 155 7146 1056' }],
};

describe('the public petition form', () => {
  it('accepts a valid petition and normalises ID and phone', () => {
    const parsed = publicSubmissionSchema.parse(valid);
    assert.deepEqual(
      parsed.petitioners.map((p) => [p.idNumber, p.phone]),
      [['51098119690122885X', '15571461056']],
    );
  });

  it('rejects a landline and a content over 10,000 characters', () => {
    const result = publicSubmissionSchema.safeParse({
      ...valid,
      content: '字'.repeat(10_001),
      petitioners: [{ ...valid.petitioners[0], phone: '0825-2222222' }],
    });
    assert.deepEqual(
      result.error?.issues.map((i) => i.path.join('.')),
      ['content', 'petitioners.0.phone'],
    );
  });

  it('takes at most five petitioners on one form', () => {
    const result = publicSubmissionSchema.safeParse({
      ...valid,
      petitioners: Array.from({ length: 6 }, () => valid.petitioners[0]),
    });
    assert.deepEqual(
      result.error?.issues.map((i) => [i.path.join('.'), i.code]),
      [['petitioners', 'too_big']],
    );
  });

  it('accepts an anonymous petition only as an accusation', () => {
    const anonymous = { ...valid, petitioners: [] };
    assert.deepEqual(
      publicSubmissionSchema.safeParse(anonymous).error?.issues.map((i) => i.path.join('.')),
      ['petitioners'],
    );
    assert.ok(publicSubmissionSchema.safeParse({ ...anonymous, nature: 'ACCUSATION' }).success);
  });
});

describe('the staff registration', () => {
  const call = {
    ...valid,
    channel: 'PHONE',
    petitioners: [{ name: '王德明', idNumber: '510903880901000', phone: '(0825)2223344转801' }],
  };

  it('accepts a landline and a 15-digit ID number, kept as written', () => {
    const parsed = staffRegistrationSchema.parse(call);
    assert.deepEqual(
      parsed.petitioners.map((p) => [p.idNumber, p.phone]),
      [['510903880901000', '0825-2223344-801']],
    );
  });

  it('still takes a petitioner with neither number, and refuses a bad phone by name', () => {
    assert.ok(
      staffRegistrationSchema.safeParse({ ...call, petitioners: [{ name: '王德明' }] }).success,
    );
    const result = staffRegistrationSchema.safeParse({
      ...call,
      petitioners: [{ name: '王德明', phone: '2223344' }],
    });
    assert.deepEqual(
      result.error?.issues.map((i) => i.path.join('.')),
      ['petitioners.0.phone'],
    );
  });
});

describe('the public form and first-generation ID numbers', () => {
  it('accepts a 15-digit ID number too', () => {
    const parsed = publicSubmissionSchema.parse({
      ...valid,
      petitioners: [{ ...valid.petitioners[0], idNumber: '510903880901000' }],
    });
    assert.equal(parsed.petitioners[0]?.idNumber, '510903880901000');
  });
});

describe("the registrar's repeat check", () => {
  it('takes the matter and the people as registration does, a landline normalised', () => {
    const parsed = repeatCheckSchema.parse({
      title: valid.title,
      content: valid.content,
      petitioners: [{ name: '谭国富', phone: '0825 2223344' }],
    });
    assert.deepEqual(parsed.petitioners, [{ name: '谭国富', phone: '0825-2223344' }]);
  });

  it('needs someone to look for, and nothing of the registration besides', () => {
    const result = repeatCheckSchema.safeParse({
      title: valid.title,
      content: valid.content,
      petitioners: [],
      divisionCode: valid.divisionCode,
    });
    assert.deepEqual(result.error?.issues.map((i) => i.path.join('.') || i.code).sort(), [
      'petitioners',
      'unrecognized_keys',
    ]);
  });
});
