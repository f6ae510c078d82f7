import { z } from 'zod';
import { pagingFields, Roles, unitCodeSchema as unitCode } from '#common';
import { newPasswordSchema } from './password-policy.js';

const bilingual = (code: string, zh: string, en: string) => ({ params: { code, zh, en } });

export const usernameSchema = z
  .string()
  .refine(
    (name) => /^[a-z0-9][a-z0-9._-]{1,63}$/.test(name),
    bilingual(
      'USERNAME_INVALID',
      '用户名须为2至64位小写字母、数字或 . _ -，以字母或数字开头',
      'A username has 2 to 64 lowercase letters, digits or . _ -, starting with a letter or digit',
    ),
  );

const roles = z
  .array(z.enum(Roles))
  .refine(
    (list) => list.length > 0,
    bilingual('ROLES_REQUIRED', '至少需要一个角色', 'At least one role is required'),
  )
  .transform((list) => [...new Set(list)]);

const displayName = z.string().trim().min(1).max(100);

/** A new account. Without a password, a one-time password is generated and returned once. */
export const newAccountSchema = z.strictObject({
  username: usernameSchema,
  displayName,
  unitCode,
  roles,
  password: newPasswordSchema.optional(),
});
export type NewAccount = z.infer<typeof newAccountSchema>;

/** Changes to an account: enable or disable it, its roles, its unit, its name. */
export const accountChangesSchema = z
  .strictObject({
    displayName: displayName.optional(),
    active: z.boolean().optional(),
    roles: roles.optional(),
    unitCode: unitCode.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, {
    params: {
      code: 'NO_CHANGES',
      zh: '请至少修改一项：displayName、active、roles、unitCode',
      en: 'Change at least one of displayName, active, roles, unitCode',
    },
  });
export type AccountChanges = z.infer<typeof accountChangesSchema>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters of the account list; `unitCode` was `unit` before 2026-12 (still accepted). */
export const accountSearchSchema = z.strictObject({
  unitCode: unitCode.optional(),
  role: z.enum(Roles).optional(),
  active: flag.optional(),
  ...pagingFields(200, 50),
});
export type AccountSearch = z.infer<typeof accountSearchSchema>;
