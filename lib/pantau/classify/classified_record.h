// The classified-record reader and writer: what pantau-classify reads from a post record
// (PostContext) and the members it adds to it ("labels", "classifier"; pantau-records(5)).
//
// Reading collects the members classify looks at in one pass over the record's fields (a
// post has ~20) and reports a bad field as a PostProblem, so that the record loop decides by
// the kind of problem, not by an error message's wording. Writing is by hand, not with
// JsonWriter: it runs for every post, and the keys are constants that need no escaping.
//
// Apart from the classifier so that both are tested on a hand-written record and a
// hand-built Classification, without a rule pack's patterns.
#pragma once

#include <simdjson.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/classification.h"
#include "pantau/classify/rule_pack.h"
#include "pantau/result.h"

namespace pantau::classify {

// The members of a record that the record loop and read_post() look at: the first occurrence
// of each (what dom::object::operator[] finds).
struct PostFields {
  simdjson::dom::element kind, text, title, created_at, created_at_precision, account;
  bool has_kind = false, has_text = false, has_title = false, has_created_at = false,
       has_created_at_precision = false, has_account = false;
  bool has_old = false;  // "labels" or "classifier": classified before
};

void collect_post_fields(const simdjson::dom::object& obj, PostFields* f);

// What was wrong with a post's fields. kText leaves nothing to classify; with the others the
// post is classified as far as possible.
enum class PostProblem { kNone, kText, kTitle, kCreatedAt, kAccount };

struct PostRead {
  PostProblem problem = PostProblem::kNone;
  Status status;  // the problem's message ("\"created_at\": ..."), ok with kNone
};

// Sets *ctx (views into the parser's memory) from collected fields. One problem is reported:
// a bad text at once; else a bad created_at, else a bad title, else the first bad account
// field (role, owner, party, ballot_no, election, region).
PostRead read_post_fields(const PostFields& pf, PostContext* ctx);

// Writes ,"labels":[...],"classifier":{...} members (without the leading comma).
class ClassifiedWriter {
 public:
  // `pack` must outlive the writer.
  explicit ClassifiedWriter(const RulePack& pack);

  // The model named in "classifier" (null: none).
  void set_model_name(const std::string* model);

  // With `valid_utf8`, the strings in `c` are known to be valid UTF-8 (views into a record
  // simdjson validated) and skip the check.
  void append_members(const Classification& c, bool valid_utf8, std::string* out) const;

 private:
  // Per label: the quoted name_id, name_en and basis (or null), escaped once at start-up.
  std::vector<std::array<std::string, 3>> label_json_;
  const RulePack& pack_;
  // `],"classifier":{"pack":..,"version":..,"model":..,"election":`.
  std::string classifier_json_;
};

// Appends `record` without its members "labels" and "classifier" (and "utf8_repaired" when
// `utf8_repaired`, which the new members carry again), then `members`, to *out. `obj` is the
// parsed `record`; *scratch is reused between calls.
void append_reclassified(const simdjson::dom::object& obj, bool utf8_repaired,
                         std::string_view members, std::string* scratch, std::string* out);

}  // namespace pantau::classify
