-- A cycle approved before 0.3.0 (when a database is updated) gets its
-- final snapshots now, so that unit_score keeps returning its results.
-- On a fresh install there is no cycle and nothing to do.
SELECT kaoping.take_snapshot(cp.cycle_id, cp.period, true)
FROM kaoping.cycle_period cp
JOIN kaoping.cycle c ON c.cycle_id = cp.cycle_id
WHERE c.state = 'approved'
ORDER BY cp.cycle_id, cp.period;
