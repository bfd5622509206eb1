-- Event anchoring (issue 5): the digest algorithm of every event and batch (it is part of each
-- event leaf), the sweep index over received events, and proof_blobs, where proof bytes live until
-- object storage takes them (the repository keys them like S3 objects so they can move).

-- AlterTable
ALTER TABLE "batches" ADD COLUMN     "digest_algorithm" TEXT NOT NULL DEFAULT 'sha256';

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "digest_algorithm" TEXT NOT NULL DEFAULT 'sha256';

-- CreateTable
CREATE TABLE "proof_blobs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proof_blobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "proof_blobs_tenant_id_key_key" ON "proof_blobs"("tenant_id", "key");

-- CreateIndex
CREATE INDEX "events_status_created_at_idx" ON "events"("status", "created_at");

-- AddForeignKey
ALTER TABLE "proof_blobs" ADD CONSTRAINT "proof_blobs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security for the new table (docs/adr/0002-row-level-security.md).
ALTER TABLE "proof_blobs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "proof_blobs" FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON "proof_blobs" TO spv_system;
CREATE POLICY system_access ON "proof_blobs" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "proof_blobs" TO spv_app;
CREATE POLICY tenant_isolation ON "proof_blobs" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
