-- A scoring body records a check of one of its milestones (pgbench).
\set m random(0, :milestones - 1)
\set d random(0, 30)
\set s random(1, 3)
SELECT kaoping.check_milestone(m.milestone_id, date '2018-12-01' + :d, (ARRAY['done', 'late', 'missed'])[:s],
                               completed_on => CASE WHEN :s < 3 THEN date '2018-12-01' + :d END)
FROM (SELECT milestone_id FROM kaoping.my_milestone WHERE body_id = 'stats' ORDER BY milestone_id OFFSET :m LIMIT 1) m;
