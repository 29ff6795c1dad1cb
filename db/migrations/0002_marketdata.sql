CREATE TYPE "public"."candle_interval" AS ENUM('M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1', 'W1');--> statement-breakpoint
CREATE TABLE "candles" (
	"market" varchar(32) NOT NULL,
	"interval" "candle_interval" NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"open" numeric(38, 18) NOT NULL,
	"high" numeric(38, 18) NOT NULL,
	"low" numeric(38, 18) NOT NULL,
	"close" numeric(38, 18) NOT NULL,
	"volume" numeric(38, 18) NOT NULL,
	"quote_volume" numeric(38, 18) NOT NULL,
	"trades" integer NOT NULL,
	"open_at" timestamp with time zone NOT NULL,
	"open_seq" bigint NOT NULL,
	"close_at" timestamp with time zone NOT NULL,
	"close_seq" bigint NOT NULL,
	CONSTRAINT "candles_market_interval_bucket_pk" PRIMARY KEY("market","interval","bucket")
);
--> statement-breakpoint
CREATE TABLE "ticks" (
	"market" varchar(32) NOT NULL,
	"sequence" bigint NOT NULL,
	"price" numeric(38, 18) NOT NULL,
	"amount" numeric(38, 18) NOT NULL,
	"quote_amount" numeric(38, 18) NOT NULL,
	"taker_side" "order_side" NOT NULL,
	"executed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ticks_market_sequence_key" ON "ticks" USING btree ("market","sequence");--> statement-breakpoint
CREATE INDEX "ticks_executed_at_brin" ON "ticks" USING brin ("executed_at");