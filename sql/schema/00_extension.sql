-- kaoping's install script is assembled by the Makefile from
-- sql/schema/*.sql in name order, one file per concept, each stating its
-- objects as they are in the newest release; it puts the "use CREATE
-- EXTENSION" guard first.  Every object lives in the fixed
-- schema kaoping and is named with it; nothing depends on search_path.

COMMENT ON SCHEMA kaoping IS
  'kaoping: provincial performance assessment (考评) computed in the database';
