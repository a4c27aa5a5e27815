# Each role of a province's users, logged in for real: what it can and
# cannot read and write, and the error it gets; freezing and approval as
# each of them sees it; the audit trail of their changes.
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use KaopingTest;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = province_node('roles');
$node->start;
load_province($node);
add_logins($node);

sub superuser { return $node->safe_psql('province', $_[0]); }

# kaoping_admin: the office reads and writes everything
ok_as($node, 'office', 'SELECT count(*) FROM kaoping.evaluation',
	superuser('SELECT count(*) FROM kaoping.evaluation'), 'office reads every ranking');
ok_as($node, 'office', q{SELECT count(*) FROM kaoping.unit_score WHERE total IS NOT NULL}, '134', 'office reads the live results');
ok_as($node, 'office', q{INSERT INTO kaoping.milestone_check (milestone_id, checked_on, state, completed_on)
	VALUES ('T002-' || (SELECT min(unit_id) FROM kaoping.milestone WHERE task_id = 'T002') || '-Q4', '2018-12-20', 'done', '2018-12-18')
	ON CONFLICT DO NOTHING}, undef, 'office writes a check');
ok_as($node, 'office', q{UPDATE kaoping.cycle SET title = title || '（修订）'}, undef, 'office edits the cycle title');
fails_as($node, 'office', q{UPDATE kaoping.cycle SET state = 'approved'}, '42501', 'permission denied for table cycle',
	'office cannot set a state by hand');
fails_as($node, 'office', 'DELETE FROM kaoping.audit_log', '42501', 'permission denied for table audit_log',
	'office cannot delete the audit trail');
fails_as($node, 'office', 'INSERT INTO kaoping.snapshot_score SELECT * FROM kaoping.snapshot_score', '42501',
	'permission denied for table snapshot_score', 'office cannot write snapshots by hand');
ok_as($node, 'office', q{SELECT kaoping.recalculate('2018', 'H1'), kaoping.recalculate('2018', 'Y')}, '1|2',
	'office recalculates');

# kaoping_assessor: the statistics bureau, its indicators and milestones,
# read through kaoping.my_* and written through functions
ok_as($node, 'stats', 'SELECT count(*), count(DISTINCT indicator_id) FROM kaoping.my_indicator_result', '84|3',
	'assessor sees the results of its three indicators only');
ok_as($node, 'stats', q{SELECT count(kaoping.enter_result('C01', 'city01', 'Y', actual + 1)::text) FROM kaoping.my_indicator_result
	WHERE indicator_id = 'C01' AND unit_id = 'city01' AND period = 'Y'},
	'1', 'assessor corrects a result of its indicator');
fails_as($node, 'stats', q{SELECT kaoping.enter_result('C04', 'city01', 'H1', 1)},
	'42501', 'login stats does not score indicator', 'assessor cannot write another body\'s indicator');
fails_as($node, 'stats', q{UPDATE kaoping.indicator_result SET actual = 0 WHERE indicator_id = 'C04'},
	'42501', 'permission denied for table indicator_result', 'assessor has no privilege on the table of all results');
ok_as($node, 'stats', 'SELECT count(*), count(DISTINCT task_id) FROM kaoping.my_milestone',
	superuser(q{SELECT count(*) || '|1' FROM kaoping.milestone WHERE task_id = 'T001'}), 'assessor sees its milestones only');
ok_as($node, 'stats', q{SELECT count(kaoping.check_milestone(milestone_id, '2018-12-28', 'late', completed_on => '2018-12-20')::text)
	FROM (SELECT milestone_id FROM kaoping.my_milestone WHERE milestone_id LIKE 'T001-%-Q4' ORDER BY milestone_id LIMIT 1) m},
	'1', 'assessor checks an assigned milestone');
fails_as($node, 'stats', q{SELECT kaoping.check_milestone('T002-dept01-Q4', '2018-12-28', 'late')},
	'42501', 'milestone \'T002-dept01-Q4\' is not one login stats checks', 'assessor cannot check another body\'s milestone');
fails_as($node, 'stats', 'SELECT count(*) FROM kaoping.milestone', '42501', 'permission denied for table milestone',
	'assessor reads no table of all milestones');
fails_as($node, 'stats', 'SELECT count(*) FROM kaoping.evaluation', '42501', 'permission denied for table evaluation',
	'assessor reads no ranking');
fails_as($node, 'stats', 'SELECT count(*) FROM kaoping.unit_score', '42501', 'permission denied for view unit_score',
	'assessor reads no results');

