import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PhoneKind } from '#common';

/**
 * A person who brought a petition (信访人). Name, ID number, phone and address are stored only
 * sealed (AES-256-GCM, see PersonalDataCipher); ID number and phone also as blind indexes, so a
 * person's earlier petitions can be found without decrypting anything. The ID number is kept as
 * written (15 or 18 digits) and indexed in its 18-character form (idNumberForMatching).
 */
@Entity({ schema: 'intake', name: 'petitioner' })
export class Petitioner {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'petition_id', type: 'uuid' })
  petitionId: string;

  /** Order in which the petitioners were given; the first is the contact person. */
  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'name_sealed', type: 'text' })
  nameSealed: string;

  @Column({ name: 'id_number_sealed', type: 'text', nullable: true })
  idNumberSealed: string | null;

  @Column({ name: 'id_number_index', type: 'text', nullable: true })
  idNumberIndex: string | null;

  @Column({ name: 'phone_sealed', type: 'text', nullable: true })
  phoneSealed: string | null;

  @Column({ name: 'phone_index', type: 'text', nullable: true })
  phoneIndex: string | null;

  /** mobile or landline, set with the phone: notify texts only mobiles, without opening it. */
  @Column({ name: 'phone_kind', type: 'text', nullable: true })
  phoneKind: PhoneKind | null;

  @Column({ name: 'address_sealed', type: 'text', nullable: true })
  addressSealed: string | null;
}
