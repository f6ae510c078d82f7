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
  Req,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { catchError, type Observable, throwError } from 'rxjs';
import {
  caseNoPipe,
  CurrentStaff,
  DocumentedRequest,
  Public,
  RequireRoles,
  type StaffUser,
  ZodValidationPipe,
} from '#common';
import { queryCodeSchema } from '../petitions/petition.schemas.js';
import { attachmentIdSchema, caseNoParamsSchema } from './attachments.schemas.js';
import {
  PetitionerUploadGuard,
  type RequestWithPetition,
  UPLOAD_PETITION,
} from './attachment-upload.js';
import {
  ATTACHMENT_FIELD,
  AttachmentsService,
  attachmentTooLarge,
  contentDisposition,
  MAX_ATTACHMENT_BYTES,
  type UploadedAttachment,
} from './attachments.service.js';

/** multer's 413 for a file over the limit, as a 413 naming the field in both languages. */
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

// Streamed, sealed, into the AttachmentStore by the module's storage engine (attachmentStorage);
// multer stops reading at the limit. Browsers send UTF-8 names, which multer would read as Latin-1.
const fileUpload = FileInterceptor(ATTACHMENT_FIELD, {
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, parts: 20 },
  defParamCharset: 'utf8',
});

/** Staff attach files to the cases they can see, list them and download them. */
@Controller('api/v1/petitions/:caseNo/attachments')
export class StaffAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('registrar', 'handler')
  @UseInterceptors(UploadLimitErrors, fileUpload)
  @DocumentedRequest({ uploadField: ATTACHMENT_FIELD })
  upload(
    @Param('caseNo', caseNoPipe) caseNo: string,
    @CurrentStaff() staff: StaffUser,
    @UploadedFile() file: UploadedAttachment | undefined,
  ) {
    return this.attachments.addByStaff(caseNo, staff, file);
  }

  @Get()
  list(@Param('caseNo', caseNoPipe) caseNo: string, @CurrentStaff() staff: StaffUser) {
    return this.attachments.list(caseNo, staff);
  }

  @Get(':id')
  // Never rendered inline or sniffed as another type; personal data stays out of caches.
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  async download(
    @Param('caseNo', caseNoPipe) caseNo: string,
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
  // The case number and query code are checked by the guard, failures limited as in tracking,
  // before the interceptor reads the body.
  @UseGuards(PetitionerUploadGuard)
  @UseInterceptors(UploadLimitErrors, fileUpload)
  @DocumentedRequest({
    params: caseNoParamsSchema,
    query: queryCodeSchema,
    uploadField: ATTACHMENT_FIELD,
  })
  upload(
    @Req() request: RequestWithPetition,
    @UploadedFile() file: UploadedAttachment | undefined,
  ) {
    const petition = request[UPLOAD_PETITION];
    if (!petition) throw new Error('PetitionerUploadGuard did not run');
    return this.attachments.addByPetitioner(petition, file);
  }
}
