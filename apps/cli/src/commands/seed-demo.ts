import type { AppConfig } from '#common';
import { StaffAccount } from '../../../routing/src/database/staff-account.entity.js';
import { Unit } from '../../../routing/src/database/unit.entity.js';
import {
  demoDirectory,
  PREFECTURE_PETITION_BUREAU,
} from '../../../routing/src/units/demo-directory.js';
import { createStaffAccount } from '../../../routing/src/staff/staff-accounts.service.js';
import { routingData } from '../../../routing/src/database/routing-data.js';
import { withDataSource } from '../service-data.js';

/** The one password that exists outside a real deployment: printed, and only in the demo. */
export const DEMO_PASSWORD = 'xinfang-demo';

export const DEMO_ACCOUNTS = [
  {
    username: 'admin',
    displayName: '系统管理员',
    unitCode: PREFECTURE_PETITION_BUREAU,
    roles: ['admin'],
  },
  {
    username: 'suining.supervisor',
    displayName: '市信访局督查员',
    unitCode: PREFECTURE_PETITION_BUREAU,
    roles: ['supervisor', 'dispatcher'],
  },
  {
    username: 'suining.registrar',
    displayName: '市信访局登记员',
    unitCode: PREFECTURE_PETITION_BUREAU,
    roles: ['registrar'],
  },
  {
    username: 'chuanshan.handler',
    displayName: '船山区信访局经办人',
    unitCode: '510903-XFJ',
    roles: ['handler', 'registrar'],
  },
  {
    username: 'chuanshan.leader',
    displayName: '船山区信访局负责人',
    unitCode: '510903-XFJ',
    roles: ['unit_leader'],
  },
  {
    username: 'chuanshan.housing',
    displayName: '船山区住建局经办人',
    unitCode: '510903-ZJJ',
    roles: ['handler'],
  },
  {
    username: 'chuanshan.housing.leader',
    displayName: '船山区住建局分管领导',
    unitCode: '510903-ZJJ',
    roles: ['unit_leader'],
  },
  {
    username: 'shehong.handler',
    displayName: '射洪市信访局经办人',
    unitCode: '510981-XFJ',
    roles: ['handler', 'registrar'],
  },
] as const;

/** Loads the Suining demo directory and demo accounts. Running it again changes nothing. */
export async function seedDemo(config: Pick<AppConfig, 'DATABASE_URL'>) {
  return withDataSource(config, routingData, async (dataSource) => {
    const units = demoDirectory();
    // Superiors first, so each row's foreign key is already there.
    await dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(Unit).values(units).orIgnore().execute();
      const accounts = manager.getRepository(StaffAccount);
      for (const account of DEMO_ACCOUNTS) {
        if (await accounts.existsBy({ username: account.username })) continue;
        await createStaffAccount(accounts, {
          ...account,
          roles: [...account.roles],
          password: DEMO_PASSWORD,
        });
      }
    });
    return { units: units.length, accounts: DEMO_ACCOUNTS.map((a) => a.username) };
  });
}
