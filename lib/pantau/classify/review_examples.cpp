#include "pantau/classify/review_examples.h"

#include <simdjson.h>

#include <algorithm>

#include "pantau/classify/labels.h"
#include "pantau/hash.h"
#include "pantau/record.h"

namespace pantau::classify {

bool ReviewJoiner::is_labelled(std::string_view record) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::element gold;
  if (parser.parse(record.data(), record.size()).get(doc) != simdjson::SUCCESS) return false;
  return doc["gold"].get(gold) == simdjson::SUCCESS;
}

Result<std::optional<Example>> ReviewJoiner::take(std::string_view record) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object obj;
  if (auto err = parser.parse(record.data(), record.size()).get(doc)) {
    return Error::invalid("invalid JSON: " + json_error_message(err));
  }
  if (doc.get_object().get(obj) != simdjson::SUCCESS) return Error::invalid("not a JSON object");
  std::string_view id;
  if (obj["id"].get_string().get(id) != simdjson::SUCCESS) return std::optional<Example>();
  const records::Review* r = reviews_->find(id);
  if (r == nullptr || taken_.contains(std::string(id))) return std::optional<Example>();
  if (r->decision == records::Decision::kNeedsCheck) {
    taken_.emplace(id);
    ++stats_.needs_check;
    return std::optional<Example>();
  }
  std::vector<std::string> named = records::review_labels(*r);
  if (named.empty()) {  // the labels the finding showed
    simdjson::dom::array labels;
    if (obj["labels"].get_array().get(labels) == simdjson::SUCCESS) {
      for (auto l : labels) {
        std::string_view label;
        if (l["label"].get_string().get(label) == simdjson::SUCCESS) named.emplace_back(label);
      }
    }
  }
  Example ex;
  ex.record = std::string(record);
  std::string_view text;
  simdjson::dom::element t;
  if (obj["text"].get(t) == simdjson::SUCCESS && !t.is_null() &&
      t.get_string().get(text) != simdjson::SUCCESS) {
    return Error::invalid("\"text\" is not a string");
  }
  ex.text = std::string(text);
  ex.set = std::string(kReviewSet);
  ex.weight = weight_;
  ex.finding = std::string(id);
  ex.gold.assign(labels_.size(), kGoldUnknown);
  const uint8_t value = records::is_positive(r->decision) ? kGoldYes : kGoldNo;
  bool any = false;
  for (const auto& label : named) {
    if (!label_index(label)) {
      return Error::invalid("the review of " + std::string(id) + " names an unknown label \"" +
                            label + "\"");
    }
    const auto it = std::find(labels_.begin(), labels_.end(), label);
    if (it == labels_.end()) continue;  // a label this model does not learn
    ex.gold[static_cast<size_t>(it - labels_.begin())] = value;
    any = true;
  }
  taken_.emplace(id);
  if (!any) {
    ++stats_.no_label;
    return std::optional<Example>();
  }
  ++stats_.examples;
  ++(value == kGoldYes ? stats_.positives : stats_.negatives);
  return std::optional<Example>(std::move(ex));
}

const ReviewJoinStats& ReviewJoiner::finish() {
  uint64_t missing = 0;
  reviews_->for_each([&](const records::Review& r) {
    if (!taken_.contains(r.finding)) ++missing;
  });
  stats_.no_post = missing;
  return stats_;
}

bool held_back(std::string_view finding, uint64_t seed, uint32_t one_in) {
  // FNV-1a of the id from a seeded basis, then splitmix64's finalizer so that the low bits of
  // similar ids do not fall on the same side together.
  uint64_t h = fnv1a64(finding, kFnv1a64Offset ^ (seed * 0x9E3779B97F4A7C15ULL));
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBULL;
  h ^= h >> 31;
  return one_in > 0 && h % one_in == 0;
}

}  // namespace pantau::classify
