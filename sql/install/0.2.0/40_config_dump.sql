-- A province's data is dumped by pg_dump with the extension; the built-in
-- rules are made again by CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.policy', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.unit', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.task', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.task_assignment', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.milestone', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.milestone_check', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.indicator_result', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.evaluation', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment_rule', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment_adjustment_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.funding', '');
