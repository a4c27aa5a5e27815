-- 导入 Loading the year's data from spreadsheets (doc/rules.md §9).
--
-- The office saves each sheet as CSV and stages it, as text, in the table
-- of the same name in schema kaoping_import:
--
--   \copy kaoping_import.unit (unit_id, kind, name, active) FROM 'unit.csv' WITH (FORMAT csv, HEADER match)
--
-- kaoping.check_import() lists every problem of every staged row at once,
-- writing nothing; kaoping.apply_import() writes all staged rows or none,
-- as the caller, and empties the staging tables.  What is refused is
-- refused by the same rules as a typed write: the tables' types, NOT NULL,
-- CHECK constraints, keys and foreign keys are read from the catalog, and
-- the rules that span rows are the functions the triggers raise
-- (kaoping.<table>_problems).  Staged rows belong to the role that staged
-- them (staged_by): two people loading at once never check, apply or
-- change each other's rows.

CREATE SCHEMA kaoping_import;
COMMENT ON SCHEMA kaoping_import IS 'kaoping: staging tables for loading spreadsheets (CSV), one per input table, all columns text (§9)';

-- The tables a file can load, in the order they are applied (a row's
-- parents before it), and the columns a file does not give: those moved
-- only by kaoping's functions.
CREATE FUNCTION kaoping.import_tables()
RETURNS TABLE (apply_order integer, table_name name, not_loaded name[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT t.apply_order, t.table_name, t.not_loaded
    FROM (VALUES (1, 'scoring_body'::name, '{}'::name[]), (2, 'cycle', '{state}'), (3, 'unit', '{}'),
                 (4, 'cycle_unit', '{}'), (5, 'policy', '{}'), (6, 'adjustment_rule', '{builtin}'),
                 (7, 'task', '{}'), (8, 'task_assignment', '{}'), (9, 'indicator', '{}'),
                 (10, 'indicator_period', '{}'), (11, 'milestone', '{}'), (12, 'milestone_check', '{}'),
                 (13, 'indicator_result', '{}'), (14, 'evaluation', '{}'), (15, 'adjustment', '{}'),
                 (16, 'funding', '{}')) AS t (apply_order, table_name, not_loaded)
    ORDER BY t.apply_order;
END;
COMMENT ON FUNCTION kaoping.import_tables() IS 'The input tables a file can load, in the order kaoping.apply_import writes them, with the columns a file does not give (moved by kaoping''s functions)';

-- The columns of an input table a file gives, in the table's order.
CREATE FUNCTION kaoping.import_columns(table_name name)
RETURNS TABLE (column_name name, type_name text, is_text boolean, required boolean, default_value text, key_column boolean)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT a.attname,
           format_type(a.atttypid, a.atttypmod),
           a.atttypid = 'text'::regtype,
           a.attnotnull AND d.adbin IS NULL AND a.attidentity = '',
           pg_get_expr(d.adbin, d.adrelid),
           coalesce(a.attnum = ANY (k.conkey), false)
    FROM pg_attribute a
    JOIN kaoping.import_tables() t ON t.table_name = import_columns.table_name
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_constraint k ON k.conrelid = a.attrelid AND k.contype = 'p'
    WHERE a.attrelid = ('kaoping.' || quote_ident(import_columns.table_name))::regclass
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> ALL (t.not_loaded)
    ORDER BY a.attnum;
END;
COMMENT ON FUNCTION kaoping.import_columns(name) IS 'The columns of an input table a file gives, in order: type, whether required (NOT NULL without default), the default an empty cell takes, whether part of the key';

-- The line of the file a staged row came from: the default of every
-- staging table's line (src/import_line.c).
CREATE FUNCTION kaoping.import_line(staging regclass) RETURNS bigint
LANGUAGE c VOLATILE STRICT
AS 'MODULE_PATHNAME', 'kaoping_import_line';
COMMENT ON FUNCTION kaoping.import_line(regclass) IS 'The next line of the file being staged into a staging table: 2 for the first row the acting role stages into it, then on from its highest';

-- A staged row is its stager's: staged in the acting role's name, changed
-- or taken away only by it.  (COPY does not load a table under row-level
-- security, so this trigger keeps the rows apart.)
CREATE FUNCTION kaoping.staged_row_owner() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    other record;
BEGIN
    IF TG_TABLE_SCHEMA <> 'kaoping_import' THEN
        PERFORM kaoping.refuse_trigger_table(TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    -- checked once a statement over its rows, so that staging a file costs
    -- one query, not a trigger call per line
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT o.line, o.staged_by INTO other FROM old_rows o WHERE o.staged_by <> kaoping.caller() LIMIT 1;
    END IF;
    IF other IS NULL AND TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT n.line, n.staged_by INTO other FROM new_rows n WHERE n.staged_by <> kaoping.caller() LIMIT 1;
    END IF;
    IF other IS NOT NULL THEN
        RAISE EXCEPTION 'line % of kaoping_import.% is staged by %; % cannot stage or change it',
                        other.line, TG_TABLE_NAME, other.staged_by, kaoping.caller()
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Each role stages, checks and applies its own rows (staged_by).';
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION kaoping.staged_row_owner() IS 'trigger: a statement stages rows in the acting role''s name and changes or deletes only the acting role''s rows';
REVOKE ALL ON FUNCTION kaoping.staged_row_owner() FROM PUBLIC;

-- The staging tables: each column of the input table as text, the line of
-- the file, and who staged the row.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM kaoping.import_tables() LOOP
        EXECUTE format(
            'CREATE TABLE kaoping_import.%1$I (
                 line bigint NOT NULL DEFAULT kaoping.import_line(%2$L::regclass),
                 %3$s,
                 staged_by name NOT NULL DEFAULT kaoping.caller()
             );
             CREATE INDEX ON kaoping_import.%1$I (staged_by, line);
             CREATE TRIGGER staged_insert AFTER INSERT ON kaoping_import.%1$I REFERENCING NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.staged_row_owner();
             CREATE TRIGGER staged_update AFTER UPDATE ON kaoping_import.%1$I
                 REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.staged_row_owner();
             CREATE TRIGGER staged_delete AFTER DELETE ON kaoping_import.%1$I REFERENCING OLD TABLE AS old_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION kaoping.staged_row_owner();
             COMMENT ON TABLE kaoping_import.%1$I IS %5$L;
             COMMENT ON COLUMN kaoping_import.%1$I.line IS %6$L;
             COMMENT ON COLUMN kaoping_import.%1$I.staged_by IS %7$L;',
            t.table_name, 'kaoping_import.' || quote_ident(t.table_name),
            (SELECT string_agg(format('%I text', c.column_name), ', ') FROM kaoping.import_columns(t.table_name) c),
            NULL,
            format('导入 Rows of a file for kaoping.%s, as text, staged by \copy kaoping_import.%s (…) FROM ''file.csv'' WITH (FORMAT csv, HEADER match); checked by kaoping.check_import, written by kaoping.apply_import',
                   t.table_name, t.table_name),
            '行号 The line of the file the row came from: the header is line 1; numbered on from the rows the role staged already',
            '导入人 The role that staged the row');
        EXECUTE (SELECT string_agg(format('COMMENT ON COLUMN kaoping_import.%I.%I IS %L', t.table_name, c.column_name,
                                          col_description(format('kaoping.%I', t.table_name)::regclass, a.attnum)), '; ')
                 FROM kaoping.import_columns(t.table_name) c
                 JOIN pg_attribute a ON a.attrelid = format('kaoping.%I', t.table_name)::regclass AND a.attname = c.column_name);
    END LOOP;
END $$;

-- 导入模板 The header line a file for a table must have.
CREATE FUNCTION kaoping.import_template(table_name text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM kaoping.import_tables() t WHERE t.table_name = import_template.table_name) THEN
        RAISE EXCEPTION 'no file loads table %', quote_nullable(table_name)
            USING ERRCODE = 'undefined_table',
                  HINT = 'Files load: ' || (SELECT string_agg(t.table_name, ', ' ORDER BY t.apply_order) FROM kaoping.import_tables() t) || '.';
    END IF;
    RETURN (SELECT string_agg(c.column_name, ',') FROM kaoping.import_columns(table_name) c);
END $$;
COMMENT ON FUNCTION kaoping.import_template(text) IS '导入模板 The CSV header line of a file for an input table: its columns, in the order \copy kaoping_import.<table> (…) expects them';

-- 清空导入 Takes away what the caller staged.
CREATE FUNCTION kaoping.clear_import() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t record;
    removed bigint := 0;
    n bigint;
BEGIN
    FOR t IN SELECT * FROM kaoping.import_tables() LOOP
        IF has_table_privilege(format('kaoping_import.%I', t.table_name), 'DELETE') THEN
            EXECUTE format('DELETE FROM kaoping_import.%I s WHERE s.staged_by = kaoping.caller()', t.table_name);
            GET DIAGNOSTICS n = ROW_COUNT;
            removed := removed + n;
        END IF;
    END LOOP;
    RETURN removed;
END $$;
COMMENT ON FUNCTION kaoping.clear_import() IS '清空导入 Deletes the rows the acting role staged in kaoping_import; how many';

-- Rankings in a file: the rules of each row (kaoping.evaluation_problems)
-- and, as at commit (R13a), each ranking whole: the staged rows with the
-- stored rows they leave in place, against the cycle's roster.
CREATE FUNCTION kaoping.import_check_rankings(table_position integer) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
-- a ranking's rows are matched on four text columns, where the planner
-- guesses one row: told not to sort or loop, it hashes
SET enable_sort = off SET enable_nestloop = off AS $$
BEGIN
    INSERT INTO pg_temp.import_problem
    SELECT table_position, 'evaluation', a.lines[p.ordinal], (p.problem).column_name, (p.problem).value,
           (p.problem).sqlstate, (p.problem).message, (p.problem).hint
    FROM (SELECT array_agg(ROW(c.cycle_id, c.period, c.evaluator_group, c.evaluator, c.unit_id, c.unit_kind, c.rank)::kaoping.evaluation
                           ORDER BY c.line) AS written,
                 array_agg(c.line ORDER BY c.line) AS lines
          FROM pg_temp.import_evaluation c WHERE c.change <> 'same') a
    CROSS JOIN LATERAL kaoping.evaluation_problems(a.written) p;

    -- each ranking counted against its roster; the units only for the
    -- few that are not whole
    INSERT INTO pg_temp.import_problem
    WITH touched AS (
        SELECT DISTINCT c.cycle_id, c.period, c.evaluator, c.unit_kind
        FROM pg_temp.import_evaluation c WHERE c.change <> 'same'),
    ranked AS (
        SELECT c.cycle_id, c.period, c.evaluator, c.unit_kind, c.unit_id, c.line
        FROM pg_temp.import_evaluation c JOIN touched USING (cycle_id, period, evaluator, unit_kind)
        UNION ALL
        SELECT e.cycle_id, e.period, e.evaluator, e.unit_kind, e.unit_id, NULL
        FROM kaoping.evaluation e JOIN touched USING (cycle_id, period, evaluator, unit_kind)
        WHERE NOT EXISTS (SELECT FROM pg_temp.import_evaluation c
                          WHERE c.cycle_id = e.cycle_id AND c.period = e.period AND c.evaluator = e.evaluator
                            AND c.unit_kind = e.unit_kind AND c.unit_id = e.unit_id)),
    counted AS (
        SELECT k.cycle_id, k.period, k.evaluator, k.unit_kind, count(*) AS ranked,
               count(cu.unit_id) AS on_roster, min(k.line) AS line
        FROM ranked k
        LEFT JOIN kaoping.cycle_unit cu ON cu.cycle_id = k.cycle_id AND cu.unit_id = k.unit_id
        GROUP BY k.cycle_id, k.period, k.evaluator, k.unit_kind),
    whole AS (
        SELECT c.*, coalesce(n.units, 0) AS roster_units
        FROM counted c
        LEFT JOIN kaoping.roster_size n ON n.cycle_id = c.cycle_id AND n.kind = c.unit_kind
        WHERE c.on_roster < coalesce(n.units, 0) OR c.on_roster < c.ranked)
    SELECT table_position, 'evaluation', w.line, 'unit_id', NULL, '23514',
           format('the ranking of %s units by evaluator %s for cycle %s period %s is incomplete: it ranks %s of the %s on the roster',
                  w.unit_kind, w.evaluator, w.cycle_id, w.period, w.ranked, w.roster_units)
           || coalesce(' (missing: '
                       || (SELECT string_agg(cu.unit_id, ', ' ORDER BY cu.unit_id)
                           FROM kaoping.cycle_unit cu JOIN kaoping.unit u ON u.unit_id = cu.unit_id AND u.kind = w.unit_kind
                           WHERE cu.cycle_id = w.cycle_id
                             AND NOT EXISTS (SELECT FROM ranked k
                                             WHERE k.cycle_id = w.cycle_id AND k.period = w.period AND k.evaluator = w.evaluator
                                               AND k.unit_kind = w.unit_kind AND k.unit_id = cu.unit_id)) || ')', '')
           || coalesce(' (not on the roster: '
                       || (SELECT string_agg(k.unit_id, ', ' ORDER BY k.unit_id)
                           FROM ranked k
                           WHERE k.cycle_id = w.cycle_id AND k.period = w.period AND k.evaluator = w.evaluator
                             AND k.unit_kind = w.unit_kind
                             AND NOT EXISTS (SELECT FROM kaoping.cycle_unit cu WHERE cu.cycle_id = k.cycle_id AND cu.unit_id = k.unit_id))
                       || ')', ''),
           'A ranking is whole when its transaction commits: each unit of the kind on the roster once, ranks 1..n (R13a).'
    FROM whole w;
END $$;
COMMENT ON FUNCTION kaoping.import_check_rankings(integer) IS 'Part of check_import: the staged rankings, row by row and each whole against the cycle''s roster (R13a)';

-- The work of check_import and apply_import: every staged row of the
-- acting role converted to its table's types in pg_temp.import_<table>
-- (with change: insert, update or same), and every problem found in
-- pg_temp.import_problem: with_checks false stops at the values that are
-- not of their column's type.  Runs as the caller: a role checks only
-- what it may read, and a scoring body's rows are checked against what it
-- scores.
CREATE FUNCTION kaoping.import_prepare(with_checks boolean DEFAULT true) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t record;
    col record;
    con record;
    bad record;
    staging text;
    target text;
    converted text;
    compared text;
    office boolean;
    present boolean;
    keys text;
    columns_list text;
    state text;
    error_text text;
    problems bigint;
BEGIN
    IF to_regclass('pg_temp.import_problem') IS NOT NULL THEN
        DROP TABLE pg_temp.import_problem;
    END IF;
    CREATE TEMP TABLE import_problem (position integer, table_name name, line bigint, column_name text, value text,
                                      sqlstate text, message text, hint text) ON COMMIT DROP;
    FOR t IN SELECT * FROM kaoping.import_tables() LOOP
        staging := format('kaoping_import.%I', t.table_name);
        target := format('kaoping.%I', t.table_name);
        converted := format('pg_temp.%I', 'import_' || t.table_name);
        IF to_regclass(converted) IS NOT NULL THEN
            EXECUTE format('DROP TABLE %s', converted);
        END IF;
        CONTINUE WHEN NOT has_table_privilege(staging, 'SELECT');
        EXECUTE format('SELECT EXISTS (SELECT FROM %s s WHERE s.staged_by = kaoping.caller())', staging) INTO present;
        CONTINUE WHEN NOT present;
        office := has_table_privilege(target, 'SELECT') AND has_table_privilege(target, 'INSERT')
                  AND has_any_column_privilege(target, 'UPDATE');
        keys := (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column);
        columns_list := (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic);

        -- a value that is not of its column's type: the whole column is
        -- cast at once, and only a column that fails is gone through row
        -- by row, to list every bad value
        FOR col IN SELECT * FROM kaoping.import_columns(t.table_name) ic WHERE NOT ic.is_text LOOP
            BEGIN
                EXECUTE format('SELECT count(s.%1$I::%2$s) FROM %3$s s WHERE s.staged_by = kaoping.caller() AND s.%1$I <> %4$L',
                               col.column_name, col.type_name, staging, '');
            EXCEPTION WHEN OTHERS THEN
                FOR bad IN EXECUTE format('SELECT s.line, s.%1$I AS value FROM %2$s s WHERE s.staged_by = kaoping.caller() AND s.%1$I <> %3$L',
                                          col.column_name, staging, '') LOOP
                    BEGIN
                        EXECUTE format('SELECT $1::%s', col.type_name) USING bad.value;
                    EXCEPTION WHEN OTHERS THEN
                        GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, error_text = MESSAGE_TEXT;
                        INSERT INTO pg_temp.import_problem
                        VALUES (t.apply_order, t.table_name, bad.line, col.column_name, kaoping.shown(bad.value), state,
                                format('%s: %s', col.column_name, error_text),
                                format('Column %s of kaoping.%s takes a value of type %s.', col.column_name, t.table_name, col.type_name));
                    END;
                END LOOP;
            END;
        END LOOP;

        -- the rows as the table would take them: an empty cell is the
        -- column's default, or NULL
        EXECUTE format('CREATE TEMP TABLE %s ON COMMIT DROP AS SELECT s.line, %s, %L::text AS change FROM %s s
                        WHERE s.staged_by = kaoping.caller()
                          AND s.line NOT IN (SELECT p.line FROM pg_temp.import_problem p WHERE p.table_name = %L)',
                       converted,
                       (SELECT string_agg(format('CASE WHEN s.%1$I IS NULL OR s.%1$I = %2$L THEN (%3$s)::%4$s ELSE s.%1$I::%4$s END AS %1$I',
                                                 ic.column_name, '', coalesce(ic.default_value, 'NULL'), ic.type_name), ', ')
                        FROM kaoping.import_columns(t.table_name) ic),
                       'insert', staging, t.table_name);
        -- what the tables' triggers fill in, filled in the same way
        IF t.table_name = 'evaluation' THEN
            UPDATE pg_temp.import_evaluation e SET unit_kind = u.kind FROM kaoping.unit u
            WHERE e.unit_kind IS NULL AND u.unit_id = e.unit_id;
            IF to_regclass('pg_temp.import_unit') IS NOT NULL THEN
                UPDATE pg_temp.import_evaluation e SET unit_kind = u.kind FROM pg_temp.import_unit u
                WHERE e.unit_kind IS NULL AND u.unit_id = e.unit_id;
            END IF;
        ELSIF t.table_name = 'milestone_check' AND has_table_privilege('kaoping.evidence', 'SELECT') THEN
            UPDATE pg_temp.import_milestone_check m
            SET completed_on = kaoping.completed_by_evidence(m.milestone_id, m.checked_on)
            WHERE m.completed_on IS NULL AND m.state IN ('done', 'late');
        END IF;

        -- what the row would do: insert (as made), update, or nothing
        -- (same); a scoring body compares with what it may read of the
        -- table
        EXECUTE format('ANALYZE %s', converted);
        compared := CASE WHEN office THEN target ELSE format('kaoping.%I', 'my_' || t.table_name) END;
        IF to_regclass(compared) IS NOT NULL AND has_table_privilege(compared, 'SELECT') THEN
            -- a row with a stored row of its key (an event: of its number)
            EXECUTE format('UPDATE %1$s c SET change = CASE WHEN (%2$s) IS NOT DISTINCT FROM (%3$s) THEN %4$L ELSE %5$L END
                            FROM %6$s x WHERE %7$s',
                           converted,
                           (SELECT string_agg(format('c.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic),
                           (SELECT string_agg(format('x.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic),
                           'same', 'update', compared,
                           (SELECT string_agg(format('x.%1$I = c.%1$I', ic.column_name), ' AND ')
                            FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column));
            IF t.table_name = 'adjustment' THEN
                -- an event without its number is the same as a stored one
                -- with equal values, the n-th such line the n-th such event
                -- (values compared by their text, in which NULL and '' differ,
                -- so that the join can hash)
                EXECUTE format('UPDATE %1$s c SET change = %2$L
                                FROM (SELECT f.line FROM
                                          (SELECT c.line, ROW(%3$s)::text AS signature,
                                                  row_number() OVER (PARTITION BY ROW(%3$s)::text ORDER BY c.line) AS n
                                           FROM %1$s c WHERE c.adjustment_id IS NULL) f
                                      JOIN (SELECT ROW(%3$s)::text AS signature,
                                                   row_number() OVER (PARTITION BY ROW(%3$s)::text) AS n FROM %4$s) x
                                        USING (signature, n)) m
                                WHERE c.line = m.line AND c.adjustment_id IS NULL',
                               converted, 'same',
                               (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns('adjustment') ic WHERE NOT ic.key_column),
                               compared);
            END IF;
        END IF;

        -- planned on what was staged, not on an empty table's guesses
        EXECUTE format('ANALYZE %s', converted);
        CONTINUE WHEN NOT with_checks;

        -- a required column left empty
        FOR col IN SELECT * FROM kaoping.import_columns(t.table_name) ic WHERE ic.required LOOP
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %s, %L, c.line, %L, NULL, %L, %L, %L FROM %s c WHERE c.%I IS NULL',
                           t.apply_order, t.table_name, col.column_name, '23502',
                           format('column %s of %s is empty; every row needs it', col.column_name, t.table_name),
                           format('Give %s on every line of the file.', col.column_name), converted, col.column_name);
        END LOOP;

        -- a CHECK constraint of the table
        FOR con IN SELECT pcon.conname, pg_get_expr(pcon.conbin, pcon.conrelid) AS expression,
                        pg_get_constraintdef(pcon.oid) AS definition,
                        array_agg(a.attname ORDER BY a.attnum) AS columns
                 FROM pg_constraint pcon
                 JOIN pg_attribute a ON a.attrelid = pcon.conrelid AND a.attnum = ANY (pcon.conkey)
                 WHERE pcon.conrelid = target::regclass AND pcon.contype = 'c'
                 GROUP BY pcon.oid, pcon.conname, pcon.conbin, pcon.conrelid
                 HAVING bool_and(a.attname IN (SELECT ic.column_name FROM kaoping.import_columns(t.table_name) ic))
        LOOP
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %1$s, %2$L, c.line, %3$L, kaoping.shown(%4$s), %5$L,
                                   format(%6$L, kaoping.shown(%4$s)), %7$L
                            FROM %8$s c WHERE (%9$s) IS FALSE',
                           t.apply_order, t.table_name, array_to_string(con.columns, ', '),
                           CASE WHEN cardinality(con.columns) = 1 THEN format('c.%I::text', con.columns[1])
                                ELSE format('concat_ws(%L, %s)', ', ',
                                            (SELECT string_agg(format('coalesce(c.%I::text, %L)', u.name, 'NULL'), ', ') FROM unnest(con.columns) AS u (name))) END,
                           '23514',
                           format('%s = %%s breaks check constraint %s of %s', array_to_string(con.columns, ', '), con.conname, t.table_name),
                           'The constraint is ' || con.definition || '.', converted, con.expression);
        END LOOP;

        -- a foreign key: the row it refers to is in the table, or staged
        -- with it
        FOR con IN SELECT pcon.conname, pcon.confrelid::regclass AS parent, p.relname AS parent_name,
                        (SELECT array_agg(a.attname ORDER BY u.n) FROM unnest(pcon.conkey) WITH ORDINALITY u (attnum, n)
                         JOIN pg_attribute a ON a.attrelid = pcon.conrelid AND a.attnum = u.attnum) AS columns,
                        (SELECT array_agg(a.attname ORDER BY u.n) FROM unnest(pcon.confkey) WITH ORDINALITY u (attnum, n)
                         JOIN pg_attribute a ON a.attrelid = pcon.confrelid AND a.attnum = u.attnum) AS parent_columns
                 FROM pg_constraint pcon JOIN pg_class p ON p.oid = pcon.confrelid
                 WHERE pcon.conrelid = target::regclass AND pcon.contype = 'f'
        LOOP
            CONTINUE WHEN NOT has_table_privilege(con.parent, 'SELECT');
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %1$s, %2$L, c.line, %3$L, %4$s, %5$L,
                                   format(%6$L, %4$s), %7$L
                            FROM %8$s c
                            WHERE %9$s AND NOT EXISTS (SELECT FROM %10$s p WHERE %11$s) %12$s',
                           t.apply_order, t.table_name, array_to_string(con.columns, ', '),
                           format('concat_ws(%L, %s)', ', ', (SELECT string_agg(format('c.%I::text', u.name), ', ') FROM unnest(con.columns) AS u (name))),
                           '23503',
                           format('%s = %%s is not in kaoping.%s', array_to_string(con.columns, ', '), con.parent_name),
                           format('Load kaoping.%s first, or stage it with this file (kaoping_import.%s).', con.parent_name, con.parent_name),
                           converted,
                           (SELECT string_agg(format('c.%I IS NOT NULL', u.name), ' AND ') FROM unnest(con.columns) AS u (name)),
                           con.parent,
                           (SELECT string_agg(format('p.%I = c.%I', pc, cc), ' AND ') FROM unnest(con.parent_columns, con.columns) AS x (pc, cc)),
                           CASE WHEN to_regclass(format('pg_temp.%I', 'import_' || con.parent_name)) IS NOT NULL
                                THEN format('AND NOT EXISTS (SELECT FROM pg_temp.%I p WHERE %s)', 'import_' || con.parent_name,
                                            (SELECT string_agg(format('p.%I = c.%I', pc, cc), ' AND ') FROM unnest(con.parent_columns, con.columns) AS x (pc, cc)))
                                ELSE '' END);
        END LOOP;

        -- a key given twice in the file (an event without its number is a
        -- new event each time): the keys are grouped by hashing, and only
        -- the lines of a key given twice are gone back to
        EXECUTE format('INSERT INTO pg_temp.import_problem
                        SELECT %1$s, %2$L, c.line, %3$L, %4$s, %5$L,
                               format(%6$L, %4$s, (SELECT string_agg(l::text, %7$L ORDER BY l) FROM unnest(d.lines) l)), %8$L
                        FROM (SELECT %9$s, array_agg(c.line) AS lines FROM %10$s c WHERE %11$s
                              GROUP BY %9$s HAVING count(*) > 1) d
                        JOIN %10$s c ON %12$s',
                       t.apply_order, t.table_name, replace(keys, '"', ''),
                       format('concat_ws(%L, %s)', ', ', (SELECT string_agg(format('c.%I::text', ic.column_name), ', ')
                                                         FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column)),
                       '23505', format('key (%s) = (%%s) is given on lines %%s', replace(keys, '"', '')), ', ',
                       'Each row of a table has its own key; keep one of the lines.',
                       (SELECT string_agg(format('c.%I', ic.column_name), ', ')
                        FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column),
                       converted,
                       (SELECT string_agg(format('c.%I IS NOT NULL', ic.column_name), ' AND ')
                        FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column),
                       (SELECT string_agg(format('c.%1$I = d.%1$I', ic.column_name), ' AND ')
                        FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column));

        -- who may write what: the office every row; a scoring body the
        -- results of the indicators it scores and the checks of the
        -- milestones assigned to it, as kaoping.enter_result and
        -- kaoping.check_milestone let it
        IF NOT office THEN
            IF t.table_name = 'indicator_result' THEN
                INSERT INTO pg_temp.import_problem
                SELECT t.apply_order, t.table_name, c.line, 'indicator_id', c.indicator_id, '42501',
                       format('login %s does not score indicator %s', kaoping.caller(), quote_nullable(c.indicator_id)),
                       'The scoring body of kaoping.indicator.body_id enters its results, through a login kaoping.membership maps to it.'
                FROM pg_temp.import_indicator_result c
                WHERE c.change <> 'same'
                  AND NOT EXISTS (SELECT FROM kaoping.indicator i JOIN kaoping.my_membership m ON m.body_id = i.body_id
                                  WHERE i.indicator_id = c.indicator_id);
            ELSIF t.table_name = 'milestone_check' THEN
                INSERT INTO pg_temp.import_problem
                SELECT t.apply_order, t.table_name, c.line, 'milestone_id', c.milestone_id, '42501',
                       format('milestone %s is not one login %s checks', quote_nullable(c.milestone_id), kaoping.caller()),
                       'A milestone is checked by the scoring body of its body_id (kaoping.my_milestone lists yours).'
                FROM pg_temp.import_milestone_check c
                WHERE c.change <> 'same'
                  AND NOT EXISTS (SELECT FROM kaoping.my_milestone m JOIN kaoping.my_membership b ON b.body_id = m.body_id
                                  WHERE m.milestone_id = c.milestone_id);
            ELSE
                EXECUTE format('INSERT INTO pg_temp.import_problem
                                SELECT %s, %L, c.line, NULL, NULL, %L, %L, %L FROM %s c WHERE c.change <> %L',
                               t.apply_order, t.table_name, '42501',
                               format('login %s may not write kaoping.%s', kaoping.caller(), t.table_name),
                               'The assessment office (kaoping_admin) loads this table.', converted, 'same');
            END IF;
        END IF;

        -- a row of a frozen or approved cycle that would change
        IF t.table_name = ANY (kaoping.cycle_input_tables() || '{cycle}'::name[]) AND (office OR t.table_name <> 'milestone_check') THEN
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %1$s, %2$L, r.line, NULL, f.cycle_id, %3$L,
                                   format(%4$L, f.cycle_id, f.state), %5$L
                            FROM %6$s r JOIN kaoping.cycle f ON f.cycle_id = %7$s
                            WHERE f.state <> %8$L AND r.change <> %9$L',
                           t.apply_order, t.table_name, '55000', 'cycle %s is %s; its inputs cannot change',
                           'An assessment office reopens a frozen cycle first (kaoping.reopen_cycle); an approved cycle is final (R20).',
                           converted, kaoping.cycle_of_rows(t.table_name), 'open', 'same');
        END IF;

        -- the rules that span rows, as the tables' triggers apply them
        IF to_regprocedure(format('kaoping.%I(kaoping.%I)', t.table_name || '_problems', t.table_name)) IS NOT NULL
           AND (office OR t.table_name <> 'milestone_check') THEN
            EXECUTE format('INSERT INTO pg_temp.import_problem
                            SELECT %1$s, %2$L, c.line, p.column_name, p.value, p.sqlstate, p.message, p.hint
                            FROM %3$s c CROSS JOIN LATERAL kaoping.%4$I(ROW(%5$s)::kaoping.%6$I) p
                            WHERE c.change <> %7$L',
                           t.apply_order, t.table_name, converted, t.table_name || '_problems',
                           (SELECT string_agg(CASE WHEN a.attname IN (SELECT ic.column_name FROM kaoping.import_columns(t.table_name) ic)
                                                   THEN format('c.%I', a.attname) ELSE 'NULL' END, ', ' ORDER BY a.attnum)
                            FROM pg_attribute a WHERE a.attrelid = target::regclass AND a.attnum > 0 AND NOT a.attisdropped),
                           t.table_name, 'same');
        END IF;
        IF t.table_name = 'adjustment' THEN
            -- two events of a rule judged once a cycle in one file
            INSERT INTO pg_temp.import_problem
            SELECT t.apply_order, t.table_name, d.line, 'rule_code', d.rule_code, '23505',
                   format('rule %s is judged once a cycle; unit %s has it on lines %s of the file',
                          d.rule_code, d.unit_id, array_to_string(d.lines, ', ')),
                   'Keep one of the lines (R14a).'
            FROM (SELECT c.*, count(*) OVER w AS copies, array_agg(c.line) OVER w AS lines
                  FROM pg_temp.import_adjustment c
                  JOIN kaoping.adjustment_rule r ON r.rule_code = c.rule_code AND r.once_per_cycle
                  WINDOW w AS (PARTITION BY c.cycle_id, c.unit_id, c.rule_code ORDER BY c.line
                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) d
            WHERE d.copies > 1;
        ELSIF t.table_name = 'evaluation' AND office THEN
            PERFORM kaoping.import_check_rankings(t.apply_order);
        END IF;
    END LOOP;
    SELECT count(*) INTO problems FROM pg_temp.import_problem;
    RETURN problems;
END $$;
COMMENT ON FUNCTION kaoping.import_prepare(boolean) IS 'The work of check_import and apply_import: the acting role''s staged rows converted into pg_temp.import_<table>, every problem (with_checks false: only values not of their column''s type) into pg_temp.import_problem; how many problems';

-- What apply_import has written is analysed before the next table is
-- written and the rankings are checked whole, so that the triggers' queries
-- are planned on the rows just loaded, not on an empty table's guesses.
-- ANALYZE is the owner's, hence SECURITY DEFINER; it takes only the name
-- of an input table.
CREATE FUNCTION kaoping.import_analyze(table_name name) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT FROM kaoping.import_tables() t WHERE t.table_name = import_analyze.table_name) THEN
        EXECUTE format('ANALYZE kaoping.%I', table_name);
    END IF;
END $$;
COMMENT ON FUNCTION kaoping.import_analyze(name) IS 'Analyses an input table apply_import has written, so that what follows is planned on its rows';
REVOKE ALL ON FUNCTION kaoping.import_analyze(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kaoping.import_analyze(name) TO kaoping_admin, kaoping_assessor;

-- 检查导入 Every problem of every row the acting role staged, writing nothing.
CREATE FUNCTION kaoping.check_import()
RETURNS TABLE (table_name name, line bigint, column_name text, value text, sqlstate text, message text, hint text)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kaoping.import_prepare();
    RETURN QUERY SELECT p.table_name, p.line, p.column_name, p.value, p.sqlstate, p.message, p.hint
                 FROM pg_temp.import_problem p
                 ORDER BY p.position, p.line, p.column_name, p.message;
END $$;
COMMENT ON FUNCTION kaoping.check_import() IS '检查导入 Every problem of every row the acting role staged in kaoping_import (§9, L2): table, line of the file, column, value, the SQLSTATE and message of the error a write would raise, a hint; writes nothing';

-- 执行导入 Writes what the acting role staged, all or nothing.
CREATE FUNCTION kaoping.apply_import()
RETURNS TABLE (table_name name, inserted bigint, updated bigint, unchanged bigint)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t record;
    problems bigint;
    converted text;
    target text;
    columns_list text;
    n_inserted bigint;
    n_updated bigint;
    n_staged bigint;
BEGIN
    -- The tables refuse on a write whatever check_import lists, so the
    -- rows are written at once, checked by the tables themselves; only
    -- when something is refused is everything taken back and every problem
    -- counted, as check_import finds them.
    problems := kaoping.import_prepare(false);
    BEGIN
    IF problems > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'data_exception';
    END IF;
    FOR t IN SELECT it.apply_order, it.table_name FROM kaoping.import_tables() it
             WHERE to_regclass(format('pg_temp.%I', 'import_' || it.table_name)) IS NOT NULL
             ORDER BY it.apply_order LOOP
        converted := format('pg_temp.%I', 'import_' || t.table_name);
        target := format('kaoping.%I', t.table_name);
        columns_list := (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic
                         WHERE NOT ic.key_column);
        EXECUTE format('SELECT count(*) FROM %s', converted) INTO n_staged;
        n_inserted := 0;
        n_updated := 0;
        IF has_table_privilege(target, 'INSERT') AND has_any_column_privilege(target, 'UPDATE') THEN
            -- a changed row by its key, then the new ones (a row a trigger
            -- made meanwhile, as a new cycle's policy, is updated)
            -- (a table all of whose columns are its key has nothing to update)
            IF columns_list IS NOT NULL THEN
            EXECUTE format('UPDATE %1$s x SET (%2$s) = ROW(%3$s) FROM %4$s c
                            WHERE c.change <> %5$L AND %6$s AND (%7$s) IS DISTINCT FROM (%3$s)',
                           target, columns_list,
                           (SELECT string_agg(format('c.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic
                            WHERE NOT ic.key_column),
                           converted, 'same',
                           (SELECT string_agg(format('x.%1$I = c.%1$I', ic.column_name), ' AND ')
                            FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column),
                           (SELECT string_agg(format('x.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic
                            WHERE NOT ic.key_column));
            GET DIAGNOSTICS n_updated = ROW_COUNT;
            END IF;
            IF t.table_name = 'adjustment' THEN
                INSERT INTO kaoping.adjustment (adjustment_id, cycle_id, unit_id, rule_code, occurred_on, points, evidence, note)
                OVERRIDING SYSTEM VALUE
                SELECT coalesce(c.adjustment_id, nextval(pg_get_serial_sequence('kaoping.adjustment', 'adjustment_id'))),
                       c.cycle_id, c.unit_id, c.rule_code, c.occurred_on, c.points, c.evidence, c.note
                FROM pg_temp.import_adjustment c
                WHERE c.change = 'insert'
                  AND (c.adjustment_id IS NULL OR NOT EXISTS (SELECT FROM kaoping.adjustment a WHERE a.adjustment_id = c.adjustment_id))
                ORDER BY c.line;
            ELSE
                EXECUTE format('INSERT INTO %1$s (%2$s) SELECT %3$s FROM %4$s c
                                WHERE c.change <> %5$L AND NOT EXISTS (SELECT FROM %1$s x WHERE %6$s) ORDER BY c.line',
                               target,
                               (SELECT string_agg(format('%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic),
                               (SELECT string_agg(format('c.%I', ic.column_name), ', ') FROM kaoping.import_columns(t.table_name) ic),
                               converted, 'same',
                               (SELECT string_agg(format('x.%1$I = c.%1$I', ic.column_name), ' AND ')
                                FROM kaoping.import_columns(t.table_name) ic WHERE ic.key_column));
            END IF;
            GET DIAGNOSTICS n_inserted = ROW_COUNT;
        ELSIF t.table_name = 'indicator_result' THEN
            -- a scoring body writes through the functions it is given
            PERFORM kaoping.enter_result(c.indicator_id, c.unit_id, c.period, c.actual, c.deduction)
            FROM pg_temp.import_indicator_result c WHERE c.change <> 'same' ORDER BY c.line;
            SELECT count(*) FILTER (WHERE c.change = 'insert'), count(*) FILTER (WHERE c.change = 'update')
            INTO n_inserted, n_updated FROM pg_temp.import_indicator_result c;
        ELSIF t.table_name = 'milestone_check' THEN
            PERFORM kaoping.check_milestone(c.milestone_id, c.checked_on, c.state, c.evidence, c.offline, c.completed_on)
            FROM pg_temp.import_milestone_check c WHERE c.change <> 'same' ORDER BY c.line;
            SELECT count(*) FILTER (WHERE c.change = 'insert'), count(*) FILTER (WHERE c.change = 'update')
            INTO n_inserted, n_updated FROM pg_temp.import_milestone_check c;
        END IF;
        IF n_inserted + n_updated > 0 THEN
            PERFORM kaoping.import_analyze(t.table_name);
        END IF;
        EXECUTE format('DELETE FROM kaoping_import.%I s WHERE s.staged_by = kaoping.caller()', t.table_name);
        table_name := t.table_name;
        inserted := n_inserted;
        updated := n_updated;
        unchanged := n_staged - n_inserted - n_updated;
        RETURN NEXT;
    END LOOP;
    -- rankings are whole now, not only at commit
    SET CONSTRAINTS kaoping.ranking_complete IMMEDIATE;
    SET CONSTRAINTS kaoping.ranking_complete DEFERRED;
    EXCEPTION WHEN OTHERS THEN
        problems := kaoping.import_prepare(true);
        IF problems > 0 THEN
            RAISE EXCEPTION 'the staged files have % problem%; nothing was written', problems, CASE WHEN problems = 1 THEN '' ELSE 's' END
                USING ERRCODE = 'data_exception',
                      HINT = 'SELECT * FROM kaoping.check_import() lists them, with the line of each.';
        END IF;
        -- refused for a reason no check foresaw (a row written meanwhile
        -- by another session): that error, as it was
        RAISE;
    END;
END $$;
COMMENT ON FUNCTION kaoping.apply_import() IS '执行导入 Writes every row the acting role staged in kaoping_import, as the caller (row-level security and the audit trail apply), in one transaction and only if check_import finds nothing (§9, L3): new rows inserted, changed rows updated by their key, identical rows left alone; empties the staging tables; what it did per table';

-- The office loads every table; a scoring body stages and loads the
-- results and checks it enters (kaoping.enter_result, check_milestone).
GRANT USAGE ON SCHEMA kaoping_import TO kaoping_admin, kaoping_assessor;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA kaoping_import TO kaoping_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON kaoping_import.indicator_result, kaoping_import.milestone_check TO kaoping_assessor;
