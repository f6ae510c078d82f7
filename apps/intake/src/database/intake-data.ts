import type { ServiceDataSourceSpec } from '#common';
import { CreateIntake1763800000000 } from './migrations/1763800000000-create-intake.js';
import { Petition } from './petition.entity.js';
import { Petitioner } from './petitioner.entity.js';

export const intakeData: ServiceDataSourceSpec = {
  schema: 'intake',
  entities: [Petition, Petitioner],
  migrations: [CreateIntake1763800000000],
};
