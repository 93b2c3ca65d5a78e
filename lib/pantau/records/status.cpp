#include "pantau/records/status.h"

#include <iterator>

#include "pantau/records/json_members.h"

namespace pantau::records {
namespace {

constexpr std::string_view kCodes[] = {"present",     "edited",       "deleted",
                                       "not_visible", "account_gone", "unknown"};

std::optional<std::string_view> or_null(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

std::string_view post_status_code(PostStatus s) { return kCodes[static_cast<size_t>(s)]; }

std::optional<PostStatus> parse_post_status(std::string_view s) {
  for (size_t i = 0; i < std::size(kCodes); ++i) {
    if (s == kCodes[i]) return static_cast<PostStatus>(i);
  }
  return std::nullopt;
}

bool is_removal(PostStatus s) {
  return s == PostStatus::kDeleted || s == PostStatus::kNotVisible || s == PostStatus::kAccountGone;
}

void write_status(JsonWriter& w, const StatusOut& s) {
  auto optional_string = [&](std::string_view key, const std::optional<std::string_view>& v) {
    w.key(key);
    if (v) {
      w.string(*v);
    } else {
      w.null();
    }
  };
  w.begin_object();
  w.field("kind", "status");
  w.field("id", s.id);
  optional_string("platform", s.platform);
  optional_string("native_id", s.native_id);
  w.field("status", post_status_code(s.status));
  w.field("checked_at", s.checked_at);
  w.field_or_null("reason", s.reason);
  w.field_or_null("content_sha256_before", s.sha256_before);
  w.field_or_null("content_sha256_now", s.sha256_now);
  optional_string("text_now", s.text_now);
  w.key("source");
  if (s.raw_sha256.empty() && s.fetched_at.empty()) {
    w.null();
  } else {
    w.begin_object();
    w.field_or_null("raw_sha256", s.raw_sha256);
    w.field_or_null("fetched_at", s.fetched_at);
    w.end_object();
  }
  w.end_object();
}

void append_status_record(const StatusOut& s, std::string* out) {
  JsonWriter w(out);
  write_status(w, s);
}

Status parse_status_check(simdjson::dom::object rec, StatusCheck* c) {
  TRY(json::read_string(rec, "id", &c->id));
  if (c->id.empty()) return Error::invalid("status has no \"id\"");
  TRY(json::read_string(rec, "platform", &c->platform));
  TRY(json::read_string(rec, "native_id", &c->native_id));
  std::string status;
  TRY(json::read_string(rec, "status", &status));
  auto st = parse_post_status(status);
  if (!st) {
    return Error::invalid("\"status\": unknown value \"" + status +
                          "\" (present, edited, deleted, not_visible, account_gone or unknown)");
  }
  c->status = *st;
  TRY(json::read_string(rec, "checked_at", &c->checked_at));
  if (c->checked_at.empty()) return Error::invalid("status has no \"checked_at\"");
  auto t = parse_datetime(c->checked_at);
  if (!t) return Error::invalid("\"checked_at\": " + t.error().message);
  c->checked_ms = *t;
  TRY(json::read_string(rec, "reason", &c->reason));
  TRY(json::read_string(rec, "content_sha256_before", &c->sha256_before));
  TRY(json::read_string(rec, "content_sha256_now", &c->sha256_now));
  TRY(json::read_string(rec, "text_now", &c->text_now));
  simdjson::dom::object source;
  bool present = false;
  TRY(json::read_object(rec, "source", &source, &present));
  if (present) {
    Status s = json::read_string(source, "raw_sha256", &c->raw_sha256);
    if (s.ok()) s = json::read_string(source, "fetched_at", &c->fetched_at);
    if (!s.ok()) return Error::invalid("source: " + s.message());
  }
  return {};
}

void write_status_check(const StatusCheck& c, JsonWriter& w) {
  StatusOut s;
  s.id = c.id;
  s.platform = or_null(c.platform);
  s.native_id = or_null(c.native_id);
  s.status = c.status;
  s.checked_at = c.checked_at;
  s.reason = c.reason;
  s.sha256_before = c.sha256_before;
  s.sha256_now = c.sha256_now;
  s.text_now = or_null(c.text_now);
  s.raw_sha256 = c.raw_sha256;
  s.fetched_at = c.fetched_at;
  write_status(w, s);
}

}  // namespace pantau::records
