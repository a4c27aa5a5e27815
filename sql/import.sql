-- Loading spreadsheets (§9): files staged as text in kaoping_import,
-- check_import listing every problem of every row with its line,
-- apply_import writing all or nothing as the caller, idempotent, audited;
-- a scoring body loading its own results, refused another's.
\set SHOW_CONTEXT never
CREATE EXTENSION kaoping;
CREATE ROLE regress_kaoping_imp_office LOGIN IN ROLE kaoping_admin;
CREATE ROLE regress_kaoping_imp_stats LOGIN IN ROLE kaoping_assessor;
CREATE ROLE regress_kaoping_imp_env LOGIN IN ROLE kaoping_assessor;

-- the header line of each file
SELECT t.table_name, kaoping.import_template(t.table_name) FROM kaoping.import_tables() t ORDER BY t.apply_order;
SELECT kaoping.import_template('audit_log');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- 1. The plan, from clean files, by the office
SET ROLE regress_kaoping_imp_office;
COPY kaoping_import.scoring_body (body_id,name) FROM STDIN WITH (FORMAT csv, HEADER match);
body_id,name
stats,统计局
env,生态环境厅
\.
COPY kaoping_import.cycle (cycle_id,year,title) FROM STDIN WITH (FORMAT csv, HEADER match);
cycle_id,year,title
2018,2018,2018年度
\.
COPY kaoping_import.unit (unit_id,kind,name,active) FROM STDIN WITH (FORMAT csv, HEADER match);
unit_id,kind,name,active
c1,city,甲市,
c2,city,乙市,
c3,city,丙市,true
d1,department,甲厅,
d2,department,乙厅,
\.
COPY kaoping_import.policy (cycle_id,min_indicators) FROM STDIN WITH (FORMAT csv, HEADER match);
cycle_id,min_indicators
2018,1
\.
COPY kaoping_import.indicator (indicator_id,cycle_id,unit_kind,category,name,method,weight,higher_is_better,target,satisfactory,unallowable,max_ratio,body_id) FROM STDIN WITH (FORMAT csv, HEADER match);
indicator_id,cycle_id,unit_kind,category,name,method,weight,higher_is_better,target,satisfactory,unallowable,max_ratio,body_id
gdp,2018,city,city,地区生产总值,efficacy,2,,,,,,stats
air,2018,city,city,空气质量,given,1,,,,,,env
pol,2018,department,policy,政策落实,deduction,,,,,,,
com,2018,department,common,共性,given,,,,,,,
\.
-- the file's lines: the header is line 1
SELECT line, indicator_id, weight, max_ratio FROM kaoping_import.indicator ORDER BY line;
SELECT * FROM kaoping.check_import();
SELECT * FROM kaoping.apply_import();
RESET ROLE;
SELECT indicator_id, weight, higher_is_better, max_ratio, body_id FROM kaoping.indicator ORDER BY indicator_id;
SELECT cycle_id, min_indicators, indicator_weight FROM kaoping.policy;
SELECT count(*) AS staged_left FROM kaoping_import.indicator;
-- the audit trail names the caller
SELECT table_name, operation, changed_by, count(*) FROM kaoping.audit_log GROUP BY 1, 2, 3 ORDER BY 1, 2;

-- 2. The same files again: nothing changes, nothing is audited
SELECT count(*) AS audited FROM kaoping.audit_log \gset
SET ROLE regress_kaoping_imp_office;
COPY kaoping_import.unit (unit_id,kind,name,active) FROM STDIN WITH (FORMAT csv, HEADER match);
unit_id,kind,name,active
c1,city,甲市,
c2,city,乙市,
c3,city,丙市,true
d1,department,甲厅,
d2,department,乙厅,
\.
COPY kaoping_import.indicator (indicator_id,cycle_id,unit_kind,category,name,method,weight,higher_is_better,target,satisfactory,unallowable,max_ratio,body_id) FROM STDIN WITH (FORMAT csv, HEADER match);
indicator_id,cycle_id,unit_kind,category,name,method,weight,higher_is_better,target,satisfactory,unallowable,max_ratio,body_id
gdp,2018,city,city,地区生产总值,efficacy,2,,,,,,stats
air,2018,city,city,空气质量,given,1,,,,,,env
pol,2018,department,policy,政策落实,deduction,,,,,,,
com,2018,department,common,共性,given,,,,,,,
\.
SELECT * FROM kaoping.apply_import();
RESET ROLE;
SELECT count(*) - :audited AS newly_audited FROM kaoping.audit_log;

