#include "pantau/report/render_json.h"

#include "pantau/json_writer.h"
#include "pantau/report/formulir.h"
#include "pantau/report/region_zone.h"
#include "pantau/report/report_strings.h"
#include "pantau/report/staff_text.h"
#include "pantau/version.h"

namespace pantau::report {
namespace {

void count(JsonWriter& w, std::string_view key, uint64_t n) {
  w.key(key);
  w.number(n);
}

void time_or_null(JsonWriter& w, std::string_view key, EpochMillis t) {
  w.key(key);
  if (t == kNoTime) {
    w.null();
  } else {
    w.string(format_rfc3339(t));
  }
}

// {"label": n, ...} for the non-zero columns of a row parallel to view.labels.
void label_counts(JsonWriter& w, const ReportView& v, const std::vector<uint64_t>& by_label) {
  w.key("labels");
  w.begin_object();
  for (size_t i = 0; i < v.labels.size(); ++i) {
    if (by_label[i] > 0) count(w, v.labels[i].id, by_label[i]);
  }
  w.end_object();
}

void write_finding(JsonWriter& w, const ReportView& v, const FindingRow& row) {
  const Finding& f = *row.finding;
  w.begin_object();
  count(w, "rank", row.rank);
  w.key("score");
  w.number(row.score);
  w.field("confidence", confidence_word(row.score, Lang::kEn));  // stable: high, medium, low
  w.key("new");
  if (row.is_new) {
    w.boolean(*row.is_new);
  } else {
    w.null();
  }
  if (v.has_reviews) {
    w.key("review");
    if (row.review == nullptr) {
      w.null();
    } else {
      const Review& r = *row.review;
      w.begin_object();
      w.field("decision", decision_code(r.decision));
      w.field_or_null("label", r.label);
      w.field_or_null("reason", r.reason);
      w.field_or_null("reviewer", r.reviewer);
      w.field_or_null("reviewed_at", r.reviewed_at);
      w.end_object();
    }
  }
  w.key("post_status");
  if (row.fate) {
    const PostFate& fate = *row.fate;
    w.begin_object();
    w.field("status", fate_code(fate));
    w.key("removal");
    if (fate.removed()) {
      w.string(post_status_code(fate.removal));
    } else {
      w.null();
    }
    time_or_null(w, "removed_at", fate.removed_at);
    w.field_or_null("removal_raw_sha256", fate.removal_raw_sha256);
    time_or_null(w, "visible_again_at", fate.visible_again_at);
    w.field("edited", fate.edited);
    time_or_null(w, "edited_at", fate.edited_at);
    w.field_or_null("text_now", fate.text_now);
    w.field_or_null("edit_raw_sha256", fate.edit_raw_sha256);
    time_or_null(w, "last_checked", fate.last_checked);
    time_or_null(w, "last_seen", fate.last_seen_at);
    w.field("removal_is_news", row.removal_is_news);
    w.field_or_null("description", post_fate_text(fate, row.utc_offset, v.options.lang, true));
    w.end_object();
  } else {
    w.null();
  }
  w.field("id", f.id);
  w.field_or_null("platform", f.platform);
  w.field_or_null("native_id", f.native_id);
  w.field_or_null("type", f.type);
  w.field_or_null("url", f.url);
  w.field_or_null("parent", f.parent);
  w.field_or_null("created_at", f.created_at);
  w.key("created_local");
  if (f.created_ms == kNoTime) {
    w.null();
  } else {
    w.string(format_rfc3339(f.created_ms + int64_t{row.utc_offset} * 1000).substr(0, 19) +
             format_utc_offset(row.utc_offset));
  }
  w.field_or_null("fetched_at", f.fetched_at);
  w.field_or_null("raw_sha256", f.raw_sha256);
  w.field_or_null("source_format", f.source_format);
  w.field_or_null("source_input", f.source_input);
  w.key("source_line");
  f.source_line < 0 ? w.null() : w.number(f.source_line);
  w.key("metrics");
  w.begin_object();
  for (const auto& [k, n] : {std::pair<std::string_view, int64_t>{"views", f.views},
                             {"shares", f.shares},
                             {"likes", f.likes},
                             {"comments", f.comments}}) {
    w.key(k);
    n < 0 ? w.null() : w.number(n);
  }
  w.end_object();
  w.field_or_null("title", f.title);
  w.field_or_null("text", f.text);
  if (f.utf8_repaired) w.field("utf8_repaired", true);
  w.key("author");
  w.begin_object();
  w.field_or_null("id", f.author_id);
  w.field_or_null("handle", f.author_handle);
  w.field_or_null("name", f.author_name);
  w.end_object();
  w.key("account");
  if (f.has_account) {
    records::write_account(w, f.account, records::AccountForm::kSummary);
  } else {
    w.null();
  }
  w.key("labels");
  w.begin_array();
  for (const auto& l : f.labels) {
    w.begin_object();
    w.field("label", l.label);
    w.field("name", display_label_name(*v.state, l.label, v.options.lang));
    w.key("score");
    w.number(l.score);
    w.field_or_null("basis", l.basis);
    w.key("rules");
    w.begin_array();
    for (const auto& r : l.rules) w.string(r);
    w.end_array();
    w.key("evidence");
    w.begin_array();
    for (const auto& e : l.evidence) records::write_evidence(w, e);
    w.end_array();
    w.key("targets");
    w.begin_array();
    for (const auto& t : l.targets) records::write_target(w, t);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("classifier");
  w.begin_object();
  w.field_or_null("pack", f.pack);
  w.field_or_null("version", f.version);
  w.field_or_null("model", f.model);
  w.field_or_null("election", f.election);
  w.end_object();
  const FormA form = draft_form(v, row);
  w.key("form");
  w.begin_object();
  w.field_or_null("stage", form.stage);
  w.field("summary", form.summary);
  w.field("when", form.when);
  w.field("where", form.where);
  w.field("what", form.what);
  w.field("who", form.who);
  w.field("evidence", form.evidence);
  w.field("article", form.article);
  w.end_object();
  w.end_object();
}

void write_findings(JsonWriter& w, const ReportView& v, std::string_view key,
                    const std::vector<FindingRow>& rows) {
  w.key(key);
  w.begin_array();
  for (const auto& r : rows) write_finding(w, v, r);
  w.end_array();
}

}  // namespace

void render_json(const ReportView& v, std::string* out) {
  const ReportState& s = *v.state;
  const Totals& t = s.totals();
  JsonWriter w(out);
  w.begin_object();
  w.field("report", "pantau-report");
  w.field("format", int64_t{1});
  w.field("version", kVersion);
  w.field("lang", strings(v.options.lang).lang_code);
  w.field_or_null("title", v.options.title);
  w.field_or_null("generated_at", v.options.generated_at);

  w.key("summary");
  w.begin_object();
  time_or_null(w, "first", t.first);
  time_or_null(w, "last", t.last);
  w.key("utc_offset");
  if (v.single_offset) {
    w.string(format_utc_offset(*v.single_offset));
  } else {
    w.null();
  }
  count(w, "records", t.records);
  count(w, "posts", t.posts);
  count(w, "classified", t.classified);
  count(w, "labeled", t.labeled);
  count(w, "findings", t.findings);
  w.key("new_findings");
  if (s.has_since()) {
    w.number(t.new_findings);
  } else {
    w.null();
  }
  count(w, "accounts", v.accounts.size());
  uint64_t with_findings = 0;
  for (const auto& a : v.accounts) with_findings += a.agg->findings > 0 ? 1 : 0;
  count(w, "accounts_with_findings", with_findings);
  count(w, "owners", v.owners.size());
  count(w, "unregistered_posts", v.unregistered_posts);
  count(w, "failed_accounts", v.failed.size());
  count(w, "error_records", t.error_records);
  count(w, "account_records", t.account_records);
  count(w, "other_records", t.other_records);
  count(w, "status_records", t.status_records);
  count(w, "status_records_without_finding", v.status_without_finding);
  count(w, "changed_findings", v.changed_findings);
  w.key("newly_removed");
  if (s.has_since()) {
    w.number(v.newly_removed);
  } else {
    w.null();
  }
  count(w, "bad_lines", t.bad_lines);
  count(w, "undated", t.undated);
  count(w, "top", s.options().top);
  w.key("classifiers");
  w.begin_array();
  for (const auto& [k, n] : s.classifiers()) {
    w.begin_object();
    w.field_or_null("pack", k.pack);
    w.field_or_null("version", k.version);
    w.field_or_null("model", k.model);
    w.field_or_null("election", k.election);
    count(w, "posts", n);
    w.end_object();
  }
  w.end_array();
  w.key("inputs");
  w.begin_array();
  for (const auto& [name, n] : s.inputs()) {
    w.begin_object();
    w.field_or_null("name", name);
    count(w, "posts", n);
    w.end_object();
  }
  w.end_array();
  w.key("other_kinds");
  w.begin_object();
  for (const auto& [kind, n] : s.other_kinds()) count(w, kind, n);
  w.end_object();
  w.end_object();

  w.key("platforms");
  w.begin_array();
  for (const auto& p : v.platforms) {
    w.begin_object();
    w.field("platform", p.id);
    count(w, "posts", p.posts);
    count(w, "findings", p.findings);
    label_counts(w, v, p.by_label);
    w.end_object();
  }
  w.end_array();

  w.key("labels");
  w.begin_array();
  for (const auto& l : v.labels) {
    w.begin_object();
    w.field("label", l.id);
    w.field("name", l.name);
    w.field_or_null("basis", l.basis);
    w.field("violation", l.violation);
    count(w, "posts", l.posts);
    w.key("platforms");
    w.begin_object();
    for (size_t i = 0; i < v.platforms.size(); ++i) {
      if (l.by_platform[i] > 0) count(w, v.platforms[i].id, l.by_platform[i]);
    }
    w.end_object();
    w.end_object();
  }
  w.end_array();

  w.key("days");
  w.begin_array();
  auto day = [&](const DayRow& d) {
    w.begin_object();
    w.field_or_null("day", format_day(d.day));
    count(w, "posts", d.posts);
    count(w, "findings", d.findings);
    label_counts(w, v, d.by_label);
    w.end_object();
  };
  for (const auto& d : v.days) day(d);
  if (v.undated.posts > 0) day(v.undated);
  w.end_array();

  w.key("accounts");
  w.begin_array();
  for (const auto& a : v.accounts) {
    const records::Account& i = a.agg->info;
    w.begin_object();
    w.field("key", a.key);
    w.field_or_null("platform", !i.platform.empty() ? i.platform : a.agg->platform);
    w.field_or_null("handle", i.handle);
    w.field_or_null("url", i.url);
    w.field_or_null("owner", i.owner);
    w.field_or_null("owner_key", i.owner_key);
    w.field_or_null("role", i.role);
    w.field_or_null("party", i.party);
    w.field_or_null("ballot_no", i.ballot_no);
    w.field_or_null("election", i.election);
    w.field_or_null("district", i.district);
    w.field_or_null("region", i.region);
    w.key("kpu_registered");
    i.kpu_registered.has_value() ? w.boolean(*i.kpu_registered) : w.null();
    count(w, "posts", a.agg->posts);
    count(w, "findings", a.agg->findings);
    label_counts(w, v, a.by_label);
    time_or_null(w, "first", a.agg->first);
    time_or_null(w, "last", a.agg->last);
    w.end_object();
  }
  w.end_array();

  w.key("owners");
  w.begin_array();
  for (const auto& o : v.owners) {
    w.begin_object();
    w.field("key", o.key);
    w.field("name", o.name);
    w.field_or_null("role", o.info->role);
    w.field_or_null("party", o.info->party);
    w.field_or_null("ballot_no", o.info->ballot_no);
    w.field_or_null("district", o.info->district);
    w.field_or_null("region", o.info->region);
    count(w, "accounts", o.accounts);
    w.key("platforms");
    w.begin_array();
    for (const auto& p : o.platforms) w.string(p);
    w.end_array();
    count(w, "posts", o.posts);
    count(w, "findings", o.findings);
    label_counts(w, v, o.by_label);
    w.end_object();
  }
  w.end_array();

  write_findings(w, v, "findings", v.top);
  write_findings(w, v, "quiet_period", v.quiet);
  write_findings(w, v, "neutrality", v.neutrality);
  if (v.has_reviews) {
    write_findings(w, v, "dismissed", v.dismissed);
    w.key("needs_review");
    w.begin_array();
    for (const auto& r : v.pending) w.string(r.finding->id);
    w.end_array();
  }

  w.key("failed_accounts");
  w.begin_array();
  for (const auto& r : v.failed) {
    const FailedAccount& f = *r.failed;
    w.begin_object();
    w.field_or_null("key", r.key);
    w.field_or_null("platform", f.platform);
    w.field_or_null("handle", f.account.handle);
    w.field_or_null("owner", f.account.owner);
    w.field_or_null("tool", f.tool);
    w.field_or_null("stage", f.stage);
    w.key("http_status");
    f.http_status < 0 ? w.null() : w.number(f.http_status);
    w.field_or_null("message", f.message);
    w.field("reason", failure_reason(f, v.options.lang));
    w.field_or_null("time", f.time);
    w.key("retryable");
    f.retryable < 0 ? w.null() : w.boolean(f.retryable == 1);
    w.key("attempts");
    f.attempts < 0 ? w.null() : w.number(f.attempts);
    count(w, "count", f.count);
    w.end_object();
  }
  w.end_array();

  w.key("known_ids");
  w.begin_array();
  for (const auto& id : v.known_ids) w.string(id);
  w.end_array();
  // Findings whose removal a report has shown: the next --since-report treats only other
  // removals as news.
  w.key("known_removed");
  w.begin_array();
  for (const auto& id : v.known_removed) w.string(id);
  w.end_array();
  w.end_object();
  out->push_back('\n');
}

}  // namespace pantau::report
