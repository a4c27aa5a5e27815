-- A province's data is dumped by pg_dump with the extension; the built-in
-- rules are made again by CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.policy', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.unit', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle_unit', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.task', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.task_assignment', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.milestone', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.milestone_check', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.indicator_period', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.indicator_result', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.evaluation', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment_rule', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.adjustment_adjustment_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.funding', '');
-- The records of running a province are dumped with its data.  Restore
-- with PGOPTIONS='-c kaoping.restore=on' as a superuser, so that frozen
-- cycles' inputs go back in and the audit trail is not written twice.
SELECT pg_catalog.pg_extension_config_dump('kaoping.scoring_body', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.membership', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.evidence', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.evidence_evidence_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.audit_log_audit_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.snapshot_snapshot_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.snapshot_score', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.snapshot_detail', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle_transition', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.approval_step', '');
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle_transition_transition_id_seq', '');
