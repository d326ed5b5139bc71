-- Label ids on the issue itself, so the list's label filter is a GIN index condition that combines
-- with the status/priority indexes in one bitmap, instead of an issue_label lookup per row walked.
-- issue_label stays the source of truth, and the trigger below keeps the copy.

-- AlterTable
ALTER TABLE "issue" ADD COLUMN     "label_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

UPDATE "issue" i SET "label_ids" = l.ids
  FROM (SELECT "issue_id", array_agg("label_id" ORDER BY "label_id") AS ids FROM "issue_label" GROUP BY "issue_id") l
 WHERE l."issue_id" = i."id";

-- Prisma's migration runner splits scripts at every semicolon, so the body spells its own as \073.
CREATE FUNCTION "issue_label_ids_sync"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (\'DELETE\', \'UPDATE\') THEN
    UPDATE "issue" SET "label_ids" = array_remove("label_ids", OLD."label_id") WHERE "id" = OLD."issue_id"\073
  END IF\073
  IF TG_OP IN (\'INSERT\', \'UPDATE\') THEN
    UPDATE "issue" SET "label_ids" = array_append(array_remove("label_ids", NEW."label_id"), NEW."label_id") WHERE "id" = NEW."issue_id"\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "issue_label_ids_sync" AFTER INSERT OR UPDATE OR DELETE ON "issue_label"
  FOR EACH ROW EXECUTE FUNCTION "issue_label_ids_sync"();

-- CreateIndex
CREATE INDEX "issue_label_ids_idx" ON "issue" USING GIN ("label_ids");
