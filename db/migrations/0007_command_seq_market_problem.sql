ALTER TABLE "consumer_offsets" ADD COLUMN "problem" text;--> statement-breakpoint
ALTER TABLE "consumer_offsets" ADD COLUMN "problem_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "command_seq" bigint;