import { Module } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { AssignmentDeadlinesHandler } from './assignment-deadlines.handler.js';

@Module({ providers: [AssignmentDeadlinesHandler, CalendarService] })
export class DeadlinesModule {}
