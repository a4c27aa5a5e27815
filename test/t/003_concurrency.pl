# Concurrent writers while recalculations run: a scoring body's three
# sessions record milestone checks, two sessions of the governor and one of
# a city submit rankings, the office recalculates the year, a dashboard
# reads the newest snapshot, all at once for a minute (pgbench).  No
# writer gets an error, no write is lost, no dashboard sees a half-written
# snapshot, and every snapshot equals the figures of the committed state
# it saw, rebuilt from the audit trail.
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use IPC::Run;
use KaopingTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $seconds = $ENV{KAOPING_CONCURRENCY_SECONDS} || 60;
my $node = province_node('concurrency', max_connections => 30);
$node->start;
load_province($node);
add_logins($node);
sub superuser { return $node->safe_psql('province', $_[0]); }

# the statistics bureau checks the milestones of the first 60 tasks
superuser(q{UPDATE kaoping.milestone SET body_id = 'stats' WHERE task_id <= 'T060'});
my $milestones = superuser(q{SELECT count(*) FROM kaoping.milestone WHERE body_id = 'stats'});

my @runs = (
	[ 'stats',    'check.sql',            3, "-Dmilestones=$milestones" ],
	[ 'governor', 'rank_cities.sql',      2 ],
	[ 'shenyang', 'rank_departments.sql', 1 ],
	[ 'office',   'recalculate.sql',      1 ],
	[ 'bi',       'dashboard.sql',        1 ]);
my %out;
my @handles;
for my $run (@runs)
{
	my ($user, $script, $clients, @extra) = @$run;
	my @cmd = ('pgbench', '-n', '-h', $node->host, '-p', $node->port, '-U', $user, '-T', $seconds,
		'-c', $clients, '-j', $clients, '-f', "$FindBin::Bin/concurrency/$script", @extra, 'province');
	$out{$script} = '';
	push @handles, [ $script, IPC::Run::start(\@cmd, '>&', \$out{$script}) ];
}
my %processed;
for my $h (@handles)
{
	my ($script, $handle) = @$h;
	ok($handle->finish, "$script: pgbench ran without an error") or diag($out{$script});
	like($out{$script}, qr/number of failed transactions: 0 /, "$script: no failed transaction");
	($processed{$script}) = $out{$script} =~ /number of transactions actually processed: (\d+)/;
	note("$script: $processed{$script} transactions in $seconds s");
}
my $snapshots = superuser(q{SELECT count(*) FROM kaoping.snapshot WHERE period = 'Y'});
my $writes = $processed{'check.sql'} + $processed{'rank_cities.sql'} + $processed{'rank_departments.sql'};
diag(sprintf('load held: 8 sessions; %d checks, %d rankings (%.1f writes/s); %d recalculations; %d dashboard reads',
	$processed{'check.sql'}, $processed{'rank_cities.sql'} + $processed{'rank_departments.sql'}, $writes / $seconds,
	$snapshots, $processed{'dashboard.sql'}));
cmp_ok($snapshots, '>', 10, 'recalculations ran throughout');

# No lost write: every committed write is in the audit trail once, and
# the tables hold exactly the last committed write of every row.
# (a check that repeats the verdict already recorded writes nothing, and so
# is not on record: check_milestone changes only what differs)
my ($checks_on_record, $transactions_on_record) = split /\|/, superuser(q{SELECT count(*), count(DISTINCT transaction_id)
	FROM kaoping.audit_log WHERE changed_by = 'stats' AND table_name = 'milestone_check'});
is($checks_on_record, $transactions_on_record, 'every check committed is on record once');
cmp_ok($checks_on_record, '<=', $processed{'check.sql'}, 'and no check is on record that was not committed');
cmp_ok($checks_on_record, '>', $processed{'check.sql'} / 2, 'most checks changed a verdict');
is(superuser(q{SELECT count(*) FROM kaoping.audit_log WHERE changed_by IN ('governor', 'shenyang') AND operation = 'INSERT'}),
	$processed{'rank_cities.sql'} * 14 + $processed{'rank_departments.sql'} * 53,
	'every ranking submitted is on record whole');

