# The attacks of a province's own users, logged in for real: escalation
# through every SECURITY DEFINER function as every role, EXPLAIN as an
# oracle on hidden rows, and low roles trying to stall the office.
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use KaopingTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = province_node('attacks');
$node->start;
load_province($node);
add_logins($node);
$node->safe_psql('province', q{CREATE ROLE nobody LOGIN});
my @logins = qw(office stats shenyang dept09 governor bi nobody);

sub superuser { return $node->safe_psql('province', $_[0]); }

# What an attack must not change: who is a superuser, the records, the
# results and the inputs.
my $state_query = q{
SELECT (SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolsuper),
       (SELECT count(*) FROM kaoping.audit_log), (SELECT count(*) FROM kaoping.snapshot),
       (SELECT md5(string_agg(s::text, ';' ORDER BY snapshot_id, unit_id)) FROM kaoping.snapshot_score s),
       (SELECT md5(string_agg(e::text, ';' ORDER BY evaluator, period, unit_id)) FROM kaoping.evaluation e),
       (SELECT md5(string_agg(r::text, ';' ORDER BY indicator_id, unit_id, period)) FROM kaoping.indicator_result r),
       (SELECT count(*) FROM kaoping.evidence), (SELECT count(*) FROM kaoping.milestone_check),
       (SELECT string_agg(state, ',') FROM kaoping.cycle)};
superuser(q{SELECT kaoping.recalculate('2018', 'Y'); SELECT kaoping.publish('2018', 'Y')});
my $before = superuser($state_query);

# 1. Escalation.  The login's own type has casts to json and, implicitly,
# to every argument type of kaoping's SECURITY DEFINER functions, each
# trying to make the login a superuser, forge an audit record, rank itself
# first in a snapshot and delete the trail.  It attaches every trigger
# function to a table of that type and calls every SECURITY DEFINER
# function with values of it.
my @definer = split /\n/, superuser(q{
SELECT p.oid::regprocedure::text || '|' || coalesce(array_to_string(p.proargtypes::regtype[], ','), '')
FROM pg_proc p WHERE p.pronamespace = 'kaoping'::regnamespace AND p.prosecdef AND p.prokind = 'f'
  AND p.prorettype <> 'trigger'::regtype ORDER BY 1});
my @triggers = split /\n/, superuser(q{
SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'kaoping'::regnamespace
  AND p.prorettype = 'trigger'::regtype ORDER BY 1});
cmp_ok(scalar @definer, '>=', 20, 'the SECURITY DEFINER functions are listed (' . scalar(@definer) . ')');
cmp_ok(scalar @triggers, '>=', 14, 'the trigger functions are listed (' . scalar(@triggers) . ')');

my %types = (text => 'text', date => 'date', numeric => 'numeric', boolean => 'boolean',
	bigint => 'bigint', 'text[]' => 'text[]', json => 'json');
