import { Inject, Injectable } from '@nestjs/common';
import type { Batch, BatchStatus, Database } from '@spv-cloud/db';
import { DATABASE } from '../../platform/database/database.providers';
import type { PagePosition } from '../../platform/http/page-cursor';

export type BatchRecord = Batch;

export interface BatchListFilter {
  readonly namespace?: string;
  readonly status?: BatchStatus;
  readonly from?: Date;
  readonly to?: Date;
}

@Injectable()
export class BatchesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  find(tenantId: string, batchId: string): Promise<BatchRecord | null> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.batch.findFirst({ where: { tenantId, id: batchId } }),
    );
  }

  /** Newest first, keyset-paginated on (createdAt, id); `limit + 1` rows tell whether more exist. */
  list(
    tenantId: string,
    filter: BatchListFilter,
    page: { limit: number; after: PagePosition | undefined },
  ): Promise<BatchRecord[]> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.batch.findMany({
        where: {
          tenantId,
          ...(filter.namespace !== undefined ? { namespace: filter.namespace } : {}),
          ...(filter.status !== undefined ? { status: filter.status } : {}),
          ...(filter.from || filter.to
            ? {
                createdAt: {
                  ...(filter.from ? { gte: filter.from } : {}),
                  ...(filter.to ? { lt: filter.to } : {}),
                },
              }
            : {}),
          ...(page.after
            ? {
                OR: [
                  { createdAt: { lt: page.after.createdAt } },
                  { createdAt: page.after.createdAt, id: { lt: page.after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.limit + 1,
      }),
    );
  }
}
