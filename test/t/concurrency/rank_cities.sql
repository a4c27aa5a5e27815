-- A leader submits a new ranking of the cities (pgbench).
\set k random(1, 1000000000)
SELECT kaoping.submit_ranking('2018', 'Y',
    ARRAY(SELECT unit_id FROM kaoping.unit WHERE kind = 'city' AND active ORDER BY md5(unit_id || :k)));
