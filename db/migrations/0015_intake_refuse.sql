-- Intake writes a group of submissions (complaints, contacts, attachment claims, events, reminders,
-- audit records) in ONE statement and no explicit transaction (db/queries/intake.ts,
-- insertSubmissionRows), so that the row locks its complaints take on the map and area bins are
-- held for the statement and its commit only, never across a round trip to the app. A check that
-- fails inside that statement (an upload unknown or already used, too many files of one kind) must
-- undo all of it: this raises, with SQLSTATE SQ001, the reason as the message and the tracking
-- code concerned as the detail. The app turns it back into its validation error.
CREATE OR REPLACE FUNCTION public.suqiu_refuse(reason text, detail text)
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'SQ001', MESSAGE = reason, DETAIL = coalesce(detail, '');
END
$function$;
