import { createHash } from 'node:crypto';
import * as argon2 from 'argon2';
import { createDatabase, type Database } from '@spv-cloud/db';
import { createTestDatabase, type TestDatabase } from './test-database';
import { TestDataFactory } from './test-data.factory';

describe('TestDataFactory', () => {
  let testDb: TestDatabase;
  let db: Database;
  let factory: TestDataFactory;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 2 });
    factory = new TestDataFactory(db);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('creates a tenant with its owner, visible to that tenant only', async () => {
    const first = await factory.tenantWithOwner();
    const second = await factory.tenantWithOwner();
    expect(first.membership.role).toBe('OWNER');
    await expect(argon2.verify(first.user.passwordHash, first.password)).resolves.toBe(true);
    const members = await db.tenant.run(first.tenant.id, (tx) => tx.membership.findMany());
    expect(members.map((member) => member.userId)).toEqual([first.user.id]);
    expect(second.tenant.slug).not.toBe(first.tenant.slug);
  });

  it('creates API keys in the API format, stored as sha256 and display start', async () => {
    const tenant = await factory.tenant();
    const { apiKey, key } = await factory.apiKey(tenant.id, { scopes: ['verify'] });
    expect(key).toMatch(/^spv_test_[1-9A-HJ-NP-Za-km-z]{40,48}$/);
    expect(Buffer.from(apiKey.hash)).toEqual(createHash('sha256').update(key).digest());
    expect(key.startsWith(apiKey.start)).toBe(true);
    expect(apiKey).toMatchObject({
      tenantId: tenant.id,
      prefix: 'spv_test',
      environment: 'TEST',
      scopes: ['verify'],
    });
  });

  it('normalizes e-mail addresses like the API', async () => {
    const { user } = await factory.user({ email: '  Mixed.Case@Example.TEST ' });
    expect(user.email).toBe('mixed.case@example.test');
  });
});