my $attack = q{
CREATE TYPE pg_temp.hostile AS ENUM ('x');
CREATE FUNCTION pg_temp.payload() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    BEGIN EXECUTE format('ALTER ROLE %I SUPERUSER', session_user); EXCEPTION WHEN OTHERS THEN NULL; END;
    BEGIN INSERT INTO kaoping.audit_log (table_name, operation) VALUES ('forged', 'INSERT'); EXCEPTION WHEN OTHERS THEN NULL; END;
    BEGIN UPDATE kaoping.snapshot_score SET rank = 1, grade = '优秀'; EXCEPTION WHEN OTHERS THEN NULL; END;
    BEGIN DELETE FROM kaoping.audit_log; EXCEPTION WHEN OTHERS THEN NULL; END;
END $$;
};
for my $type (sort keys %types)
{
	my $name = $type =~ s/\[\]/_array/r;
	$attack .= qq{CREATE FUNCTION pg_temp.to_$name(pg_temp.hostile) RETURNS $types{$type} LANGUAGE plpgsql AS
\$\$BEGIN PERFORM pg_temp.payload(); RETURN NULL; END\$\$;
CREATE CAST (pg_temp.hostile AS $types{$type}) WITH FUNCTION pg_temp.to_$name(pg_temp.hostile)}
	  . ($type eq 'json' ? '' : ' AS IMPLICIT') . ";\n";
}
$attack .= "CREATE TEMP TABLE mine (x pg_temp.hostile);\n";
for my $function (@triggers)
{
	$attack .= qq{DO \$\$ BEGIN
    CREATE TRIGGER mine AFTER INSERT ON mine REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION kaoping.$function();
    RAISE NOTICE 'attached $function';
EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'refused $function: %', SQLSTATE;
END \$\$;
INSERT INTO mine VALUES ('x');
DROP TRIGGER IF EXISTS mine ON mine;
};
}
for my $entry (@definer)
{
	my ($signature, $args) = split /\|/, $entry, 2;
	my ($function) = $signature =~ /^(kaoping\.\w+)\(/;
	my $call = "$function(" . join(', ', map { "'x'::pg_temp.hostile" } grep { $_ ne '' } split /,/, $args) . ')';
	$attack .= qq{DO \$\$ BEGIN
    PERFORM * FROM $call;
    RAISE NOTICE 'called $signature';
EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'refused $signature: %', SQLSTATE;
END \$\$;
};
}
for my $login (@logins)
{
	my ($ret, $out, $err) = as_user($node, $login, $attack);
	is($ret, 0, "$login runs the attack through every function") or diag($err);
	my @attached = $err =~ /attached (\w+)/g;
	is(join(',', @attached), '', "$login cannot attach a trigger function to a table of its own");
	my $refused_triggers = () = $err =~ /refused \w+: 42501/g;
	cmp_ok($refused_triggers, '>=', scalar @triggers, "$login: every trigger function refused with 42501");
}
is(superuser($state_query), $before, 'no login became a superuser and nothing was written, forged or deleted');
is(superuser(q{SELECT count(*) FROM kaoping.audit_log WHERE table_name = 'forged'}), '0', 'no forged audit record');

# The same attack against 0.3.0 succeeds, so the test above would see it.
$node->safe_psql('postgres', 'CREATE DATABASE old');
$node->safe_psql('old', q{CREATE EXTENSION kaoping VERSION '0.3.0'});
{
	my ($ret, $out, $err) = $node->psql('old', q{
CREATE TYPE pg_temp.e AS ENUM ('x');
CREATE FUNCTION pg_temp.f(pg_temp.e) RETURNS json LANGUAGE plpgsql AS
$$BEGIN EXECUTE format('ALTER ROLE %I SUPERUSER', session_user); RETURN 'null'; END$$;
CREATE CAST (pg_temp.e AS json) WITH FUNCTION pg_temp.f(pg_temp.e);
CREATE TEMP TABLE t (x pg_temp.e);
CREATE TRIGGER t AFTER INSERT ON t REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kaoping.audit_statement();
INSERT INTO t VALUES ('x');}, extra_params => [ '-U', 'dept09' ]);
	is($node->safe_psql('postgres', q{SELECT rolsuper FROM pg_roles WHERE rolname = 'dept09'}), 't',
		'against 0.3.0 the attack makes the login a superuser');
	$node->safe_psql('postgres', 'ALTER ROLE dept09 NOSUPERUSER; DROP DATABASE old');
}

# 2. EXPLAIN is no oracle: a governor's and a department's plans, counts
# and estimates are the same before and after hidden rows change.
my %oracle = (
	governor => [ q{SELECT * FROM kaoping.my_ranking WHERE rank <= 7 AND unit_id = 'city05'},
		q{SELECT * FROM kaoping.my_ranking WHERE evaluator = '常务副省长' AND unit_id = 'city05'} ],
	dept09 => [ q{SELECT * FROM kaoping.my_adjustment WHERE unit_id = 'dept02'},
		q{SELECT * FROM kaoping.my_score_detail WHERE part = 'adjustment' AND unit_id = 'dept02'},
		q{SELECT * FROM kaoping.my_indicator_result WHERE unit_id = 'dept02' AND deduction > 1} ],
	stats => [ q{SELECT * FROM kaoping.my_indicator_result WHERE indicator_id = 'C04' AND actual > 0} ]);
sub plans
{
	my %seen;
	for my $login (sort keys %oracle)
	{
		for my $query (@{ $oracle{$login} })
		{
			my ($ret, $out, $err) = as_user($node, $login,
				"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) $query; EXPLAIN $query;");
			is($ret, 0, "$login explains: $query") or diag($err);
			$seen{"$login: $query"} = $out;
		}
	}
	return \%seen;
}
my $plans_before = plans();
superuser(q{
UPDATE kaoping.evaluation SET rank = 15 - rank
WHERE evaluator = '常务副省长' AND unit_kind = 'city' AND period = 'Y';
INSERT INTO kaoping.adjustment (cycle_id, unit_id, rule_code, occurred_on)
SELECT '2018', 'dept02', 'P2a', '2018-06-01' FROM generate_series(1, 40);
UPDATE kaoping.indicator_result SET deduction = 3 WHERE unit_id = 'dept02' AND deduction IS NOT NULL;
UPDATE kaoping.indicator_result SET actual = actual + 1 WHERE indicator_id = 'C04';
SELECT kaoping.recalculate('2018', 'Y');
ANALYZE kaoping.evaluation, kaoping.adjustment, kaoping.indicator_result, kaoping.snapshot_detail;});
my $plans_after = plans();
for my $key (sort keys %$plans_before)
{
	is($plans_after->{$key}, $plans_before->{$key}, "$key: the same plan, counts and estimates");
}
fails_as($node, 'governor', q{EXPLAIN ANALYZE SELECT * FROM kaoping.evaluation WHERE rank <= 7}, '42501',
	'permission denied for table evaluation', 'the table of all rankings cannot be explained');
fails_as($node, 'dept09', q{EXPLAIN SELECT * FROM kaoping.adjustment WHERE unit_id = 'dept02'}, '42501',
	'permission denied for table adjustment', 'nor the table of all adjustments');

# 3. No low role can stall the province.
fails_as($node, 'stats', q{BEGIN; LOCK TABLE kaoping.indicator_result IN ACCESS EXCLUSIVE MODE},
	'42501', 'permission denied for table indicator_result', 'an assessor cannot lock the results');
fails_as($node, 'stats', q{BEGIN; LOCK TABLE kaoping.my_indicator_result IN ACCESS EXCLUSIVE MODE},
	'42501', 'permission denied for view my_indicator_result', 'nor its own view of them');
fails_as($node, 'dept09', q{BEGIN; LOCK TABLE kaoping.cycle IN EXCLUSIVE MODE},
	'42501', 'permission denied for table cycle', 'a unit cannot lock the cycles');
fails_as($node, 'dept09', q{BEGIN; SELECT * FROM kaoping.cycle FOR SHARE},
	'42501', 'permission denied for table cycle', 'nor lock a cycle\'s row');
{
	# a unit uploads evidence and leaves its transaction open
	my $unit = $node->background_psql('province', extra_params => [ '-U', 'dept09' ]);
	$unit->query_safe(q{BEGIN; SELECT kaoping.upload_evidence(min(milestone_id), 'draft') FROM kaoping.my_milestone;});
	my $pid = $unit->query_safe('SELECT pg_backend_pid()');
	my ($ret, $out, $err) = $node->psql('province', q{\set VERBOSITY verbose
SET kaoping.lock_wait = '1s';
SELECT kaoping.freeze_cycle('2018');}, extra_params => [ '-U', 'office' ]);
	isnt($ret, 0, 'a freeze waits for a writer left open a bounded time');
	like($err, qr/ERROR:  55P03: cycle 2018 cannot become frozen: writers of its inputs did not finish within 1s/,
		'then fails with lock_not_available');
	like($err, qr/DETAIL:  Sessions writing inputs: pid $pid \(login dept09, application \S+, idle in transaction since \d/,
		'naming the session that holds it');
	$unit->query_safe('COMMIT');
	$unit->quit;
	ok_as($node, 'office', q{SELECT kaoping.freeze_cycle('2018'), kaoping.reopen_cycle('2018')}, 'frozen|open',
		'once it has committed the freeze goes through');
}
{
	# a reader takes the advisory lock a recalculation takes its turn with
	my $reader = $node->background_psql('province', extra_params => [ '-U', 'bi' ]);
	$reader->query_safe(q{SELECT pg_advisory_lock(hashtext('kaoping.recalculate'), hashtext('2018/Y'))});
	my $pid = $reader->query_safe('SELECT pg_backend_pid()');
	my ($ret, $out, $err) = $node->psql('province', q{\set VERBOSITY verbose
SET kaoping.lock_wait = '1s';
SELECT kaoping.recalculate('2018', 'Y');}, extra_params => [ '-U', 'office' ]);
	isnt($ret, 0, 'a recalculation waits for a held turn a bounded time');
	like($err, qr/ERROR:  55P03: recalculating cycle 2018 period Y waited 1s and gave up/, 'then fails with lock_not_available');
	like($err, qr/DETAIL:  Holding it: pid $pid \(login bi, application \S+, idle since \d/, 'naming the session that holds it');
	$reader->quit;
	ok_as($node, 'office', q{SELECT kaoping.recalculate('2018', 'Y') > 0}, 't', 'once it is gone the recalculation goes through');
}
fails_as($node, 'stats', q{SELECT kaoping.enter_result('C01', 'city01', 'Y', 9e131071)}, '22003',
	'is not a value a province can have', 'a value no indicator can have is refused when written');
ok_as($node, 'bi', q{SELECT count(*), count(total) > 0 FROM kaoping.unit_score}, '134|t',
	'and the whole province still computes');

$node->stop;
done_testing();
