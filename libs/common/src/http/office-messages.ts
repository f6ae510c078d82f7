import type { z } from 'zod';
import type { Bilingual } from './errors.js';

/**
 * Fields as an office names them, by the last key of their path. A field not listed is named by
 * its key alone.
 */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  title: '标题',
  content: '内容',
  channel: '来源渠道',
  divisionCode: '行政区划代码',
  address: '地址',
  personCount: '人数',
  petitioners: '信访人',
  name: '姓名',
  idNumber: '身份证号码',
  phone: '联系电话',
  verificationCode: '短信验证码',
  queryCode: '查询码',
  nature: '信访性质',
  category: '问题类别',
  days: '延期天数',
  reason: '理由',
  reply: '答复意见',
  explanation: '说明',
  ground: '不予受理依据',
  unitCode: '单位代码',
  unitCodes: '单位代码',
  staffId: '工作人员',
  instructions: '督办要求',
  answer: '回复内容',
  evaluation: '评价',
  stage: '阶段',
  note: '备注',
  username: '用户名',
  password: '密码',
  roles: '角色',
  page: '页码',
  pageSize: '每页条数',
  caseNo: '信访件编号',
  completionReport: '办结报告',
};

/** The field's name in both languages, as `title 标题`. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((part) => typeof part === 'string');
  if (typeof last !== 'string') return '(body) 请求内容';
  const zh = FIELD_NAMES[last];
  return zh ? `${last} ${zh}` : last;
}

const TYPE_NAMES: Readonly<Record<string, Bilingual>> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是或否（true/false）', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
};

const DAY_FIELDS = new Set(['days']);

/**
 * The reason an office would give for zod's usual refusals (必填, 不得超过30日, 应为…); null for
 * anything else, which keeps zod's own wording.
 */
export function officeReason(issue: z.core.$ZodIssue): Bilingual | null {
  const key = [...issue.path].reverse().find((part) => typeof part === 'string');
  const unit = typeof key === 'string' && DAY_FIELDS.has(key) ? { zh: '日', en: ' days' } : null;
  switch (issue.code) {
    case 'invalid_type': {
      if ((issue as { input?: unknown }).input === undefined) {
        return { zh: '必填', en: 'is required' };
      }
      const type = TYPE_NAMES[issue.expected] ?? { zh: issue.expected, en: issue.expected };
      return { zh: `应为${type.zh}`, en: `must be ${type.en}` };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string')
        return { zh: `不得超过${max}个字`, en: `at most ${max} characters` };
      if (issue.origin === 'array') return { zh: `不得超过${max}项`, en: `at most ${max} items` };
      if (issue.origin === 'number' || issue.origin === 'int') {
        return unit
          ? { zh: `不得超过${max}${unit.zh}`, en: `at most ${max}${unit.en}` }
          : { zh: `不得大于${max}`, en: `at most ${max}` };
      }
      return null;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') {
        return min === '1'
          ? { zh: '必填，不能为空', en: 'is required and may not be empty' }
          : { zh: `不得少于${min}个字`, en: `at least ${min} characters` };
      }
      if (issue.origin === 'array') return { zh: `至少${min}项`, en: `at least ${min} item(s)` };
      if (issue.origin === 'number' || issue.origin === 'int') {
        return unit
          ? { zh: `不得少于${min}${unit.zh}`, en: `at least ${min}${unit.en}` }
          : { zh: `不得小于${min}`, en: `at least ${min}` };
      }
      return null;
    }
    case 'invalid_value':
      return {
        zh: `应为以下之一：${issue.values.map(String).join('、')}`,
        en: `must be one of: ${issue.values.map(String).join(', ')}`,
      };
    case 'unrecognized_keys':
      return {
        zh: `不接受的字段：${issue.keys.join('、')}`,
        en: `unknown field(s): ${issue.keys.join(', ')}`,
      };
    default:
      return null;
  }
}
