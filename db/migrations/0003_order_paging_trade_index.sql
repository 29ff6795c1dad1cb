DROP INDEX "orders_user_created_idx";--> statement-breakpoint
DROP INDEX "trades_market_sequence_key";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "match_index" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_user_seq_idx" ON "orders" USING btree ("user_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "trades_market_sequence_key" ON "trades" USING btree ("market","sequence","match_index");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_seq_unique" UNIQUE("seq");