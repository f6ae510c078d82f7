import type { TestEnvironment } from './environment.js';

/**
 * A township or street government (乡镇人民政府/街道办事处) under its county's government, coded
 * `{9-digit division}-GOV` as in the demo directory; kept if the directory already has it.
 */
export async function addTownshipGovernment(
  env: TestEnvironment,
  township: { divisionCode: string; name: string },
) {
  const county = township.divisionCode.slice(0, 6);
  await env.db.query(
    `INSERT INTO routing.unit (code, name, kind, level, division_code, superior_code)
     VALUES ($1, $2, 'GOVERNMENT', 'TOWNSHIP', $3, $4) ON CONFLICT (code) DO NOTHING`,
    [`${township.divisionCode}-GOV`, township.name, township.divisionCode, `${county}-GOV`],
  );
}
