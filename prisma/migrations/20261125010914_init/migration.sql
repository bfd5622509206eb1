-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "plan_code" AS ENUM ('free', 'pro', 'enterprise');

-- CreateEnum
CREATE TYPE "tenant_status" AS ENUM ('active', 'suspended', 'deleted');

-- CreateEnum
CREATE TYPE "member_role" AS ENUM ('owner', 'admin', 'developer', 'finance', 'viewer');

-- CreateEnum
CREATE TYPE "api_key_environment" AS ENUM ('live', 'test');

-- CreateEnum
CREATE TYPE "audit_actor_type" AS ENUM ('user', 'api_key', 'system');

-- CreateEnum
CREATE TYPE "event_status" AS ENUM ('received', 'batched', 'anchored', 'failed');

-- CreateEnum
CREATE TYPE "batch_status" AS ENUM ('open', 'sealed', 'submitted', 'confirmed', 'failed', 'superseded');

-- CreateEnum
CREATE TYPE "chain_proof_kind" AS ENUM ('tx', 'txout');

-- CreateEnum
CREATE TYPE "proof_status" AS ENUM ('pending', 'ready', 'failed', 'expired');

-- CreateEnum
CREATE TYPE "proof_request_kind" AS ENUM ('tx', 'txout', 'event');

