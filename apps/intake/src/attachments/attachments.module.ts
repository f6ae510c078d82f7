import { type DynamicModule, type FactoryProvider, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '#common';
import { Petition } from '../database/petition.entity.js';
import { CaseReadRepository } from '../petitions/case-read.repository.js';
import { QueryCodes } from '../petitions/query-code.js';
import { trackingThrottle } from '../petitions/tracking-throttle.js';
import { Attachment } from './attachment.entity.js';
import { AttachmentStore } from './attachment-store.js';
import {
  PublicAttachmentsController,
  StaffAttachmentsController,
} from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';

/** The directory attachments are stored under (a string path). */
export const ATTACHMENT_ROOT = Symbol('ATTACHMENT_ROOT');

/** How the importing module gives the storage directory, e.g. from the ATTACHMENT_DIR setting. */
export type AttachmentRootProvider =
  { useValue: string } | Pick<FactoryProvider<string>, 'useFactory' | 'inject'>;

/** Files given with petitions: upload by staff and by the petitioner, listing, download. */
@Module({})
export class AttachmentsModule {
  static register(root: AttachmentRootProvider): DynamicModule {
    return {
      module: AttachmentsModule,
      // The same throttler instance as public tracking (the import is shared, not a second one).
      imports: [TypeOrmModule.forFeature([Petition, Attachment]), trackingThrottle],
      controllers: [StaffAttachmentsController, PublicAttachmentsController],
      providers: [
        { provide: ATTACHMENT_ROOT, ...root },
        {
          provide: AttachmentStore,
          inject: [ATTACHMENT_ROOT],
          useFactory: (directory: string) => new AttachmentStore(directory),
        },
        {
          provide: QueryCodes,
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) =>
            new QueryCodes(config.get('QUERY_CODE_SECRET', { infer: true })),
        },
        CaseReadRepository,
        AttachmentsService,
      ],
    };
  }
}
