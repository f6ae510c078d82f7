import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ServiceSchema } from '../database/data-source.js';
import { currentCorrelationId } from '../logging/correlation.js';
import { Tx, type TransactionHook } from '../messaging/transactions.js';
import { appendAuditEvent, type ResolvedAuditEntry } from './audit-chain.js';
import { caseNoIn, currentAuditScope, idIn, type AuditScope } from './audit-context.js';
import type { AuditEntry } from './audit-entry.js';

/** The schema whose chain a service writes. */
export const AUDIT_SCHEMA = Symbol('AUDIT_SCHEMA');

/**
 * The service's audit trail: an append-only, hash-chained record of who did or read what.
 *
 * ```ts
 * await this.audit.record(tx, { action: AuditActions.AccountChange,
 *   target: { type: 'account', id: account.id }, detail: { fields: ['roles'] } });
 * ```
 *
 * `on` is the transaction of the action (a Tx or an EntityManager): the entry commits with it or
 * not at all. Record last in it: the chain's head stays locked until the commit. Without `on`
 * the entry is written in a transaction of its own, before the caller goes on, so a failure to
 * record stops what it was about to show. The actor and client address default to the
 * request's; the correlation id is the request's or job's.
 *
 * Every state-changing request is recorded anyway, by route, with its status (the interceptor);
 * call `record` for what a route does not say: a view of personal data, a download, an export,
 * which fields of an account changed.
 */
@Injectable()
export class AuditTrail implements TransactionHook {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_SCHEMA) readonly schema: ServiceSchema,
  ) {}

  async record(on: Tx | EntityManager | undefined, entry: AuditEntry): Promise<void> {
    const resolved = this.resolve(entry, currentAuditScope());
    if (on === undefined) {
      await this.dataSource.transaction((manager) =>
        appendAuditEvent(manager, this.schema, resolved),
      );
    } else {
      await appendAuditEvent(on instanceof Tx ? on.manager : on, this.schema, resolved);
    }
  }

  /**
   * Called by Transactions before each commit: a state-changing request's route entry is
   * written in the first transaction of the request, so the change and its record commit
   * together. Ids the transaction returns (a new case's number) name what it acted on.
   */
  async beforeCommit(tx: Tx, result: unknown): Promise<void> {
    const scope = currentAuditScope();
    const route = scope?.route;
    if (!scope || !route || scope.claimed) return;
    scope.claimed = true;
    const caseNo = route.caseNo ?? caseNoIn(result);
    const id = idIn(result);
    await appendAuditEvent(
      tx.manager,
      this.schema,
      this.resolve(
        {
          action: route.action,
          status: route.successStatus,
          caseNo,
          target: route.target ?? (id === null ? null : { type: route.resource, id }),
        },
        scope,
      ),
    );
    tx.afterCommit(() => {
      scope.written = true;
    });
  }

  resolve(entry: AuditEntry, scope: AuditScope | undefined): ResolvedAuditEntry {
    return {
      action: entry.action,
      outcome: entry.outcome ?? 'SUCCESS',
      actor: entry.actor === undefined ? (scope?.actor ?? null) : entry.actor,
      clientIp: entry.clientIp === undefined ? (scope?.clientIp ?? null) : entry.clientIp,
      caseNo: entry.caseNo ?? null,
      target: entry.target ?? null,
      status: entry.status ?? null,
      detail: entry.detail ?? {},
      correlationId: currentCorrelationId() ?? null,
    };
  }
}
