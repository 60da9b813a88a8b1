ALTER TABLE "messages" ADD COLUMN "helpful" boolean;--> statement-breakpoint
-- Copy the answers given before this column existed.
UPDATE "messages" m SET "helpful" = f."helpful" FROM "feedback" f WHERE f."message_id" = m."id";
