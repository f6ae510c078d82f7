import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Bilingual } from '#common';

/** Staff passwords: at least 12 characters (any script), at most 256. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const TOO_SHORT: Bilingual & { code: string } = {
  code: 'PASSWORD_TOO_SHORT',
  zh: `密码至少需要${PASSWORD_MIN_LENGTH}个字符`,
  en: `The password needs at least ${PASSWORD_MIN_LENGTH} characters`,
};
const TOO_LONG: Bilingual & { code: string } = {
  code: 'PASSWORD_TOO_LONG',
  zh: `密码最多${PASSWORD_MAX_LENGTH}个字符`,
  en: `The password may have at most ${PASSWORD_MAX_LENGTH} characters`,
};

/** Characters as people count them (code points), so a Chinese passphrase counts fairly. */
const length = (password: string) => Array.from(password).length;

/** Why a new password is refused, or null. The CLI, the admin API and password changes share it. */
export function passwordProblem(password: string): (Bilingual & { code: string }) | null {
  if (length(password) < PASSWORD_MIN_LENGTH) return TOO_SHORT;
  if (length(password) > PASSWORD_MAX_LENGTH) return TOO_LONG;
  return null;
}

/** A new password in a request body: refused with the reason in both languages. */
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', params: problem });
});

/** A one-time password an admin hands over: 16 characters, 96 random bits. */
export const oneTimePassword = () => randomBytes(12).toString('base64url');
