-- Proof service: the service build (version, build hash) that generated each chain proof, copied into
-- the provenance entry of every issuance of it.

-- AlterTable
ALTER TABLE "chain_proofs" ADD COLUMN     "build_hash" TEXT,
ADD COLUMN     "service_version" TEXT;
