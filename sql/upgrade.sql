-- Upgrades: a database on any released version, updated, is exactly what
-- a fresh install of the newest version gives: the same objects,
-- definitions, columns, constraints, comments, triggers, dumped tables,
-- row-level security policies and privileges.  Then a 0.2.0 database with
-- an approved cycle keeps its results through the update.
CREATE EXTENSION kaoping;
SELECT extversion FROM pg_extension WHERE extname = 'kaoping';

-- (the schemas kaoping and, from 0.4.0, kaoping_import)
CREATE FUNCTION pg_temp.extension_catalog() RETURNS TABLE (kind text, object text, definition text)
LANGUAGE sql AS $$
  SELECT 'member', pg_describe_object(d.classid, d.objid, d.objsubid),
         coalesce(obj_description(d.objid, d.classid::regclass::name), '')
  FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
  WHERE d.refclassid = 'pg_extension'::regclass AND e.extname = 'kaoping' AND d.deptype = 'e'
  UNION ALL
  SELECT 'function', p.oid::regprocedure::text, pg_get_functiondef(p.oid)
  FROM pg_proc p WHERE p.pronamespace IN ('kaoping'::regnamespace, to_regnamespace('kaoping_import')) AND p.prokind IN ('f', 'w', 'p')
  UNION ALL
  SELECT 'privilege', p.oid::regprocedure::text, coalesce(p.proacl::text, 'default')
  FROM pg_proc p WHERE p.pronamespace IN ('kaoping'::regnamespace, to_regnamespace('kaoping_import'))
  UNION ALL
  SELECT 'privilege', c.relname, coalesce(c.relacl::text, 'default') || ' rls ' || c.relrowsecurity
  FROM pg_class c WHERE c.relnamespace IN ('kaoping'::regnamespace, to_regnamespace('kaoping_import'))
  UNION ALL
  SELECT 'policy', p.tablename || '.' || p.policyname,
         p.cmd || ' ' || p.roles::text || ' ' || coalesce(p.qual, '') || ' ' || coalesce(p.with_check, '')
  FROM pg_policies p WHERE p.schemaname IN ('kaoping', 'kaoping_import')
  UNION ALL
  SELECT 'column', c.relname || '.' || a.attname,
         format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' ||
         coalesce(pg_get_expr(ad.adbin, ad.adrelid), '') || ' ' || coalesce(col_description(c.oid, a.attnum), '')
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
  WHERE c.relnamespace IN ('kaoping'::regnamespace, to_regnamespace('kaoping_import')) AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace IN ('kaoping'::regnamespace, to_regnamespace('kaoping_import'))
  UNION ALL
  SELECT 'index', indexrelid::regclass::text, pg_get_indexdef(indexrelid)
  FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace IN ('kaoping'::regnamespace, to_regnamespace('kaoping_import')))
  UNION ALL
  SELECT 'trigger', tgrelid::regclass::text || '.' || tgname, pg_get_triggerdef(oid)
  FROM pg_trigger WHERE NOT tgisinternal
    AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace IN ('kaoping'::regnamespace, to_regnamespace('kaoping_import')))
  UNION ALL
  SELECT 'dumped', c.relname, coalesce(e.extcondition[i], '')
  FROM pg_extension e, generate_subscripts(e.extconfig, 1) i, pg_class c
  WHERE e.extname = 'kaoping' AND c.oid = e.extconfig[i]
  UNION ALL
  SELECT 'type', t.typname, concat_ws(' ', t.typinput, t.typoutput, t.typreceive, t.typsend, t.typalign, t.typstorage)
  FROM pg_type t WHERE t.typnamespace IN ('kaoping'::regnamespace, to_regnamespace('kaoping_import')) AND t.typtype = 'b' AND t.typelem = 0
  UNION ALL
  SELECT 'row', r.rule_code, r::text FROM kaoping.adjustment_rule r
$$;

CREATE TEMP TABLE fresh AS SELECT * FROM pg_temp.extension_catalog();
SELECT kind, count(*) AS objects FROM fresh GROUP BY kind ORDER BY kind;
DROP EXTENSION kaoping;

-- What differs between the installed extension and the fresh install.
CREATE FUNCTION pg_temp.differences() RETURNS TABLE (side text, kind text, object text, definition text)
LANGUAGE sql AS $$
  (SELECT 'only after update', * FROM pg_temp.extension_catalog() EXCEPT SELECT 'only after update', * FROM fresh)
  UNION ALL
  (SELECT 'only in fresh install', * FROM fresh EXCEPT SELECT 'only in fresh install', * FROM pg_temp.extension_catalog())
  ORDER BY 1, 2, 3
