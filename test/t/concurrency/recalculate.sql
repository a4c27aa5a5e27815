-- The office recalculates the year (pgbench).
SELECT kaoping.recalculate('2018', 'Y');
\sleep 200 ms
