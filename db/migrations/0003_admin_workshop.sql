CREATE TABLE "publishes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"published_by" text DEFAULT 'system' NOT NULL,
	"restored_from_id" uuid,
	"changes" jsonb DEFAULT '{"intents":0,"articles":0}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "golden_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"text" text NOT NULL,
	"expected_intent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "off_hours_message" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "publishes" ADD CONSTRAINT "publishes_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "golden_questions" ADD CONSTRAINT "golden_questions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publishes_site_number" ON "publishes" USING btree ("site_id","number");--> statement-breakpoint
CREATE INDEX "publishes_site_created" ON "publishes" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "golden_questions_site_text" ON "golden_questions" USING btree ("site_id","text");