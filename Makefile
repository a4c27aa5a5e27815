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
	src/quota_grade.o

# Extension scripts are assembled from sql/install/<version>/*.sql, one
# file per concept, in name order: kaoping--V.sql holds every release up to
# V, and kaoping--U--V.sql (U the release before V) holds what V adds, after
# sql/upgrade/kaoping--U--V.sql if a change needs more than new objects.
VERSIONS := $(shell ls sql/install | sort -V)
SCRIPT_PARTS := $(wildcard sql/install/*/*.sql sql/upgrade/*.sql)
INSTALL_SCRIPTS := $(foreach v,$(VERSIONS),$(EXTENSION)--$(v).sql)
UPGRADE_SCRIPTS := $(shell set -- $(VERSIONS); prev=; for v; do \
	[ -n "$$prev" ] && echo $(EXTENSION)--$$prev--$$v.sql; prev=$$v; done)
DATA_built = $(INSTALL_SCRIPTS) $(UPGRADE_SCRIPTS)

ifneq ($(EXTVERSION),$(lastword $(VERSIONS)))
$(error default_version $(EXTVERSION) in $(EXTENSION).control is not the newest release in sql/install/, $(lastword $(VERSIONS)))
endif

REGRESS = scalar_scores deduction_score capped_sum adjustment_total \
	weighted_score peer_efficacy_score proportional_share quota_grade \
	state_types exact_arithmetic parallel_aggregates data_model assessment assessment_edges \
	operations ranking_submission hostile_objects upgrade
REGRESS_OPTS = --inputdir=. --outputdir=.

TAP_TESTS = 1
PROVE_TESTS = test/t/*.pl

PG_CFLAGS = -Wall -Wextra -Werror -I$(srcdir)/src

# Calls between our own files bind to our own functions, even where the
# server exports a function of the same name.
SHLIB_LINK += -Wl,-Bsymbolic

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Every object is rebuilt when a header changes.
$(OBJS): $(wildcard src/*.h)

$(EXTENSION)--%.sql: $(SCRIPT_PARTS)
	@v='$*'; \
	printf '%s\n' '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit' > $@; \
	case "$$v" in \
	*--*) from=$${v%%--*}; to=$${v##*--}; \
	      cat $$(ls sql/upgrade/$(EXTENSION)--$$v.sql 2>/dev/null) sql/install/$$to/*.sql >> $@ ;; \
	*)    for d in $(VERSIONS); do cat sql/install/$$d/*.sql >> $@; \
	      [ "$$d" = "$$v" ] && break; done ;; \
	esac

EXTRA_CLEAN = $(DATA_built)
