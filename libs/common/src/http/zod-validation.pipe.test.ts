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
        label: 'code',
        code: 'bad_code',
        messages: { zh: '代码错误', en: 'wrong code' },
      });
      assert.deepEqual(byField['people[0].age']?.messages, {
        zh: '应为数字',
        en: 'must be a number',
      });
      assert.deepEqual(byField.name?.messages, {
        zh: '必填，不能为空',
        en: 'is required and may not be empty',
      });
      assert.match(byField['(body)']?.messages.zh ?? '', /不接受的字段：extra/);
    }
  });

  it('names each field in English and Chinese and says what is wanted as an office would', () => {
    const petition = z.strictObject({
      title: z.string().max(10),
      days: z.int().min(1).max(30),
      channel: z.enum(['LETTER', 'VISIT']),
      petitioners: z.array(z.strictObject({ phone: z.string() })),
    });
    try {
      new ZodValidationPipe(petition).transform({
        title: '一二三四五六七八九十十一',
        days: 45,
        channel: 'FAX',
        petitioners: [{}],
      });
      assert.fail('should have thrown');
    } catch (error) {
      assert.ok(error instanceof ApiError);
      const seen = error.fieldErrors.map((e) => [e.field, e.label, e.messages.zh, e.messages.en]);
      assert.deepEqual(seen, [
        ['title', 'title 标题', '不得超过10个字', 'at most 10 characters'],
        ['days', 'days 延期天数', '不得超过30日', 'at most 30 days'],
        [
          'channel',
          'channel 来源渠道',
          '应为以下之一：LETTER、VISIT',
          'must be one of: LETTER, VISIT',
        ],
        ['petitioners[0].phone', 'phone 联系电话', '必填', 'is required'],
      ]);
    }
  });

  it('refuses NUL and lone surrogates in any string with a 400 naming the field', () => {
    const people = z.strictObject({ name: z.string(), tags: z.array(z.string()) });
    for (const [value, field] of [
      [{ name: 'a\u0000b', tags: [] }, 'name'],
      [{ name: 'a', tags: ['ok', '\ud800'] }, 'tags[1]'],
      [{ name: 'x\udc00', tags: [] }, 'name'],
    ] as const) {
      try {
        new ZodValidationPipe(people).transform(value);
        assert.fail(`should have refused ${JSON.stringify(value)}`);
      } catch (error) {
        assert.ok(error instanceof ApiError);
        assert.equal(error.getStatus(), 400);
        assert.deepEqual(
          error.fieldErrors.map((e) => [e.field, e.code]),
          [[field, 'text_malformed']],
        );
        assert.match(error.fieldErrors[0]?.messages.zh ?? '', /空字符/);
      }
    }
    // A whole pair (an emoji, a rare character) and RTL marks are text like any other.
    const fine = { name: '𠮷\u{1F600}\u202e', tags: [] };
    assert.deepEqual(new ZodValidationPipe(people).transform(fine), fine);
  });
});
