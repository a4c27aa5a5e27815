-- kaoping install script, assembled by the Makefile from sql/install/*.sql
-- in name order.  Every object lives in the fixed schema kaoping and is
-- named with it; nothing depends on search_path.

\echo Use "CREATE EXTENSION kaoping" to load this file. \quit

COMMENT ON SCHEMA kaoping IS
  'kaoping: provincial performance assessment (考评) computed in the database';
