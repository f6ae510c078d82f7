import type { Role } from '../contract/domain.js';

/** What a staff token says about its holder. */
export interface StaffUser {
  id: string;
  username: string;
  unitCode: string;
  roles: Role[];
}

export interface StaffTokenClaims {
  sub: string;
  username: string;
  unit: string;
  roles: Role[];
}
