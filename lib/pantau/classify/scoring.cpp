#include "pantau/classify/scoring.h"

#include <algorithm>

#include "pantau/classify/labels.h"

namespace pantau::classify {

RuleScorer::RuleScorer(const RulePack& pack) : pack_(pack) {
  for (const Rule& rule : pack.rules) {
    rule_slot_.push_back(rule.label.empty() ? SIZE_MAX : slot_of(rule.label));
    std::vector<size_t> d;
    for (const auto& id : rule.dampens) d.push_back(slot_of(id));
    rule_damps_.push_back(std::move(d));
    std::vector<size_t> spares;
    for (const auto& id : rule.spares) {
      for (size_t o = 0; o < pack.rules.size(); ++o) {
        if (pack.rules[o].id == id) spares.push_back(o);
      }
    }
    rule_spares_.push_back(std::move(spares));
  }
  for (const auto& cb : pack.combinations) {
    combo_slot_.push_back(slot_of(cb.label));
    std::vector<size_t> all;
    for (const auto& a : cb.all) all.push_back(slot_of(a));
    combo_all_.push_back(std::move(all));
  }
  const size_t slots = kLabelIds.size() + pack.signals.size();
  miss_.assign(slots, 1.0);
  damp_.assign(slots, 1.0);
  fired_.assign(pack.rules.size(), 0);
  combo_fired_.assign(pack.combinations.size(), 0);
}

size_t RuleScorer::slot_of(std::string_view id) const {
  if (auto i = label_index(id)) return *i;
  for (size_t s = 0; s < pack_.signals.size(); ++s) {
    if (pack_.signals[s] == id) return kLabelIds.size() + s;
  }
  return SIZE_MAX;
}

void RuleScorer::start_post() {
  std::fill(miss_.begin(), miss_.end(), 1.0);
  std::fill(damp_.begin(), damp_.end(), 1.0);
  std::fill(fired_.begin(), fired_.end(), 0);
  fired_list_.clear();
}

void RuleScorer::settle(bool named_target, const HitContext& context, std::string_view text,
                        const std::vector<Hit>& hits) {
  std::sort(fired_list_.begin(), fired_list_.end());
  // Dampeners, once every rule is known: one that spares a rule that fired stays out.
  for (int32_t r : fired_list_) {
    const auto& damps = rule_damps_[static_cast<size_t>(r)];
    if (damps.empty()) continue;
    bool spared = false;
    for (size_t o : rule_spares_[static_cast<size_t>(r)]) spared = spared || fired_[o];
    if (spared) continue;
    for (size_t d : damps) damp_[d] *= 1.0 - pack_.rules[static_cast<size_t>(r)].weight;
  }
  // Combinations see which slots have a rule that fired (before dampening), all at once.
  for (size_t c = 0; c < pack_.combinations.size(); ++c) {
    const Combination& cb = pack_.combinations[c];
    bool all = !cb.needs_target || named_target;
    for (size_t s : combo_all_[c]) {
      if (!all) break;  // most posts fire no rule of a combination: stop at the first miss
      all = miss_[s] < 1.0;
    }
    if (all && cb.within > 0) {
      all = context.within(text, hits, rule_slot_, combo_all_[c], cb.needs_target, cb.within,
                           cb.target_after);
    }
    combo_fired_[c] = all;
  }
  for (size_t c = 0; c < pack_.combinations.size(); ++c) {
    if (combo_fired_[c]) miss_[combo_slot_[c]] *= 1.0 - pack_.combinations[c].weight;
  }
}

double RuleScorer::best(const std::vector<size_t>& slots) const {
  double b = 0;
  for (size_t s : slots) b = std::max(b, score(s));
  return b;
}

}  // namespace pantau::classify