# The state of milestone_check and evaluation as a pg_snapshot saw it,
# rebuilt from the audit trail: for each row, the newest change visible.
sub rebuild
{
	my ($visible, $table, @key) = @_;
	my $key = join(', ', map { "r ->> '$_'" } @key);
	return qq{
DELETE FROM kaoping.$table;
INSERT INTO kaoping.$table
SELECT (jsonb_populate_record(NULL::kaoping.$table, r)).*
FROM (SELECT DISTINCT ON ($key) r, present
      FROM (SELECT audit_id, new_row AS r, true AS present FROM kaoping.audit_log
            WHERE table_name = '$table' AND operation IN ('INSERT', 'UPDATE')
              AND pg_visible_in_snapshot(transaction_id, $visible)
            UNION ALL
            SELECT audit_id, old_row, false FROM kaoping.audit_log
            WHERE table_name = '$table' AND operation IN ('DELETE', 'UPDATE')
              AND pg_visible_in_snapshot(transaction_id, $visible)) e
      ORDER BY $key, audit_id DESC, present DESC) newest
WHERE present;};
}
my $columns = 'cycle_id, period, unit_id, kind, name, indicator_score, individual_score, common_score, '
  . 'comprehensive_score, adjustment, total, rank, grade';
sub differences
{
	my ($snapshot_id, $visible) = @_;
	return superuser(qq{
BEGIN;
SET LOCAL kaoping.restore = on;
} . rebuild($visible, 'milestone_check', 'milestone_id', 'checked_on')
	  . rebuild($visible, 'evaluation', 'cycle_id', 'period', 'evaluator', 'unit_kind', 'unit_id') . qq{
SELECT count(*) FROM (
  (SELECT $columns FROM kaoping.snapshot_score WHERE snapshot_id = $snapshot_id
   EXCEPT SELECT $columns FROM kaoping.live_score WHERE cycle_id = '2018' AND period = 'Y')
  UNION ALL
  (SELECT $columns FROM kaoping.live_score WHERE cycle_id = '2018' AND period = 'Y'
   EXCEPT SELECT $columns FROM kaoping.snapshot_score WHERE snapshot_id = $snapshot_id)) d;
ROLLBACK;});
}
is(superuser(q{
BEGIN;
SET LOCAL kaoping.restore = on;
CREATE TEMP TABLE checks_now AS SELECT * FROM kaoping.milestone_check;
CREATE TEMP TABLE rankings_now AS SELECT * FROM kaoping.evaluation;
} . rebuild('pg_current_snapshot()', 'milestone_check', 'milestone_id', 'checked_on')
  . rebuild('pg_current_snapshot()', 'evaluation', 'cycle_id', 'period', 'evaluator', 'unit_kind', 'unit_id') . q{
SELECT (SELECT count(*) FROM kaoping.milestone_check) || ' ' || (SELECT count(*) FROM kaoping.evaluation) || ' ' || count(*)
FROM ((TABLE checks_now EXCEPT TABLE kaoping.milestone_check) UNION ALL (TABLE kaoping.milestone_check EXCEPT TABLE checks_now)) d,
     ((TABLE rankings_now EXCEPT TABLE kaoping.evaluation) UNION ALL (TABLE kaoping.evaluation EXCEPT TABLE rankings_now)) e;
ROLLBACK;}), superuser(q{SELECT (SELECT count(*) FROM kaoping.milestone_check) || ' ' || (SELECT count(*) FROM kaoping.evaluation) || ' 0'}),
	'the tables hold exactly the replay of their audit trail: nothing lost');
my @taken = split /\n/, superuser(q{SELECT snapshot_id || ' ' || quote_literal(visible_transactions) || '::pg_snapshot'
	FROM kaoping.snapshot WHERE period = 'Y' ORDER BY snapshot_id});
my $inconsistent = 0;
my $moved = 0;
my $previous = '';
for my $line (@taken)
{
	my ($snapshot_id, $visible) = split / /, $line, 2;
	my $differing = differences($snapshot_id, $visible);
	$inconsistent++ if $differing ne '0';
	diag("snapshot $snapshot_id differs in $differing rows from the state it saw") if $differing ne '0';
	my $figures = superuser(qq{SELECT string_agg(total::text, ',' ORDER BY unit_id) FROM kaoping.snapshot_score WHERE snapshot_id = $snapshot_id});
	$moved++ if $figures ne $previous;
	$previous = $figures;
}
is($inconsistent, 0, scalar(@taken) . ' snapshots each equal the committed state they saw');
cmp_ok($moved, '>', 1, "the figures moved between snapshots ($moved distinct)");

$node->stop;
done_testing();
