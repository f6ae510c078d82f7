import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import type { Repository } from 'typeorm';
import type { Role } from '#common';
import type { StaffAccount } from '../database/staff-account.entity.js';
import { passwordProblem } from './password-policy.js';

export interface NewStaffAccount {
  username: string;
  displayName: string;
  password: string;
  unitCode: string;
  roles: Role[];
  /** A password someone else chose (an admin): to be changed at the first sign-in. */
  mustChangePassword?: boolean;
}

// A real hash to verify against when the user does not exist, so timing does not reveal usernames.
export const DUMMY_HASH = await argon2.hash(randomUUID(), { type: argon2.argon2id });

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Whether the password matches the hash (of the account, or the dummy one when there is none). */
export async function passwordMatches(hash: string | undefined, password: string) {
  return argon2.verify(hash ?? DUMMY_HASH, password).catch(() => false);
}

/** Used by the CLI, the demo seed and the admin API. The password must follow the policy. */
export async function createStaffAccount(
  repository: Repository<StaffAccount>,
  input: NewStaffAccount,
): Promise<StaffAccount> {
  const problem = passwordProblem(input.password);
  if (problem) throw new Error(problem.en);
  const account: StaffAccount = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    unitCode: input.unitCode,
    roles: input.roles,
    active: true,
    createdAt: new Date(),
    mustChangePassword: input.mustChangePassword ?? false,
    passwordChangedAt: null,
  };
  await repository.insert(account);
  return account;
}
