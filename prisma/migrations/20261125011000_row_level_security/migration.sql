-- Row-level security: the database's own wall between tenants (docs/adr/0002-row-level-security.md).
--
-- Two NOLOGIN roles; the application's login role is a member of both and switches per transaction
-- (@spv-cloud/db: SET LOCAL ROLE + set_config(..., true)):
--   spv_app     tenant-scoped work. Sees and writes only rows whose tenant_id equals the
--               transaction setting app.tenant_id; without the setting it sees nothing.
--   spv_system  explicit cross-tenant work (workers, sign-up, API-key lookup by hash).
-- Every table is ENABLE + FORCE ROW LEVEL SECURITY, so even the table owner is bound by the policies;
-- only superusers and BYPASSRLS roles are not, which is why work runs under these roles.
-- A table without a policy for a role is invisible to it. New tables get their grants and policies
-- in the migration that creates them (libs/db has a test that fails otherwise).

-- Roles are cluster-wide: another database on the same server may have created them already.
DO $$
BEGIN
  CREATE ROLE spv_app NOLOGIN NOINHERIT NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

DO $$
BEGIN
  CREATE ROLE spv_system NOLOGIN NOINHERIT NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

-- Refuse to run over pre-existing roles that would void the policies.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname IN ('spv_app', 'spv_system') AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'roles spv_app / spv_system must be neither SUPERUSER nor BYPASSRLS';
  END IF;
END
$$;

