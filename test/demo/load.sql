-- Loading staged files as the office does: what is staged, every problem
-- of every line (none, in a clean delivery), then all of it written in
-- one transaction, with what was inserted, updated or left as it was.
\pset footer off
SELECT table_name, count(*) AS problems, min(line) AS first_line, min(message) AS for_example
FROM kaoping.check_import() GROUP BY table_name;
SELECT * FROM kaoping.apply_import();
