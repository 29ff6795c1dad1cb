CREATE TYPE "public"."withdrawal_status" AS ENUM('PENDING', 'COMPLETED', 'REJECTED');--> statement-breakpoint
ALTER TYPE "public"."ledger_reason" ADD VALUE 'WITHDRAWAL_LOCK';--> statement-breakpoint
ALTER TYPE "public"."ledger_reason" ADD VALUE 'WITHDRAWAL_UNLOCK';--> statement-breakpoint
ALTER TYPE "public"."market_status" ADD VALUE 'CANCEL_ONLY' BEFORE 'HALTED';--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" varchar(64) NOT NULL,
	"target" varchar(160) NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_tiers" (
	"tier" integer PRIMARY KEY NOT NULL,
	"min_volume" numeric(38, 18) NOT NULL,
	"maker_fee" numeric(38, 18) NOT NULL,
	"taker_fee" numeric(38, 18) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_tiers_tier_positive" CHECK ("fee_tiers"."tier" > 0),
	CONSTRAINT "fee_tiers_fees_range" CHECK ("fee_tiers"."maker_fee" BETWEEN 0 AND 1 AND "fee_tiers"."taker_fee" BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"user_id" uuid NOT NULL,
	"asset" varchar(16) NOT NULL,
	"amount" numeric(38, 18) NOT NULL,
	"fee" numeric(38, 18) NOT NULL,
	"address" varchar(128) NOT NULL,
	"status" "withdrawal_status" DEFAULT 'PENDING' NOT NULL,
	"txid" varchar(128),
	"reason" varchar(256),
	"api_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "withdrawals_amount_positive" CHECK ("withdrawals"."amount" > 0 AND "withdrawals"."fee" >= 0)
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "allowed_ips" text[];--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "withdrawal_fee" numeric(38, 18) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "markets" ADD COLUMN "price_band_percent" numeric(38, 18);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "fee_tier" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_asset_assets_symbol_fk" FOREIGN KEY ("asset") REFERENCES "public"."assets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target","id");--> statement-breakpoint
CREATE INDEX "withdrawals_user_seq_idx" ON "withdrawals" USING btree ("user_id","seq");--> statement-breakpoint
CREATE INDEX "withdrawals_status_seq_idx" ON "withdrawals" USING btree ("status","seq");