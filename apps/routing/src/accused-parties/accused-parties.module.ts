import { Module } from '@nestjs/common';
import { AccusedPartiesController } from './accused-parties.controller.js';
import { AccusedPartiesService } from './accused-parties.service.js';

@Module({ controllers: [AccusedPartiesController], providers: [AccusedPartiesService] })
export class AccusedPartiesModule {}
