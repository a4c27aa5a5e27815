# kaoping on a server of its own: aggregates run in real parallel workers
# with the serial plan's results; the state types and the extension survive
# pg_dump and restore; nothing changes across a restart.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('kaoping');
$node->init;
$node->append_conf('postgresql.conf', qq(
max_worker_processes = 8
max_parallel_workers = 8
));
$node->start;

$node->safe_psql('postgres', q{
CREATE EXTENSION kaoping;
CREATE TABLE event AS
  SELECT i % 1000 AS unit, 'B' || (i % 12) AS rule_group,
         round(((i * 7919) % 2000)::numeric / 1000 - 0.5, 3) AS points,
         CASE WHEN i % 12 = 0 THEN NULL ELSE (i % 12) * 0.25 END AS group_cap
  FROM generate_series(1, 250000) i;
ANALYZE event;
});

my $force_parallel = q{
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
};
# 250 rows per unit: weights of 0.004 make exactly 1
my $query = q{
SELECT unit, kaoping.capped_sum(points, 2), kaoping.deduction_score(abs(points)),
       kaoping.adjustment_total(rule_group, points, group_cap, 3),
       kaoping.weighted_score(points, 0.004)
FROM event GROUP BY unit ORDER BY unit};

my $plan = $node->safe_psql('postgres',
	$force_parallel . 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' . $query);
like($plan, qr/Partial (Hash|Group)?Aggregate/, 'the plan aggregates in parts');
like($plan, qr/Workers Launched: [12]/, 'parallel workers ran the partial aggregates');

my $parallel = $node->safe_psql('postgres', $force_parallel . $query);
my $serial = $node->safe_psql('postgres',
	'SET max_parallel_workers_per_gather = 0; ' . $query);
is($parallel, $serial, 'parallel results equal the serial plan, unit by unit');
is(scalar(split /\n/, $serial), 1000, 'one row per unit');

my $weighted_query = 'SELECT kaoping.weighted_score(points, 0.000005) FROM event';
# 250,000 rows weighted 0.000005 each make 1.25: an error in parallel too
my ($ret, $out, $err) = $node->psql('postgres', $force_parallel . $weighted_query);
isnt($ret, 0, 'weights that do not sum to 1 fail in parallel too');
like($err, qr/weights sum to 1\.25/, 'with the summed weights named');

# pg_dump and restore: states stored in a table come back exact
$node->safe_psql('postgres', q{
CREATE TABLE saved (id int PRIMARY KEY, s kaoping.sum_state, w kaoping.weighted_state, a kaoping.adjustment_state);
INSERT INTO saved VALUES
  (1, 'sum=0.3 cap=0.4', 'weighted=86.85 weights=1 null_scores=false',
   'penalty=-1 bonus_cap=3 group("B1b",0.6,0.4) group("B1a",2,none)'),
  (2, 'sum=123456789012345678901234567890.000000000000000001 cap=none',
   'weighted=0 weights=0.5 null_scores=true', 'penalty=0 bonus_cap=none');
});
# a province's data in the extension's tables is dumped with it; the
# built-in rules are not (CREATE EXTENSION makes them again)
$node->safe_psql('postgres', q{
INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2018', 2018);
UPDATE kaoping.policy SET bonus_cap = 2.5;
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES ('shenyang', 'city', '沈阳市'), ('fgw', 'department', '省发展改革委');
INSERT INTO kaoping.adjustment_rule (rule_code, name, points, rule_group) VALUES ('X1', '省定加分', 0.3, 'X1');
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on, points)
  VALUES ('2018', 'fgw', 'B4a', '2018-11-01', 0.15), ('2018', 'shenyang', 'X1', '2018-05-01', NULL);
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank)
  VALUES ('2018', 'Y', 'peer', 'fgw', 'shenyang', 1);
INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2019', 2019);
SELECT kaoping.recalculate('2018', 'Y');
SELECT kaoping.freeze_cycle('2018');
SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '辽绩效组〔2019〕1号', '2019-01-20'), kaoping.adopt_cycle('2018', '省政府常务会议', '省政府常务会议纪要〔2019〕3号', '2019-01-25'), kaoping.approve_cycle('2018', '省政府目标责任考评工作领导小组', '辽考评组〔2019〕2号', '2019-01-28');
});
my $data_query = q{
SELECT (SELECT string_agg(c::text, ';' ORDER BY cycle_id) FROM kaoping.cycle c),
       (SELECT string_agg(p::text, ';') FROM kaoping.policy p),
       (SELECT string_agg(u::text, ';' ORDER BY unit_id) FROM kaoping.unit u),
       (SELECT string_agg(r::text, ';' ORDER BY rule_code) FROM kaoping.adjustment_rule r),
       (SELECT string_agg(a::text, ';' ORDER BY adjustment_id) FROM kaoping.adjustment a),
       (SELECT string_agg(e::text, ';') FROM kaoping.evaluation e),
       (SELECT string_agg(a::text, ';' ORDER BY audit_id) FROM kaoping.audit_log a),
       (SELECT string_agg(t::text, ';' ORDER BY transition_id) FROM kaoping.cycle_transition t),
       (SELECT string_agg(s::text, ';' ORDER BY snapshot_id) FROM kaoping.snapshot s),
       (SELECT string_agg(s::text, ';' ORDER BY snapshot_id, unit_id) FROM kaoping.snapshot_score s),
       (SELECT string_agg(u::text, ';' ORDER BY cycle_id, period, unit_id) FROM kaoping.unit_score u)};

my $dump = $node->basedir . '/kaoping.sql';
$node->command_ok([ 'pg_dump', '-d', $node->connstr('postgres'), '-f', $dump ], 'pg_dump');
# an approved cycle's inputs are refused, unless a superuser restores with
# kaoping.restore = on, which also keeps the audit trail as it was
$node->safe_psql('postgres', 'CREATE DATABASE refused');
$node->command_fails_like([ 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-q', '-d', $node->connstr('refused'), '-f', $dump ],
	qr/cycle 2018 is approved; its inputs cannot change/, 'a plain restore stops at the approved cycle');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
{
	local $ENV{PGOPTIONS} = '-c kaoping.restore=on';
	$node->command_ok([ 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-q', '-d', $node->connstr('restored'), '-f', $dump ],
		'restore into a new database');
}
my $saved_query = 'SELECT id, s, w, a, kaoping.capped_sum_final(s), kaoping.adjustment_total_final(a) FROM saved ORDER BY id';
is($node->safe_psql('restored', $saved_query), $node->safe_psql('postgres', $saved_query),
	'states and what they finish to are the same after restore');
is($node->safe_psql('restored', $query), $serial, 'aggregates in the restored database agree');
is($node->safe_psql('restored', $data_query), $node->safe_psql('postgres', $data_query),
	'the assessment data, audit trail and snapshots survive dump and restore, built-in rules once');
$node->safe_psql('restored', q{INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on) VALUES ('2019', 'fgw', 'B1a', '2019-12-01')});
is($node->safe_psql('restored', 'SELECT max(adjustment_id) FROM kaoping.adjustment'), '3',
	'the numbering of events goes on after restore');

# a restart loads the library afresh; results do not move
$node->restart;
is($node->safe_psql('postgres', $query), $serial, 'same results after a restart');

$node->stop;
done_testing();
