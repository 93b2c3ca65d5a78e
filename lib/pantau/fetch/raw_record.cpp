#include "pantau/fetch/raw_record.h"

#include "pantau/json_writer.h"
#include "pantau/sha256.h"
#include "pantau/utf8.h"

namespace pantau::fetch {

bool is_kept_header(std::string_view n) {
  auto starts = [&](std::string_view p) { return n.substr(0, p.size()) == p; };
  return n == "content-type" || n == "date" || n == "link" || n == "retry-after" || n == "etag" ||
         n == "x-exit-status" || n == "last-modified" || starts("x-ratelimit-") ||
         starts("ratelimit-") || starts("x-rate-limit-") || starts("x-app-usage") ||
         starts("x-business-use-case-usage");
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                       (uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                       uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (i < bytes.size()) {
    uint32_t v = uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
    if (i + 1 < bytes.size()) v |= uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

void append_raw_record(const RawRecordInfo& info, std::string* out) {
  const HttpResponse& r = *info.response;
  JsonWriter w(out);
  w.begin_object();
  w.field("kind", "raw");
  w.field("platform", info.platform);
  w.field("adapter", info.adapter);
  w.field("endpoint", info.endpoint);
  w.field("request_url", info.request_url);
  w.field("status", int64_t{info.status.value_or(r.status)});
  w.key("headers");
  w.begin_object();
  for (const auto& [name, value] : r.headers) {
    if (is_kept_header(name)) w.field(name, value);
  }
  if (info.extra_headers != nullptr) {
    for (const auto& [name, value] : *info.extra_headers) w.field(name, value);
  }
  w.end_object();
  w.field("fetched_at", format_rfc3339(info.fetched_at));
  w.field("tool", info.tool);
  w.field("sha256", sha256_hex(r.body));
  w.key("account");
  if (info.account != nullptr) {
    records::write_account(w, *info.account, records::AccountForm::kRecord);
  } else {
    w.null();
  }
  w.field("page", info.page);
  w.field_or_null("cursor", info.cursor);
  if (is_valid_utf8(r.body)) {
    w.field("body_encoding", "utf-8");
    w.field("body", r.body);
  } else {
    w.field("body_encoding", "base64");
    w.field("body", base64_encode(r.body));
  }
  w.end_object();
}

}  // namespace pantau::fetch
