// Names shared by the row-level-security migration and the scoped transactions. Changing one means a
// new migration: they are part of the database's contract.

/** NOLOGIN role every tenant-scoped transaction switches to; subject to the tenant policies. */
export const TENANT_ROLE = 'spv_app';
/** NOLOGIN role for explicit cross-tenant work (workers, sign-up, API-key lookup by hash). */
export const SYSTEM_ROLE = 'spv_system';
/** Transaction-local setting the tenant policies compare `tenant_id` with. */
export const TENANT_SETTING = 'app.tenant_id';
/** Transaction-local note saying why a system transaction crossed tenants (visible in pg_stat_activity logs). */
export const SYSTEM_PURPOSE_SETTING = 'app.system_purpose';
