-- Announce every audit-trail row to LISTENers on "engagement_events" with its sequence.
-- NOTIFY is delivered only when the writing transaction commits, and in commit order,
-- so subscribers never hear of a change that was rolled back.
CREATE FUNCTION "notify_engagement_event"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('engagement_events', NEW."sequence"::text);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "EngagementEvent_notify"
AFTER INSERT ON "EngagementEvent"
FOR EACH ROW EXECUTE FUNCTION "notify_engagement_event"();
