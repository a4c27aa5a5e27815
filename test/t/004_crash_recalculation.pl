# An immediate shutdown in the middle of a recalculation: after the
# restart the previous snapshot is intact, the interrupted one never
# appears, and the next recalculation succeeds.
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use IPC::Run;
use KaopingTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = province_node('crash');
$node->start;
load_province($node);
sub superuser { return $node->safe_psql('province', $_[0]); }

is(superuser(q{SELECT kaoping.recalculate('2018', 'Y')}), '1', 'a first snapshot');
my $snapshots = q{SELECT (SELECT string_agg(s::text, ';' ORDER BY snapshot_id) FROM kaoping.snapshot s),
	(SELECT string_agg(s::text, ';' ORDER BY snapshot_id, unit_id) FROM kaoping.snapshot_score s),
	(SELECT string_agg(d::text, ';' ORDER BY snapshot_id, unit_id, part, item) FROM kaoping.snapshot_detail d)};
my $before = superuser($snapshots);
superuser(q{UPDATE kaoping.indicator_result SET actual = actual * 1.1 WHERE indicator_id = 'C01'});

# A recalculation in a session of its own, which holds its transaction
# open after the work so that the shutdown always finds it uncommitted.
my ($in, $out) = ('', '');
my $session = IPC::Run::start(
	[ 'psql', '-X', '-d', $node->connstr('province') ],
	'<', \$in, '>&', \$out);
$in .= "BEGIN;\nSELECT kaoping.recalculate('2018', 'Y');\nSELECT kaoping.recalculate('2018', 'H1');\nSELECT pg_sleep(600);\n";
$session->pump_nb;

# Shut down the moment the recalculation is seen running.
my $seen = '';
for (1 .. 3000)
{
	$seen = superuser(q{SELECT query FROM pg_stat_activity
		WHERE state = 'active' AND (query LIKE '%kaoping.recalculate%' OR query LIKE '%pg_sleep%') AND pid <> pg_backend_pid()});
	last if $seen ne '';
	$session->pump_nb;
}
isnt($seen, '', 'the recalculation was running');
$node->stop('immediate');
note("shut down while running: $seen");
$session->kill_kill;

$node->start;
is(superuser($snapshots), $before, 'after the restart the previous snapshot is intact and the interrupted one is not there');
is(superuser(q{SELECT count(*) FROM kaoping.latest_score WHERE period = 'Y' AND snapshot_id = 1}), '67',
	'dashboards read the previous snapshot whole');
my $next = superuser(q{SELECT kaoping.recalculate('2018', 'Y')});
cmp_ok($next, '>', 1, 'the next recalculation succeeds');
is(superuser(qq{SELECT count(*) FROM (SELECT cycle_id, period, unit_id, kind, name, indicator_score, individual_score, common_score,
	comprehensive_score, adjustment, total, rank, grade FROM kaoping.snapshot_score WHERE snapshot_id = $next
	EXCEPT SELECT * FROM kaoping.live_score WHERE period = 'Y') d}), '0', 'and records the figures of now');
is(superuser(q{SELECT count(*) FROM kaoping.snapshot}), '2', 'two snapshots: the first and the one after the restart');

$node->stop;
done_testing();
