-- A deal's snapshot carries its open reservations as one base64 string: megabytes for a large deal, written every
-- timedeal.snapshots.time-deal-every-events events. With bytea's default storage (EXTENDED) PostgreSQL first tries to
-- compress every such value, finds that base64 of compact records does not shrink by a quarter, and stores it as it
-- came: two thirds of the insert's time for a 4 MB snapshot on the benchmark's machine (docs/benchmarks.md, round 36).
-- EXTERNAL stores large values out of line as before, without the attempt. Applies to rows written from now on; rows
-- already stored keep their form and read as before.
ALTER TABLE snapshot_event_entry ALTER COLUMN payload SET STORAGE EXTERNAL;