# kaoping_unit: a department, its own inputs, its published figures
my $own_milestones = superuser(q{SELECT count(*) FROM kaoping.milestone WHERE unit_id = 'dept09'});
ok_as($node, 'dept09', q{SELECT count(*), count(*) FILTER (WHERE unit_id <> 'dept09') FROM kaoping.my_milestone},
	"$own_milestones|0", 'unit sees its own milestones only');
ok_as($node, 'dept09', q{SELECT count(*) > 0, count(*) FILTER (WHERE unit_id <> 'dept09') FROM kaoping.my_indicator_result}, 't|0',
	'unit sees its own results and no other unit\'s');
ok_as($node, 'dept09', q{SELECT count(*) FROM kaoping.my_milestone_check c JOIN kaoping.my_milestone m USING (milestone_id) WHERE m.unit_id <> 'dept09'},
	'0', 'unit sees no other unit\'s checks');
ok_as($node, 'dept09', q{SELECT kaoping.upload_evidence(min(milestone_id), '辽发改〔2018〕12号') FROM kaoping.my_milestone;
	SELECT kaoping.upload_evidence(max(milestone_id), offline => true) FROM kaoping.my_milestone;
	SELECT count(*), count(*) FILTER (WHERE offline), min(submitted_by), bool_and(submitted_on = current_date) FROM kaoping.my_evidence},
	"1\n2\n2|1|dept09|t", 'unit uploads evidence for its milestones, classified material offline, dated today in its name');
fails_as($node, 'dept09', q{SELECT kaoping.upload_evidence('T001-dept27-Q1', 'x')},
	'42501', 'milestone \'T001-dept27-Q1\' is not one login dept09 owes', 'unit cannot upload for another unit');
fails_as($node, 'dept09', q{INSERT INTO kaoping.evidence (milestone_id, reference, submitted_by, submitted_on) VALUES ('T001-dept09-Q1', 'x', 'office', '2018-01-01')},
	'42501', 'permission denied for table evidence', 'unit cannot write evidence by hand, backdated or in another login\'s name');
fails_as($node, 'dept09', q{SELECT kaoping.upload_evidence(min(milestone_id), 'secret', offline => true) FROM kaoping.my_milestone},
	'23514', 'violates check constraint "evidence_classified"', 'classified evidence is never stored');
fails_as($node, 'dept09', q{SELECT kaoping.check_milestone(min(milestone_id), '2018-12-01', 'done') FROM kaoping.my_milestone},
	'42501', 'permission denied for function check_milestone', 'unit cannot check its own milestones');
fails_as($node, 'dept09', 'SELECT count(*) FROM kaoping.evaluation', '42501', 'permission denied for table evaluation',
	'unit reads no ranking');
fails_as($node, 'dept09', 'SELECT count(*) FROM kaoping.my_ranking', '42501', 'permission denied for view my_ranking',
	'unit reads no ranking of its own either');
fails_as($node, 'dept09', 'SELECT count(*) FROM kaoping.unit_score', '42501', 'permission denied for view unit_score',
	'unit reads no live figures');
fails_as($node, 'dept09', 'SELECT count(*) FROM kaoping.indicator_score', '42501', 'permission denied for view indicator_score',
	'unit reads no live breakdown');
fails_as($node, 'dept09', 'SELECT count(*) FROM kaoping.snapshot_score', '42501', 'permission denied for table snapshot_score',
	'unit reads no table of all snapshots');
ok_as($node, 'dept09', 'SELECT count(*) FROM kaoping.my_latest_score', '0', 'unit sees no figures before publication');
ok_as($node, 'office', q{SELECT kaoping.publish('2018', 'H1')}, '1', 'office circulates H1');
ok_as($node, 'dept09', 'SELECT unit_id, period, snapshot_id, rank IS NOT NULL FROM kaoping.my_latest_score',
	'dept09|H1|1|t', 'after publication the unit sees its own H1 figures, and only them');
ok_as($node, 'dept09', q{SELECT count(*) > 0, count(*) FILTER (WHERE unit_id <> 'dept09') FROM kaoping.my_score_detail},
	't|0', 'and its own breakdown');
