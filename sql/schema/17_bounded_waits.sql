-- The office's operations (freezing, approving, recalculating) and an
-- evaluator's submission wait for a lock a bounded time, then fail with an
-- error that names the sessions holding it: a session left open, by
-- mistake or on purpose, cannot stall the province.  The bound is the
-- setting kaoping.lock_wait (an interval, 10s when unset).

CREATE FUNCTION kaoping.lock_wait() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN coalesce(nullif(pg_catalog.current_setting('kaoping.lock_wait', true), ''), '10s');
COMMENT ON FUNCTION kaoping.lock_wait() IS 'How long kaoping''s operations wait for a lock: the setting kaoping.lock_wait, 10s when unset';

-- The sessions of this database holding a lock: row locks on a table
-- (relation given), or an advisory lock on a pair of keys.
CREATE FUNCTION kaoping.lock_holders(relation regclass, key1 integer, key2 integer) RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT pg_catalog.string_agg(pg_catalog.format('pid %s (login %s, application %s, %s since %s)',
                                                    a.pid, a.usename, coalesce(nullif(a.application_name, ''), '—'),
                                                    a.state, a.state_change), '; ' ORDER BY a.pid)
    FROM pg_catalog.pg_locks l
    JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
    WHERE l.granted AND l.pid <> pg_catalog.pg_backend_pid()
      AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
      AND CASE WHEN lock_holders.relation IS NOT NULL
               THEN l.locktype = 'relation' AND l.relation = lock_holders.relation
                    AND l.mode IN ('RowShareLock', 'RowExclusiveLock')
               ELSE l.locktype = 'advisory' AND l.objsubid = 2
                    AND l.classid = pg_catalog.oid((key1::bigint + 4294967296) % 4294967296)
                    AND l.objid = pg_catalog.oid((key2::bigint + 4294967296) % 4294967296)
          END;
END;
COMMENT ON FUNCTION kaoping.lock_holders(regclass, integer, integer) IS 'The sessions holding row locks on a table, or the advisory lock on (key1, key2), described for an error message';

-- Takes an advisory lock for the rest of the transaction, waiting at most
-- kaoping.lock_wait; the lock names what waits its turn, e.g. one
-- recalculation of a cycle and period at a time.
CREATE FUNCTION kaoping.take_turn(what text, key1 integer, key2 integer) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    previous text := current_setting('lock_timeout');
BEGIN
    PERFORM set_config('lock_timeout', kaoping.lock_wait(), true);
    BEGIN
        PERFORM pg_advisory_xact_lock(key1, key2);
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION '% waited % and gave up', what, kaoping.lock_wait()
            USING ERRCODE = 'lock_not_available',
                  DETAIL = 'Holding it: ' || coalesce(kaoping.lock_holders(NULL, key1, key2), 'a session that has ended since'),
                  HINT = 'Try again when that session has finished; the office can end it with pg_terminate_backend(pid).';
    END;
    PERFORM set_config('lock_timeout', previous, true);
END $$;
COMMENT ON FUNCTION kaoping.take_turn(text, integer, integer) IS 'Takes the advisory lock (key1, key2) until the transaction ends, waiting at most kaoping.lock_wait, then names its holders in the error';
