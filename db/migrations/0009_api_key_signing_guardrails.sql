ALTER TABLE "api_keys" ADD COLUMN "public_key" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "max_order_notional" numeric(38, 18);--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "max_daily_notional" numeric(38, 18);--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "allowed_markets" text[];--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "dry_run" boolean DEFAULT false NOT NULL;