import { Module } from '@nestjs/common';
import { QueueBoardModule, QueueName, ServiceInfrastructureModule } from '#common';
import { AccusedPartiesModule } from './accused-parties/accused-parties.module.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { RoutingAuditModule } from './audit/audit.module.js';
import { routingData } from './database/routing-data.js';
import { StaffModule } from './staff/staff.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';
import { WorkbenchModule } from './workbench/workbench.module.js';
import { UnitsModule } from './units/units.module.js';
import { TriageModule } from './triage/triage.module.js';

@Module({
  imports: [
    ServiceInfrastructureModule.forService({ ...routingData, consumes: QueueName.Routing }),
    AssignmentsModule,
    AccusedPartiesModule,
    StaffModule,
    WorkbenchModule,
    SupervisionModule,
    UnitsModule,
    TriageModule,
    QueueBoardModule,
    RoutingAuditModule,
  ],
})
export class RoutingModule {}
