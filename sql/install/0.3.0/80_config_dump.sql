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
SELECT pg_catalog.pg_extension_config_dump('kaoping.cycle_transition_transition_id_seq', '');
