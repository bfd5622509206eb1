import { strictMock } from '../../../test/support/strict-mock';
import { encodeCursor } from '../../platform/http/page-cursor';
import { AuditRepository, type AuditLogRecord } from './audit.repository';
import { AuditService } from './audit.service';

function row(index: number): AuditLogRecord {
  return {
    id: `00000000-0000-4000-8000-00000000000${index}`,
    tenantId: 't1',
    actorType: 'USER',
    actorId: 'u1',
    action: 'api_key.created',
    targetType: 'api_key',
    targetId: `k${index}`,
    ip: '203.0.113.1',
    userAgent: null,
    requestId: 'r',
    metadata: { name: 'CI' },
    createdAt: new Date(Date.UTC(2026, 10, 25, 12, 0, 10 - index)),
  };
}

describe('AuditService', () => {
  it('pages by keyset: limit + 1 rows tell whether a next page exists', async () => {
    const repository = strictMock(AuditRepository);
    repository.list.mockResolvedValue([row(1), row(2), row(3)]);
    const service = new AuditService(repository);
    const page = await service.list('t1', { limit: 2, action: undefined });
    expect(page.items.map((item) => item.targetId)).toEqual(['k1', 'k2']);
    expect(page.items[0]).toMatchObject({
      actorType: 'user',
      metadata: { name: 'CI' },
      createdAt: row(1).createdAt.toISOString(),
    });
    expect(page.nextCursor).toBe(encodeCursor(row(2)));
    await service.list('t1', { limit: 2, cursor: page.nextCursor!, action: 'api_key.created' });
    expect(repository.list).toHaveBeenLastCalledWith('t1', {
      limit: 2,
      after: { createdAt: row(2).createdAt, id: row(2).id },
      action: 'api_key.created',
    });
  });

  it('rejects cursors it did not issue', async () => {
    const service = new AuditService(strictMock(AuditRepository));
    await expect(service.list('t1', { limit: 2, cursor: 'bm9wZQ', action: undefined })).rejects.toMatchObject(
      {
        code: 'validation_failed',
        invalidParams: [{ name: 'query.cursor', reason: expect.any(String) }],
      },
    );
  });
});