-- CreateEnum
CREATE TYPE "proof_request_status" AS ENUM ('pending', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "watch_kind" AS ENUM ('request_key', 'batch', 'event');

-- CreateEnum
CREATE TYPE "watch_status" AS ENUM ('active', 'fired', 'expired', 'cancelled');

-- CreateEnum
CREATE TYPE "webhook_delivery_status" AS ENUM ('pending', 'succeeded', 'failed', 'dead');

-- CreateEnum
CREATE TYPE "signature_algorithm" AS ENUM ('ed25519');

-- CreateEnum
CREATE TYPE "usage_metric" AS ENUM ('events_anchored', 'proofs_served', 'proofs_verified', 'api_requests', 'storage_byte_days');

-- CreateEnum
CREATE TYPE "invoice_status" AS ENUM ('draft', 'open', 'paid', 'uncollectible', 'void');

-- CreateEnum
CREATE TYPE "provenance_subject_kind" AS ENUM ('tx_proof', 'event_proof', 'batch');

-- CreateEnum
CREATE TYPE "retention_scope" AS ENUM ('events', 'proofs', 'audit_log', 'usage', 'tenant_purge');

-- CreateTable
CREATE TABLE "plans" (
    "code" "plan_code" NOT NULL,
    "name" TEXT NOT NULL,
    "requests_per_minute" INTEGER NOT NULL,
    "burst" INTEGER NOT NULL,
    "events_per_month" BIGINT,
    "proofs_per_month" BIGINT,
    "max_api_keys" INTEGER NOT NULL,
    "max_webhook_endpoints" INTEGER NOT NULL,
    "max_batch_size" INTEGER NOT NULL,
    "monthly_price_cents" INTEGER NOT NULL,
    "overage_per_1k_cents" INTEGER NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'usd',
    "stripe_price_id" TEXT,
    "stripe_meter_id" TEXT,
    "features" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "tenant_status" NOT NULL DEFAULT 'active',
    "plan_code" "plan_code" NOT NULL DEFAULT 'free',
    "plan_pins" JSONB,
    "plan_pinned_until" TIMESTAMPTZ(3),
    "settings" JSONB NOT NULL DEFAULT '{}',
    "hot_ttl_days" INTEGER NOT NULL DEFAULT 90,
    "archive_years" INTEGER NOT NULL DEFAULT 7,
    "legal_hold" BOOLEAN NOT NULL DEFAULT false,
    "legal_hold_reason" TEXT,
    "legal_hold_set_at" TIMESTAMPTZ(3),
    "pinned_network" TEXT,
    "pinned_chain_id" INTEGER,
    "stripe_customer_id" TEXT,
    "stripe_subscription_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "display_name" TEXT,
    "email_verified_at" TIMESTAMPTZ(3),
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "member_role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "member_role" NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "invited_by_user_id" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_user_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "tenant_id" UUID,
    "family_id" UUID NOT NULL,
    "parent_id" UUID,
    "token_hash" BYTEA NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,
    "user_agent" TEXT,
    "ip" INET,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" TEXT[],
    "prefix" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "hash" BYTEA NOT NULL,
    "environment" "api_key_environment" NOT NULL DEFAULT 'live',
    "created_by_user_id" UUID,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "rotated_from_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "actor_type" "audit_actor_type" NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "ip" INET,
    "user_agent" TEXT,
    "request_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "routing_key" TEXT,
    "idempotency_key" TEXT,
    "digest" BYTEA NOT NULL,
    "status" "event_status" NOT NULL DEFAULT 'received',
    "batch_id" UUID,
    "index_in_batch" INTEGER,
    "submitter_key_id" UUID,
    "submitter_signature" BYTEA,
    "submitter_nonce" TEXT,
    "submitter_signed_at" TIMESTAMPTZ(3),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "anchored_at" TIMESTAMPTZ(3),

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batches" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "network" TEXT NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "status" "batch_status" NOT NULL DEFAULT 'open',
    "root" BYTEA,
    "leaf_count" INTEGER NOT NULL DEFAULT 0,
    "request_key" TEXT,
    "block_hash" TEXT,
    "block_height" BIGINT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "superseded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sealed_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chain_proofs" (
    "id" UUID NOT NULL,
    "network" TEXT NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "request_key" TEXT NOT NULL,
    "target_chain_id" INTEGER NOT NULL,
    "kind" "chain_proof_kind" NOT NULL,
    "status" "proof_status" NOT NULL DEFAULT 'pending',
    "content_hash" BYTEA,
    "s3_key" TEXT,
    "byte_size" INTEGER,
    "cached_in_s3" BOOLEAN NOT NULL DEFAULT false,
    "cached_in_redis" BOOLEAN NOT NULL DEFAULT false,
    "block_hash" TEXT,
    "block_height" BIGINT,
    "last_error" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "refreshed_from_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chain_proofs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_proofs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "chain_proof_id" UUID,
    "status" "proof_status" NOT NULL DEFAULT 'pending',
    "content_hash" BYTEA,
    "s3_key" TEXT,
    "byte_size" INTEGER,
    "cached_in_s3" BOOLEAN NOT NULL DEFAULT false,
    "cached_in_redis" BOOLEAN NOT NULL DEFAULT false,
    "last_error" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "refreshed_from_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_proofs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proof_requests" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" "proof_request_kind" NOT NULL,
    "status" "proof_request_status" NOT NULL DEFAULT 'pending',
    "network" TEXT,
    "chain_id" INTEGER,
    "request_key" TEXT,
    "target_chain_id" INTEGER,
    "event_id" UUID,
    "chain_proof_id" UUID,
    "event_proof_id" UUID,
    "idempotency_key" TEXT,
    "requested_by_key_id" UUID,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "proof_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watches" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" "watch_kind" NOT NULL,
    "status" "watch_status" NOT NULL DEFAULT 'active',
    "network" TEXT,
    "chain_id" INTEGER,
    "request_key" TEXT,
    "batch_id" UUID,
    "event_id" UUID,
    "min_confirmations" INTEGER NOT NULL DEFAULT 6,
    "webhook_endpoint_id" UUID,
    "last_checked_at" TIMESTAMPTZ(3),
    "fired_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "watches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "event_types" TEXT[],
    "signing_secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_reason" TEXT,
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "last_success_at" TIMESTAMPTZ(3),
    "last_failure_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "webhook_delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "response_status" INTEGER,
    "response_body_excerpt" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submitter_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "algorithm" "signature_algorithm" NOT NULL DEFAULT 'ed25519',
    "public_key" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "submitter_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "used_nonces" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "submitter_key_id" UUID NOT NULL,
    "nonce" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "used_nonces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_records" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "metric" "usage_metric" NOT NULL,
    "quantity" BIGINT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reported_to_stripe_id" TEXT,
    "reported_to_stripe_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoices" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "stripe_invoice_id" TEXT NOT NULL,
    "number" TEXT,
    "status" "invoice_status" NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "amount_due_cents" INTEGER NOT NULL,
    "amount_paid_cents" INTEGER NOT NULL DEFAULT 0,
    "total_cents" INTEGER NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "hosted_invoice_url" TEXT,
    "invoice_pdf_url" TEXT,
    "issued_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provenance_entries" (
    "id" UUID NOT NULL,
    "sequence" BIGINT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "subject_kind" "provenance_subject_kind" NOT NULL,
    "subject_id" UUID NOT NULL,
    "leaf_hash" BYTEA NOT NULL,
    "proof_hash" BYTEA NOT NULL,
    "node_url" TEXT NOT NULL,
    "chainweb_version" TEXT NOT NULL,
    "service_version" TEXT NOT NULL,
    "build_hash" TEXT NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provenance_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provenance_checkpoints" (
    "id" UUID NOT NULL,
    "tree_size" BIGINT NOT NULL,
    "root_hash" BYTEA NOT NULL,
    "signature" BYTEA NOT NULL,
    "signing_key_id" TEXT NOT NULL,
    "anchored_network" TEXT,
    "anchored_chain_id" INTEGER,
    "anchored_request_key" TEXT,
    "anchored_block_hash" TEXT,
    "anchored_block_height" BIGINT,
    "anchored_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provenance_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_deletion_receipts" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "scope" "retention_scope" NOT NULL,
    "object_count" INTEGER NOT NULL,
    "s3_object_count" INTEGER NOT NULL DEFAULT 0,
    "range_start" TIMESTAMPTZ(3),
    "range_end" TIMESTAMPTZ(3),
    "digest" BYTEA NOT NULL,
    "signature" BYTEA,
    "signing_key_id" TEXT,
    "policy" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retention_deletion_receipts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_stripe_customer_id_key" ON "tenants"("stripe_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_stripe_subscription_id_key" ON "tenants"("stripe_subscription_id");

-- CreateIndex
CREATE INDEX "tenants_status_idx" ON "tenants"("status");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_tenant_id_user_id_key" ON "memberships"("tenant_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_tenant_id_email_idx" ON "invitations"("tenant_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_parent_id_key" ON "refresh_tokens"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens"("family_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_user_id_created_at_idx" ON "refresh_tokens"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "refresh_tokens_expires_at_idx" ON "refresh_tokens"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_created_at_idx" ON "api_keys"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_tenant_id_id_key" ON "api_keys"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_created_at_idx" ON "audit_log"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_action_created_at_idx" ON "audit_log"("tenant_id", "action", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_target_type_target_id_idx" ON "audit_log"("tenant_id", "target_type", "target_id");

-- CreateIndex
CREATE INDEX "events_tenant_id_status_created_at_idx" ON "events"("tenant_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "events_tenant_id_namespace_created_at_idx" ON "events"("tenant_id", "namespace", "created_at");

-- CreateIndex
CREATE INDEX "events_tenant_id_digest_idx" ON "events"("tenant_id", "digest");

-- CreateIndex
CREATE UNIQUE INDEX "events_tenant_id_id_key" ON "events"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "events_tenant_id_idempotency_key_key" ON "events"("tenant_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "events_batch_id_index_in_batch_key" ON "events"("batch_id", "index_in_batch");

-- CreateIndex
CREATE INDEX "batches_tenant_id_status_created_at_idx" ON "batches"("tenant_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "batches_tenant_id_namespace_created_at_idx" ON "batches"("tenant_id", "namespace", "created_at");

-- CreateIndex
CREATE INDEX "batches_status_updated_at_idx" ON "batches"("status", "updated_at");

-- CreateIndex
CREATE INDEX "batches_network_chain_id_request_key_idx" ON "batches"("network", "chain_id", "request_key");

-- CreateIndex
CREATE UNIQUE INDEX "batches_tenant_id_id_key" ON "batches"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "chain_proofs_refreshed_from_id_key" ON "chain_proofs"("refreshed_from_id");

-- CreateIndex
CREATE INDEX "chain_proofs_network_chain_id_request_key_target_chain_id_k_idx" ON "chain_proofs"("network", "chain_id", "request_key", "target_chain_id", "kind", "created_at" DESC);

-- CreateIndex
CREATE INDEX "chain_proofs_status_expires_at_idx" ON "chain_proofs"("status", "expires_at");

-- CreateIndex
CREATE INDEX "event_proofs_tenant_id_event_id_created_at_idx" ON "event_proofs"("tenant_id", "event_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "event_proofs_tenant_id_batch_id_idx" ON "event_proofs"("tenant_id", "batch_id");

-- CreateIndex
CREATE INDEX "event_proofs_status_expires_at_idx" ON "event_proofs"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "event_proofs_tenant_id_id_key" ON "event_proofs"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "proof_requests_tenant_id_created_at_idx" ON "proof_requests"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "proof_requests_tenant_id_status_idx" ON "proof_requests"("tenant_id", "status");

-- CreateIndex
CREATE INDEX "proof_requests_tenant_id_request_key_idx" ON "proof_requests"("tenant_id", "request_key");

-- CreateIndex
CREATE UNIQUE INDEX "proof_requests_tenant_id_idempotency_key_key" ON "proof_requests"("tenant_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "watches_tenant_id_created_at_idx" ON "watches"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "watches_status_last_checked_at_idx" ON "watches"("status", "last_checked_at");

-- CreateIndex
CREATE INDEX "webhook_endpoints_tenant_id_created_at_idx" ON "webhook_endpoints"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_endpoints_tenant_id_id_key" ON "webhook_endpoints"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_tenant_id_endpoint_id_created_at_idx" ON "webhook_deliveries"("tenant_id", "endpoint_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_dedup_key_key" ON "webhook_deliveries"("endpoint_id", "dedup_key");

-- CreateIndex
CREATE UNIQUE INDEX "submitter_keys_tenant_id_id_key" ON "submitter_keys"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "submitter_keys_tenant_id_public_key_key" ON "submitter_keys"("tenant_id", "public_key");

-- CreateIndex
CREATE INDEX "used_nonces_expires_at_idx" ON "used_nonces"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "used_nonces_submitter_key_id_nonce_key" ON "used_nonces"("submitter_key_id", "nonce");

-- CreateIndex
CREATE INDEX "usage_records_tenant_id_metric_occurred_at_idx" ON "usage_records"("tenant_id", "metric", "occurred_at");

-- CreateIndex
CREATE INDEX "usage_records_reported_to_stripe_at_occurred_at_idx" ON "usage_records"("reported_to_stripe_at", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "usage_records_tenant_id_idempotency_key_key" ON "usage_records"("tenant_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_stripe_invoice_id_key" ON "invoices"("stripe_invoice_id");

-- CreateIndex
CREATE INDEX "invoices_tenant_id_period_start_idx" ON "invoices"("tenant_id", "period_start" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "provenance_entries_sequence_key" ON "provenance_entries"("sequence");

-- CreateIndex
CREATE INDEX "provenance_entries_tenant_id_created_at_idx" ON "provenance_entries"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "provenance_entries_subject_kind_subject_id_idx" ON "provenance_entries"("subject_kind", "subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "provenance_checkpoints_tree_size_key" ON "provenance_checkpoints"("tree_size");

-- CreateIndex
CREATE INDEX "retention_deletion_receipts_tenant_id_created_at_idx" ON "retention_deletion_receipts"("tenant_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plans"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_fkey" FOREIGN KEY ("invited_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_user_id_fkey" FOREIGN KEY ("accepted_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "refresh_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_user_id_fkey" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_rotated_from_id_fkey" FOREIGN KEY ("tenant_id", "rotated_from_id") REFERENCES "api_keys"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_tenant_id_batch_id_fkey" FOREIGN KEY ("tenant_id", "batch_id") REFERENCES "batches"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_tenant_id_submitter_key_id_fkey" FOREIGN KEY ("tenant_id", "submitter_key_id") REFERENCES "submitter_keys"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_tenant_id_superseded_by_id_fkey" FOREIGN KEY ("tenant_id", "superseded_by_id") REFERENCES "batches"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chain_proofs" ADD CONSTRAINT "chain_proofs_refreshed_from_id_fkey" FOREIGN KEY ("refreshed_from_id") REFERENCES "chain_proofs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_proofs" ADD CONSTRAINT "event_proofs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_proofs" ADD CONSTRAINT "event_proofs_tenant_id_event_id_fkey" FOREIGN KEY ("tenant_id", "event_id") REFERENCES "events"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_proofs" ADD CONSTRAINT "event_proofs_tenant_id_batch_id_fkey" FOREIGN KEY ("tenant_id", "batch_id") REFERENCES "batches"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_proofs" ADD CONSTRAINT "event_proofs_chain_proof_id_fkey" FOREIGN KEY ("chain_proof_id") REFERENCES "chain_proofs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_proofs" ADD CONSTRAINT "event_proofs_tenant_id_refreshed_from_id_fkey" FOREIGN KEY ("tenant_id", "refreshed_from_id") REFERENCES "event_proofs"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proof_requests" ADD CONSTRAINT "proof_requests_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proof_requests" ADD CONSTRAINT "proof_requests_chain_proof_id_fkey" FOREIGN KEY ("chain_proof_id") REFERENCES "chain_proofs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proof_requests" ADD CONSTRAINT "proof_requests_tenant_id_event_proof_id_fkey" FOREIGN KEY ("tenant_id", "event_proof_id") REFERENCES "event_proofs"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_tenant_id_batch_id_fkey" FOREIGN KEY ("tenant_id", "batch_id") REFERENCES "batches"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_tenant_id_event_id_fkey" FOREIGN KEY ("tenant_id", "event_id") REFERENCES "events"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_tenant_id_webhook_endpoint_id_fkey" FOREIGN KEY ("tenant_id", "webhook_endpoint_id") REFERENCES "webhook_endpoints"("tenant_id", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_tenant_id_endpoint_id_fkey" FOREIGN KEY ("tenant_id", "endpoint_id") REFERENCES "webhook_endpoints"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submitter_keys" ADD CONSTRAINT "submitter_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "used_nonces" ADD CONSTRAINT "used_nonces_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "used_nonces" ADD CONSTRAINT "used_nonces_tenant_id_submitter_key_id_fkey" FOREIGN KEY ("tenant_id", "submitter_key_id") REFERENCES "submitter_keys"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provenance_entries" ADD CONSTRAINT "provenance_entries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_deletion_receipts" ADD CONSTRAINT "retention_deletion_receipts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
