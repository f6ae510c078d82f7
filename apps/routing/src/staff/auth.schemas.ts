import { z } from 'zod';
import { newPasswordSchema } from './password-policy.js';

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type Login = z.infer<typeof loginSchema>;

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });
export type Refresh = z.infer<typeof refreshSchema>;

export const passwordChangeSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;
