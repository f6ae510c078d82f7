import type { Channel } from '#common';
import type { MajorReason } from '../database/case-file.entity.js';

/** What makes a case major (重大): it then needs a responsible leader (包案领导). */
export interface CaseWeight {
  personCount: number;
  /** How many later petitions repeated it. */
  repeatCount: number;
  channel: Channel;
}

export const MAJOR_RULES: readonly { reason: MajorReason; applies(c: CaseWeight): boolean }[] = [
  // 集体访: five or more people.
  { reason: 'COLLECTIVE', applies: (c) => c.personCount >= 5 },
  // 重复访: repeated three times or more.
  { reason: 'REPEATED', applies: (c) => c.repeatCount >= 3 },
  // 上级转送、交办.
  { reason: 'FROM_ABOVE', applies: (c) => c.channel === 'TRANSFERRED' },
];

export const majorReasonsOf = (weight: CaseWeight): MajorReason[] =>
  MAJOR_RULES.filter((r) => r.applies(weight)).map((r) => r.reason);
