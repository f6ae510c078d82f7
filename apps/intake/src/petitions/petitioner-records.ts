import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { maskIdNumber, maskPhone, PersonalDataCipher } from '#common';
import type { Petitioner } from '../database/petitioner.entity.js';

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
      idNumberIndex: person.idNumber ? this.cipher.blindIndex('idNumber', person.idNumber) : null,
      phoneSealed: this.cipher.encryptOptional('phone', person.phone),
      phoneIndex: person.phone ? this.cipher.blindIndex('phone', person.phone) : null,
      addressSealed: this.cipher.encryptOptional('address', person.address),
    };
  }

  /** The blind indexes of the people, to tell one person's petitions from different people's. */
  indexesOf(people: PetitionerDetails[]): string[] {
    return people.flatMap((person) => [
      ...(person.idNumber ? [this.cipher.blindIndex('idNumber', person.idNumber)] : []),
      ...(person.phone ? [this.cipher.blindIndex('phone', person.phone)] : []),
    ]);
  }

  /** Full details for staff entitled to contact the petitioner; masked for everyone else. */
  display(row: Petitioner, full: boolean) {
    const idNumber = this.cipher.decryptOptional('idNumber', row.idNumberSealed);
    const phone = this.cipher.decryptOptional('phone', row.phoneSealed);
    return {
      name: this.cipher.decrypt('name', row.nameSealed),
      idNumber: idNumber && (full ? idNumber : maskIdNumber(idNumber)),
      phone: phone && (full ? phone : maskPhone(phone)),
      address: full ? this.cipher.decryptOptional('address', row.addressSealed) : null,
      masked: !full,
    };
  }
}
