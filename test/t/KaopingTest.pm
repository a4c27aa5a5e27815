# What the TAP tests share: a server holding the demo province, the logins
# of a province's users, and running SQL as one of them.
package KaopingTest;
use strict;
use warnings;
use Exporter 'import';
use FindBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

our @EXPORT = qw(province_node load_province add_logins as_user ok_as fails_as);

my $demo = "$FindBin::Bin/../demo/province.sql";

# A new server (not started) with settings for the tests.
sub province_node
{
	my ($name, %conf) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init;
	$node->append_conf('postgresql.conf', join('', map { "$_ = $conf{$_}\n" } sort keys %conf));
	return $node;
}

# The demo province (67 units, cycle 2018) in database 'province'.
sub load_province
{
	my ($node) = @_;
	$node->safe_psql('postgres', 'CREATE DATABASE province');
	$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('province'), '-f', $demo ],
		'the demo province loads');
	return;
}

# The province's users: the office, the statistics bureau scoring the first
# three city indicators and checking the milestones of task T001, the city
# of Shenyang (also a peer ranking departments), department dept09, the
# governor ranking as a leader, and a BI tool.
sub add_logins
{
	my ($node) = @_;
	$node->safe_psql('province', q{
CREATE ROLE office LOGIN IN ROLE kaoping_admin;
CREATE ROLE stats LOGIN IN ROLE kaoping_assessor;
CREATE ROLE shenyang LOGIN IN ROLE kaoping_unit, kaoping_evaluator;
CREATE ROLE dept09 LOGIN IN ROLE kaoping_unit;
CREATE ROLE governor LOGIN IN ROLE kaoping_evaluator;
CREATE ROLE bi LOGIN IN ROLE kaoping_reader;
INSERT INTO kaoping.scoring_body VALUES ('stats', '省统计局');
UPDATE kaoping.indicator SET body_id = 'stats' WHERE indicator_id IN ('C01', 'C02', 'C03');
UPDATE kaoping.milestone SET body_id = 'stats' WHERE task_id = 'T001';
INSERT INTO kaoping.membership (login, unit_id, body_id, evaluator_group, evaluator) VALUES
  ('stats', NULL, 'stats', NULL, NULL),
  ('shenyang', 'city01', NULL, NULL, NULL), ('shenyang', NULL, NULL, 'peer', 'city01'),
  ('dept09', 'dept09', NULL, NULL, NULL),
  ('governor', NULL, NULL, 'leader', '省长');
});
	return;
}

# Runs SQL as a login over a real connection: (exit code, stdout, stderr);
# errors carry their SQLSTATE.
sub as_user
{
	my ($node, $user, $sql) = @_;
	my ($ret, $out, $err) = $node->psql('province', "\\set VERBOSITY verbose\n" . $sql,
		extra_params => [ '-U', $user, '-v', 'ON_ERROR_STOP=1' ]);
	return ($ret, $out, $err);
}

sub ok_as
{
	my ($node, $user, $sql, $expected, $name) = @_;
	my ($ret, $out, $err) = as_user($node, $user, $sql);
	is($ret, 0, "$name: runs") or diag($err);
	is($out, $expected, $name) if defined $expected;
	return $out;
}

# The statement fails with the SQLSTATE and a message matching the pattern.
sub fails_as
{
	my ($node, $user, $sql, $sqlstate, $pattern, $name) = @_;
	my ($ret, $out, $err) = as_user($node, $user, $sql);
	isnt($ret, 0, "$name: refused");
	like($err, qr/ERROR:  $sqlstate: .*$pattern/, "$name: $sqlstate") or diag($err);
	return;
}

1;
