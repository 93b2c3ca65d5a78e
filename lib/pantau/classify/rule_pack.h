// A rule pack: the data that decides what pantau-classify flags (rules/ in the source tree,
// share/pantau/rules when installed). Layout of a rules directory:
//
//   pack.toml                 manifest: pack name and version, label names and legal bases,
//                             signals, rules (terms, lexicon files, regexes, weights), context
//   lexicons/*.txt            term lists (lexicon.h)
//   elections/*.toml          election calendars (calendar.h)
//   gazetteer/*.toml          candidates and parties per election (gazetteer.h)
//
// Every file is checked when the pack loads; the first problem is returned as an error naming
// the file and line ("rules/pack.toml:88: rule \"money.amplop\": unknown label \"mony\"").
// Rules are data: see docs/classify.md for the manifest reference.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/calendar.h"
#include "pantau/classify/gazetteer.h"
#include "pantau/classify/morphology.h"
#include "pantau/result.h"

namespace pantau::classify {

// Normalizes a lexicon term or alias the way post text is normalized (TextNormalizer), so that
// lexicons written with slang or capitals still meet the text. Identity when empty.
using TermNormalizer = std::function<std::string(std::string_view)>;

struct LabelInfo {
  std::string id;
  std::string name_id;  // Indonesian name, for reports
  std::string name_en;
  std::string basis;  // legal basis, cited in reports
  double threshold = 0.5;
};

struct RuleTerm {
  std::string text;    // normalized
  std::string source;  // "lexicons/money.txt:12" or "pack.toml:40"
};

struct Rule {
  std::string id;                    // "money.serangan_fajar"
  std::string label;                 // a label id or a signal id; empty for a pure dampener
  std::vector<std::string> dampens;  // labels/signals this rule weakens by `weight` (0..1)
  double weight = 0.5;               // 0..1: how strongly one hit suggests the label
  Morphology morphology = Morphology::kNone;
  std::vector<RuleTerm> terms;
  std::vector<std::string> regexes;   // vectorscan syntax, run over normalized text
  bool boundary = true;               // regex hits must start and end at word boundaries
  std::optional<BallotScope> ballot;  // regex/term hits name a target by their ballot number
  // Context a hit needs to count (docs/classify.md, "Context"):
  //   addressed: an addressee next to it ("dasar X", "X kamu", "kamu X", an @mention or a named
  //              candidate within two words): animal, body and sexual words are insults only
  //              when aimed at someone;
  //   negatable: a negation in the two words before cancels it ("bukan penista agama").
  bool addressed = false;
  bool negatable = false;
  // This rule's hits cancel the hits of these rules that they overlap ("perangi korupsi"
  // cancels the incitement verb "perangi"); such a rule has no label of its own.
  std::vector<std::string> cancels;
  // With cancels, when > 0: also the hits within this many words in the same sentence
  // ("ngehajar Prabowo pake data": the argument makes the verb figurative).
  uint32_t cancel_within = 0;
  // For a dampener: it does not dampen when one of these rules fired (a civic message that is
  // also a call to vote for a ballot number is still a call to vote).
  std::vector<std::string> spares;
  // True when the pack's neutral-word check (--check) is to leave this rule's terms alone: the
  // rule counts a term only in context (addressed, a combination with a window, ...).
  bool in_context = false;
  std::string description;
  std::string source;  // "pack.toml:57"
};

// A combination: when every listed label/signal has a rule that fired (and, with needs_target,
// the post names a target), `label` gains `weight` as if one more rule had fired. This is how
// "a group name" + "an insult" becomes sara, or "an accusation" + "a candidate" black_campaign.
struct Combination {
  std::string id;
  std::string label;
  std::vector<std::string> all;
  bool needs_target = false;
  // When > 0: the hits of the listed labels/signals (and the target, with needs_target) must
  // lie within this many words of each other, not anywhere in a long post.
  uint32_t within = 0;
  // With needs_target and within: the target must follow the hit (the object of a verb: "bakar
  // rumah caleg nomor 2", not "Anies gebuk lagi").
  bool target_after = false;
  double weight = 0.5;
  std::string source;
};

// Parameters of the labels that depend on context (who posted, when).
struct ContextRules {
  // campaign = a hit of one of these signals, when the text names a target (gazetteer alias or
  // ballot number) or the account's role is one of self_roles (a candidate asking for votes).
  std::vector<std::string> campaign_signals{"call_to_vote"};
  std::vector<std::string> self_roles{"candidate", "party", "campaign_team"};
  // Signals that are campaign content only together with a named target (talk about campaign
  // activities: "kampanye", "relawan", "baliho"); a campaign account alone is not enough.
  std::vector<std::string> activity_signals;
  // quiet_period / outside_schedule: campaign content from these roles in the window.
  std::vector<std::string> schedule_roles{"candidate", "party", "campaign_team"};
  // neutrality: campaign content from these roles.
  std::vector<std::string> neutral_roles{"civil_servant", "village_head", "official", "military",
                                         "police"};
  // facility_misuse: campaign content together with one of these signals.
  std::vector<std::string> facility_signals{"facility"};
  // When > 0: the facility must lie within this many words of a call to vote or a target.
  uint32_t facility_within = 0;
  // hoax: a claim matches when at least this share of its shingles is in the post, and at least
  // min_shared shingles are.
  double hoax_min_containment = 0.6;
  uint32_t hoax_min_shared = 4;
  // Words (normalized) that address someone, for rules with `addressed`: pronouns of the second
  // person and "dasar"; and the negations that cancel a `negatable` rule's hit.
  std::vector<std::string> addressee_words{"kamu", "kau", "engkau", "anda", "kalian", "dasar"};
  std::vector<std::string> negation_words{"bukan", "tidak", "tak", "bukanlah", "belum"};
  // Words that report or rebut what someone else said ("dituduh", "bilang", "disebut"): they
  // cancel a `negatable` rule's hit up to five words later in the same clause, unless a word of
  // first_person_words stands right before them ("saya bilang") or an addressee word between
  // them and the hit ("bilang aja kamu ...": the author's own words).
  std::vector<std::string> report_words;
  std::vector<std::string> first_person_words{"saya", "aku", "kami"};
  // Words that rebut what stands before them across a comma ("Anies penista agama, itu
  // fitnah"): right after the comma (after "itu" or "ini"), one of these or of report_words
  // ("..., kata mereka") cancels a `negatable` rule's hit up to four words before the comma.
  std::vector<std::string> rebuttal_words;
};

// A word of the pack's neutral list ([neutral] in pack.toml): ordinary words (religions,
// ethnic groups, animals, institutions, common verbs) that no term may normalize to unless
// its rule counts it only in context (pack_lint.h).
struct NeutralWord {
  std::string text;    // normalized
  std::string source;  // "lexicons/neutral.txt:12"
};

struct RulePack {
  std::string dir;
  std::string name;
  std::string version;
  std::string default_election;
  std::vector<LabelInfo> labels;     // one per kLabelIds entry, same order
  std::vector<std::string> signals;  // internal signal ids (not emitted)
  std::vector<Rule> rules;
  std::vector<Combination> combinations;
  ContextRules context;
  std::vector<NeutralWord> neutral_words;
  std::vector<ElectionCalendar> calendars;
  std::vector<Gazetteer> gazetteers;
  std::vector<int> calendar_gazetteer;    // per calendar: index into gazetteers, or -1
  std::vector<size_t> global_gazetteers;  // indexes of gazetteers that apply to every election

