ALTER TABLE "orders" DROP CONSTRAINT "orders_seq_unique";--> statement-breakpoint
DROP INDEX "ledger_reference_idx";--> statement-breakpoint
DROP INDEX "outbox_unsent_idx";--> statement-breakpoint
ALTER TABLE "outbox" DROP COLUMN "sent_at";--> statement-breakpoint
ALTER TABLE "outbox" DROP COLUMN "attempts";