#include "pantau/report/finding.h"

#include "pantau/report/dom_fields.h"
#include "pantau/report/finding_tidy.h"

namespace pantau::report {
namespace {

// Nested members are named by their path so the user can find them: "labels[2].score".
Status within(std::string_view path, Status s) {
  if (s.ok()) return s;
  return Error::invalid(std::string(path) + ": " + s.message());
}

void field_or_null(JsonWriter& w, std::string_view key, std::string_view v) {
  w.field_or_null(key, v);
}

void int_or_null(JsonWriter& w, std::string_view key, int64_t v) {
  w.key(key);
  if (v < 0) {
    w.null();
  } else {
    w.number(v);
  }
}

}  // namespace

Status parse_finding(simdjson::dom::object post, Finding* f) {
  TRY(get_string(post, "id", &f->id));
  if (f->id.empty()) return Error::invalid("post has no \"id\"");
  TRY(get_string(post, "platform", &f->platform));
  TRY(get_string(post, "native_id", &f->native_id));
  TRY(get_string(post, "type", &f->type));
  TRY(get_string(post, "url", &f->url));
  TRY(get_string(post, "parent", &f->parent));
  TRY(get_string(post, "created_at", &f->created_at));
  TRY(get_string(post, "lang", &f->lang));
  TRY(get_string(post, "title", &f->title));
  TRY(get_string(post, "text", &f->text));
  simdjson::dom::object o;
  bool present = false;
  TRY(get_object(post, "author", &o, &present));
  if (present) {
    TRY(within("author", get_string(o, "id", &f->author_id)));
    TRY(within("author", get_string(o, "handle", &f->author_handle)));
    TRY(within("author", get_string(o, "name", &f->author_name)));
  }
  TRY(get_object(post, "account", &o, &f->has_account));
  if (f->has_account) TRY(within("account", records::parse_account(o, &f->account)));
  TRY(get_object(post, "source", &o, &present));
  if (present) {
    TRY(within("source", get_string(o, "format", &f->source_format)));
    TRY(within("source", get_string(o, "raw_sha256", &f->raw_sha256)));
    TRY(within("source", get_string(o, "fetched_at", &f->fetched_at)));
    TRY(within("source", get_string(o, "request_url", &f->request_url)));
    TRY(within("source", get_string(o, "input", &f->source_input)));
    TRY(within("source", get_int(o, "line", &f->source_line)));
    if (f->source_line < 0) f->source_line = -1;
  }
  TRY(get_object(post, "metrics", &o, &present));
  if (present) {
    TRY(within("metrics", get_int(o, "views", &f->views)));
    TRY(within("metrics", get_int(o, "shares", &f->shares)));
    TRY(within("metrics", get_int(o, "likes", &f->likes)));
    TRY(within("metrics", get_int(o, "comments", &f->comments)));
  }
  TRY(get_object(post, "classifier", &o, &present));
  if (present) {
    TRY(within("classifier", get_string(o, "pack", &f->pack)));
    TRY(within("classifier", get_string(o, "version", &f->version)));
    TRY(within("classifier", get_string(o, "model", &f->model)));
    TRY(within("classifier", get_string(o, "election", &f->election)));
  }
  simdjson::dom::array labels;
  TRY(get_array(post, "labels", &labels, &present));
  if (present) {
    size_t i = 0;
    for (simdjson::dom::element e : labels) {
      const std::string path = "labels[" + std::to_string(i++) + "]";
      simdjson::dom::object lo;
      if (e.get_object().get(lo) != simdjson::SUCCESS) {
        return Error::invalid(path + " is not an object");
      }
      FindingLabel l;
      TRY(within(path, records::parse_label(lo, &l)));
      f->labels.push_back(std::move(l));
    }
  }
  int repaired = -1;
  TRY(get_tristate(post, "utf8_repaired", &repaired));
  f->utf8_repaired = repaired == 1;
  auto t = parse_datetime(f->created_at);
  f->created_ms = t ? *t : kNoTime;
  auto ft = parse_datetime(f->fetched_at);
  f->fetched_ms = ft ? *ft : kNoTime;
  tidy_finding(f);
  return {};
}

void write_finding_record(const Finding& f, JsonWriter& w) {
  w.begin_object();
  w.field("kind", "post");
  w.field("id", f.id);
  field_or_null(w, "platform", f.platform);
  field_or_null(w, "native_id", f.native_id);
  field_or_null(w, "url", f.url);
  field_or_null(w, "type", f.type);
  field_or_null(w, "parent", f.parent);
  field_or_null(w, "created_at", f.created_at);
  w.key("author");
  w.begin_object();
  field_or_null(w, "id", f.author_id);
  field_or_null(w, "handle", f.author_handle);
  field_or_null(w, "name", f.author_name);
  w.end_object();
  w.key("account");
  if (f.has_account) {
    records::write_account(w, f.account, records::AccountForm::kSummary);
  } else {
    w.null();
  }
  field_or_null(w, "text", f.text);
  field_or_null(w, "lang", f.lang);
  field_or_null(w, "title", f.title);
  w.key("source");
  w.begin_object();
  field_or_null(w, "format", f.source_format);
  field_or_null(w, "raw_sha256", f.raw_sha256);
  field_or_null(w, "fetched_at", f.fetched_at);
  field_or_null(w, "request_url", f.request_url);
  field_or_null(w, "input", f.source_input);
  int_or_null(w, "line", f.source_line);
  w.end_object();
  if (f.views >= 0 || f.shares >= 0 || f.likes >= 0 || f.comments >= 0) {
    w.key("metrics");
    w.begin_object();
    int_or_null(w, "views", f.views);
    int_or_null(w, "shares", f.shares);
    int_or_null(w, "likes", f.likes);
    int_or_null(w, "comments", f.comments);
    w.end_object();
  }
  if (f.utf8_repaired) w.field("utf8_repaired", true);
  w.key("labels");
  w.begin_array();
  for (const auto& l : f.labels) records::write_label(w, l);
  w.end_array();
  w.key("classifier");
  w.begin_object();
  field_or_null(w, "pack", f.pack);
  field_or_null(w, "version", f.version);
  field_or_null(w, "model", f.model);
  field_or_null(w, "election", f.election);
  w.end_object();
  w.end_object();
}

}  // namespace pantau::report
