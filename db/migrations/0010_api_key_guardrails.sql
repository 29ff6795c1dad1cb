CREATE TABLE "api_key_daily_notional" (
	"api_key_id" uuid NOT NULL,
	"day" date NOT NULL,
	"used" numeric(38, 18) DEFAULT '0' NOT NULL,
	CONSTRAINT "api_key_daily_notional_api_key_id_day_pk" PRIMARY KEY("api_key_id","day")
);
--> statement-breakpoint
ALTER TABLE "api_key_daily_notional" ADD CONSTRAINT "api_key_daily_notional_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;