$$;

-- from every released version: nothing in one that is not in the other
CREATE EXTENSION kaoping VERSION '0.1.0';
ALTER EXTENSION kaoping UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'kaoping';
SELECT * FROM pg_temp.differences();
DROP EXTENSION kaoping;
CREATE EXTENSION kaoping VERSION '0.2.0';
ALTER EXTENSION kaoping UPDATE;
SELECT * FROM pg_temp.differences();
DROP EXTENSION kaoping;
CREATE EXTENSION kaoping VERSION '0.3.0';
ALTER EXTENSION kaoping UPDATE;
SELECT * FROM pg_temp.differences();
DROP EXTENSION kaoping;
CREATE EXTENSION kaoping VERSION '0.3.1';
ALTER EXTENSION kaoping UPDATE;
SELECT * FROM pg_temp.differences();
DROP EXTENSION kaoping;

-- A cycle approved under 0.2.0 keeps its results: the update stores its
-- final snapshots, which unit_score returns from then on.
CREATE EXTENSION kaoping VERSION '0.2.0';
INSERT INTO kaoping.cycle (cycle_id, year, state) VALUES ('2017', 2017, 'approved');
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES ('c1', 'city', '甲市'), ('c2', 'city', '乙市');
INSERT INTO kaoping.indicator (indicator_id, cycle_id, unit_kind, category, name, method) VALUES ('g', '2017', 'city', 'city', '给定', 'given');
INSERT INTO kaoping.indicator_result (indicator_id, unit_id, period, actual) VALUES ('g', 'c1', 'Y', 90), ('g', 'c2', 'Y', 80);
CREATE TEMP TABLE before_update AS SELECT * FROM kaoping.unit_score;
ALTER EXTENSION kaoping UPDATE;
SELECT period, final, units, published_at IS NOT NULL AS published FROM kaoping.snapshot ORDER BY period;
-- records made before 0.3.1 name as login the role they recorded
SELECT count(*) AS snapshots, count(*) FILTER (WHERE taken_by_login = taken_by AND published_by_login = published_by) AS login_kept
FROM kaoping.snapshot;
SELECT count(*) AS rows_differing FROM (
  (TABLE before_update EXCEPT TABLE kaoping.unit_score) UNION ALL (TABLE kaoping.unit_score EXCEPT TABLE before_update)) d;
SELECT count(*) AS unit_results FROM kaoping.unit_score;
-- its approval's three steps (R20a) are on record, their documents marked
-- as not recorded
SELECT cycle_id, step, document FROM kaoping.approval_step ORDER BY cycle_id, array_position('{review,adoption,approval}'::text[], step);
DROP TABLE before_update;
DROP EXTENSION kaoping;

-- A 0.3.1 database gets rosters at the update: each cycle's roster is the
-- units active then.  A ranking 0.3.1 accepted incomplete stays, set aside
-- and listed, and every figure still computes.
CREATE EXTENSION kaoping VERSION '0.3.1';
INSERT INTO kaoping.cycle (cycle_id, year) VALUES ('2017', 2017), ('2018', 2018);
INSERT INTO kaoping.unit (unit_id, kind, name) VALUES ('c1', 'city', '甲市'), ('c2', 'city', '乙市'), ('c3', 'city', '丙市');
INSERT INTO kaoping.unit (unit_id, kind, name, active) VALUES ('c9', 'city', '已撤销', false);
INSERT INTO kaoping.evaluation (cycle_id, period, evaluator_group, evaluator, unit_id, rank) VALUES
  ('2018', 'Y', 'leader', 'L1', 'c1', 1), ('2018', 'Y', 'leader', 'L1', 'c3', 3);
ALTER EXTENSION kaoping UPDATE;
SELECT cycle_id, string_agg(unit_id, ' ' ORDER BY unit_id) AS roster FROM kaoping.cycle_unit GROUP BY cycle_id ORDER BY cycle_id;
SELECT cycle_id, period, issue, detail FROM kaoping.completeness WHERE issue = 'incomplete ranking';
SELECT count(*) AS unit_results FROM kaoping.unit_score;
DROP EXTENSION kaoping;
