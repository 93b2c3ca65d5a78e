// Required literal factors of a regex: a set of strings such that every string the regex
// matches contains at least one of them. The matcher scans a post with a regex only when one of
// its factors occurs in the text (found by the literal database it runs anyway), so most posts
// skip the regex scans: "partai (nomor urut |nomor )?[1-9][0-9]?" needs "partai ", the money
// patterns need "ribu", "juta" or "rupiah".
//
// The analysis is conservative and covers the syntax the rule packs use: literal characters
// (UTF-8 sequences count as one), escaped punctuation, '.', classes, \d \w \s and their
// negations, groups, (?: ), alternation and the quantifiers ? * + {m} {m,} {m,n} (lazy or not).
// Anything else (anchors, \b, lookaround, inline flags, backreferences, other escapes) gives no
// factors, as does a set whose shortest string is shorter than `min_length` bytes: the regex is
// then scanned on every post, which is always correct.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pantau::classify {

// The factors of `regex` (compiled case-sensitively), sorted, none containing another; empty
// when there is no useful set.
std::vector<std::string> required_factors(std::string_view regex, size_t min_length = 3);

}  // namespace pantau::classify