-- The login role that runs migrations (and the application) must be able to SET ROLE to both.
-- Superusers already can; granting to them is skipped to avoid racing catalog updates.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'spv_app', 'MEMBER') THEN
    EXECUTE format('GRANT spv_app TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'spv_system', 'MEMBER') THEN
    EXECUTE format('GRANT spv_system TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO spv_app, spv_system;

-- ───── enable + force on every table ─────
ALTER TABLE "plans" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plans" FORCE ROW LEVEL SECURITY;
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
ALTER TABLE "refresh_tokens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "refresh_tokens" FORCE ROW LEVEL SECURITY;
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "events" FORCE ROW LEVEL SECURITY;
ALTER TABLE "batches" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "batches" FORCE ROW LEVEL SECURITY;
ALTER TABLE "chain_proofs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "chain_proofs" FORCE ROW LEVEL SECURITY;
ALTER TABLE "event_proofs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "event_proofs" FORCE ROW LEVEL SECURITY;
ALTER TABLE "proof_requests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "proof_requests" FORCE ROW LEVEL SECURITY;
ALTER TABLE "watches" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "watches" FORCE ROW LEVEL SECURITY;
ALTER TABLE "webhook_endpoints" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_endpoints" FORCE ROW LEVEL SECURITY;
ALTER TABLE "webhook_deliveries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_deliveries" FORCE ROW LEVEL SECURITY;
ALTER TABLE "submitter_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "submitter_keys" FORCE ROW LEVEL SECURITY;
ALTER TABLE "used_nonces" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "used_nonces" FORCE ROW LEVEL SECURITY;
ALTER TABLE "usage_records" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_records" FORCE ROW LEVEL SECURITY;
ALTER TABLE "invoices" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invoices" FORCE ROW LEVEL SECURITY;
ALTER TABLE "provenance_entries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "provenance_entries" FORCE ROW LEVEL SECURITY;
ALTER TABLE "provenance_checkpoints" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "provenance_checkpoints" FORCE ROW LEVEL SECURITY;
ALTER TABLE "retention_deletion_receipts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "retention_deletion_receipts" FORCE ROW LEVEL SECURITY;

-- ───── spv_system: every row of every table ─────
GRANT SELECT, INSERT, UPDATE, DELETE ON "plans" TO spv_system;
CREATE POLICY system_access ON "plans" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenants" TO spv_system;
CREATE POLICY system_access ON "tenants" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "users" TO spv_system;
CREATE POLICY system_access ON "users" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "memberships" TO spv_system;
CREATE POLICY system_access ON "memberships" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "invitations" TO spv_system;
CREATE POLICY system_access ON "invitations" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "refresh_tokens" TO spv_system;
CREATE POLICY system_access ON "refresh_tokens" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "api_keys" TO spv_system;
CREATE POLICY system_access ON "api_keys" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "audit_log" TO spv_system;
CREATE POLICY system_access ON "audit_log" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "events" TO spv_system;
CREATE POLICY system_access ON "events" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "batches" TO spv_system;
CREATE POLICY system_access ON "batches" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "chain_proofs" TO spv_system;
CREATE POLICY system_access ON "chain_proofs" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "event_proofs" TO spv_system;
CREATE POLICY system_access ON "event_proofs" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "proof_requests" TO spv_system;
CREATE POLICY system_access ON "proof_requests" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "watches" TO spv_system;
CREATE POLICY system_access ON "watches" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_endpoints" TO spv_system;
CREATE POLICY system_access ON "webhook_endpoints" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_deliveries" TO spv_system;
CREATE POLICY system_access ON "webhook_deliveries" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "submitter_keys" TO spv_system;
CREATE POLICY system_access ON "submitter_keys" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "used_nonces" TO spv_system;
CREATE POLICY system_access ON "used_nonces" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "usage_records" TO spv_system;
CREATE POLICY system_access ON "usage_records" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "invoices" TO spv_system;
CREATE POLICY system_access ON "invoices" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "provenance_entries" TO spv_system;
CREATE POLICY system_access ON "provenance_entries" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "provenance_checkpoints" TO spv_system;
CREATE POLICY system_access ON "provenance_checkpoints" FOR ALL TO spv_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON "retention_deletion_receipts" TO spv_system;
CREATE POLICY system_access ON "retention_deletion_receipts" FOR ALL TO spv_system USING (true) WITH CHECK (true);

-- ───── spv_app: tenant-owned tables, keyed on tenant_id ─────
GRANT SELECT, INSERT, UPDATE, DELETE ON "memberships" TO spv_app;
CREATE POLICY tenant_isolation ON "memberships" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "invitations" TO spv_app;
CREATE POLICY tenant_isolation ON "invitations" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "api_keys" TO spv_app;
CREATE POLICY tenant_isolation ON "api_keys" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT ON "audit_log" TO spv_app;
CREATE POLICY tenant_isolation ON "audit_log" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "events" TO spv_app;
CREATE POLICY tenant_isolation ON "events" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "batches" TO spv_app;
CREATE POLICY tenant_isolation ON "batches" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "event_proofs" TO spv_app;
CREATE POLICY tenant_isolation ON "event_proofs" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "proof_requests" TO spv_app;
CREATE POLICY tenant_isolation ON "proof_requests" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "watches" TO spv_app;
CREATE POLICY tenant_isolation ON "watches" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_endpoints" TO spv_app;
CREATE POLICY tenant_isolation ON "webhook_endpoints" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_deliveries" TO spv_app;
CREATE POLICY tenant_isolation ON "webhook_deliveries" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "submitter_keys" TO spv_app;
CREATE POLICY tenant_isolation ON "submitter_keys" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, DELETE ON "used_nonces" TO spv_app;
CREATE POLICY tenant_isolation ON "used_nonces" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT ON "usage_records" TO spv_app;
CREATE POLICY tenant_isolation ON "usage_records" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT ON "invoices" TO spv_app;
CREATE POLICY tenant_isolation ON "invoices" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT ON "provenance_entries" TO spv_app;
CREATE POLICY tenant_isolation ON "provenance_entries" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT ON "retention_deletion_receipts" TO spv_app;
CREATE POLICY tenant_isolation ON "retention_deletion_receipts" FOR ALL TO spv_app
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- The tenant row itself: readable and updatable (settings, retention) by its own tenant only.
GRANT SELECT, UPDATE ON "tenants" TO spv_app;
CREATE POLICY tenant_isolation ON "tenants" FOR ALL TO spv_app
  USING ("id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Users are global identities: a tenant sees only its own members (listing members, audit actors).
GRANT SELECT ON "users" TO spv_app;
CREATE POLICY tenant_members ON "users" FOR SELECT TO spv_app
  USING (EXISTS (SELECT 1 FROM "memberships" m WHERE m."user_id" = "users"."id" AND m."tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid));

-- Catalog and public data every tenant may read.
GRANT SELECT ON "plans" TO spv_app;
CREATE POLICY catalog_read ON "plans" FOR SELECT TO spv_app USING (true);
GRANT SELECT ON "provenance_checkpoints" TO spv_app;
CREATE POLICY catalog_read ON "provenance_checkpoints" FOR SELECT TO spv_app USING (true);

-- Transaction SPV proofs are public chain data cached once for all tenants (no delete from a tenant scope).
GRANT SELECT, INSERT, UPDATE ON "chain_proofs" TO spv_app;
CREATE POLICY shared_cache ON "chain_proofs" FOR ALL TO spv_app USING (true) WITH CHECK (true);

-- refresh_tokens: no grant and no policy for spv_app (sessions are handled before a tenant is chosen).
