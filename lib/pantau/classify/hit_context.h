// Context around a rule's hits: what decides that a word found in a post counts.
//
// The matcher finds terms anywhere; some only count in context (docs/classify.md, "Context"):
//   - addressed rules (animal, body and sexual words) need an addressee: a second-person
//     pronoun or "dasar" ([context] addressee_words) or an @mention within five words, or a
//     named candidate or party (a gazetteer hit) within two: "dasar babi", "babi kamu",
//     "Prabowo babi", not "harga daging babi";
//   - negatable rules are cancelled by a negation in the two words before the hit
//     ([context] negation_words): "bukan penista agama"; or by a word that reports or rebuts
//     someone else's words up to five words before ([context] report_words): "selalu bilang
//     Anies penghasut", but not "saya bilang ..." nor "bilang aja kamu ..."; or by a rebuttal
//     after a comma that closely follows it ([context] rebuttal_words or a report word: "Anies
//     penista agama, itu fitnah", "..., kata mereka", "..., tidak benar"); or when its sentence
//     opens with a speaker and a colon, a headline quoting someone ("Timnas Amin: Apa Pak
//     Jokowi Goblok?");
//   - a rule with `cancels` removes the hits of the listed rules that its own hits overlap
//     ("perangi korupsi" cancels the verb "perangi"), and with `cancel_within` those within
//     that many words ("ngehajar Prabowo pake data");
//   - a combination with `within` needs its parts within that many words of each other; a named
//     target within three words must be in the hit's sentence (and, with `target_after`, in its
//     clause).
// Everything here works on normalized text and byte offsets into it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/matcher.h"
#include "pantau/classify/rule_pack.h"

namespace pantau::classify {

// The number of words that start in [from, to) of `text`, counting no further than `limit`.
size_t words_between(std::string_view text, size_t from, size_t to, size_t limit);

// The k-th word (1 = the nearest) before byte `pos`, or after byte `pos`; empty when none.
// '@' belongs to the word it starts, so an @mention reads as "@name".
std::string_view word_before(std::string_view text, size_t pos, int k);
std::string_view word_after(std::string_view text, size_t pos, int k);

class HitContext {
 public:
  // `target_tag`: hits whose tag has this bit set are gazetteer targets, not rules.
  HitContext(const RulePack& pack, uint32_t target_tag);

  // True when no rule of the pack needs context (filter() would change nothing).
  bool trivial() const { return trivial_; }

  // Removes the hits that do not count in their context (in place, order kept).
  void filter(std::string_view text, std::vector<Hit>* hits);

  // For a combination with `within`: true when one hit of the first of `slots` has, within `n`
  // words of it, a hit of each other slot (and a gazetteer target, with `target`; after the
  // hit, with `target_after`: it ends after the hit, "sembako gratis dari Partai X" with the
  // hit "sembako gratis dari partai").
  // `rule_slot`: the label/signal slot of each rule.
  bool within(std::string_view text, const std::vector<Hit>& hits,
              const std::vector<size_t>& rule_slot, const std::vector<size_t>& slots, bool target,
              uint32_t n, bool target_after = false) const;

 private:
  bool addressed(std::string_view text, const std::vector<Hit>& hits, const Hit& h) const;
  // A negatable hit does not count when negated or reported before it, rebutted after it
  // across a comma ("Anies penista agama, itu fitnah", "..., kata mereka"), or quoted in a
  // sentence that begins with its speaker and a colon ("Timnas Amin: Apa Pak Jokowi Goblok?").
  bool negated(std::string_view text, const Hit& h) const;
  bool reported_before(std::string_view text, const Hit& h) const;
  bool rebutted_after(std::string_view text, const Hit& h) const;
  bool quoted_after_speaker(std::string_view text, const Hit& h) const;
  // A gazetteer alias, or a ballot number (a hit of a rule with `ballot`).
  bool is_target(const Hit& h) const { return (h.tag & target_tag_) || names_target_[h.tag]; }

  const RulePack& pack_;
  uint32_t target_tag_;
  bool trivial_ = true;
  std::vector<uint8_t> addressed_, negatable_, names_target_;
  std::vector<std::vector<uint32_t>> cancels_;  // per rule: the rules its hits cancel
  std::vector<uint32_t> cancel_within_;         // per rule: its cancel window in words
  std::vector<uint8_t> drop_;                   // scratch, per hit
};

}  // namespace pantau::classify
