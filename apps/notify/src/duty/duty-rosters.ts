import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  forbidden,
  maskPhone,
  normaliseMainlandMobile,
  notFound,
  PersonalDataCipher,
  scopeHasTerritory,
  scopeHasUnit,
  staffScope,
  Transactions,
  type FieldError,
  type StaffUser,
  type Tx,
  validationFailed,
} from '#common';
import { Locales } from '../notifications/templates.js';

/** A roster covers a unit (its code) or a territory (a county or prefecture division code). */
export const rosterScope = z.string().regex(/^(\d{6}|[A-Z0-9_-]{2,64})$/);
const isTerritory = (scope: string) => /^\d{6}$/.test(scope);
/** The division-code prefix of a territory roster: 510900 is the prefecture (5109…). */
const territoryOf = (scope: string) => (scope.endsWith('00') ? scope.slice(0, 4) : scope);

const mobile = z.string().transform((value, ctx) => {
  const normalised = normaliseMainlandMobile(value);
  if (normalised) return normalised;
  ctx.addIssue({
    code: 'custom',
    params: { code: 'PHONE_INVALID', zh: '手机号码无效', en: 'Not a mainland mobile number' },
  });
  return z.NEVER;
});

/** The people on duty, in the order they are paged: the leader on duty first. */
export const rosterSchema = z.strictObject({
  entries: z
    .array(
      z
        .strictObject({
          /** Their staff account, so they can acknowledge in the inbox. */
          staffId: z.uuid().optional(),
          phone: mobile.optional(),
          email: z.email().max(200).optional(),
          locale: z.enum(Locales).default('zh-CN'),
        })
        .refine((entry) => entry.phone ?? entry.email, {
          params: {
            code: 'CONTACT_REQUIRED',
            zh: '请填写手机号码或电子邮箱',
            en: 'A phone or an email is required',
          },
        }),
    )
    .min(1)
    .max(20),
});

export type Roster = z.infer<typeof rosterSchema>;

export interface RosterEntry {
  id: string;
  position: number;
  staff_id: string | null;
  phone_sealed: string | null;
  email_sealed: string | null;
  locale: 'zh-CN' | 'en';
}

const maskEmail = (email: string) => email.replace(/^(.)[^@]*/, '$1***');

/**
 * Duty rosters (值班表), set by admins. The duty phones and mailboxes are personal data: sealed
 * at rest like petitioners' phones, opened only to page, and shown masked.
 */
