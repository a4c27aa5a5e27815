-- quota_grade(labels, quotas) OVER (ORDER BY total DESC) (R18): quotas are
-- upper bounds, floor(cumulative quota × n), ties never split.
CREATE EXTENSION kaoping;

-- 14 cities, 优秀 at most 20 % (floor 2.8 = 2), 良好 at most 50 % more
-- (floor(0.7 × 14) = 9 together), the rest 一般
SELECT city, total, rank() OVER (ORDER BY total DESC),
       kaoping.quota_grade('{优秀,良好,一般}', '{0.2,0.5}') OVER (ORDER BY total DESC)
FROM (VALUES ('沈阳', 95.1), ('大连', 94.8), ('鞍山', 93.2), ('抚顺', 90.0), ('本溪', 89.7),
             ('丹东', 88.8), ('锦州', 88.1), ('营口', 87.5), ('阜新', 86.0), ('辽阳', 85.9),
             ('盘锦', 85.0), ('铁岭', 84.2), ('朝阳', 83.3), ('葫芦岛', 80.0)) c(city, total)
ORDER BY total DESC;

-- a tie across the 优秀 boundary (places 2 and 3): both fall to 良好
SELECT unit, total, kaoping.quota_grade('{优秀,良好,一般}', '{0.2,0.5}') OVER (ORDER BY total DESC)
FROM (VALUES ('a', 99), ('b', 98), ('c', 98), ('d', 97), ('e', 96),
             ('f', 95), ('g', 94), ('h', 93), ('i', 92), ('j', 91)) t(unit, total)
ORDER BY total DESC, unit;
-- a tie that fills 优秀 exactly stays there
SELECT unit, total, kaoping.quota_grade('{优秀,良好,一般}', '{0.2,0.5}') OVER (ORDER BY total DESC)
FROM (VALUES ('a', 99), ('b', 99), ('c', 98), ('d', 97), ('e', 96),
             ('f', 95), ('g', 94), ('h', 93), ('i', 92), ('j', 91)) t(unit, total)
ORDER BY total DESC, unit;
-- a tie at the top larger than 优秀 and crossing the 良好 limit: all 一般
-- for the tie, none above it
SELECT unit, total, kaoping.quota_grade('{优秀,良好,一般}', '{0.2,0.5}') OVER (ORDER BY total DESC)
FROM (VALUES ('a', 99), ('b', 99), ('c', 99), ('d', 99), ('e', 99),
             ('f', 99), ('g', 99), ('h', 99), ('i', 92), ('j', 91)) t(unit, total)
ORDER BY total DESC, unit;
-- everyone equal: nobody can be told apart, all in the last grade
SELECT kaoping.quota_grade('{A,B,C}', '{0.2,0.5}') OVER (ORDER BY t DESC), count(*) OVER ()
FROM (VALUES (1), (1), (1)) v(t);
-- one unit alone: floor(0.2 × 1) = 0 places for A, floor(0.7) = 0 for B
SELECT kaoping.quota_grade('{A,B,C}', '{0.2,0.5}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
-- quotas adding up to 1: the last label may stay empty
SELECT t, kaoping.quota_grade('{A,B,C}', '{0.5,0.5}') OVER (ORDER BY t DESC)
FROM (VALUES (4), (3), (2), (1)) v(t) ORDER BY t DESC;
-- one label: everyone
SELECT kaoping.quota_grade('{合格}', '{}') OVER (ORDER BY t DESC) FROM (VALUES (2), (1)) v(t);
-- per kind: cities against cities, departments against departments
SELECT kind, unit, total, kaoping.quota_grade('{优秀,良好,一般}', '{0.2,0.5}')
         OVER (PARTITION BY kind ORDER BY total DESC)
FROM (VALUES ('city', '沈阳', 90), ('city', '大连', 80), ('city', '鞍山', 70), ('city', '抚顺', 60), ('city', '本溪', 50),
             ('department', '发改委', 91), ('department', '财政厅', 81), ('department', '教育厅', 71)) u(kind, unit, total)
ORDER BY kind, total DESC;
-- NULL labels or quotas: NULL
SELECT kaoping.quota_grade(NULL, '{0.2}') OVER (ORDER BY t DESC) IS NULL AS null_labels FROM (VALUES (1)) v(t);
SELECT kaoping.quota_grade('{A,B}', NULL) OVER (ORDER BY t DESC) IS NULL AS null_quotas FROM (VALUES (1)) v(t);

-- Bad input
\set SHOW_CONTEXT never
SELECT kaoping.quota_grade('{A,B,C}', '{0.2,0.5,0.3}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{A,B,C}', '{0.2}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{}', '{}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{A,B,C}', '{0,0.5}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{A,B}', '{1.5}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{A,B,C}', '{0.6,0.5}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{A,NULL,C}', '{0.2,0.5}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{A,B,C}', '{0.2,NULL}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{{A,B},{C,D}}', '{0.2}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kaoping.quota_grade('{A,B}', '{NaN}') OVER (ORDER BY t DESC) FROM (VALUES (1)) v(t);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DROP EXTENSION kaoping;
