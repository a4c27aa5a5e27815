-- kaoping 0.1.0: the scoring primitives.  The Makefile assembles the
-- extension scripts from sql/install/<version>/*.sql and puts the
-- "use CREATE EXTENSION" guard first.  Every object lives in the fixed
-- schema kaoping and is named with it; nothing depends on search_path.

COMMENT ON SCHEMA kaoping IS
  'kaoping: provincial performance assessment (考评) computed in the database';
