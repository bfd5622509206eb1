-- Reference data: the plan catalog (prices in cents, per month). Later price changes are new
-- migrations (UPDATE); tenants with negotiated terms carry them in tenants.plan_pins.
INSERT INTO "plans" (
  "code", "name", "requests_per_minute", "burst", "events_per_month", "proofs_per_month",
  "max_api_keys", "max_webhook_endpoints", "max_batch_size", "monthly_price_cents",
  "overage_per_1k_cents", "currency", "features", "active", "updated_at"
) VALUES
  ('free', 'Free', 60, 120, 10000, 10000, 5, 2, 1000, 0, 0, 'usd',
   '{"graphql": true, "webhooks": true, "watches": false, "legalHold": false, "sla": null}', true, CURRENT_TIMESTAMP),
  ('pro', 'Pro', 600, 1200, 1000000, 1000000, 50, 20, 10000, 9900, 50, 'usd',
   '{"graphql": true, "webhooks": true, "watches": true, "legalHold": false, "sla": "99.9"}', true, CURRENT_TIMESTAMP),
  ('enterprise', 'Enterprise', 6000, 12000, NULL, NULL, 500, 100, 100000, 250000, 20, 'usd',
   '{"graphql": true, "webhooks": true, "watches": true, "legalHold": true, "sla": "99.95", "pinnedChain": true}', true, CURRENT_TIMESTAMP)
ON CONFLICT ("code") DO NOTHING;

RESET ROLE;
