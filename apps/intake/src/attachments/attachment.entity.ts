import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The content types an attachment may have, as detected from its bytes. */
export type AttachmentContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

/**
 * A file given with a petition (a letter scan, a photo, a contract). The bytes live in the
 * AttachmentStore under `storageKey`; the row says what they are and who brought them.
 */
@Entity({ schema: 'intake', name: 'attachment' })
export class Attachment {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'petition_id', type: 'uuid' })
  petitionId: string;

  /** The sender's name for the file, sanitised, its extension matching the detected type. */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** Detected from the magic bytes, whatever the client claimed. */
  @Column({ name: 'content_type', type: 'text' })
  contentType: AttachmentContentType;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  /** Hex SHA-256 of the bytes, to prove later that the file is the one received. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  /** `petitioner` (with the query code) or `staff:<user id>`. */
  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
