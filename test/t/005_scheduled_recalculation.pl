# The database recalculates by itself with pg_cron (Debian's
# postgresql-15-cron, which test/check.sh installs): the job of the
# README's operating section runs CALL kaoping.recalculate_due() as the
# office and the snapshots appear.
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use KaopingTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $pkglibdir = `pg_config --pkglibdir`;
chomp $pkglibdir;
plan skip_all => 'pg_cron is not installed (apt-get install postgresql-15-cron)'
  unless -f "$pkglibdir/pg_cron.so";

my $node = province_node('cron');
$node->append_conf('postgresql.conf', qq(
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
cron.host = '@{[ $node->host ]}'
));
$node->start;
load_province($node);
add_logins($node);
sub superuser { return $node->safe_psql('province', $_[0]); }

$node->safe_psql('postgres', q{
CREATE EXTENSION pg_cron;
SELECT cron.schedule_in_database('kaoping-recalculate', '* * * * *', 'CALL kaoping.recalculate_due()',
                                 'province', 'office');
});
is(superuser('SELECT count(*) FROM kaoping.snapshot'), '0', 'no snapshot before the schedule runs');

# pg_cron runs at the turn of each minute.  recalculate_due commits each
# period's snapshot on its own, so wait for the run to end before looking.
my $status = '';
for (1 .. 150)
{
	$status = $node->safe_psql('postgres', q{SELECT string_agg(status, ',' ORDER BY runid) FROM cron.job_run_details});
	last if $status =~ /succeeded|failed/;
	sleep 1;
}
like($status, qr/^succeeded/, 'pg_cron records the run as succeeded');
my $taken = superuser(q{SELECT string_agg(period || ':' || taken_by || ':' || units, ' ' ORDER BY period) FROM kaoping.snapshot});
is($taken, 'H1:office:67 Y:office:67', 'the scheduled job recalculated both periods as the office');
is(superuser('SELECT count(*) FROM kaoping.recalculation_due()'), '0', 'nothing is due after the run');

$node->stop;
done_testing();