-- 3. The year's inputs, a file with bad rows of every kind: every problem
-- of every row is listed with its line, and nothing is written
SET ROLE regress_kaoping_imp_office;
COPY kaoping_import.indicator_result (indicator_id,unit_id,period,actual,deduction) FROM STDIN WITH (FORMAT csv, HEADER match);
indicator_id,unit_id,period,actual,deduction
gdp,c1,Y,1200,
gdp,c2,Y,1O00,
gdp,c3,Y,800,
gdp,c9,Y,700,
gdp,d1,Y,700,
air,c1,Y,95,
air,c2,Y,105,
air,c2,Y,85,
air,c3,Q,70,
pol,d1,Y,,-1
com,d1,Y,90,
com,d2,Y,1e20,
pol,d2,Y,,0
\.
COPY kaoping_import.evaluation (cycle_id,period,evaluator_group,evaluator,unit_id,unit_kind,rank) FROM STDIN WITH (FORMAT csv, HEADER match);
cycle_id,period,evaluator_group,evaluator,unit_id,unit_kind,rank
2018,Y,leader,省长,c1,,1
2018,Y,leader,省长,c3,,3
2018,Y,leader,副省长,c1,,1
2018,Y,leader,副省长,c2,,2
2018,Y,leader,副省长,c3,,4
2018,Y,peer,d1,d2,,1
2018,Y,office,绩效办,c1,,first
\.
COPY kaoping_import.adjustment (adjustment_id,cycle_id,unit_id,rule_code,occurred_on,points,evidence,note) FROM STDIN WITH (FORMAT csv, HEADER match);
adjustment_id,cycle_id,unit_id,rule_code,occurred_on,points,evidence,note
,2018,d1,B1a,2016-05-01,,,
,2018,c1,B4a,2018-05-01,0.15,,
,2018,d1,B4a,2018-05-01,0.15,,
,2018,d1,B4a,2018-06-01,0.1,,
,2018,d2,B4b,2018-06-01,0.5,,
,2018,d2,B1a,2018-02-30,,,
,2018,d2,X9,2018-03-01,,,
\.
COPY kaoping_import.funding (cycle_id,period,unit_id,amount) FROM STDIN WITH (FORMAT csv, HEADER match);
cycle_id,period,unit_id,amount
2018,,c1,1000
2018,Y,d1,
\.
SELECT table_name, line, column_name, value, sqlstate, message FROM kaoping.check_import();
SELECT count(*) AS problems, count(DISTINCT (table_name, line)) AS bad_rows FROM kaoping.check_import();
SELECT * FROM kaoping.apply_import();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
SELECT (SELECT count(*) FROM kaoping.indicator_result) AS results, (SELECT count(*) FROM kaoping.evaluation) AS ranks,
       (SELECT count(*) FROM kaoping.adjustment) AS events, (SELECT count(*) FROM kaoping.funding) AS funding,
       (SELECT count(*) - :audited FROM kaoping.audit_log) AS newly_audited;
-- what was staged stays staged until corrected or cleared
SELECT count(*) AS staged FROM kaoping_import.indicator_result;

-- 4. Cleared and staged corrected: lines start at 2 again; applied
SET ROLE regress_kaoping_imp_office;
SELECT kaoping.clear_import();
COPY kaoping_import.indicator_result (indicator_id,unit_id,period,actual,deduction) FROM STDIN WITH (FORMAT csv, HEADER match);
indicator_id,unit_id,period,actual,deduction
gdp,c1,Y,1200,
gdp,c2,Y,1000,
gdp,c3,Y,800,
air,c1,Y,95,
air,c2,Y,85,
air,c3,Y,70,
pol,d1,Y,,1
pol,d2,Y,,0
com,d1,Y,90,
com,d2,Y,80,
\.
COPY kaoping_import.evaluation (cycle_id,period,evaluator_group,evaluator,unit_id,unit_kind,rank) FROM STDIN WITH (FORMAT csv, HEADER match);
cycle_id,period,evaluator_group,evaluator,unit_id,unit_kind,rank
2018,Y,leader,省长,c1,,1
2018,Y,leader,省长,c2,,2
2018,Y,leader,省长,c3,,3
2018,Y,peer,d1,c2,,1
2018,Y,peer,d1,c1,,2
2018,Y,peer,d1,c3,,3
\.
COPY kaoping_import.adjustment (adjustment_id,cycle_id,unit_id,rule_code,occurred_on,points,evidence,note) FROM STDIN WITH (FORMAT csv, HEADER match);
adjustment_id,cycle_id,unit_id,rule_code,occurred_on,points,evidence,note
,2018,d1,B1a,2018-05-01,,,
,2018,d1,B1a,2018-05-01,,,
,2018,d1,B4a,2018-06-01,0.1,,
\.
SELECT min(line), max(line) FROM kaoping_import.indicator_result;
SELECT * FROM kaoping.check_import();
SELECT * FROM kaoping.apply_import();
RESET ROLE;
SELECT unit_id, indicator_score, total, rank FROM kaoping.unit_score WHERE period = 'Y' ORDER BY unit_id;

