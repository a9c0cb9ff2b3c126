ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE "audit_log"."seq" is null;--> statement-breakpoint
-- The sealed audit chain (issue 3's intake rate, issue 8's trail). Writers append records unchained
-- (seq, prev_hash and hash null) without any lock; one sealer at a time (an advisory lock) gives the
-- unsealed records, in id order, the next positions of the chain and their hashes. The records
-- written before this migration were chained in id order: that order becomes their seq.
DROP TRIGGER "audit_log_append_only" ON "audit_log";
--> statement-breakpoint
UPDATE "audit_log" a SET "seq" = o.rn
  FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS rn FROM "audit_log") o
  WHERE a."id" = o."id";
--> statement-breakpoint
-- Append-only, with one exception: sealing. A record is inserted unsealed; an UPDATE may only seal
-- an unsealed record (set seq and both hashes, change nothing else); a sealed record never changes;
-- nothing is ever deleted.
CREATE OR REPLACE FUNCTION suqiu_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
      RAISE EXCEPTION 'audit_log records are inserted unsealed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE'
    AND OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
    AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
    AND NEW.id = OLD.id
    AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
    AND NEW.action = OLD.action
    AND NEW.target_type IS NOT DISTINCT FROM OLD.target_type
    AND NEW.target_id IS NOT DISTINCT FROM OLD.target_id
    AND NEW.data IS NOT DISTINCT FROM OLD.data
    AND NEW.ip IS NOT DISTINCT FROM OLD.ip
    AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (a record may only be sealed once)' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE INSERT OR UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION suqiu_audit_guard();
