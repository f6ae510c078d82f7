import { Module } from '@nestjs/common';
import { PetitionRoutingHandler } from './petition-routing.handler.js';

@Module({ providers: [PetitionRoutingHandler] })
export class AssignmentsModule {}
