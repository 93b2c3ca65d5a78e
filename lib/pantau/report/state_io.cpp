#include "pantau/report/state_io.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "pantau/json_writer.h"
#include "pantau/report/dom_fields.h"
#include "pantau/report/region_zone.h"
#include "pantau/version.h"

namespace pantau::report {
namespace {

// Starts one state line: {"kind":"report_state","part":PART
// Each line gets a fresh writer: a writer that has finished one value would put a comma before
// the next.
JsonWriter begin(std::string* out, std::string_view part) {
  JsonWriter w(out);
  w.begin_object();
  w.field("kind", kStateKind);
  w.field("part", part);
  return w;
}

void end(JsonWriter& w) {
  w.end_object();
  w.buffer()->push_back('\n');
}

void time_or_null(JsonWriter& w, std::string_view key, EpochMillis t) {
  w.key(key);
  if (t == kNoTime) {
    w.null();
  } else {
    w.string(format_rfc3339(t));
  }
}

void count(JsonWriter& w, std::string_view key, uint64_t n) {
  w.key(key);
  w.number(n);
}

Status get_count(simdjson::dom::object o, std::string_view key, uint64_t* out) {
  int64_t v = 0;
  TRY(get_int(o, key, &v, 0));
  if (v < 0) return Error::invalid("\"" + std::string(key) + "\" is negative");
  *out = static_cast<uint64_t>(v);
  return {};
}

Status get_time(simdjson::dom::object o, std::string_view key, EpochMillis* out) {
  std::string_view s;
  TRY(get_string(o, key, &s));
  *out = kNoTime;
  if (s.empty()) return {};
  auto t = parse_datetime(s);
  if (!t) return Error::invalid("\"" + std::string(key) + "\": " + t.error().message);
  *out = *t;
  return {};
}

std::string slot_name(const ReportState& s, uint16_t slot) {
  if (slot == ReportState::kSlotPosts) return "*posts";
  if (slot == ReportState::kSlotFindings) return "*findings";
  return s.labels().name(slot);
}

}  // namespace

void write_state(const ReportState& s, std::string* out) {
  const StateOptions& o = s.options();
  JsonWriter w = begin(out, "header");
  w.field("format", kStateFormat);
  w.field("tool", std::string("pantau-report ") + kVersion);
  count(w, "top", o.top);
  w.key("utc_offset");
  if (o.utc_offset) {
    w.string(format_utc_offset(*o.utc_offset));
  } else {
    w.null();
  }
  w.field("since", s.has_since());
  w.field("new_only", o.new_only);
  end(w);

  const Totals& t = s.totals();
  w = begin(out, "totals");
  count(w, "records", t.records);
  count(w, "posts", t.posts);
  count(w, "classified", t.classified);
  count(w, "labeled", t.labeled);
  count(w, "findings", t.findings);
  count(w, "new_findings", t.new_findings);
  count(w, "error_records", t.error_records);
  count(w, "account_records", t.account_records);
  count(w, "other_records", t.other_records);
  count(w, "status_records", t.status_records);
  count(w, "bad_lines", t.bad_lines);
  count(w, "undated", t.undated);
  time_or_null(w, "first", t.first);
  time_or_null(w, "last", t.last);
  end(w);

  for (const auto& id : s.known_ids()) {
    w = begin(out, "seen");
    w.field("id", id);
    end(w);
  }
  for (const auto& id : s.reported_ids()) {
    w = begin(out, "reported");
    w.field("id", id);
    end(w);
  }
  for (const auto& id : s.known_removed()) {
    w = begin(out, "seen_removed");
    w.field("id", id);
    end(w);
  }
  // Every check, before the findings: merging offers a known finding to the lists again only
  // when its post was checked (--new-only; see ReportState::wants_finding).
  for (const auto& [id, checks] : s.statuses()) {
    for (const StatusCheck& c : checks) {
      w = begin(out, "status");
      w.key("record");
      write_status_check(c, w);
      end(w);
    }
  }
  for (const auto& [offset, n] : s.zones()) {
    w = begin(out, "zone");
    w.field("utc_offset", format_utc_offset(offset));
    count(w, "posts", n);
    end(w);
  }

  std::vector<std::pair<std::string, const LabelMeta*>> labels;
  for (size_t i = 0; i < s.labels().size(); ++i) {
    labels.emplace_back(s.labels().name(static_cast<uint16_t>(i)), &s.label_meta()[i]);
  }
  std::sort(labels.begin(), labels.end());
  for (const auto& [name, meta] : labels) {
    w = begin(out, "label");
    w.field("label", name);
    w.field_or_null("name_id", meta->name_id);
    w.field_or_null("name_en", meta->name_en);
    w.field_or_null("basis", meta->basis);
    end(w);
  }

  // Cells by (day, platform, label) names, so the order does not depend on interning order.
  std::vector<std::tuple<int32_t, std::string, std::string, uint64_t>> cells;
  for (const auto& c : s.cells()) {
    cells.emplace_back(c.day, s.platforms().name(c.platform), slot_name(s, c.slot), c.count);
  }
  std::sort(cells.begin(), cells.end());
  for (const auto& [day, platform, label, n] : cells) {
    w = begin(out, "cell");
    w.field_or_null("day", format_day(day));
    w.field("platform", platform);
    w.field("label", label);
    count(w, "count", n);
    end(w);
  }

  for (const auto& [k, n] : s.classifiers()) {
    w = begin(out, "classifier");
    w.field_or_null("pack", k.pack);
    w.field_or_null("version", k.version);
    w.field_or_null("model", k.model);
    w.field_or_null("election", k.election);
    count(w, "posts", n);
    end(w);
  }
  for (const auto& [name, n] : s.inputs()) {
    w = begin(out, "input");
    w.field_or_null("name", name);
    count(w, "posts", n);
    end(w);
  }
  for (const auto& [kind, n] : s.other_kinds()) {
    w = begin(out, "other_kind");
    w.field("name", kind);
    count(w, "count", n);
    end(w);
  }

  std::vector<const std::pair<const std::string, AccountAgg>*> accounts;
  for (const auto& a : s.accounts()) accounts.push_back(&a);
  std::sort(accounts.begin(), accounts.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : accounts) {
    const AccountAgg& a = entry->second;
    w = begin(out, "account");
    w.field("key", entry->first);
    w.key("info");
    if (a.has_info) {
      records::write_account(w, a.info, records::AccountForm::kSummary);
    } else {
      w.null();
    }
    w.field("registry", a.info_from_registry);
    time_or_null(w, "info_time", a.info_time);
    w.field_or_null("platform", a.platform);
    count(w, "posts", a.posts);
    count(w, "findings", a.findings);
    std::vector<std::pair<std::string, uint64_t>> al;
    for (const auto& [li, n] : a.labels) al.emplace_back(s.labels().name(li), n);
    std::sort(al.begin(), al.end());
    w.key("labels");
    w.begin_object();
    for (const auto& [name, n] : al) count(w, name, n);
    w.end_object();
    time_or_null(w, "first", a.first);
    time_or_null(w, "last", a.last);
    end(w);
  }

  for (const auto& [key, f] : s.failed()) {
    w = begin(out, "failed");
    w.field("key", key);
    w.key("account");
    if (f.has_account) {
      records::write_account(w, f.account, records::AccountForm::kSummary);
    } else {
      w.null();
    }
    w.field_or_null("platform", f.platform);
    w.field_or_null("tool", f.tool);
    w.field_or_null("stage", f.stage);
    w.field_or_null("message", f.message);
    w.field_or_null("time", f.time);
    w.key("http_status");
    f.http_status < 0 ? w.null() : w.number(f.http_status);
    w.key("retryable");
    f.retryable < 0 ? w.null() : w.boolean(f.retryable == 1);
    w.key("attempts");
    f.attempts < 0 ? w.null() : w.number(f.attempts);
    count(w, "count", f.count);
    end(w);
  }

  // Each kept finding once, whichever lists hold it; merging offers it to every list again.
  std::vector<std::string> findings;
  std::set<const Finding*> written;
  for (const TopFindings* list : {&s.top(), &s.quiet(), &s.neutrality()}) {
    for (const auto& r : list->sorted()) {
      if (!written.insert(r.finding.get()).second) continue;
      std::string line;
      JsonWriter fw = begin(&line, "finding");
      fw.key("post");
      write_finding_record(*r.finding, fw);
      end(fw);
      findings.push_back(std::move(line));
    }
  }
  std::sort(findings.begin(), findings.end());
  findings.erase(std::unique(findings.begin(), findings.end()), findings.end());
  for (const auto& line : findings) out->append(line);
}

Status merge_state_record(simdjson::dom::object rec, ReportState* s) {
  std::string_view part;
  TRY(get_string(rec, "part", &part));
  if (part == "header") {
    int64_t format = 0;
    TRY(get_int(rec, "format", &format, 0));
    if (format != kStateFormat) {
      return Error::unsupported("partial state format " + std::to_string(format) +
                                " is not supported (this pantau-report reads format " +
                                std::to_string(kStateFormat) + ")");
    }
    uint64_t top = 0;
    TRY(get_count(rec, "top", &top));
    s->note_partial_top(top);
    int since = -1;
    TRY(get_tristate(rec, "since", &since));
    if (since == 1) s->set_has_since();
    return {};
  }
  if (part == "totals") {
    Totals t;
    TRY(get_count(rec, "records", &t.records));
    TRY(get_count(rec, "posts", &t.posts));
    TRY(get_count(rec, "classified", &t.classified));
    TRY(get_count(rec, "labeled", &t.labeled));
    TRY(get_count(rec, "findings", &t.findings));
    TRY(get_count(rec, "new_findings", &t.new_findings));
    TRY(get_count(rec, "error_records", &t.error_records));
    TRY(get_count(rec, "account_records", &t.account_records));
    TRY(get_count(rec, "other_records", &t.other_records));
    TRY(get_count(rec, "status_records", &t.status_records));
    TRY(get_count(rec, "bad_lines", &t.bad_lines));
    TRY(get_count(rec, "undated", &t.undated));
    TRY(get_time(rec, "first", &t.first));
    TRY(get_time(rec, "last", &t.last));
    s->merge_totals(t);
    return {};
  }
  if (part == "seen") {
    std::string_view id;
    TRY(get_string(rec, "id", &id));
    if (!id.empty()) s->add_known_id(id);
    s->set_has_since();
    return {};
  }
  if (part == "reported") {
    std::string_view id;
    TRY(get_string(rec, "id", &id));
    if (!id.empty()) {
      s->add_reported_id(id);
      s->merge_finding_id(id);
    }
    return {};
  }
  if (part == "seen_removed") {
    std::string_view id;
    TRY(get_string(rec, "id", &id));
    if (!id.empty()) s->add_known_removed(id);
    return {};
  }
  if (part == "status") {
    simdjson::dom::object record;
    bool present = false;
    TRY(get_object(rec, "record", &record, &present));
    if (!present) return Error::invalid("\"record\" is missing");
    StatusCheck c;
    Status st = parse_status_check(record, &c);
    if (!st.ok()) return Error::invalid("record: " + st.message());
    s->merge_status(std::move(c));
    return {};
  }
  if (part == "zone") {
    std::string_view off;
    uint64_t n = 0;
    TRY(get_string(rec, "utc_offset", &off));
    TRY(get_count(rec, "posts", &n));
    auto o = parse_utc_offset(off);
    if (!o) return Error::invalid("\"utc_offset\": " + o.error().message);
    s->merge_zone(*o, n);
    return {};
  }
  if (part == "label") {
    std::string_view label;
    LabelMeta m;
    TRY(get_string(rec, "label", &label));
    if (label.empty()) return Error::invalid("\"label\" is missing");
    TRY(get_string(rec, "name_id", &m.name_id));
    TRY(get_string(rec, "name_en", &m.name_en));
    TRY(get_string(rec, "basis", &m.basis));
    s->merge_label_meta(label, m);
    return {};
  }
  if (part == "cell") {
    std::string_view day_s, platform, label;
    uint64_t n = 0;
    TRY(get_string(rec, "day", &day_s));
    TRY(get_string(rec, "platform", &platform));
    TRY(get_string(rec, "label", &label));
    TRY(get_count(rec, "count", &n));
    int32_t day = kNoDay;
    if (!day_s.empty()) {
      auto d = parse_day(day_s);
      if (!d) return Error::invalid("\"day\" is not a date (YYYY-MM-DD)");
      day = *d;
    }
    if (label.empty()) return Error::invalid("\"label\" is missing");
    s->merge_cell(day, platform, label, n);
    return {};
  }
  if (part == "classifier") {
    ClassifierKey k;
    uint64_t n = 0;
    TRY(get_string(rec, "pack", &k.pack));
    TRY(get_string(rec, "version", &k.version));
    TRY(get_string(rec, "model", &k.model));
    TRY(get_string(rec, "election", &k.election));
    TRY(get_count(rec, "posts", &n));
    s->merge_classifier(k, n);
    return {};
  }
  if (part == "input") {
    std::string_view name;
    uint64_t n = 0;
    TRY(get_string(rec, "name", &name));
    TRY(get_count(rec, "posts", &n));
    s->merge_input(name, n);
    return {};
  }
  if (part == "other_kind") {
    std::string_view name;
    uint64_t n = 0;
    TRY(get_string(rec, "name", &name));
    TRY(get_count(rec, "count", &n));
    s->merge_other_kind(name, n);
    return {};
  }
  if (part == "account") {
    std::string_view key;
    AccountAgg a;
    TRY(get_string(rec, "key", &key));
    simdjson::dom::object info;
    TRY(get_object(rec, "info", &info, &a.has_info));
    if (a.has_info) {
      Status st = records::parse_account(info, &a.info);
      if (!st.ok()) return Error::invalid("info: " + st.message());
    }
    int registry = -1;
    TRY(get_tristate(rec, "registry", &registry));
    a.info_from_registry = registry == 1;
    TRY(get_time(rec, "info_time", &a.info_time));
    TRY(get_string(rec, "platform", &a.platform));
    TRY(get_count(rec, "posts", &a.posts));
    TRY(get_count(rec, "findings", &a.findings));
    TRY(get_time(rec, "first", &a.first));
    TRY(get_time(rec, "last", &a.last));
    std::vector<std::pair<std::string, uint64_t>> labels;
    simdjson::dom::object lo;
    bool present = false;
    TRY(get_object(rec, "labels", &lo, &present));
    if (present) {
      for (auto field : lo) {
        int64_t n = 0;
        if (field.value.get_int64().get(n) != simdjson::SUCCESS || n < 0) {
          return Error::invalid("\"labels\": counts must be non-negative integers");
        }
        labels.emplace_back(std::string(field.key), static_cast<uint64_t>(n));
      }
    }
    s->merge_account(key, a, labels);
    return {};
  }
  if (part == "failed") {
    std::string_view key;
    FailedAccount f;
    TRY(get_string(rec, "key", &key));
    TRY(records::parse_error_record(rec, &f));
    TRY(get_count(rec, "count", &f.count));
    if (!f.time.empty()) {
      auto t = parse_datetime(f.time);
      if (t) f.time_ms = *t;
    }
    s->merge_failed(key, f);
    return {};
  }
  if (part == "finding") {
    simdjson::dom::object post;
    bool present = false;
    TRY(get_object(rec, "post", &post, &present));
    if (!present) return Error::invalid("\"post\" is missing");
    auto f = std::make_shared<Finding>();
    Status st = parse_finding(post, f.get());
    if (!st.ok()) return Error::invalid("post: " + st.message());
    s->merge_finding(std::move(f));
    return {};
  }
  return Error::invalid("unknown report_state part \"" + std::string(part) + "\"");
}

}  // namespace pantau::report
