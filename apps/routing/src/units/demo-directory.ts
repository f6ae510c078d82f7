import type { Category, UnitKind, UnitLevel } from '#common';
import type { Unit } from '../database/unit.entity.js';
import { DivisionCatalogue } from './division-catalogue.js';

/**
 * A demo unit directory for 遂宁市 (Suining, Sichuan; NBS division codes, 2023): the prefecture's
 * government and petition bureau, and for each county-level division its government, petition
 * bureau, discipline commission, political-legal committee, the departments that lead the
 * categories of the taxonomy, and the government of each of its townships (乡镇人民政府,
 * 街道办事处). Duty mailboxes are on an example domain.
 */
const PREFECTURE = { code: '510900', name: '遂宁市' };
const COUNTIES = [
  { code: '510903', name: '船山区' },
  { code: '510904', name: '安居区' },
  { code: '510921', name: '蓬溪县' },
  { code: '510923', name: '大英县' },
  { code: '510981', name: '射洪市' },
];

const DEPARTMENTS: { suffix: string; name: string; categories: Category[] }[] = [
  {
    suffix: 'ZJJ',
    name: '住房和城乡建设局',
    categories: ['URBAN_RURAL_CONSTRUCTION', 'HOUSING', 'PROPERTY_MANAGEMENT'],
  },
  { suffix: 'ZRZYJ', name: '自然资源和规划局', categories: ['LAND_AND_RESOURCES'] },
  { suffix: 'NYNCJ', name: '农业农村局', categories: ['AGRICULTURE_RURAL'] },
  { suffix: 'RSJ', name: '人力资源和社会保障局', categories: ['LABOR_SOCIAL_SECURITY'] },
  { suffix: 'JRJ', name: '地方金融管理局', categories: ['FINANCE'] },
  { suffix: 'HBJ', name: '生态环境局', categories: ['ECOLOGY_ENVIRONMENT'] },
  { suffix: 'GZJ', name: '国有资产监督管理局', categories: ['ENTERPRISE_RESTRUCTURING'] },
  { suffix: 'JTJ', name: '教育和体育局', categories: ['EDUCATION'] },
  { suffix: 'WJJ', name: '卫生健康局', categories: ['HEALTH'] },
  { suffix: 'MZJ', name: '民政局', categories: ['CIVIL_AFFAIRS'] },
  { suffix: 'TYJRJ', name: '退役军人事务局', categories: ['VETERANS'] },
  { suffix: 'SJJ', name: '市场监督管理局', categories: ['MARKET_REGULATION'] },
  { suffix: 'JTYSJ', name: '交通运输局', categories: ['TRANSPORT'] },
  { suffix: 'GAJ', name: '公安局', categories: ['PUBLIC_SECURITY'] },
];

/** The bodies of every place besides its departments, by code suffix. */
const BODIES: {
  suffix: string;
  kind: UnitKind;
  name: (place: string, level: UnitLevel) => string;
  categories?: Category[];
}[] = [
  { suffix: 'GOV', kind: 'GOVERNMENT', name: (place) => `${place}人民政府` },
  { suffix: 'XFJ', kind: 'PETITION_BUREAU', name: (place) => `${place}信访局` },
  {
    suffix: 'JW',
    kind: 'DISCIPLINE',
    name: (place) => `${place}纪委监委`,
    categories: ['DISCIPLINE'],
  },
  {
    suffix: 'ZFW',
    kind: 'POLITICAL_LEGAL',
    // The prefecture's under its full name, a county's under the short one.
    name: (place, level) =>
      level === 'PREFECTURE' ? `中共${place}委政法委员会` : `${place}委政法委`,
    categories: ['LITIGATION'],
  },
];

export const PREFECTURE_PETITION_BUREAU = `${PREFECTURE.code}-XFJ`;

/** The duty mailbox of a county- or prefecture-level unit: xfj.510903@example.gov.cn. */
const mailbox = (code: string) => {
  const [division = '', suffix = ''] = code.split('-');
  return `${suffix.toLowerCase()}.${division}@example.gov.cn`;
};

/** A 街道 is run by its 办事处, a 乡 or 镇 by its 人民政府. */
const townshipGovernmentName = (township: string) =>
  `${township}${township.endsWith('街道') ? '办事处' : '人民政府'}`;

export function demoDirectory(divisions = DivisionCatalogue.load()): Unit[] {
  const units: Unit[] = [];
  const add = (
    unit: Omit<Unit, 'categories' | 'contactEmail' | 'contactPhone' | 'active'> & {
      categories?: Category[];
    },
  ) =>
    units.push({
      categories: [],
      contactEmail: unit.level === 'TOWNSHIP' ? null : mailbox(unit.code),
      contactPhone: null,
      active: true,
      ...unit,
    });

  const addBodies = (
    place: { code: string; name: string },
    level: UnitLevel,
    superiorOf: (suffix: string) => string | null,
  ) => {
    for (const body of BODIES) {
      add({
        code: `${place.code}-${body.suffix}`,
        name: body.name(place.name, level),
        kind: body.kind,
        level,
        divisionCode: place.code,
        superiorCode: superiorOf(body.suffix),
        ...(body.categories ? { categories: body.categories } : {}),
      });
    }
  };
  // The prefecture's petition bureau answers to its government; its other bodies head the directory.
  addBodies(PREFECTURE, 'PREFECTURE', (suffix) =>
    suffix === 'XFJ' ? `${PREFECTURE.code}-GOV` : null,
  );
  // The prefecture's own departments lead on matters of prefecture-level bodies and review the
  // county departments' cases with the county governments (复查).
  const addDepartments = (place: { code: string; name: string }, level: UnitLevel) => {
    for (const dept of DEPARTMENTS) {
      add({
        code: `${place.code}-${dept.suffix}`,
        name: `${place.name}${dept.name}`,
        kind: 'DEPARTMENT',
        level,
        divisionCode: place.code,
        superiorCode: `${place.code}-GOV`,
        categories: dept.categories,
      });
    }
  };
  addDepartments(PREFECTURE, 'PREFECTURE');

  for (const county of COUNTIES) {
    // A county's bodies work under the guidance and supervision of the prefecture's same body.
    addBodies(county, 'COUNTY', (suffix) => `${PREFECTURE.code}-${suffix}`);
    addDepartments(county, 'COUNTY');
    for (const township of divisions.townshipsOf(county.code)) {
      add({
        code: `${township.code}-GOV`,
        name: townshipGovernmentName(township.name),
        kind: 'GOVERNMENT',
        level: 'TOWNSHIP',
        divisionCode: township.code,
        superiorCode: `${county.code}-GOV`,
      });
    }
  }
  return units;
}
