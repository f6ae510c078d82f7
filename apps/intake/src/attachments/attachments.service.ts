import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { Repository } from 'typeorm';
import {
  ApiError,
  AuditActions,
  AuditTrail,
  notFound,
  Transactions,
  validationFailed,
  type StaffUser,
} from '#common';
import type { Petition } from '../database/petition.entity.js';
import { CaseLookup } from '../petitions/case-lookup.service.js';
import { Attachment, type AttachmentContentType } from './attachment.entity.js';
import { lockPetitionAttachments } from './attachment.repository.js';
import { AttachmentStore } from './attachment-store.js';
import type { UploadedAttachment } from './attachment-upload.js';

/** Largest file accepted, in bytes; multer stops reading beyond it. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_PETITION = 10;

export type { UploadedAttachment } from './attachment-upload.js';

const ATTACHMENT = { zh: '附件', en: 'Attachment' };

/** The multipart/form-data field that carries the file (one file a request). */
export const ATTACHMENT_FIELD = 'file';

// The accepted types and the extensions a file of that type may keep (the first is the default).
const EXTENSIONS: Record<AttachmentContentType, readonly [string, ...string[]]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

const isAccepted = (mime: string): mime is AttachmentContentType => Object.hasOwn(EXTENSIONS, mime);

const fileProblem = (code: string, zh: string, en: string) =>
  validationFailed([{ field: ATTACHMENT_FIELD, code, messages: { zh, en } }]);

export const attachmentMissing = () =>
  fileProblem(
    'attachment_missing',
    `请在 ${ATTACHMENT_FIELD} 字段中上传一个非空文件`,
    `a non-empty file is required in the form field "${ATTACHMENT_FIELD}"`,
  );

