import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { toFieldErrors, unitCodeSchema, type FieldError } from '#common';
import type { Unit } from '../database/unit.entity.js';
import { hierarchyIssues, superiorFirst, type UnitLink } from './unit-hierarchy.js';
import type { UnitChanges, UnitInput, UnitSchemas } from './unit-schema.js';
import { UnitRepository } from './unit.repository.js';

/** A problem with the input and where it is: `units[3].divisionCode` is ['units', 3, 'divisionCode']. */
export interface DirectoryIssue extends FieldError {
  path: PropertyKey[];
}

export class InvalidUnitsError extends Error {
  constructor(readonly issues: DirectoryIssue[]) {
    super(`${issues.length} invalid field(s)`);
  }
}

export class UnitExistsError extends Error {
  constructor(readonly code: string) {
    super(`unit ${code} already exists`);
  }
}

export class UnitNotFoundError extends Error {
  constructor(readonly code: string) {
    super(`no unit ${code}`);
  }
}

export interface LoadResult {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

function zodIssues(error: z.ZodError): DirectoryIssue[] {
  return toFieldErrors(error).map((fieldError, i) => ({
    ...fieldError,
    path: error.issues[i]?.path ?? [],
  }));
}

/** Code and superior of each listed unit whose codes are well-formed, with its index in the list. */
function linksIn(content: unknown): [number, UnitLink][] {
  const units = (content as { units?: unknown } | null)?.units;
  if (!Array.isArray(units)) return [];
  const isCode = (value: unknown): value is string => unitCodeSchema.safeParse(value).success;
  return units.flatMap((unit: unknown, index): [number, UnitLink][] => {
    const { code, superiorCode = null } = (unit ?? {}) as Record<string, unknown>;
    if (!isCode(code) || !(superiorCode === null || isCode(superiorCode))) return [];
    return [[index, { code, superiorCode }]];
  });
}

/**
 * Writes to the unit directory (routing.unit): one unit through the API, or a whole directory
 * file. Each write is one transaction that either passes every check or writes nothing.
 * Units are never deleted, only deactivated.
 */
export class UnitDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schemas: UnitSchemas,
  ) {}

  async create(unit: UnitInput): Promise<Unit> {
    return this.write(async (tx, superiors) => {
      if (superiors.has(unit.code)) throw new UnitExistsError(unit.code);
      throwIfAny(hierarchyProblems([[0, unit]], superiors, (field) => [field]));
      await tx.insert(unit);
      return unit;
    });
  }

  /** Applies a PATCH: the changed unit must be as valid as a new one. */
  async update(code: string, changes: UnitChanges): Promise<Unit> {
    return this.write(async (tx, superiors) => {
      const current = await tx.byCode(code);
      if (!current) throw new UnitNotFoundError(code);
      // The entity's own fields, changed: a plain object, as the schema expects.
      const checked = this.schemas.unit.safeParse(Object.assign({}, current, changes));
      if (!checked.success) throw new InvalidUnitsError(zodIssues(checked.error));
      throwIfAny(hierarchyProblems([[0, checked.data]], superiors, (field) => [field]));
      await tx.update(code, checked.data);
      return checked.data;
    });
  }

  /**
   * Loads a directory file (parsed YAML or JSON): checks every unit, reports every problem, and
   * only when there is none upserts them all, superiors first. With `deactivateMissing`, active
   * units the file does not list are deactivated.
   */
  async load(content: unknown, options: { deactivateMissing: boolean }): Promise<LoadResult> {
    const parsed = this.schemas.file.safeParse(content);
    return this.write(async (tx, superiors) => {
      const links = parsed.success
        ? parsed.data.units.map((unit, index): [number, UnitLink] => [index, unit])
        : linksIn(content);
      const issues = [
        ...(parsed.success ? [] : zodIssues(parsed.error)),
        ...hierarchyProblems(links, superiors, (field, index) => ['units', index, field]),
      ];
      if (!parsed.success || issues.length > 0) throw new InvalidUnitsError(issues);

      const result: LoadResult = { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
      for (const unit of superiorFirst(parsed.data.units)) {
        const written = await tx.upsert(unit);
        if (written === 'created') result.created++;
        else if (written === 'updated') result.updated++;
        else result.unchanged++;
      }
      if (options.deactivateMissing) {
        result.deactivated = await tx.deactivateAllBut(parsed.data.units.map((unit) => unit.code));
      }
      return result;
    });
  }

  /** One directory change at a time, against the directory as it is (code → superior code). */
  private write<T>(
    work: (tx: UnitRepository, superiors: ReadonlyMap<string, string | null>) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const units = new UnitRepository(manager);
      // Two concurrent changes could otherwise make a cycle between them.
      return work(units, await units.lockForChange());
    });
  }
}

function throwIfAny(issues: DirectoryIssue[]) {
  if (issues.length > 0) throw new InvalidUnitsError(issues);
}

/** The hierarchy's problems with the listed units, each at the path `at` gives its field. */
function hierarchyProblems(
  links: [number, UnitLink][],
  superiors: ReadonlyMap<string, string | null>,
  at: (field: string, index: number) => PropertyKey[],
): DirectoryIssue[] {
  return hierarchyIssues(
    links.map(([, link]) => link),
    superiors,
  ).map(({ index, field, code, messages }) => {
    const path = at(field, links[index]?.[0] ?? index);
    const name = path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`))
      .join('');
    return { field: name, path, code, messages };
  });
}
