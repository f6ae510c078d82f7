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
  // Triage (分流) of the county's cases: its dispatchers are told before the prefecture's.
  {
    username: 'chuanshan.dispatcher',
    displayName: '船山区信访局分流员',
    unitCode: '510903-XFJ',
    roles: ['dispatcher'],
  },
  // The street office of the README's petition (慈音街道), its co-handler (属地).
  {
    username: 'ciyin.handler',
    displayName: '慈音街道办事处经办人',
    unitCode: '510903012-GOV',
    roles: ['handler'],
  },
  {
    username: 'ciyin.leader',
    displayName: '慈音街道办事处负责人',
    unitCode: '510903012-GOV',
    roles: ['unit_leader'],
  },
  // 复查 of a county department's case goes to the county government, 复核 to the prefecture's.
  {
    username: 'chuanshan.government',
    displayName: '船山区人民政府经办人',
    unitCode: '510903-GOV',
    roles: ['handler'],
  },
  {
    username: 'chuanshan.government.leader',
    displayName: '船山区人民政府分管领导',
    unitCode: '510903-GOV',
    roles: ['unit_leader'],
  },
  {
    username: 'suining.government',
    displayName: '遂宁市人民政府经办人',
    unitCode: '510900-GOV',
    roles: ['handler'],
  },
  {
    username: 'suining.government.leader',
    displayName: '遂宁市人民政府分管领导',
    unitCode: '510900-GOV',
    roles: ['unit_leader'],
  },
  // Accusations against officials: the county's commission, the prefecture's for county leaders.
  {
    username: 'chuanshan.discipline',
    displayName: '船山区纪委监委经办人',
    unitCode: '510903-JW',
    roles: ['handler'],
  },
  {
    username: 'chuanshan.discipline.leader',
    displayName: '船山区纪委监委负责人',
    unitCode: '510903-JW',
    roles: ['unit_leader'],
  },
  {
    username: 'suining.discipline',
    displayName: '遂宁市纪委监委经办人',
    unitCode: '510900-JW',
    roles: ['handler'],
  },
  {
    username: 'shehong.handler',
    displayName: '射洪市信访局经办人',
    unitCode: '510981-XFJ',
    roles: ['handler', 'registrar'],
  },
] as const;

/** Thrown when the demo would be loaded into a production deployment. */
export class DemoRefused extends Error {}

/** The demo's accounts share a published password: never in production. */
export function refuseDemoInProduction(config: Pick<AppConfig, 'NODE_ENV'>) {
  if (config.NODE_ENV === 'production') {
    throw new DemoRefused(
      `NODE_ENV=production: the demo data is not loaded (its accounts, admin among them, share the published password "${DEMO_PASSWORD}"). ` +
        'Create real accounts with user:create.\n' +
        '生产环境（NODE_ENV=production）不加载演示数据：演示账号使用公开的密码。请用 user:create 创建账号。',
    );
  }
}

/** Loads the Suining demo directory and demo accounts. Running it again changes nothing. */
export async function seedDemo(config: Pick<AppConfig, 'DATABASE_URL' | 'NODE_ENV'>) {
  refuseDemoInProduction(config);
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
