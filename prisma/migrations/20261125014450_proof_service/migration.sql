-- Proof service (issue 6): proof request modes (on demand / precompute) and the tenant's bundle
-- reference; where chain proofs wait (target height, ETA) and where their material came from (node,
-- chainweb version, cross-check); request-key watches that precompute a proof; the action of every
-- provenance log entry (issued / refreshed / deleted), and the provenance log made append-only.

-- CreateEnum
CREATE TYPE "proof_request_mode" AS ENUM ('on_demand', 'precompute');

-- CreateEnum
CREATE TYPE "provenance_action" AS ENUM ('issued', 'refreshed', 'deleted');

-- AlterTable
ALTER TABLE "chain_proofs" ADD COLUMN     "chainweb_version" TEXT,
ADD COLUMN     "cross_check" TEXT,
ADD COLUMN     "eta_at" TIMESTAMPTZ(3),
ADD COLUMN     "node_url" TEXT,
ADD COLUMN     "observed_at" TIMESTAMPTZ(3),
ADD COLUMN     "root_block_hash" TEXT,
ADD COLUMN     "target_height" BIGINT;

-- AlterTable
ALTER TABLE "proof_requests" ADD COLUMN     "bundle_key" TEXT,
ADD COLUMN     "mode" "proof_request_mode" NOT NULL DEFAULT 'on_demand';

-- AlterTable
ALTER TABLE "provenance_entries" ADD COLUMN     "action" "provenance_action" NOT NULL;

-- AlterTable
ALTER TABLE "watches" ADD COLUMN     "proof_kind" "chain_proof_kind",
ADD COLUMN     "proof_request_id" UUID,
ADD COLUMN     "target_chain_id" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "proof_requests_tenant_id_id_key" ON "proof_requests"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_tenant_id_proof_request_id_fkey" FOREIGN KEY ("tenant_id", "proof_request_id") REFERENCES "proof_requests"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The provenance log is append-only: entries are Merkle leaves under checkpoints anchored on chain,
-- so an edited or removed row would silently break every later proof. The trigger refuses it for
-- every role (a superuser can still disable it, which is what the log's consistency check detects).
CREATE FUNCTION "provenance_entries_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'provenance_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "provenance_entries_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "provenance_entries"
  FOR EACH ROW EXECUTE FUNCTION "provenance_entries_append_only"();

CREATE TRIGGER "provenance_entries_no_truncate"
  BEFORE TRUNCATE ON "provenance_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "provenance_entries_append_only"();
