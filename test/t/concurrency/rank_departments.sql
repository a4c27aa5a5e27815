-- A city, as a peer, submits a new ranking of the departments (pgbench).
\set k random(1, 1000000000)
SELECT kaoping.submit_ranking('2018', 'Y',
    ARRAY(SELECT unit_id FROM kaoping.unit WHERE kind = 'department' AND active ORDER BY md5(unit_id || :k)));
