import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  forbidden,
  maskPhone,
  notFound,
  PersonalDataCipher,
  PersonalDataKeyError,
  phoneKind,
  scopeHasTerritory,
  scopeHasUnit,
  staffScope,
  Transactions,
  type FieldError,
  type StaffUser,
  type Tx,
  validationFailed,
} from '#common';
import type { NotificationChannel } from '../database/notification.entity.js';
import { activeStaffOf, unitExists } from '../database/published-views.repository.js';
import type { Roster } from './duty.schemas.js';
import { replaceRoster, rosterEntries, type RosterEntry } from './duty.repository.js';

const isTerritory = (scope: string) => /^\d{6}$/.test(scope);
/** The division-code prefix of a territory roster: 510900 is the prefecture (5109…). */
const territoryOf = (scope: string) => (scope.endsWith('00') ? scope.slice(0, 4) : scope);

const maskEmail = (email: string) => email.replace(/^(.)[^@]*/, '$1***');

/**
 * Duty rosters (值班表), set by admins. The duty phones and mailboxes are personal data: sealed
 * at rest like petitioners' phones, opened only to page, and shown masked.
 */
@Injectable()
export class DutyRostersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Replaces a scope's roster; pages already sent keep going to whom they went. */
  async replace(staff: StaffUser, scope: string, roster: Roster) {
    return this.transactions.run(async (tx) => {
      if (!isTerritory(scope)) {
        if (!(await unitExists(tx.manager, scope))) {
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
      const entries = roster.entries.map((entry, index) => ({
        id: randomUUID(),
        position: index + 1,
        staffId: entry.staffId ?? null,
        phone: this.cipher.encryptOptional('phone', entry.phone),
        // A mailbox is sealed as an address.
        email: this.cipher.encryptOptional('address', entry.email),
        locale: entry.locale,
      }));
      await replaceRoster(tx.manager, scope, staff.id, entries);
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
    const valid = new Set(
      await activeStaffOf(tx.manager, named, {
        code: isTerritory(scope) ? territoryOf(scope) : scope,
        territory: isTerritory(scope),
      }),
    );
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

  /**
   * How to page an entry: by SMS to a mobile (what people read at once), else by email, else
   * only in the inbox (a landline takes no SMS; the page stays in the log for the record).
   */
  pageChannel(entry: Pick<RosterEntry, 'phone_sealed' | 'email_sealed'>): NotificationChannel {
    let phone: string | null;
    try {
      phone = this.cipher.decryptOptional('phone', entry.phone_sealed);
    } catch (error) {
      // A key missing from PERSONAL_DATA_KEYS: entries sealed before landlines were mobiles.
      if (error instanceof PersonalDataKeyError) return 'sms';
      throw error;
    }
    if (phone && phoneKind(phone) === 'mobile') return 'sms';
    return entry.email_sealed ? 'email' : 'log';
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
    return rosterEntries(tx.manager, scope, after);
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