/** 413, naming the field like every validation answer. */
export const attachmentTooLarge = () => {
  const messages = {
    zh: `单个附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
    en: `an attachment may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`,
  };
  return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'VALIDATION_FAILED', messages, [
    { field: ATTACHMENT_FIELD, code: 'attachment_too_large', messages },
  ]);
};

const attachmentType = () =>
  fileProblem(
    'attachment_type',
    '附件只能是 PDF、JPEG 或 PNG 文件',
    'an attachment must be a PDF, JPEG or PNG file',
  );

const attachmentLimit = () =>
  fileProblem(
    'attachment_limit',
    `每件信访最多上传 ${MAX_ATTACHMENTS_PER_PETITION} 个附件`,
    `a petition may have at most ${MAX_ATTACHMENTS_PER_PETITION} attachments`,
  );

/**
 * Attachments of petitions: checked (size, type by magic bytes, count per petition), stored
 * through the AttachmentStore, described in intake.attachment. Names and bytes of files never
 * go to logs or jobs; the timeline records only the id, type and size.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    private readonly lookup: CaseLookup,
    private readonly store: AttachmentStore,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
  ) {}

  /** Staff of a unit that still has the whole case add to it; a unit whose part ended cannot. */
  async addByStaff(caseNo: string, staff: StaffUser, file: UploadedAttachment | undefined) {
    let petition: Petition;
    try {
      petition = (await this.lookup.forStaff(caseNo, staff, 'WHOLE')).petition;
    } catch (error) {
      // The file arrived before the case was checked: not kept for a case the sender cannot add to.
      if (file) await this.store.remove(file.storageKey).catch(() => undefined);
      throw error;
    }
    return describe(await this.add(petition, file, `staff:${staff.id}`));
  }

  /** The petition was found by the query code before the body was read (PetitionerUploadGuard). */
  async addByPetitioner(petition: Petition, file: UploadedAttachment | undefined) {
    const { id, fileName, contentType, sizeBytes, createdAt } = await this.add(
      petition,
      file,
      'petitioner',
    );
    return { id, fileName, contentType, sizeBytes, createdAt };
  }

  /**
   * Listing and download are refused (404, as for an unknown case) to a unit whose assignment
   * ended and to the units the petition accuses and those under them.
   */
  async list(caseNo: string, staff: StaffUser) {
    const petition = (await this.lookup.forStaff(caseNo, staff, 'MATERIALS')).petition;
    const rows = await this.attachments.find({
      where: { petitionId: petition.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return { items: rows.map(describe) };
  }

  /** The attachment and its bytes, opened; the caller streams them. */
  async open(caseNo: string, id: string, staff: StaffUser) {
    const petition = (await this.lookup.forStaff(caseNo, staff, 'MATERIALS')).petition;
    const attachment = await this.attachments.findOneBy({ id, petitionId: petition.id });
    if (!attachment) throw notFound(ATTACHMENT);
    const file = await this.store.open(attachment.storageKey);
    // Recorded before the first byte goes out; the file's name is not (it may name someone).
    try {
      await this.audit.record(undefined, {
        action: AuditActions.AttachmentDownload,
        actor: staff,
        caseNo: petition.caseNo,
        target: { type: 'attachment', id: attachment.id },
        detail: { contentType: attachment.contentType, sizeBytes: attachment.sizeBytes },
      });
    } catch (error) {
      file.stream.destroy();
      throw error;
    }
    return { attachment, file };
  }

  private async add(
    petition: Petition,
    file: UploadedAttachment | undefined,
    uploadedBy: string,
  ): Promise<Attachment> {
    if (!file) throw attachmentMissing();
    // The file is already stored (sealed) by the upload's storage engine: every refusal below
    // removes it, so no file is left without its row.
    const stored = { storageKey: file.storageKey, sizeBytes: file.size, sha256: file.sha256 };
    const id = file.id;
    let contentType: AttachmentContentType;
    try {
      if (file.size === 0) throw attachmentMissing();
      // multer enforces the limit while reading; this guards a change of its options.
      if (file.size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge();
      const detected = await fileTypeFromBuffer(file.head);
      if (!detected || !isAccepted(detected.mime)) throw attachmentType();
      contentType = detected.mime;
      if (
        (await this.attachments.countBy({ petitionId: petition.id })) >=
        MAX_ATTACHMENTS_PER_PETITION
      ) {
        throw attachmentLimit();
      }
    } catch (error) {
      await this.store.remove(stored.storageKey).catch(() => undefined);
      throw error;
    }

    try {
      return await this.transactions.run(async (tx) => {
        await lockPetitionAttachments(tx.manager, petition.id);
        const count = await tx.manager.countBy(Attachment, { petitionId: petition.id });
        if (count >= MAX_ATTACHMENTS_PER_PETITION) throw attachmentLimit();
        const attachment: Attachment = {
          id,
          petitionId: petition.id,
          fileName: attachmentFileName(file.originalname, contentType),
          contentType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.storageKey,
          uploadedBy,
          createdAt: new Date(),
        };
        await tx.manager.insert(Attachment, attachment);
        await tx.recordTimeline({
          petitionId: petition.id,
          type: 'attachment.added',
          visibleToPetitioner: true,
          data: {
            attachmentId: id,
            contentType,
            sizeBytes: stored.sizeBytes,
            by: uploadedBy === 'petitioner' ? 'petitioner' : 'staff',
          },
        });
        return attachment;
      });
    } catch (error) {
      // No row points at the file: remove it rather than leave an orphan.
      await this.store.remove(stored.storageKey).catch(() => undefined);
      throw error;
    }
  }
}

function describe(a: Attachment) {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    createdAt: a.createdAt,
  };
}

/**
 * The name to keep for a file: its base name without control or bidi characters (which can
 * disguise `gpj.exe` as `exe.jpg`) or characters that are unsafe in file names, at most 200
 * UTF-16 units before the extension, which matches the detected type.
 */
export function attachmentFileName(original: string, type: AttachmentContentType): string {
  const base = (original.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    // Joiners stay: emoji sequences and Persian or Indic words need them.
    .replace(/(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ');
  const dot = base.lastIndexOf('.');
  const extension = dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
  const allowed = EXTENSIONS[type];
  const stem = (dot >= 0 ? base.slice(0, dot) : base).replace(/^[\s.]+|[\s.]+$/g, '');
  // Cut between graphemes, so a name never ends in half an emoji or a lone combining mark.
  let shortStem = '';
  for (const { segment } of new Intl.Segmenter().segment(stem || 'attachment')) {
    if (shortStem.length + segment.length > 200) break;
    shortStem += segment;
  }
  return `${shortStem.trimEnd() || 'attachment'}.${allowed.includes(extension) ? extension : allowed[0]}`;
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
