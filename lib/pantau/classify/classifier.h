// Classifier: the rule pack, the gazetteer, the election calendars, the claims index and the
// optional model put together over one post at a time.
//
// For each post: normalize `text` (pantau::text::TextNormalizer, with the offset map), scan the
// normalized text once with every term, alias and regex (Matcher), and score labels:
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

// What the classifier reads from a post record.
struct PostContext {
  std::string_view text;
  std::string_view title;  // a video's title (YouTube, yt-dlp); classified with the text
  bool has_time = false;
  EpochMillis created_at = 0;
  bool has_account = false;
  std::string_view role, owner, party, ballot_no, election, region;
};

// A Classification's strings are views (building one allocates nothing once its vectors have
// grown): into the rule pack, the claims index, the post's `text` and account fields, and the
// classifier's per-post scratch. They stay valid while those live and until the classifier
// classifies the next post.
// Where an evidence span lies: the post's `text` (the default) or its `title`.
inline constexpr std::string_view kTitleField = "title";

struct EvidenceOut {
  std::string_view rule;
  std::string_view field;  // empty: `text`; kTitleField: the span is in the title
  int64_t start = -1;      // code points of `text` (or of `title`); -1 for a note
  int64_t end = -1;
  std::string_view text;
  std::string_view note;
  std::string_view claim_id, claim_url;
  double similarity = -1;
};

struct TargetOut {
  std::string_view type, name, ballot_no, party;
  bool operator==(const TargetOut&) const = default;
};

struct LabelOut {
  size_t label = 0;  // index into kLabelIds / RulePack::labels
  double score = 0;
  std::vector<std::string_view> rules;
  std::vector<EvidenceOut> evidence;
  std::vector<TargetOut> targets;
};

struct Classification {
  std::vector<LabelOut> labels;  // sorted by label id
  std::string election;          // the calendar applied, empty when none
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
  explicit Classifier(const RulePack& pack, ClassifierOptions opts);
  // append_members(); with `valid_utf8`, the strings in `c` are known to be valid UTF-8.
  void append_members(const Classification& c, bool valid_utf8, std::string* out) const;
  // classify() of one string: post.title is not looked at.
  Status classify_text(const PostContext& post, Classification* out);
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
