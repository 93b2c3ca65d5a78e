// What a finding shows a reader, tidied from what the classifier emitted: violation labels before
// "campaign" (which only marks campaign content), each evidence span once, and no target that is
// the post's own author (a candidate is not the target of his own campaign post).
//
// tidy_finding() is applied when a finding is parsed, so every renderer and the --partial state
// see the same tidied finding; it is idempotent, so a state read back is unchanged.
#pragma once

#include <vector>

#include "pantau/report/finding.h"

namespace pantau::report {

void tidy_finding(Finding* f);

// The finding's evidence across all its labels, in label order, each span (start, end, text) and
// each note once: two labels matched on the same words list them once.
std::vector<const Evidence*> unique_evidence(const Finding& f);

// Whether a target names the account the post came from (its owner or author, or the owner's
// own party).
bool is_self_target(const Finding& f, const Target& t);

}  // namespace pantau::report
