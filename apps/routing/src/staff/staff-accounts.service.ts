import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import type { Role, StaffTokenClaims } from '#common';
import { StaffAccount } from '../database/staff-account.entity.js';

export interface NewStaffAccount {
  username: string;
  displayName: string;
  password: string;
  unitCode: string;
  roles: Role[];
}

// A real hash to verify against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = await argon2.hash(randomUUID(), { type: argon2.argon2id });

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

@Injectable()
export class StaffAccountsService {
  constructor(
    @InjectRepository(StaffAccount) private readonly accounts: Repository<StaffAccount>,
    private readonly jwt: JwtService,
  ) {}

  /** A signed token for valid credentials of an active account; null otherwise. */
  async login(username: string, password: string): Promise<{ accessToken: string } | null> {
    const account = await this.accounts.findOneBy({ username });
    const valid = await argon2.verify(account?.passwordHash ?? DUMMY_HASH, password);
    if (!account || !account.active || !valid) return null;
    const claims: StaffTokenClaims = {
      sub: account.id,
      username: account.username,
      unit: account.unitCode,
      roles: account.roles,
    };
    return { accessToken: await this.jwt.signAsync(claims) };
  }
}

/** Used by the CLI and the demo seed, which run outside the HTTP service. */
export async function createStaffAccount(
  repository: Repository<StaffAccount>,
  input: NewStaffAccount,
): Promise<StaffAccount> {
  const account: StaffAccount = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    unitCode: input.unitCode,
    roles: input.roles,
    active: true,
    createdAt: new Date(),
  };
  await repository.insert(account);
  return account;
}
