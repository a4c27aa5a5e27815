/*
 * efficacy.h
 *		The efficacy coefficient (功效系数法, R6), shared by the scalar
 *		efficacy_score and the window function peer_efficacy_score.
 */
#ifndef KAOPING_EFFICACY_H
#define KAOPING_EFFICACY_H

#include "exact.h"

/* Decimals of every score that divides (doc/rules.md §7). */
#define SCORE_SCALE 6

extern Exact efficacy_coefficient(Exact actual, Exact unallowable,
								  Exact satisfactory, Exact base, Exact span,
								  bool clamp);

#endif							/* KAOPING_EFFICACY_H */
