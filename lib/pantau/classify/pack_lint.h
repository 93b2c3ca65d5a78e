// Checks of a rule pack beyond loading it (pantau-classify --check):
//   - a term that, once normalized, is a word of the pack's neutral list ([neutral] in
//     pack.toml: religions, ethnic groups, animals, institutions, common verbs) makes every
//     ordinary mention of that word a finding. A leet spelling in a slur list ("kr1sten")
//     normalizes to the plain word and turns every "Kristen" into a slur. Such a term is an
//     error unless its rule counts terms only in context: `addressed`, `in_context`, or a rule
//     whose label is a signal (signals are never emitted by themselves);
//   - terms that no test post exercises: a report, so that lexicon entries nobody has tested
//     are visible.
#pragma once

#include <string>
#include <vector>

#include "pantau/classify/rule_pack.h"

namespace pantau::classify {

struct NeutralCollision {
  std::string term_source;     // "lexicons/sara_slurs.txt:47"
  std::string rule;            // "sara.slurs"
  std::string term;            // normalized
  std::string neutral_source;  // "lexicons/neutral_words.txt:3"
};

// The terms of rules that emit a label by themselves and equal a neutral word.
std::vector<NeutralCollision> neutral_collisions(const RulePack& pack);

struct UnexercisedTerm {
  std::string term_source;
  std::string rule;
  std::string term;
};

// The terms (with their rule's morphology) that occur in none of `texts`, which are normalized
// like post text. Regexes are not reported.
std::vector<UnexercisedTerm> unexercised_terms(const RulePack& pack,
                                               const std::vector<std::string>& texts);

}  // namespace pantau::classify
