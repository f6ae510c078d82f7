import { Module } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { CaseClockHandler } from './case-clock.handler.js';
import { DeadlineClock } from './deadline-clock.js';
import { DeadlineSweep } from './deadline-sweep.js';

@Module({ providers: [CaseClockHandler, DeadlineClock, CalendarService, DeadlineSweep] })
export class DeadlinesModule {}
