#include "pantau/report/record_ingester.h"

#include <memory>

#include "pantau/record.h"
#include "pantau/report/dom_fields.h"
#include "pantau/report/post_status.h"
#include "pantau/report/state_io.h"

namespace pantau::report {
namespace {

Status within(std::string_view path, Status s) {
  if (s.ok()) return s;
  return Error::invalid(std::string(path) + ": " + s.message());
}

}  // namespace

Status RecordIngester::ingest(const Line& line) {
  simdjson::dom::element doc;
  // The line reader leaves SIMDJSON_PADDING readable bytes after the line, so no copy is made.
  const auto err =
      parser_.parse(reinterpret_cast<const uint8_t*>(line.text.data()), line.text.size(), false)
          .get(doc);
  if (err) return Error::invalid("invalid JSON: " + json_error_message(err));
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return Error::invalid("record is not a JSON object");
  std::string_view kind;
  TRY(get_string(obj, "kind", &kind));
  if (kind == kStateKind) {
    TRY(merge_state_record(obj, state_));
    return {};
  }
  if (merge_only_) {
    return Error::invalid("not a partial report state (kind \"" + std::string(kind) +
                          "\"); --merge reads the output of --partial");
  }
  if (kind == kind::kPost) {
    TRY(ingest_post(obj, line.utf8_repaired));
  } else if (kind == kind::kAccount) {
    TRY(records::parse_account(obj, &account_));
    state_->add_account_record(account_);
  } else if (kind == kind::kError) {
    TRY(ingest_error(obj));
  } else if (kind == kStatusKind) {
    StatusCheck check;
    TRY(parse_status_check(obj, &check));
    state_->add_status_record(std::move(check));
  } else {
    state_->add_other_record(kind);
  }
  state_->add_record();
  return {};
}

namespace {

// Reads a string member's value on the fast path: null is "", another type an error.
Status string_value(std::string_view key, simdjson::dom::element value, std::string_view* out) {
  if (value.is_null()) {
    *out = {};
    return {};
  }
  if (value.get_string().get(*out) != simdjson::SUCCESS) {
    return Error::invalid("\"" + std::string(key) + "\" is not a string");
  }
  return {};
}

Status object_value(std::string_view key, simdjson::dom::element value, simdjson::dom::object* out,
                    bool* present) {
  *present = !value.is_null();
  if (*present && value.get_object().get(*out) != simdjson::SUCCESS) {
    return Error::invalid("\"" + std::string(key) + "\" is not an object");
  }
  return {};
}

}  // namespace

Status RecordIngester::ingest_post(simdjson::dom::object post, bool utf8_repaired) {
  PostSummary p;
  simdjson::dom::object account, source, classifier;
  bool has_source = false, has_classifier = false;
  simdjson::dom::array labels;
  // One pass over the members (a DOM lookup scans the object each time); this loop is the
  // report's hot path.
  for (const auto field : post) {
    const std::string_view k = field.key;
    if (k == "id") {
      TRY(string_value(k, field.value, &p.id));
    } else if (k == "platform") {
      TRY(string_value(k, field.value, &p.platform));
    } else if (k == "created_at") {
      std::string_view created;
      TRY(string_value(k, field.value, &created));
      auto t = parse_datetime(created);
      p.created = t ? *t : kNoTime;
    } else if (k == "account") {
      TRY(object_value(k, field.value, &account, &p.has_account));
    } else if (k == "source") {
      TRY(object_value(k, field.value, &source, &has_source));
    } else if (k == "classifier") {
      TRY(object_value(k, field.value, &classifier, &has_classifier));
    } else if (k == "labels") {
      p.classified = !field.value.is_null();
      if (p.classified && field.value.get_array().get(labels) != simdjson::SUCCESS) {
        return Error::invalid("\"labels\" is not an array");
      }
    }
  }
  if (p.id.empty()) return Error::invalid("post has no \"id\"");
  if (p.has_account) {
    TRY(within("account", records::parse_account_view(account, &account_view_)));
    p.account = &account_view_;
  }
  p.utc_offset = state_->utc_offset_for(p.has_account ? account_view_.region : "");
  if (has_source) {
    for (const auto field : source) {
      const std::string_view k = field.key;
      if (k == "fetched_at") {
        std::string_view fetched;
        TRY(within("source", string_value(k, field.value, &fetched)));
        auto t = parse_datetime(fetched);
        p.fetched = t ? *t : kNoTime;
      } else if (k == "input") {
        TRY(within("source", string_value(k, field.value, &p.input)));
      }
    }
  }
  labels_.clear();
  if (p.classified) {
    size_t i = 0;
    for (simdjson::dom::element e : labels) {
      const auto path = [&] { return "labels[" + std::to_string(i) + "]"; };
      simdjson::dom::object lo;
      if (e.get_object().get(lo) != simdjson::SUCCESS) {
        return Error::invalid(path() + " is not an object");
      }
      PostSummary::Label l;
      for (const auto field : lo) {
        const std::string_view k = field.key;
        if (k == "label") {
          TRY(within(path(), string_value(k, field.value, &l.label)));
        } else if (k == "score") {
          if (field.value.is_null()) continue;
          if (field.value.get_double().get(l.score) != simdjson::SUCCESS) {
            return Error::invalid(path() + ": \"score\" is not a number");
          }
        } else if (k == "name_id") {
          TRY(within(path(), string_value(k, field.value, &l.name_id)));
        } else if (k == "name_en") {
          TRY(within(path(), string_value(k, field.value, &l.name_en)));
        } else if (k == "basis") {
          TRY(within(path(), string_value(k, field.value, &l.basis)));
        }
      }
      if (l.label.empty()) return Error::invalid(path() + ": \"label\" is missing");
      labels_.push_back(l);
      ++i;
    }
    if (has_classifier) {
      for (const auto field : classifier) {
        const std::string_view k = field.key;
        if (k == "pack") {
          TRY(within("classifier", string_value(k, field.value, &p.pack)));
        } else if (k == "version") {
          TRY(within("classifier", string_value(k, field.value, &p.version)));
        } else if (k == "model") {
          TRY(within("classifier", string_value(k, field.value, &p.model)));
        } else if (k == "election") {
          TRY(within("classifier", string_value(k, field.value, &p.election)));
        }
      }
    }
  }
  p.labels = &labels_;
  // Read everything a kept finding needs before counting, so a record that fails half-way is
  // not half counted.
  std::shared_ptr<Finding> finding;
  if (state_->wants_finding(p)) {
    finding = std::make_shared<Finding>();
    TRY(parse_finding(post, finding.get()));
    finding->utf8_repaired = finding->utf8_repaired || utf8_repaired;
  }
  state_->add_post(p);
  if (finding) state_->add_finding(std::move(finding));
  return {};
}

Status RecordIngester::ingest_error(simdjson::dom::object rec) {
  FailedAccount f;
  f.count = 1;
  TRY(records::parse_error_record(rec, &f));
  if (!f.time.empty()) {
    auto t = parse_datetime(f.time);
    if (t) f.time_ms = *t;
  }
  if (f.platform.empty()) f.platform = f.account.platform;
  std::string key = f.account.key;
  if (key.empty() && !f.account.handle.empty()) key = f.platform + ":" + f.account.handle;
  state_->add_error_record(f, key);
  return {};
}

}  // namespace pantau::report
