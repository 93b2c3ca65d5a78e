#include "pantau/classify/pack_lint.h"

#include <unordered_map>

#include "pantau/classify/labels.h"
#include "pantau/classify/morphology.h"

namespace pantau::classify {
namespace {

// True when the rule's terms count only in context, so a neutral word among them is expected.
bool in_context(const Rule& r) {
  return r.addressed || r.in_context || r.label.empty() || !label_index(r.label).has_value();
}

// True when `form` occurs in `text` as a word form its affix policy accepts.
bool occurs(const std::string& text, const TermForm& form) {
  for (size_t at = text.find(form.literal); at != std::string::npos;
       at = text.find(form.literal, at + 1)) {
    std::string_view prefix, suffix;
    word_context(text, at, at + form.literal.size(), &prefix, &suffix);
    if (affixes_accepted(prefix, suffix, form.affixes)) return true;
  }
  return false;
}

}  // namespace

std::vector<NeutralCollision> neutral_collisions(const RulePack& pack) {
  std::unordered_map<std::string, const NeutralWord*> neutral;
  for (const auto& w : pack.neutral_words) neutral.emplace(w.text, &w);
  std::vector<NeutralCollision> out;
  for (const auto& r : pack.rules) {
    if (in_context(r)) continue;
    for (const auto& t : r.terms) {
      auto it = neutral.find(t.text);
      if (it != neutral.end()) out.push_back({t.source, r.id, t.text, it->second->source});
    }
  }
  return out;
}

std::vector<UnexercisedTerm> unexercised_terms(const RulePack& pack,
                                               const std::vector<std::string>& texts) {
  std::vector<UnexercisedTerm> out;
  for (const auto& r : pack.rules) {
    for (const auto& t : r.terms) {
      bool found = false;
      for (const auto& form : term_forms(t.text, r.morphology)) {
        for (const auto& text : texts) {
          if (occurs(text, form)) {
            found = true;
            break;
          }
        }
        if (found) break;
      }
      if (!found) out.push_back({t.source, r.id, t.text});
    }
  }
  return out;
}

}  // namespace pantau::classify
