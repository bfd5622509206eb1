import { leafHash } from '@spv-cloud/chainweb';
import {
  checkProvenanceEntryInput,
  provenanceEntryBytes,
  provenanceLeafHash,
  type ProvenanceEntry,
} from './provenance-entry';

const ENTRY: ProvenanceEntry = {
  sequence: 12n,
  tenantId: '018f0000-0000-7000-8000-000000000001',
  action: 'issued',
  subjectKind: 'tx_proof',
  subjectId: '018f0000-0000-7000-8000-000000000002',
  proofHash: Buffer.alloc(32, 7),
  nodeUrl: 'https://api.chainweb.com',
  chainwebVersion: 'mainnet01',
  serviceVersion: '1.2.3',
  buildHash: 'deadbeef',
  observedAt: new Date('2026-01-02T03:04:05.678Z'),
  recordedAt: new Date('2026-01-02T03:04:06.000Z'),
};

describe('provenance entries', () => {
  it('have canonical bytes with a fixed field order (pinned)', () => {
    expect(provenanceEntryBytes(ENTRY).toString('utf8')).toBe(
      '{"v":1,"sequence":"12","tenantId":"018f0000-0000-7000-8000-000000000001","action":"issued",' +
        '"subjectKind":"tx_proof","subjectId":"018f0000-0000-7000-8000-000000000002",' +
        `"proofHash":"${'07'.repeat(32)}","nodeUrl":"https://api.chainweb.com","chainwebVersion":"mainnet01",` +
        '"serviceVersion":"1.2.3","buildHash":"deadbeef","observedAt":"2026-01-02T03:04:05.678Z",' +
        '"recordedAt":"2026-01-02T03:04:06.000Z"}',
    );
    expect(provenanceLeafHash(ENTRY)).toEqual(leafHash(provenanceEntryBytes(ENTRY)));
  });

  it('change their leaf when any field changes', () => {
    const variants: Partial<ProvenanceEntry>[] = [
      { sequence: 13n },
      { tenantId: '018f0000-0000-7000-8000-000000000009' },
      { action: 'refreshed' },
      { subjectKind: 'event_proof' },
      { subjectId: '018f0000-0000-7000-8000-000000000003' },
      { proofHash: Buffer.alloc(32, 8) },
      { nodeUrl: 'https://other.node' },
      { chainwebVersion: 'testnet04' },
      { serviceVersion: '1.2.4' },
      { buildHash: 'deadbeee' },
      { observedAt: new Date('2026-01-02T03:04:05.679Z') },
      { recordedAt: new Date('2026-01-02T03:04:06.001Z') },
    ];
    const leaves = new Set(variants.map((v) => provenanceLeafHash({ ...ENTRY, ...v }).toString('hex')));
    leaves.add(provenanceLeafHash(ENTRY).toString('hex'));
    expect(leaves.size).toBe(variants.length + 1);
  });

  it('are checked before anything is hashed', () => {
    for (const bad of [
      { tenantId: 'acme' },
      { subjectId: '' },
      { action: 'edited' },
      { subjectKind: 'other' },
      { proofHash: Buffer.alloc(31) },
      { nodeUrl: '' },
      { observedAt: new Date(Number.NaN) },
    ]) {
      expect(() => checkProvenanceEntryInput({ ...ENTRY, ...bad } as ProvenanceEntry)).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
    }
  });
});
