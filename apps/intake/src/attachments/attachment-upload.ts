import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { caseNoPipe, ZodValidationPipe } from '#common';
import type { Petition } from '../database/petition.entity.js';
import { PetitionerFailures } from '../petitions/petitioner-failures.service.js';
import { CaseLookup } from '../petitions/case-lookup.service.js';
import { queryCodeSchema } from '../petitions/petition.schemas.js';
import { AttachmentStore } from './attachment-store.js';

/** Bytes kept from the start of a file to detect its type (file-type reads at most 4100). */
const HEAD_BYTES = 4100;

/** What the storage engine hands over for the `file` field: written (sealed), not in memory. */
export interface UploadedAttachment {
  originalname: string;
  id: string;
  storageKey: string;
  size: number;
  sha256: string;
  /** The first bytes, for detecting the type. */
  head: Buffer;
}

interface IncomingFile {
  originalname: string;
  stream: Readable;
}

/**
 * A multer storage engine that streams each file, encrypted, into the AttachmentStore while it
 * arrives: nothing but its first bytes is held in memory. When a file passes the size limit,
 * multer ends its stream and then calls _removeFile, so no file is left.
 */
export function attachmentStorage(store: AttachmentStore) {
  return {
    _handleFile(
      _request: unknown,
      file: IncomingFile,
      done: (error: unknown, info?: Omit<UploadedAttachment, 'originalname'>) => void,
    ) {
      const id = randomUUID();
      const chunks: Buffer[] = [];
      let kept = 0;
      async function* tapped() {
        for await (const chunk of file.stream as AsyncIterable<Buffer>) {
          if (kept < HEAD_BYTES) {
            chunks.push(chunk.subarray(0, HEAD_BYTES - kept));
            kept += Math.min(chunk.length, HEAD_BYTES - kept);
          }
          yield chunk;
        }
      }
      store.write(id, Readable.from(tapped())).then(
        (stored) => {
          done(null, {
            id,
            storageKey: stored.storageKey,
            size: stored.sizeBytes,
            sha256: stored.sha256,
            head: Buffer.concat(chunks),
          });
        },
        (error: unknown) => {
          done(error);
        },
      );
    },
    _removeFile(
      _request: unknown,
      file: Partial<UploadedAttachment>,
      done: (error: Error | null) => void,
    ) {
      if (!file.storageKey) {
        done(null);
        return;
      }
      store.remove(file.storageKey).then(
        () => {
          done(null);
        },
        (error: unknown) => {
          done(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  };
}

/** The petition the guard found for a public upload, kept on the request. */
export const UPLOAD_PETITION = Symbol('uploadPetition');
export type RequestWithPetition = Request & { [UPLOAD_PETITION]?: Petition };

/**
 * The case number and query code of a public upload are checked before its body is read: a
 * stranger's upload is refused (404, as for an unknown case) without a byte of it stored or
 * buffered. Guards run before the interceptor that reads the body.
 */
@Injectable()
export class PetitionerUploadGuard implements CanActivate {
  constructor(
    private readonly lookup: CaseLookup,
    private readonly failures: PetitionerFailures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithPetition>();
    // The same pipes, and so the same 400s, as the parameters of any other route.
    const caseNo = caseNoPipe.transform(request.params.caseNo);
    const { queryCode } = new ZodValidationPipe(queryCodeSchema).transform(request.query);
    // A wrong code is a 404 here too: it counts as a failure, as in tracking; the right code
    // always gets through.
    request[UPLOAD_PETITION] = await this.failures.guard(caseNo, request.ip ?? 'unknown', () =>
      this.lookup.forPetitioner(caseNo, queryCode),
    );
    return true;
  }
}
