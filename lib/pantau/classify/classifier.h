// Classifier: the rule pack, the gazetteer, the election calendars, the claims index and the
// optional model put together over one post at a time.
//
// For each post: normalize `text` (pantau::text::TextNormalizer, with the offset map), scan the
// normalized text once with every term, alias and regex (Matcher), and score labels. The parts
// live in their own files; this one puts them in order:
//   scoring.h          rules, combinations, dampeners;
//   context_rules.h    campaign, neutrality, quiet period / schedule, facilities;
//   evidence_builder.h spans in code points, dedupe, order;
//   classified_record.h reading a post record, writing "labels" and "classifier".
// In short:
//   - a lexicon label's score is the noisy-OR of the weights of its rules that fired,
//     1 - prod(1 - w), times prod(1 - d) over the dampener rules that fired for it (news
//     framing, quoted warnings);
//   - campaign adds the call-to-vote signals when the text names a target (gazetteer alias or
//     ballot number) or the account's role asks for votes for itself (a candidate's own post);
//   - quiet_period, outside_schedule and neutrality carry the campaign score when the account's
//     role and the post's local time (calendar.h) say so; facility_misuse when a facility
//     signal also fired;
//   - hoax is the containment of the best matching claim (claims.h);
//   - with a model, the labels it was trained for take its probability instead, and their
//     evidence names the strongest features.
// A label is emitted when its score reaches the label's threshold and --min-score. Every
// emitted label carries evidence: spans of the original text (code points, end exclusive, with
// the original substring) or, for context rules, a note.
//
// Not thread-safe: one Classifier per thread (it owns scratch buffers and a vectorscan scratch).
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/claims.h"
#include "pantau/classify/classification.h"
#include "pantau/classify/matcher.h"
#include "pantau/classify/model.h"
#include "pantau/classify/rule_pack.h"
#include "pantau/line_reader.h"
#include "pantau/result.h"
#include "pantau/text/text_normalizer.h"
#include "pantau/time.h"

namespace pantau::classify {

enum class Mode { kRules, kModel, kBoth };
std::optional<Mode> parse_mode(std::string_view s);

struct ClassifierOptions {
  std::string election;       // overrides the account's election when not empty
  double min_score = 0;       // labels scoring below are not emitted
  bool only_flagged = false;  // process_line() drops posts without labels
  size_t max_evidence = 16;   // spans per label
  // Where compiled vectorscan databases are kept between runs (Matcher::compile); empty: none.
  std::string cache_dir;
};

// The longest post text classify() accepts. The longest a platform allows is Facebook's 63,206
// characters (under 256 KiB even if every one took four bytes). Classifying costs memory in
// proportion to the text after NFKC, which can be 11 times longer (U+FDFA: 3 bytes -> 33), with
// an offset map of 8 bytes per byte: 1 MB of U+FDFA took 255 MB (issue #16). Longer texts are
// an error (the post passes through unclassified).
inline constexpr size_t kMaxTextBytes = size_t{256} << 10;
// pantau-classify's default --max-line-bytes: a post record with the longest text, escaped and
// normalized, is a few MiB.
inline constexpr size_t kMaxPostLineBytes = size_t{16} << 20;

class Classifier {
 public:
  // `pack` must outlive the classifier; so must `claims` and `model` when set.
  static Result<std::unique_ptr<Classifier>> create(const RulePack& pack,
                                                    ClassifierOptions opts = {});
  ~Classifier();

  void set_claims(const ClaimIndex* claims) { claims_ = claims; }
  // Uses `model` (null: none) in `mode` (kRules ignores it).
  void set_model(const LinearModel* model, Mode mode);

  // Classifies one post into *out (reusing its storage). A title is read as the text's first
  // paragraph; the evidence found in it says so (EvidenceOut::field) and counts its offsets in
  // the title.
  Status classify(const PostContext& post, Classification* out);

  // The record loop's step: `line` is one input record. Posts get "labels" and "classifier"
  // (replacing earlier ones) and every other field untouched; other kinds pass through. The
  // output record is appended to *out unless --only-flagged drops it. A post with a bad field is
  // still written (classified as far as possible) and the problem is returned.
  Status process_line(const Line& line, std::string* out);

  // Reads a PostContext from a parsed record (views into the parser's memory).
  Status read_post(const simdjson::dom::object& post, PostContext* ctx);

  // Appends ,"labels":[...],"classifier":{...} members (without a leading comma) to *out.
  void append_members(const Classification& c, std::string* out) const;

  // Normalizes `text`, scans it and sets *out to the indexes of the rules that fired, sorted.
  Status fired_rules(std::string_view text, std::vector<int32_t>* out);

  // Features of a text for training the model; with `with_rules`, the ids of the rules that
  // fire on it are added as features too.
  Status features(std::string_view text, bool with_rules, FeatureOptions fopts,
                  std::vector<Feature>* out);

  const RulePack& pack() const { return pack_; }
  size_t pattern_count() const;
  // True when the pattern databases came from ClassifierOptions::cache_dir, not the compiler.
  bool databases_from_cache() const;

 private:
  struct PostScores;
  explicit Classifier(const RulePack& pack, ClassifierOptions opts);
  // classify() of one string: post.title is not looked at.
  Status classify_text(const PostContext& post, Classification* out);
  // The steps of classify_text().
  const ElectionCalendar* calendar_for(const PostContext& post) const;
  void find_targets(const PostContext& post, const Gazetteer* gazetteer);
  void apply_model(const PostContext& post, PostScores* ps);
  void apply_context_rules(const PostContext& post, PostScores* ps);
  void add_label_evidence(const PostContext& post, const PostScores& ps, LabelOut* lo);
  void add_rule_evidence(uint32_t rule, LabelOut* lo);
  void add_slot_rules(size_t slot, LabelOut* lo);
  void add_campaign_evidence(const PostContext& post, const PostScores& ps, LabelOut* lo);
  void set_classifier_json();  // after the model changes
  struct Impl;
  const RulePack& pack_;
  ClassifierOptions opts_;
  const ClaimIndex* claims_ = nullptr;
  const LinearModel* model_ = nullptr;
  Mode mode_ = Mode::kRules;
  std::unique_ptr<Impl> impl_;
};

// The normalizer the classifier uses, as a TermNormalizer for load_rule_pack() and claims.
TermNormalizer make_term_normalizer();

}  // namespace pantau::classify
