import type { Bilingual } from '#common';

/** A unit as the hierarchy sees it: its code and the code of the unit above it (上级单位). */
export interface UnitLink {
  code: string;
  superiorCode: string | null;
}

/** A problem with the index-th unit about to be written. */
export interface HierarchyIssue {
  index: number;
  field: 'code' | 'superiorCode';
  code: string;
  messages: Bilingual;
}

/**
 * Checks units about to be written against the directory as it is (code → superior code):
 * each code once, each superior an existing or incoming unit, and no unit above itself.
 * Incoming units replace the existing ones with their code.
 */
export function hierarchyIssues(
  incoming: readonly UnitLink[],
  existing: ReadonlyMap<string, string | null>,
): HierarchyIssue[] {
  const issues: HierarchyIssue[] = [];
  const superiors = new Map(existing);
  const firstIndex = new Map<string, number>();
  incoming.forEach(({ code, superiorCode }, index) => {
    const first = firstIndex.get(code);
    if (first === undefined) firstIndex.set(code, index);
    else {
      issues.push({
        index,
        field: 'code',
        code: 'unit_code_repeated',
        messages: {
          zh: `单位代码${code}重复，第${first + 1}个单位已使用`,
          en: `unit code ${code} is already used by unit ${first + 1}`,
        },
      });
    }
    superiors.set(code, superiorCode);
  });

  incoming.forEach(({ code, superiorCode }, index) => {
    if (superiorCode === null) return;
    if (!superiors.has(superiorCode)) {
      issues.push({
        index,
        field: 'superiorCode',
        code: 'superior_unknown',
        messages: {
          zh: `上级单位${superiorCode}不存在`,
          en: `superior unit ${superiorCode} does not exist`,
        },
      });
      return;
    }
    // Walk up from the superior; meeting the unit again means it would be above itself.
    const seen = new Set<string>();
    for (
      let above: string | null = superiorCode;
      above !== null;
      above = superiors.get(above) ?? null
    ) {
      if (above === code) {
        issues.push({
          index,
          field: 'superiorCode',
          code: 'superior_cycle',
          messages: {
            zh: `上级单位${superiorCode}是本单位或其下级单位，形成循环`,
            en: `superior unit ${superiorCode} is this unit or below it, which makes a cycle`,
          },
        });
        return;
      }
      // A cycle above that does not pass through this unit is reported on its own members.
      if (seen.has(above)) return;
      seen.add(above);
    }
  });
  return issues.sort((a, b) => a.index - b.index);
}

/**
 * The units ordered so that a superior in the list comes before the units under it, otherwise
 * in list order: the order in which rows can be written under the superior foreign key.
 * Expects a list without cycles (see hierarchyIssues).
 */
export function superiorFirst<T extends UnitLink>(units: readonly T[]): T[] {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const placed = new Set<string>();
  const ordered: T[] = [];
  for (const unit of units) {
    const chain: T[] = [];
    for (
      let next: T | undefined = unit;
      next && !placed.has(next.code);
      next = next.superiorCode === null ? undefined : byCode.get(next.superiorCode)
    ) {
      placed.add(next.code);
      chain.push(next);
    }
    ordered.push(...chain.reverse());
  }
  return ordered;
}
