-- The events' INSERT numbers each room's events itself (src/store/room-events.ts: one statement per
-- append on SQLite); this keeps the room's sequence row at the highest number handed out, as the
-- separate upsert did, so pruned rooms and readers of RoomSequence see what they saw before.
CREATE TRIGGER "RealtimeEvent_roomSequence" AFTER INSERT ON "RealtimeEvent"
BEGIN
  INSERT INTO "RoomSequence" ("room", "seq") VALUES (NEW."room", NEW."seq")
  ON CONFLICT ("room") DO UPDATE SET "seq" = MAX("RoomSequence"."seq", excluded."seq");
END;
