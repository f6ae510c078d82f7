import { z } from 'zod';
import { pagingFields, unitCodeSchema as unitCode } from '#common';
import { DeclineGrounds } from './case-workflow.js';

/** The transfer request in a dispatcher's decision path. */
export const transferIdSchema = z.uuid();

const reason = z.string().trim().min(2).max(2000);

export const declineSchema = z.strictObject({
  /** The legal ground (不予受理理由); the petitioner sees its wording. */
  ground: z.enum(DeclineGrounds),
  explanation: reason,
});
export type Decline = z.infer<typeof declineSchema>;

export const returnSchema = z.strictObject({ reason });
export type ReturnToDispatcher = z.infer<typeof returnSchema>;

/** The unit the case goes to: `unitCode`, as in a triage decision (releases before 2026-12: `toUnitCode`). */
export const transferSchema = z.strictObject({ unitCode, reason });
export type TransferRequest = z.infer<typeof transferSchema>;

export const extensionSchema = z.strictObject({
  days: z.int().min(1).max(30),
  /** Shown to the petitioner. */
  reason,
});
export type ExtensionRequest = z.infer<typeof extensionSchema>;

export const decisionSchema = z.strictObject({
  approve: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const coHandlersSchema = z.strictObject({
  unitCodes: z.array(unitCode).min(1).max(10),
});
export type CoHandlers = z.infer<typeof coHandlersSchema>;

export const responsibleLeaderSchema = z.strictObject({ staffId: z.uuid() });
export type ResponsibleLeader = z.infer<typeof responsibleLeaderSchema>;

export const conclusionSchema = z.strictObject({
  /** 答复意见书: the written reply the petitioner receives. */
  reply: z.string().trim().min(10).max(10_000),
  /** 办结报告 to the higher level; required when it assigned the case with a report-back date. */
  completionReport: z.string().trim().min(10).max(10_000).optional(),
});
export type Conclusion = z.infer<typeof conclusionSchema>;

export const workbenchQuerySchema = z.strictObject({
  status: z.enum(['ASSIGNED', 'ACCEPTED']).optional(),
  ...pagingFields(),
});
export type WorkbenchQuery = z.infer<typeof workbenchQuerySchema>;