@Injectable()
export class DutyRosters {
  constructor(
    private readonly transactions: Transactions,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Replaces a scope's roster; pages already sent keep going to whom they went. */
  async replace(staff: StaffUser, scope: string, roster: Roster) {
    return this.transactions.run(async (tx) => {
      if (!isTerritory(scope)) {
        const [unit] = await tx.manager.query<unknown[]>(
          `SELECT 1 FROM routing.unit_directory_v1 WHERE code = $1`,
          [scope],
        );
        if (!unit) {
          throw validationFailed([
            {
              field: 'scope',
              code: 'UNIT_UNKNOWN',
              messages: { zh: '单位不存在', en: 'No unit has this code' },
            },
          ]);
        }
      }
      await this.checkStaff(tx, scope, roster);
      await tx.manager.query(`DELETE FROM notify.duty_roster_entry WHERE scope = $1`, [scope]);
      const entries = roster.entries.map((entry, index) => ({
        id: randomUUID(),
        position: index + 1,
        staffId: entry.staffId ?? null,
        phone: this.cipher.encryptOptional('phone', entry.phone),
        // A mailbox is sealed as an address.
        email: this.cipher.encryptOptional('address', entry.email),
        locale: entry.locale,
      }));
      await tx.manager.query(
        `INSERT INTO notify.duty_roster_entry
           (id, scope, position, staff_id, phone_sealed, email_sealed, locale, updated_by)
         SELECT id, $1, position, staff_id, phone, email, locale, $2
         FROM unnest($3::uuid[], $4::int[], $5::uuid[], $6::text[], $7::text[], $8::text[])
           AS e (id, position, staff_id, phone, email, locale)`,
        [
          scope,
          staff.id,
          entries.map((e) => e.id),
          entries.map((e) => e.position),
          entries.map((e) => e.staffId),
          entries.map((e) => e.phone),
          entries.map((e) => e.email),
          entries.map((e) => e.locale),
        ],
      );
      return this.view(tx, scope);
    });
  }

  /** A roster, for admins and for supervisors whose scope holds its unit or territory. */
  async get(staff: StaffUser, scope: string) {
    return this.transactions.run(async (tx) => {
      const seen = await staffScope(tx.manager, staff);
      const within = isTerritory(scope)
        ? scopeHasTerritory(seen, scope)
        : scopeHasUnit(seen, scope);
      if (!within) throw forbidden();
      const roster = await this.view(tx, scope);
      if (roster.entries.length === 0) throw notFound({ zh: '值班表', en: 'Duty roster' });
      return roster;
    });
  }

  /**
   * Each person named on a roster is an active member of staff of its unit, or of a unit of its
   * territory (read from routing.staff_directory_v1).
   */
  private async checkStaff(tx: Tx, scope: string, roster: Roster) {
    const named = [...new Set(roster.entries.flatMap((e) => (e.staffId ? [e.staffId] : [])))];
    if (named.length === 0) return;
    const rows = await tx.manager.query<{ id: string }[]>(
      `SELECT s.id FROM routing.staff_directory_v1 s
       JOIN routing.unit_directory_v1 u ON u.code = s.unit_code
       WHERE s.id = ANY ($1::uuid[]) AND s.active
         AND (CASE WHEN $3 THEN u.division_code LIKE $2 || '%' ELSE s.unit_code = $2 END)`,
      [named, isTerritory(scope) ? territoryOf(scope) : scope, isTerritory(scope)],
    );
    const valid = new Set(rows.map((r) => r.id));
    const errors: FieldError[] = roster.entries.flatMap((entry, index) =>
      entry.staffId && !valid.has(entry.staffId)
        ? [
            {
              field: `entries[${index}].staffId`,
              code: 'STAFF_NOT_IN_UNIT',
              messages: isTerritory(scope)
                ? {
                    zh: '值班人员须为该辖区单位的在职工作人员',
                    en: 'Not an active member of staff of a unit of this territory',
                  }
                : {
                    zh: '值班人员须为本单位的在职工作人员',
                    en: 'Not an active member of staff of this unit',
                  },
            },
          ]
        : [],
    );
    if (errors.length > 0) throw validationFailed(errors);
  }

  /** The roster of the first scope that has one, in paging order. */
  async firstRoster(tx: Tx, scopes: string[]): Promise<{ scope: string; entries: RosterEntry[] }> {
    for (const scope of scopes) {
      const entries = await this.entries(tx, scope);
      if (entries.length > 0) return { scope, entries };
    }
    return { scope: '', entries: [] };
  }

  entries(tx: Tx, scope: string, after = 0): Promise<RosterEntry[]> {
    return tx.manager.query<RosterEntry[]>(
      `SELECT id, position, staff_id, phone_sealed, email_sealed, locale
       FROM notify.duty_roster_entry WHERE scope = $1 AND position > $2 ORDER BY position`,
      [scope, after],
    );
  }

  private async view(tx: Tx, scope: string) {
    const entries = await this.entries(tx, scope);
    return {
      scope,
      entries: entries.map((entry) => {
        const phone = this.cipher.decryptOptional('phone', entry.phone_sealed);
        const email = this.cipher.decryptOptional('address', entry.email_sealed);
        return {
          position: entry.position,
          staffId: entry.staff_id,
          phone: phone && maskPhone(phone),
          email: email && maskEmail(email),
          locale: entry.locale,
        };
      }),
    };
  }
}
