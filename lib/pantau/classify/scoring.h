// Scoring: the rule pack's arithmetic over the rules that fired in one post, before anything
// about the account, the calendar or the model is known.
//
// Every label and every signal of the pack has a slot. A slot's score is the noisy-OR of the
// weights of its rules that fired, 1 - prod(1 - w), times prod(1 - d) over its dampeners that
// fired (news framing, quoted warnings) unless a rule the dampener spares fired too. A
// combination that holds (every listed slot has a rule that fired, a named target when it
// needs one, within its word window) counts as one more rule of its label. A slot that never
// fires scores 0.
//
// Kept apart from the classifier so that the arithmetic is tested with a pack of three rules
// and no matcher: the classifier feeds it the rule hits the matcher found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "pantau/classify/hit_context.h"
#include "pantau/classify/matcher.h"
#include "pantau/classify/rule_pack.h"

namespace pantau::classify {

class RuleScorer {
 public:
  // `pack` must outlive the scorer.
  explicit RuleScorer(const RulePack& pack);

  // The slot of a label id (its index in kLabelIds) or a signal id (after the labels);
  // SIZE_MAX when the pack has neither.
  size_t slot_of(std::string_view id) const;
  // Per rule: the slot it scores (SIZE_MAX for a pure dampener).
  const std::vector<size_t>& rule_slots() const { return rule_slot_; }

  // --- one post ---------------------------------------------------------------------------
  // Forgets the previous post.
  void start_post();
  // A hit of rule `rule`; only its first hit in the post counts.
  void fire(uint32_t rule) {
    if (fired_[rule]) return;
    fired_[rule] = 1;
    fired_list_.push_back(static_cast<int32_t>(rule));
    const size_t slot = rule_slot_[rule];
    if (slot != SIZE_MAX) miss_[slot] *= 1.0 - pack_.rules[rule].weight;
  }
  // After the last fire(): applies the dampeners and then the combinations. `context`, `text`
  // and `hits` answer a combination's word window (HitContext::within); `named_target`: the
  // post names a target (for combinations with needs_target).
  void settle(bool named_target, const HitContext& context, std::string_view text,
              const std::vector<Hit>& hits);

  // The rules that fired, sorted by index.
  const std::vector<int32_t>& fired_rules() const { return fired_list_; }
  bool fired(size_t rule) const { return fired_[rule] != 0; }
  // 1 - prod(1 - w) over the slot's rules and combinations that fired (undampened).
  double direct(size_t slot) const { return 1.0 - miss_[slot]; }
  // prod(1 - d) over the slot's dampeners that fired.
  double damping(size_t slot) const { return damp_[slot]; }
  // direct(slot) * damping(slot).
  double score(size_t slot) const { return (1.0 - miss_[slot]) * damp_[slot]; }
  // The highest score() of `slots` (0 for none).
  double best(const std::vector<size_t>& slots) const;

  // The pack's combinations: whether each held in this post, its slot and the slots it needs.
  size_t combination_count() const { return combo_slot_.size(); }
  bool combination_fired(size_t c) const { return combo_fired_[c] != 0; }
  size_t combination_slot(size_t c) const { return combo_slot_[c]; }
  const std::vector<size_t>& combination_parts(size_t c) const { return combo_all_[c]; }

 private:
  const RulePack& pack_;
  std::vector<size_t> rule_slot_;                 // per rule
  std::vector<std::vector<size_t>> rule_damps_;   // per rule: the slots it dampens
  std::vector<std::vector<size_t>> rule_spares_;  // per rule: rules whose firing stops it
  std::vector<size_t> combo_slot_;                // per combination
  std::vector<std::vector<size_t>> combo_all_;    // per combination: the slots it needs
  // Per post.
  std::vector<double> miss_;  // per slot: prod(1 - w) of the rules that fired
  std::vector<double> damp_;  // per slot: prod(1 - w) of the dampeners that fired
  std::vector<uint8_t> fired_;
  std::vector<int32_t> fired_list_;
  std::vector<uint8_t> combo_fired_;
};

}  // namespace pantau::classify
