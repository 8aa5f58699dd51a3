-- db-scheduler looks for due deadlines every polling interval. With its priorities on, that query orders by
-- (priority, execution_time); as a prepared statement PostgreSQL soon plans it once for any instant and then walks
-- this whole index for every poll, one entry per pending deadline (every open reservation hold). Axon gives every
-- deadline the same priority, so the priorities are off (db-scheduler.priority-enabled) and the poll reads the due
-- rows through scheduled_tasks_execution_time alone; this index served only the priority order.
DROP INDEX IF EXISTS scheduled_tasks_priority_execution_time;
