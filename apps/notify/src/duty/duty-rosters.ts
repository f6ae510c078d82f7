import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  maskPhone,
  normaliseMainlandMobile,
  notFound,
  PersonalDataCipher,
  Transactions,
  type StaffUser,
  type Tx,
  validationFailed,
} from '#common';
import { Locales } from '../notifications/templates.js';

/** A roster covers a unit (its code) or a territory (a county or prefecture division code). */
export const rosterScope = z.string().regex(/^(\d{6}|[A-Z0-9_-]{2,64})$/);
const isTerritory = (scope: string) => /^\d{6}$/.test(scope);

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

  async get(scope: string) {
    return this.transactions.run(async (tx) => {
      const roster = await this.view(tx, scope);
      if (roster.entries.length === 0) throw notFound({ zh: '值班表', en: 'Duty roster' });
      return roster;
    });
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
