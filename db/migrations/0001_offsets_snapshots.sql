CREATE TABLE "consumer_offsets" (
	"consumer" varchar(64) NOT NULL,
	"market" varchar(32) NOT NULL,
	"last_sequence" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consumer_offsets_consumer_market_pk" PRIMARY KEY("consumer","market")
);
--> statement-breakpoint
CREATE TABLE "matcher_snapshots" (
	"market" varchar(32) PRIMARY KEY NOT NULL,
	"command_sequence" bigint NOT NULL,
	"book_sequence" bigint NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
