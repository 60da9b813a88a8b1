DROP INDEX "messages_reply_to";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_index" smallint;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_reply_to_index" ON "messages" USING btree ("reply_to_id","reply_index");