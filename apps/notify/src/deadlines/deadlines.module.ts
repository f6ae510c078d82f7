import { Module } from '@nestjs/common';
import { AssignmentDeadlinesHandler } from './assignment-deadlines.handler.js';

@Module({ providers: [AssignmentDeadlinesHandler] })
export class DeadlinesModule {}
