// The label ids pantau-classify writes (man/pantau-records.5, LABELS) and what the report needs to
// know about each: its name in Indonesian and English, the article a finding of it would
// allegedly break (a fallback: the classifier's own "basis" wins when the record carries one),
// which report section it belongs to, and its chart colour.
//
// Labels the catalog does not know (a newer rule pack) are still counted and shown under their id.
#pragma once

#include <string_view>

namespace pantau::report {

enum class Lang { kId, kEn };

// Report sections that list findings of particular labels besides the overall top findings.
enum class Section { kNone, kQuietPeriod, kNeutrality };

struct LabelInfo {
  std::string_view id;
  std::string_view name_id;
  std::string_view name_en;
  std::string_view basis;  // alleged article; verify against the statute before citing
  Section section;
  bool violation;          // false for "campaign": campaign content alone is not a finding
  std::string_view color;  // CSS colour for charts
};

// Catalog entry for `id`, or nullptr when the label is unknown.
const LabelInfo* find_label(std::string_view id);

// Position of a known label in the catalog's display order (the order of man/pantau-records.5),
// or -1 for an unknown label. Unknown labels sort after known ones, bytewise by id.
int label_rank(std::string_view id);

// A label counts as a finding unless the catalog says it is informative only.
inline bool is_violation(std::string_view id) {
  const LabelInfo* l = find_label(id);
  return l == nullptr || l->violation;
}

inline Section section_of(std::string_view id) {
  const LabelInfo* l = find_label(id);
  return l == nullptr ? Section::kNone : l->section;
}

// The label's display name in `lang`; the id itself for an unknown label.
std::string_view label_name(std::string_view id, Lang lang);

// A chart colour for any label (unknown ones get a grey).
std::string_view label_color(std::string_view id);

}  // namespace pantau::report
