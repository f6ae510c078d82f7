import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  idNumberForMatching,
  maskIdNumber,
  maskPhone,
  PersonalDataCipher,
  phoneKind,
} from '#common';
import type { Petitioner } from '../database/petitioner.entity.js';
import type { PersonalDataView } from './case-access.js';

export interface PetitionerDetails {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  address?: string | null;
}

/** Seals petitioners' personal data for storage and opens it for those allowed to read it. */
@Injectable()
export class PetitionerRecords {
  constructor(private readonly cipher: PersonalDataCipher) {}

  seal(petitionId: string, position: number, person: PetitionerDetails): Petitioner {
    return {
      id: randomUUID(),
      petitionId,
      position,
      nameSealed: this.cipher.encrypt('name', person.name),
      idNumberSealed: this.cipher.encryptOptional('idNumber', person.idNumber),
      idNumberIndex: person.idNumber ? this.idNumberIndex(person.idNumber) : null,
      phoneSealed: this.cipher.encryptOptional('phone', person.phone),
      phoneIndex: person.phone ? this.cipher.blindIndex('phone', person.phone) : null,
      phoneKind: person.phone ? phoneKind(person.phone) : null,
      addressSealed: this.cipher.encryptOptional('address', person.address),
    };
  }

  /** The blind indexes of the people, to tell one person's petitions from different people's. */
  indexesOf(people: PetitionerDetails[]): string[] {
    return people.flatMap((person) => [
      ...(person.idNumber ? [this.idNumberIndex(person.idNumber)] : []),
      ...(person.phone ? [this.cipher.blindIndex('phone', person.phone)] : []),
    ]);
  }

  /** A 15-digit number and the 18-character number of the same person share one index. */
  idNumberIndex(idNumber: string): string {
    return this.cipher.blindIndex('idNumber', idNumberForMatching(idNumber));
  }

  /**
   * A petitioner as the caller may see them (see PersonalDataView): in full for staff entitled to
   * contact them; ID number and phone masked for other staff; the accuser hidden, name included,
   * from the accused and those above them. `masked` says whether anything was withheld.
   */
  display(row: Petitioner, view: PersonalDataView) {
    const name = this.cipher.decrypt('name', row.nameSealed);
    const idNumber = this.cipher.decryptOptional('idNumber', row.idNumberSealed);
    const phone = this.cipher.decryptOptional('phone', row.phoneSealed);
    if (view === 'HIDDEN') {
      return {
        name: maskName(name),
        idNumber: idNumber && hideAll(idNumber),
        phone: phone && hideAll(phone),
        address: null,
        masked: true,
      };
    }
    const full = view === 'FULL';
    return {
      name,
      idNumber: idNumber && (full ? idNumber : maskIdNumber(idNumber)),
      phone: phone && (full ? phone : maskPhone(phone)),
      address: full ? this.cipher.decryptOptional('address', row.addressSealed) : null,
      masked: !full,
    };
  }

  /** Only the masked name (李**), for a summary of the case. */
  maskedName(row: Petitioner) {
    return { name: maskName(this.cipher.decrypt('name', row.nameSealed)), masked: true as const };
  }
}

/** `李**`: the first character, the rest starred (at least one star, whatever the length). */
export function maskName(name: string): string {
  const [first = '', ...rest] = Array.from(name.trim());
  return `${first}${'*'.repeat(Math.max(rest.length, 1))}`;
}

const hideAll = (value: string) => '*'.repeat(value.length);
