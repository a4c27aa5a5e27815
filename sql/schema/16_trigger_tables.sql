-- Trigger functions run only as the triggers kaoping made on its own
-- tables.  No role may attach them to a table of its own (EXECUTE is
-- revoked from PUBLIC in 55_access.sql), and each refuses a table it was
-- not made for, so that a SECURITY DEFINER trigger never runs as the
-- extension's owner on a table, or on values of a type, a caller defined.

CREATE FUNCTION kaoping.refuse_trigger_table(trigger_name name, table_schema name, table_name name)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'trigger % cannot run on table %.%', trigger_name, table_schema, table_name
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'kaoping''s trigger functions run only on the kaoping tables they were made for.';
END $$;
COMMENT ON FUNCTION kaoping.refuse_trigger_table(name, name, name) IS 'Raises the error of a kaoping trigger function fired on a table it was not made for';
