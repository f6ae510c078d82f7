import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '#common';
import { ClassifierModel } from '../classification/classifier-model.js';
import { PetitionRouter } from './petition-router.js';
import { PetitionRoutingHandler } from './petition-routing.handler.js';

@Module({
  providers: [
    PetitionRoutingHandler,
    {
      // Loaded once at start: the model named by CLASSIFIER_MODEL, or the one shipped.
      provide: PetitionRouter,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new PetitionRouter(ClassifierModel.load(config.get('CLASSIFIER_MODEL') ?? undefined)),
    },
  ],
})
export class AssignmentsModule {}
