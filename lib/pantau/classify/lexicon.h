// Lexicon files: the plain-text term lists of a rule pack (rules/lexicons/*.txt).
//
// Format, one entry per line:
//   # a comment (a '#' at the start of a line, or after a space)
//   serangan fajar                       a term or phrase, as normalized text writes it
//   {bagi,bagi-bagi} {amplop,sembako}    brace groups expand to every combination (4 terms)
//   uang {,pengganti }transport          an empty alternative is allowed (2 terms)
// Terms are lowercase; words are separated by single spaces; surrounding spaces are ignored.
// A line may expand to at most 1024 terms. Groups do not nest.
//
// Errors name the file and line ("rules/lexicons/money.txt:12: unbalanced '{'").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/result.h"

namespace pantau::classify {

struct LexiconEntry {
  std::string term;
  uint32_t line = 0;  // 1-based line of the file it came from
};

// The longest entry (before brace expansion) a lexicon or a rule's terms may have. Real
// entries are phrases (the shipped pack's longest line is 444 bytes); the bound keeps the
// expansion of the most terms (1,024) to a few MiB: a 1 MB entry with a 1,024-way group took
// 3.8 GB before it was refused (issue #16).
inline constexpr size_t kMaxEntryBytes = 4096;

// Expands the brace groups of one entry. Returns an error message without position (the
// caller adds file and line) for an entry over kMaxEntryBytes, unbalanced or nested braces, an
// empty group "{}", or more than `max_terms` results.
Result<std::vector<std::string>> expand_braces(std::string_view entry, size_t max_terms = 1024);

// Expands one entry and checks each resulting term (see parse_lexicon); errors name no position.
Result<std::vector<std::string>> expand_entry(std::string_view entry);

// Parses a whole lexicon. `name` is the file name used in errors. Checks each expanded term:
// valid UTF-8, no uppercase ASCII letters, no control characters, no double or edge spaces.
Result<std::vector<LexiconEntry>> parse_lexicon(std::string_view contents, std::string_view name);

// Reads and parses the file at `path` (errors name `display_name`, or `path` when empty).
Result<std::vector<LexiconEntry>> load_lexicon(const std::string& path,
                                               std::string_view display_name = {});

}  // namespace pantau::classify
