// Helpers shared by the platform mappings (mapping.h).
#include <charconv>
#include <cmath>

#include "pantau/normalize/mapping.h"
#include "pantau/record.h"

namespace pantau::normalize {

namespace {

// The form almost every platform uses, "2024-01-14T13:03:24Z" or "2024-01-14T13:03:24.001Z",
// read in one pass; false for anything else (parse_datetime() then reads it, the same way).
bool parse_utc_fast(std::string_view s, std::optional<EpochMillis>* out) {
  if ((s.size() != 20 && s.size() != 24) || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
      s[13] != ':' || s[16] != ':' || s.back() != 'Z') {
    return false;
  }
  if (s.size() == 24 && s[19] != '.') return false;
  auto num = [&](size_t at, size_t len, int* v) {
    int x = 0;
    for (size_t k = at; k < at + len; ++k) {
      const unsigned d = static_cast<unsigned char>(s[k]) - unsigned{'0'};
      if (d > 9) return false;
      x = x * 10 + static_cast<int>(d);
    }
    *v = x;
    return true;
  };
  int y = 0, mo = 0, d = 0, hh = 0, mi = 0, ss = 0, ms = 0;
  if (!num(0, 4, &y) || !num(5, 2, &mo) || !num(8, 2, &d) || !num(11, 2, &hh) || !num(14, 2, &mi) ||
      !num(17, 2, &ss) || (s.size() == 24 && !num(20, 3, &ms))) {
    return false;
  }
  // Out-of-range fields (month 13, hour 24, leap seconds, day 31 in a short month) are
  // left to parse_datetime(), which rejects or clamps them.
  if (mo < 1 || mo > 12 || d < 1 || d > 28 || hh > 23 || mi > 59 || ss > 59) return false;
  const int64_t secs = days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss;
  *out = secs * 1000 + ms;
  return true;
}

}  // namespace

void parse_time_text(std::string_view s, std::optional<EpochMillis>* out) {
  out->reset();
  if (s.empty()) return;
  if (parse_utc_fast(s, out)) return;
  bool digits = true;
  for (char c : s) digits = digits && c >= '0' && c <= '9';
  if (digits) {
    int64_t secs = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), secs);
    if (ec == std::errc() && end == s.data() + s.size() && secs < 100'000'000'000LL) {
      *out = secs * 1000;
    }
    return;
  }
  auto t = parse_datetime(s);
  if (t) *out = *t;
}

namespace {

// The two forms a platform time takes in JSON, for both ways of reading it.
void time_of_seconds(double secs, std::optional<EpochMillis>* out) {
  if (secs >= 0 && secs < 1e11) *out = static_cast<EpochMillis>(std::llround(secs * 1000.0));
}
void time_of_string_body(std::string_view body, std::optional<EpochMillis>* out) {
  if (find_backslash_padded(body) == std::string_view::npos) return parse_time_text(body, out);
  std::string s;  // escapes in a time: rare
  unescape_json_string_padded(body, &s);
  parse_time_text(s, out);
}

}  // namespace

void read_time(od::value v, std::optional<EpochMillis>* out) {
  out->reset();
  od::json_type t;
  if (v.type().get(t)) return;
  if (t == od::json_type::number) {
    double secs = 0;
    if (!v.get_double().get(secs)) time_of_seconds(secs, out);
    return;
  }
  std::string_view body;
  if (string_body(v, &body)) time_of_string_body(body, out);
}

void read_time(const JsonTokens& doc, uint32_t token, std::optional<EpochMillis>* out) {
  out->reset();
  std::string_view body;
  if (doc.string_body(token, &body)) {
    time_of_string_body(body, out);
  } else if (auto secs = doc.read_double(token)) {
    time_of_seconds(*secs, out);
  }
}

Error json_error(std::string_view what, simdjson::error_code e) {
  return Error::invalid(std::string(what) + ": " + json_error_message(e));
}

std::string_view expected_input(Mapping m) {
  static constexpr struct {
    JsonMapping json;
    TokenMapping tokens;
    std::string_view what;
  } kExpected[] = {
      {nullptr, map_x,
       "an X API v2 page ({\"data\": [{\"id\", \"text\", ...}], \"includes\", \"meta\"}) or a "
       "twarc2 flatten tweet ({\"id\", \"text\", \"author\", \"__twarc\"})"},
      {map_youtube, nullptr,
       "a YouTube Data API list ({\"kind\", \"items\": [...]}; of activities, only uploads "
       "(contentDetails.upload.videoId) are posts)"},
      {map_facebook, nullptr, "a Graph API page ({\"data\": [{\"id\", \"message\", ...}]})"},
      {map_instagram, nullptr,
       "a Graph API media page ({\"data\": [...]} or {\"business_discovery\": {\"media\": "
       "{\"data\": [...]}}})"},
      {map_tiktok, nullptr, "a TikTok Research API response ({\"data\": {\"videos\": [...]}})"},
      {map_mastodon, nullptr,
       "a Mastodon status ({\"id\", \"uri\", \"content\", \"account\"}), an array of them, or a "
       "context ({\"ancestors\", \"descendants\"})"},
      {map_bluesky, nullptr,
       "a Bluesky page ({\"feed\": [...]} or {\"posts\": [...]}), thread ({\"thread\"}), feed "
       "item or post view"},
      {map_ytdlp, nullptr,
       "yt-dlp info JSON (-j: {\"id\", \"extractor_key\", ...} per video; -J: {\"_type\": "
       "\"playlist\", \"entries\": [...]})"},
      {map_gallery_dl, nullptr, "gallery-dl -j output ([[2, {post}], [3, \"url\", {file}], ...])"},
      {map_zeeschuimer, nullptr, "a Zeeschuimer item ({\"source_platform\", \"data\": {...}})"},
      {map_telegram_export, nullptr,
       "a Telegram Desktop export ({\"name\", \"id\", \"messages\": [...]})"},
  };
  for (const auto& e : kExpected) {
    if (Mapping(e.json) == m || Mapping(e.tokens) == m) return e.what;
  }
  return "a format pantau knows";
}

}  // namespace pantau::normalize