-- 5. A late correction: one changed result is updated, the others left
-- alone; two equal events stay two
SELECT count(*) AS audited FROM kaoping.audit_log \gset
SET ROLE regress_kaoping_imp_office;
COPY kaoping_import.indicator_result (indicator_id,unit_id,period,actual,deduction) FROM STDIN WITH (FORMAT csv, HEADER match);
indicator_id,unit_id,period,actual,deduction
gdp,c1,Y,1200,
gdp,c2,Y,1100.0,
gdp,c3,Y,800,
\.
COPY kaoping_import.adjustment (adjustment_id,cycle_id,unit_id,rule_code,occurred_on,points,evidence,note) FROM STDIN WITH (FORMAT csv, HEADER match);
adjustment_id,cycle_id,unit_id,rule_code,occurred_on,points,evidence,note
,2018,d1,B1a,2018-05-01,,,
,2018,d1,B1a,2018-05-01,,,
,2018,d1,B4a,2018-06-01,0.1,,
\.
SELECT * FROM kaoping.apply_import();
RESET ROLE;
SELECT table_name, operation, changed_by, old_row ->> 'actual' AS old_actual, new_row ->> 'actual' AS new_actual
FROM kaoping.audit_log WHERE audit_id > :audited;
SELECT rule_code, count(*) FROM kaoping.adjustment GROUP BY 1 ORDER BY 1;

-- 6. A scoring body loads the results of the indicators it scores;
-- another's are refused by the same rule as a typed write, and listed
INSERT INTO kaoping.membership (login, body_id) VALUES ('regress_kaoping_imp_stats', 'stats'),
                                                       ('regress_kaoping_imp_env', 'env');
SET ROLE regress_kaoping_imp_stats;
COPY kaoping_import.indicator_result (indicator_id,unit_id,period,actual,deduction) FROM STDIN WITH (FORMAT csv, HEADER match);
indicator_id,unit_id,period,actual,deduction
gdp,c1,H1,500,
gdp,c2,H1,450,
air,c1,H1,90,
\.
SELECT table_name, line, column_name, value, sqlstate, message FROM kaoping.check_import();
SELECT * FROM kaoping.apply_import();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the office's apply takes none of what stats staged
SET ROLE regress_kaoping_imp_office;
SELECT count(*) AS seen_by_office FROM kaoping_import.indicator_result;
SELECT * FROM kaoping.apply_import();
-- nor may a scoring body stage the plan
SET ROLE regress_kaoping_imp_stats;
COPY kaoping_import.unit (unit_id,kind,name,active) FROM STDIN WITH (FORMAT csv, HEADER match);
unit_id,kind,name,active
c4,city,丁市,
\.
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM kaoping_import.indicator_result WHERE indicator_id = 'air';
SELECT * FROM kaoping.apply_import();
RESET ROLE;
SELECT indicator_id, unit_id, period, actual FROM kaoping.indicator_result WHERE period = 'H1' ORDER BY 1, 2;
SELECT changed_by, login, count(*) FROM kaoping.audit_log WHERE table_name = 'indicator_result' AND new_row ->> 'period' = 'H1' GROUP BY 1, 2;

-- 7. A frozen cycle takes no changed row; the same rows are no change
SELECT kaoping.freeze_cycle('2018');
SET ROLE regress_kaoping_imp_office;
COPY kaoping_import.indicator_result (indicator_id,unit_id,period,actual,deduction) FROM STDIN WITH (FORMAT csv, HEADER match);
indicator_id,unit_id,period,actual,deduction
gdp,c1,Y,1200,
gdp,c3,Y,900,
\.
SELECT table_name, line, value, sqlstate, message FROM kaoping.check_import();
DELETE FROM kaoping_import.indicator_result WHERE line = 3;
SELECT * FROM kaoping.apply_import();
-- a file with other columns than its table's is refused as it is read
COPY kaoping_import.funding (cycle_id,period,unit_id,amount) FROM STDIN WITH (FORMAT csv, HEADER match);
cycle_id,unit_id,amount
\.
RESET ROLE;

DROP EXTENSION kaoping;
DROP ROLE regress_kaoping_imp_office, regress_kaoping_imp_stats, regress_kaoping_imp_env;
