import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ApiError } from './errors.js';
import { ZodValidationPipe } from './zod-validation.pipe.js';

const schema = z.strictObject({
  name: z.string().min(1),
  people: z.array(z.strictObject({ age: z.number().int() })),
  code: z
    .string()
    .refine((v) => v === 'ok', { params: { code: 'bad_code', zh: '代码错误', en: 'wrong code' } }),
});

describe('ZodValidationPipe', () => {
  it('passes a valid value through', () => {
    const value = { name: 'a', people: [{ age: 3 }], code: 'ok' };
    assert.deepEqual(new ZodValidationPipe(schema).transform(value), value);
  });

  it('lists every bad field with its path and a reason in Chinese and English', () => {
    try {
      new ZodValidationPipe(schema).transform({
        name: '',
        people: [{ age: 'x' }],
        code: 'no',
        extra: 1,
      });
      assert.fail('should have thrown');
    } catch (error) {
      assert.ok(error instanceof ApiError);
      assert.equal(error.getStatus(), 400);
      const byField = Object.fromEntries(error.fieldErrors.map((e) => [e.field, e]));
      assert.deepEqual(Object.keys(byField).sort(), ['(body)', 'code', 'name', 'people[0].age']);
      assert.deepEqual(byField.code, {
        field: 'code',
        code: 'bad_code',
        messages: { zh: '代码错误', en: 'wrong code' },
      });
      assert.match(byField['people[0].age']?.messages.zh ?? '', /无效输入/);
      assert.match(byField['people[0].age']?.messages.en ?? '', /expected number/);
    }
  });
});
