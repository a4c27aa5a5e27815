# kaoping: PGXS build.  The version lives in kaoping.control alone.
EXTENSION  = kaoping
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = kaoping
OBJS = \
	src/kaoping.o \
	src/exact.o \
	src/arguments.o \
	src/slot_state.o \
	src/state_text.o \
	src/efficacy.o \
	src/scalar_scores.o \
	src/sum_state.o \
	src/weighted_score.o \
	src/adjustment_total.o \
	src/partition_values.o \
	src/peer_windows.o \
	src/quota_grade.o \
	src/import_line.o

# The install script of the newest release is assembled from
# sql/schema/*.sql, one file per concept, each object as it is now.  Older
# releases are reached through the scripts as they were released: the
# install script of the first release (sql/released/) and one hand-written
# upgrade script per release (sql/upgrade/kaoping--U--V.sql), never changed
# once released.
SCHEMA_PARTS := $(sort $(wildcard sql/schema/*.sql))
DATA = $(wildcard sql/released/*.sql) $(wildcard sql/upgrade/*.sql)
DATA_built = $(EXTENSION)--$(EXTVERSION).sql

# META.json (PGXN) states the same version, twice.
META_VERSIONS := $(shell sed '/"meta-spec"/,/}/d' META.json | sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' | sort -u)
ifneq ($(META_VERSIONS),$(EXTVERSION))
$(error META.json states version $(META_VERSIONS), kaoping.control $(EXTVERSION))
endif

ifeq ($(wildcard sql/upgrade/$(EXTENSION)--*--$(EXTVERSION).sql),)
$(error no upgrade script to $(EXTVERSION) in sql/upgrade/: each release adds kaoping--U--$(EXTVERSION).sql)
endif

REGRESS = scalar_scores changing_arguments fuzz_primitives fuzz_states deduction_score capped_sum adjustment_total \
	weighted_score peer_efficacy_score proportional_share quota_grade \
	state_types exact_arithmetic parallel_aggregates data_model assessment assessment_edges roster missing_data import cycle_filter \
	operations ranking_submission hostile_objects security upgrade
REGRESS_OPTS = --inputdir=. --outputdir=.

TAP_TESTS = 1
PROVE_TESTS = test/t/*.pl

# Warnings are errors in our own builds (test/lib.sh passes WERROR=-Werror);
# a packager's build with another compiler is not stopped by a new warning.
PG_CFLAGS = -Wall -Wextra $(WERROR) -I$(srcdir)/src

# Calls between our own files bind to our own functions, even where the
# server exports a function of the same name.
SHLIB_LINK += -Wl,-Bsymbolic -Wl,--version-script=$(srcdir)/src/exports.map

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Every object is rebuilt when a header changes.
$(OBJS): $(wildcard src/*.h)

$(EXTENSION)--$(EXTVERSION).sql: $(SCHEMA_PARTS)
	@{ printf '%s\n' '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit'; \
	   cat $(SCHEMA_PARTS); } > $@

EXTRA_CLEAN = $(DATA_built)

# The pg_regress suite alone, without the TAP tests (test/valgrind.sh).
installcheck-regress:
	$(pg_regress_installcheck) $(REGRESS_OPTS) $(REGRESS)
