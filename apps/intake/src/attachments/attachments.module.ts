import { type DynamicModule, type FactoryProvider, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PetitionsModule } from '../petitions/petitions.module.js';
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
      imports: [TypeOrmModule.forFeature([Attachment]), PetitionsModule, trackingThrottle],
      controllers: [StaffAttachmentsController, PublicAttachmentsController],
      providers: [
        { provide: ATTACHMENT_ROOT, ...root },
        {
          provide: AttachmentStore,
          inject: [ATTACHMENT_ROOT],
          useFactory: (directory: string) => new AttachmentStore(directory),
        },
        AttachmentsService,
      ],
    };
  }
}
