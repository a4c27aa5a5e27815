-- A scoring body records a check of one of its milestones (pgbench).
\set m random(0, :milestones - 1)
\set d random(0, 30)
\set s random(1, 3)
INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state)
SELECT milestone_id, date '2018-12-01' + :d, (ARRAY['done', 'late', 'missed'])[:s]
FROM kaoping.milestone WHERE body_id = 'stats' ORDER BY milestone_id OFFSET :m LIMIT 1
ON CONFLICT (milestone_id, checked_on) DO UPDATE SET state = EXCLUDED.state;