  const LabelInfo* label(std::string_view id) const;
  const ElectionCalendar* calendar(std::string_view id) const;
  const Gazetteer* gazetteer_for(std::string_view election) const;
  // Distinct normalized terms, phrases and aliases over the whole pack.
  size_t term_count() const;
};

// Loads and checks the pack in `dir`.
Result<RulePack> load_rule_pack(const std::string& dir, const TermNormalizer& normalize = {});

// Adds the targets of an extra gazetteer file (a district's candidate list, --gazetteer) that
// apply to posts of every election. Errors name the file and line.
Status add_gazetteer(RulePack* pack, const std::string& path, const TermNormalizer& normalize = {});

// Where the rules are, in this order: `explicit_dir` (--rules), `env_dir` ($PANTAU_RULES),
// <exe dir>/../share/pantau/rules (installed), <exe dir>/../../../rules and <exe dir>/../../rules
// (a build tree inside the source tree), then `source_dir` (compiled in). The first candidate
// that is given is used when it is explicit or from the environment, even if it holds no
// pack.toml (so a typo is an error, not a silent fallback); the others must hold a pack.toml.
Result<std::string> find_rules_dir(const std::string& explicit_dir, const std::string& env_dir,
                                   const std::string& exe_path, const std::string& source_dir);

}  // namespace pantau::classify
