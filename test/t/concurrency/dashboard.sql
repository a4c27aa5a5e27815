-- A dashboard reads the newest snapshot and fails the run if it ever sees
-- one half written (pgbench).
SELECT count(*) AS seen, coalesce(min(units), 67) AS units
FROM kaoping.latest_score l JOIN kaoping.snapshot s USING (snapshot_id) WHERE l.period = 'Y' \gset
\if :seen <> 0 and :seen <> :units
SELECT 'half-written snapshot' :: integer;
\endif
\sleep 50 ms
