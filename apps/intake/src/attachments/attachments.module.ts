import { type DynamicModule, type FactoryProvider, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PetitionsModule } from '../petitions/petitions.module.js';
import { Attachment } from './attachment.entity.js';
import { PersonalDataCipher, PersonalDataModule } from '#common';
import { AttachmentStore } from './attachment-store.js';
import { AttachmentSweep } from './attachment-sweep.service.js';
import { attachmentStorage, PetitionerUploadGuard } from './attachment-upload.js';
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
      imports: [TypeOrmModule.forFeature([Attachment]), PetitionsModule, PersonalDataModule],
      controllers: [StaffAttachmentsController, PublicAttachmentsController],
      providers: [
        { provide: ATTACHMENT_ROOT, ...root },
        {
          provide: AttachmentStore,
          inject: [ATTACHMENT_ROOT, PersonalDataCipher],
          useFactory: (directory: string, cipher: PersonalDataCipher) =>
            new AttachmentStore(directory, cipher),
        },
        // FileInterceptor reads its options from this token: uploads stream into the store.
        {
          provide: 'MULTER_MODULE_OPTIONS',
          inject: [AttachmentStore],
          useFactory: (store: AttachmentStore) => ({ storage: attachmentStorage(store) }),
        },
        PetitionerUploadGuard,
        AttachmentsService,
        AttachmentSweep,
      ],
    };
  }
}