ok_as($node, 'dept09', 'SELECT count(DISTINCT snapshot_id) FROM kaoping.my_score', '1', 'unpublished snapshots stay hidden');
# a cheap function that shows every row it is given sees only what the
# unit's own rows are: the functions hand over nothing else
{
	my ($ret, $out, $err) = as_user($node, 'dept09', q{
CREATE FUNCTION pg_temp.peek(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001
AS $$ BEGIN RAISE NOTICE 'peeked at %', $1; RETURN true; END $$;
SELECT count(*) FROM kaoping.my_latest_score WHERE pg_temp.peek(unit_id);
SELECT count(*) FROM kaoping.my_score_detail WHERE pg_temp.peek(unit_id);
SELECT count(*) FROM kaoping.my_indicator_result WHERE pg_temp.peek(unit_id);
SELECT count(*) FROM kaoping.my_milestone WHERE pg_temp.peek(unit_id);});
	is($ret, 0, 'a unit runs a leaky function over its views');
	my %peeked = map { $_ => 1 } $err =~ /peeked at (\S+)/g;
	is(join(',', sort keys %peeked), 'dept09', 'it sees its own rows only');
}

# kaoping_evaluator: the governor's own ranking, as a whole
ok_as($node, 'governor', q{SELECT count(*), count(*) FILTER (WHERE evaluator <> '省长') FROM kaoping.my_ranking}, '134|0',
	'evaluator reads its own ranking only');
fails_as($node, 'governor', 'SELECT count(*) FROM kaoping.evaluation', '42501', 'permission denied for table evaluation',
	'evaluator has no privilege on the table of all rankings');
my $cities = superuser(q{SELECT string_agg(quote_literal(unit_id), ',' ORDER BY unit_id DESC) FROM kaoping.unit WHERE kind = 'city'});
ok_as($node, 'governor', "SELECT kaoping.submit_ranking('2018', 'Y', ARRAY[$cities])", '14', 'evaluator submits a whole ranking');
is(superuser(q{SELECT string_agg(unit_id, ',' ORDER BY rank) FROM kaoping.evaluation WHERE evaluator = '省长' AND period = 'Y' AND unit_kind = 'city'}),
	superuser(q{SELECT string_agg(unit_id, ',' ORDER BY unit_id DESC) FROM kaoping.unit WHERE kind = 'city'}),
	'the ranking stored is the one submitted');
fails_as($node, 'governor', q{SELECT kaoping.submit_ranking('2018', 'Y', ARRAY['city01', 'city02'])}, '22023',
	'ranking leaves out city units', 'evaluator cannot submit a partial ranking');
fails_as($node, 'governor', q{UPDATE kaoping.evaluation SET rank = 1}, '42501', 'permission denied for table evaluation',
	'evaluator cannot write ranks by hand');
fails_as($node, 'governor', 'SELECT count(*) FROM kaoping.latest_score', '42501', 'permission denied for view latest_score',
	'evaluator reads no figures');
ok_as($node, 'shenyang', q{SELECT count(*), min(evaluator) FROM kaoping.my_ranking}, '106|city01',
	'a city as a peer reads its own ranking of the departments');

# kaoping_reader: a BI tool reads results only
ok_as($node, 'bi', 'SELECT count(*) FROM kaoping.unit_score', '134', 'reader reads the live results');
ok_as($node, 'bi', 'SELECT count(*), count(DISTINCT snapshot_id) FROM kaoping.latest_score', '134|2',
	'reader reads the newest snapshots, published or not');
ok_as($node, 'bi', 'SELECT count(*) > 0 FROM kaoping.comprehensive_group_score', 't', 'reader reads the breakdown views');
fails_as($node, 'bi', 'SELECT count(*) FROM kaoping.evaluation', '42501', 'permission denied for table evaluation',
	'reader reads no ranking');
fails_as($node, 'bi', 'SELECT count(*) FROM kaoping.evaluation_score', '42501', 'permission denied for view evaluation_score',
	'reader does not see who ranked whom');
fails_as($node, 'bi', 'SELECT count(*) FROM kaoping.indicator_result', '42501', 'permission denied for table indicator_result',
	'reader reads no raw input');
fails_as($node, 'bi', q{SELECT kaoping.recalculate('2018', 'Y')}, '42501', 'permission denied for function recalculate',
	'reader cannot recalculate');
fails_as($node, 'bi', 'DELETE FROM kaoping.snapshot', '42501', 'permission denied for table snapshot', 'reader cannot delete snapshots');

# The audit trail names each login and keeps the rows before and after.
is(superuser(q{SELECT string_agg(DISTINCT changed_by || ':' || table_name || ':' || operation, ' ' ORDER BY changed_by || ':' || table_name || ':' || operation)
	FROM kaoping.audit_log WHERE changed_by <> 'postgres'}),
	'dept09:evidence:INSERT governor:evaluation:DELETE governor:evaluation:INSERT office:cycle:UPDATE office:milestone_check:INSERT stats:indicator_result:UPDATE stats:milestone_check:INSERT',
	'every change by a login is on record under its name');
is(superuser(q{SELECT (old_row ->> 'actual')::numeric + 1 = (new_row ->> 'actual')::numeric FROM kaoping.unit_change
	WHERE unit_id = 'city01' AND changed_by = 'stats'}), 't', 'an update keeps the row before and after');

# Freezing: every writer is refused, with the state named
ok_as($node, 'office', q{SELECT kaoping.freeze_cycle('2018')}, 'frozen', 'office freezes the cycle');
fails_as($node, 'stats', q{SELECT kaoping.enter_result('C01', 'city01', 'Y', 1)}, '55000',
	'cycle 2018 is frozen; its inputs cannot change', 'assessor refused in a frozen cycle');
fails_as($node, 'dept09', q{SELECT kaoping.upload_evidence(min(milestone_id), 'late doc') FROM kaoping.my_milestone},
	'55000', 'cycle 2018 is frozen', 'unit refused in a frozen cycle');
fails_as($node, 'governor', "SELECT kaoping.submit_ranking('2018', 'Y', ARRAY[$cities])", '55000', 'cycle 2018 is frozen',
	'evaluator refused in a frozen cycle');
fails_as($node, 'office', q{DELETE FROM kaoping.adjustment}, '55000', 'cycle 2018 is frozen', 'office refused in a frozen cycle');
fails_as($node, 'governor', q{SELECT kaoping.approve_cycle('2018', '省政府目标责任考评工作领导小组', '辽考评组〔2019〕2号', '2019-01-28')}, '42501', 'permission denied for function approve_cycle',
	'only the office approves');

# Approval: the final snapshots are stored and published; unit_score
# returns them; nothing moves any more
my $live = superuser('SELECT string_agg(u::text, \';\' ORDER BY cycle_id, period, unit_id) FROM kaoping.live_score u');
ok_as($node, 'office', q{SELECT kaoping.review_cycle('2018', '省绩效管理工作领导小组', '辽绩效组〔2019〕1号', '2019-01-20'), kaoping.adopt_cycle('2018', '省政府常务会议', '省政府常务会议纪要〔2019〕3号', '2019-01-25')}, 'frozen|frozen', 'office records the review and the adoption');
ok_as($node, 'office', q{SELECT kaoping.approve_cycle('2018', '省政府目标责任考评工作领导小组', '辽考评组〔2019〕2号', '2019-01-28')}, 'approved', 'office approves the cycle');
is(superuser('SELECT string_agg(u::text, \';\' ORDER BY cycle_id, period, unit_id) FROM kaoping.unit_score u'), $live,
	'unit_score returns the figures as approved');
ok_as($node, 'office', q{SELECT string_agg(from_state || '>' || to_state || ':' || changed_by, ' ' ORDER BY transition_id) FROM kaoping.cycle_transition},
	'open>frozen:office frozen>approved:office', 'each move is recorded with who');
ok_as($node, 'dept09', q{SELECT period, final, count(*) FROM kaoping.my_latest_score GROUP BY 1, 2 ORDER BY 1},
	"H1|t|1\nY|t|1", 'the unit sees its approved figures of both periods');
# (a unit's name: its active flag would move nothing, the roster keeps it)
superuser(q{UPDATE kaoping.unit SET active = false, name = '葫芦岛市（新）' WHERE unit_id = 'city14'});
isnt(superuser('SELECT string_agg(u::text, \';\' ORDER BY cycle_id, period, unit_id) FROM kaoping.live_score u'), $live,
	'a later change moves the live computation');
is(superuser('SELECT string_agg(u::text, \';\' ORDER BY cycle_id, period, unit_id) FROM kaoping.unit_score u'), $live,
	'but not the approved figures');
fails_as($node, 'office', q{SELECT kaoping.reopen_cycle('2018')}, '55000', 'cycle 2018 cannot move from approved to open',
	'an approved cycle stays approved');
fails_as($node, 'office', q{SELECT kaoping.recalculate('2018', 'Y')}, '55000', 'cycle 2018 is approved',
	'an approved cycle is not recalculated');

$node->stop;
done_testing();
