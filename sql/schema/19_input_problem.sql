-- What is wrong with an input row, as one value: the rules that span rows
-- (24_integrity.sql) are written once as functions returning the problems
-- of a row, which the tables' triggers raise on a write and
-- kaoping.check_import lists for every staged row of a file (§9).
CREATE TYPE kaoping.input_problem AS (
    column_name text,
    value text,
    sqlstate text,
    message text,
    hint text
);
COMMENT ON TYPE kaoping.input_problem IS 'A problem of an input row: the column and value at fault, the SQLSTATE and message of the error a write raises for it, and a hint';

CREATE FUNCTION kaoping.raise_problem(problem kaoping.input_problem) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF problem.hint IS NULL THEN
        RAISE EXCEPTION USING MESSAGE = problem.message, ERRCODE = problem.sqlstate,
                              COLUMN = coalesce(problem.column_name, '');
    END IF;
    RAISE EXCEPTION USING MESSAGE = problem.message, ERRCODE = problem.sqlstate, HINT = problem.hint,
                          COLUMN = coalesce(problem.column_name, '');
END $$;
COMMENT ON FUNCTION kaoping.raise_problem(kaoping.input_problem) IS 'Raises a problem of an input row as the error of the write';
