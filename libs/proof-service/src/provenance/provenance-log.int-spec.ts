import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { MerkleProofObject, verifyMerkleConsistency } from '@spv-cloud/chainweb';
import { createDatabase, type Database } from '@spv-cloud/db';
import { createTestDatabase, TestDataFactory, type TestDatabase } from '@spv-cloud/testing';
import pg from 'pg';
import { ManualClock } from '../platform/clock';
import { Ed25519ServiceSigner } from '../platform/service-signer';
import { ProofRepository } from '../proofs/proof.repository';
import type { CheckpointAnchor } from './checkpoint-anchor';
import { checkpointMessage } from './provenance-checkpoint';
import { provenanceLeafHash, type ProvenanceEntryInput } from './provenance-entry';
import { appendProvenanceEntries, toProvenanceEntry } from './provenance-log.repository';
import { ProvenanceLogService, type ProvenanceAudit } from './provenance-log.service';
import { ProvenanceCheckpointer } from './provenance-checkpointer';
import { ProvenanceRepository } from './provenance.repository';
import { ProvenanceService } from './provenance.service';

const START = Date.UTC(2026, 8, 1);
const LOG_ID = 'spv-cloud-test.provenance';

describe('provenance log (real PostgreSQL)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let raw: pg.Client;
  let tenants: string[];
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = new Ed25519ServiceSigner({
    privateKey,
    publicKey,
    publicKeyHex: '11'.repeat(32),
    keyId: 'prov-key',
  });
  const clock = new ManualClock(START);
  let repository: ProvenanceRepository;
  let log: ProvenanceLogService;
  const anchored: { size: bigint; root: string }[] = [];
  const mined = new Map<string, { blockHash: string; blockHeight: number }>();
  const jobs: string[] = [];
  const alerts: ProvenanceAudit[] = [];

  const anchor: CheckpointAnchor = {
    network: 'development',
    chainId: 0,
    submit: (input) => {
      anchored.push({ size: input.size, root: input.root.toString('base64url') });
      return Promise.resolve({
        network: 'development',
        chainId: 0,
        requestKey: randomBytes(32).toString('base64url'),
      });
    },
    confirm: (requestKey) => Promise.resolve(mined.get(requestKey)),
  };

  function checkpointer(minNewEntries = 1): ProvenanceCheckpointer {
    return new ProvenanceCheckpointer({
      log,
      repository,
      signer,
      clock,
      cadence: { minNewEntries, maxAgeMs: 3_600_000 },
      anchor,
      proofs: new ProofRepository(db),
      jobs: {
        generateProof: (payload) => {
          jobs.push(payload.chainProofId);
          return Promise.resolve('added');
        },
      },
      onInconsistent: (audit) => alerts.push(audit),
    });
  }

  function entry(tenantId: string, subjectId = randomUUID()): ProvenanceEntryInput {
    return {
      tenantId,
      action: 'issued',
      subjectKind: 'tx_proof',
      subjectId,
      proofHash: randomBytes(32),
      nodeUrl: 'http://node.test',
      chainwebVersion: 'development',
      serviceVersion: '1.0.0',
      buildHash: 'abc',
      observedAt: new Date(START),
    };
  }

  const append = (inputs: ProvenanceEntryInput[]) =>
    db.system.runAcrossTenants('test.append', (tx) => appendProvenanceEntries(tx, inputs, clock.now()));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 10 });
    raw = new pg.Client({ connectionString: testDb.url });
    await raw.connect();
    const factory = new TestDataFactory(db);
    tenants = [(await factory.tenant()).id, (await factory.tenant()).id];
    repository = new ProvenanceRepository(db);
    log = new ProvenanceLogService({ repository, signer, logId: LOG_ID });
  });
  afterAll(async () => {
    await raw?.end();
    await db?.close();
    await testDb?.drop();
  });

  it('appends concurrently without gaps or duplicates (serialized appenders)', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        append(Array.from({ length: 5 }, () => entry(tenants[i % 2] as string))),
      ),
    );
    const { rows } = await raw.query<{ sequence: string }>(
      'SELECT sequence FROM provenance_entries ORDER BY sequence',
    );
    expect(rows.map((r) => Number(r.sequence))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const stored = (await db.system.runAcrossTenants('test.read', (tx) => tx.provenanceEntry.findMany())).map(
      toProvenanceEntry,
    );
    for (const e of stored) expect(e.leafHash).toEqual(provenanceLeafHash(e));
  });

  it('leaves no gap when an appending transaction rolls back', async () => {
    await expect(
      db.system.runAcrossTenants('test.append', async (tx) => {
        await appendProvenanceEntries(tx, [entry(tenants[0] as string)], clock.now());
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    const [appended] = await append([entry(tenants[0] as string)]);
    expect(appended?.sequence).toBe(100n);
  });

  it('checkpoints, anchors, proves inclusion and consistency', async () => {
    const subject = randomUUID();
    await append([entry(tenants[0] as string, subject)]);
    const first = await checkpointer().run();
    expect(first).toMatchObject({
      written: 102n,
      submitted: 1,
      confirmed: 0,
      audit: { consistent: true, size: 102n },
    });
    const [checkpoint] = await repository.checkpoints();
    expect(signer.verify(checkpointMessage(LOG_ID, 102n, checkpoint!.rootHash), checkpoint!.signature)).toBe(
      true,
    );
    expect(anchored).toEqual([{ size: 102n, root: checkpoint!.rootHash.toString('base64url') }]);

    // Nothing new and not mined yet: no new checkpoint, nothing confirmed.
    await expect(checkpointer().run()).resolves.toMatchObject({ written: null, submitted: 0, confirmed: 0 });
    mined.set(checkpoint!.anchor!.requestKey, {
      blockHash: randomBytes(32).toString('base64url'),
      blockHeight: 42,
    });
    await expect(checkpointer().run()).resolves.toMatchObject({ confirmed: 1 });
    expect(jobs).toHaveLength(1);

    // The tenant's view: its entry, an inclusion proof under the anchored checkpoint.
    const service = new ProvenanceService({
      repository,
      log,
      proofs: new ProofRepository(db),
      store: { getBlob: () => Promise.resolve(undefined) },
      cache: { get: () => Promise.resolve(undefined) },
    });
    const view = await service.forProof(tenants[0] as string, subject);
    expect(view.entries).toHaveLength(1);
    expect(view.checkpoint).toMatchObject({ treeSize: '102', anchor: { blockHeight: 42, chainId: 0 } });
    expect(view.anchoredProof).toEqual({ status: 'pending' });
    const proof = MerkleProofObject.decode(Buffer.from(view.inclusion[0]!.proof, 'base64url'));
    expect(proof.runFrom(Buffer.from(view.entries[0]!.leafHash, 'base64url'))).toEqual(checkpoint!.rootHash);
    await expect(service.forProof(tenants[1] as string, subject)).rejects.toMatchObject({
      code: 'not_found',
    });

    // More entries, a second checkpoint, and the consistency proof between the two.
    await append(Array.from({ length: 13 }, () => entry(tenants[1] as string)));
    clock.advance(1000);
    await expect(checkpointer(10).run()).resolves.toMatchObject({ written: 115n, submitted: 1 });
    const consistency = await service.consistency(102n, 115n);
    expect(
      verifyMerkleConsistency({
        oldSize: 102,
        newSize: 115,
        oldRoot: Buffer.from(consistency.from.rootHash, 'base64url'),
        newRoot: Buffer.from(consistency.to.rootHash, 'base64url'),
        proof: consistency.proof.map((hash) => Buffer.from(hash, 'base64url')),
      }),
    ).toBe(true);
    await expect(service.consistency(102n, 114n)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps to its cadence: below the entry threshold it waits for the maximum age', async () => {
    await append([entry(tenants[0] as string)]);
    await expect(checkpointer(10).run()).resolves.toMatchObject({ written: null });
    clock.advance(3_600_000);
    await expect(checkpointer(10).run()).resolves.toMatchObject({ written: 116n });
  });

  it('detects a tampered entry, even with its leaf rewritten to match, and refuses to checkpoint', async () => {
    await expect(log.audit()).resolves.toMatchObject({ consistent: true });
    // The table refuses edits; a database owner can still disable the trigger, which is the threat here.
    await raw.query('ALTER TABLE provenance_entries DISABLE TRIGGER provenance_entries_no_update_or_delete');
    try {
      await raw.query(`UPDATE provenance_entries SET node_url = 'http://evil.test' WHERE sequence = 7`);
      let audit = await log.audit();
      expect(audit.consistent).toBe(false);
      expect(audit.problems.map((p) => p.kind)).toEqual(
        expect.arrayContaining(['leaf_mismatch', 'root_mismatch']),
      );
      expect(audit.problems.find((p) => p.kind === 'leaf_mismatch')?.sequence).toBe(7n);

      // A careful attacker rewrites the leaf too: the entry re-hashes fine, the checkpoints do not.
      const [row] = (
        await db.system.runAcrossTenants('test.read', (tx) =>
          tx.provenanceEntry.findMany({ where: { sequence: 7n } }),
        )
      ).map(toProvenanceEntry);
      await raw.query('UPDATE provenance_entries SET leaf_hash = $1 WHERE sequence = 7', [
        provenanceLeafHash(row!),
      ]);
      audit = await log.audit();
      expect(audit.consistent).toBe(false);
      expect(audit.problems.map((p) => p.kind)).not.toContain('leaf_mismatch');
      expect(audit.problems.map((p) => p.kind)).toEqual(
        expect.arrayContaining(['root_mismatch', 'inconsistent']),
      );

      await append([entry(tenants[0] as string)]);
      await expect(checkpointer().run()).rejects.toMatchObject({ code: 'provenance_inconsistent' });
      expect(alerts).toHaveLength(1);
    } finally {
      await raw.query('ALTER TABLE provenance_entries ENABLE TRIGGER provenance_entries_no_update_or_delete');
    }
  });
});
