import {
  type CallHandler,
  Controller,
  Get,
  Header,
  HttpCode,
  Injectable,
  type NestInterceptor,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ThrottlerGuard } from '@nestjs/throttler';
import { catchError, type Observable, throwError } from 'rxjs';
import { z } from 'zod';
import { CurrentStaff, Public, RequireRoles, ZodValidationPipe, type StaffUser } from '#common';
import { caseNoSchema, queryCodeSchema } from '../petitions/petition.schemas.js';
import {
  AttachmentsService,
  attachmentTooLarge,
  contentDisposition,
  MAX_ATTACHMENT_BYTES,
  type UploadedAttachment,
} from './attachments.service.js';

/** multer's 413 for a file over the limit, as the 400 naming the field that every API error has. */
@Injectable()
class UploadLimitErrors implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException ? attachmentTooLarge() : error,
          ),
        ),
      );
  }
}

// Kept in memory up to the limit (multer stops reading beyond it), then checked and written by
// the AttachmentStore. Browsers send UTF-8 names, which multer would read as Latin-1.
const fileUpload = FileInterceptor('file', {
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, parts: 20 },
  defParamCharset: 'utf8',
});

const attachmentIdSchema = z.string().refine((value) => z.uuid().safeParse(value).success, {
  params: { code: 'attachment_id_format', zh: '附件编号格式不正确', en: 'malformed attachment id' },
});

/** Staff attach files to the cases they can see, list them and download them. */
@Controller('api/v1/petitions/:caseNo/attachments')
export class StaffAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('registrar', 'handler')
  @UseInterceptors(UploadLimitErrors, fileUpload)
  upload(
    @Param('caseNo', new ZodValidationPipe(caseNoSchema)) caseNo: string,
    @CurrentStaff() staff: StaffUser,
    @UploadedFile() file: UploadedAttachment | undefined,
  ) {
    return this.attachments.addByStaff(caseNo, staff, file);
  }

  @Get()
  list(
    @Param('caseNo', new ZodValidationPipe(caseNoSchema)) caseNo: string,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.attachments.list(caseNo, staff);
  }

  @Get(':id')
  // Never rendered inline or sniffed as another type; personal data stays out of caches.
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  async download(
    @Param('caseNo', new ZodValidationPipe(caseNoSchema)) caseNo: string,
    @Param('id', new ZodValidationPipe(attachmentIdSchema)) id: string,
    @CurrentStaff() staff: StaffUser,
  ) {
    const { attachment, file } = await this.attachments.open(caseNo, id, staff);
    return new StreamableFile(file.stream, {
      type: attachment.contentType,
      length: file.sizeBytes,
      disposition: contentDisposition(attachment.fileName),
    });
  }
}

/** The petitioner adds files to their case with the query code from the receipt. */
@Public()
@Controller('api/v1/public/petitions/:caseNo/attachments')
export class PublicAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @HttpCode(201)
  // Throttled like tracking: a wrong code is a 404 here too, so this must not help guess codes.
  @UseGuards(ThrottlerGuard)
  @UseInterceptors(UploadLimitErrors, fileUpload)
  upload(
    @Param('caseNo', new ZodValidationPipe(caseNoSchema)) caseNo: string,
    @Query(new ZodValidationPipe(queryCodeSchema)) query: { queryCode: string },
    @UploadedFile() file: UploadedAttachment | undefined,
  ) {
    return this.attachments.addByPetitioner(caseNo, query.queryCode, file);
  }
}
