import { Injectable } from '@nestjs/common';
import type { BatchStatus } from '@spv-cloud/db';
import { decodeCursor, toPage } from '../../platform/http/page-cursor';
import { BatchErrors } from './batches.errors';
import { BatchesRepository, type BatchRecord } from './batches.repository';
import type { BatchListQuery, BatchPage, BatchStatusView, BatchView } from './dto/batch.schemas';

const TO_DB_STATUS: Readonly<Record<BatchStatusView, BatchStatus>> = {
  open: 'OPEN',
  sealed: 'SEALED',
  submitted: 'SUBMITTED',
  confirmed: 'CONFIRMED',
  failed: 'FAILED',
  superseded: 'SUPERSEDED',
};

/** A tenant's batches: one, or a filtered page. */
@Injectable()
export class BatchesService {
  constructor(private readonly batchesRepository: BatchesRepository) {}

  async get(tenantId: string, batchId: string): Promise<BatchView> {
    const batch = await this.batchesRepository.find(tenantId, batchId);
    if (!batch) throw BatchErrors.notFound();
    return toBatchView(batch);
  }

  async list(tenantId: string, query: BatchListQuery): Promise<BatchPage> {
    const after = decodeCursor(query.cursor);
    const rows = await this.batchesRepository.list(
      tenantId,
      {
        ...(query.namespace !== undefined ? { namespace: query.namespace } : {}),
        ...(query.status !== undefined ? { status: TO_DB_STATUS[query.status] } : {}),
        ...(query.from !== undefined ? { from: new Date(query.from) } : {}),
        ...(query.to !== undefined ? { to: new Date(query.to) } : {}),
      },
      { limit: query.limit, after },
    );
    return toPage(rows, query.limit, toBatchView);
  }
}

export function toBatchView(batch: BatchRecord): BatchView {
  return {
    id: batch.id,
    status: batch.status.toLowerCase() as BatchStatusView,
    namespace: batch.namespace,
    root: batch.root ? Buffer.from(batch.root).toString('base64url') : null,
    leafCount: batch.leafCount,
    digestAlgorithm: batch.digestAlgorithm,
    network: batch.network,
    chainId: batch.chainId,
    requestKey: batch.requestKey,
    blockHash: batch.blockHash,
    height: batch.blockHeight === null ? null : Number(batch.blockHeight),
    attempts: batch.attempts,
    supersededById: batch.supersededById,
    createdAt: batch.createdAt.toISOString(),
    sealedAt: batch.sealedAt?.toISOString() ?? null,
    submittedAt: batch.submittedAt?.toISOString() ?? null,
    confirmedAt: batch.confirmedAt?.toISOString() ?? null,
  };
}
