#include "pantau/normalize/post.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "pantau/json_writer.h"
#include "pantau/normalize/json_out.h"
#include "pantau/text/word_chars.h"
#include "pantau/utf8.h"

namespace pantau::normalize {
namespace {

bool is_ascii_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A letter, mark or digit at text[i] (of any script); *len receives its byte length.
bool is_word_at(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return is_ascii_word(c);
  }
  return text::is_word_code_point_at(s, i, len);
}

// Bytes that can start an entity: '#', '@', and 'h'/'H' of http(s)://.
struct StartTable {
  bool t[256];
};
constexpr StartTable make_start_table() {
  StartTable s{};
  s.t[static_cast<unsigned char>('#')] = true;
  s.t[static_cast<unsigned char>('@')] = true;
  s.t[static_cast<unsigned char>('h')] = true;
  s.t[static_cast<unsigned char>('H')] = true;
  return s;
}
constexpr StartTable kEntityStartTable = make_start_table();
constexpr const bool (&kEntityStart)[256] = kEntityStartTable.t;

void add_unique(std::vector<std::string_view>* v, std::string_view s) {
  if (std::find(v->begin(), v->end(), s) == v->end()) v->push_back(s);
}

bool is_url_end(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '<' || c == '>' || c == '"';
}

}  // namespace

void Post::clear() {
  platform = {};
  native_id.clear();
  url.clear();
  type = "post";
  parent.clear();
  created_at.reset();
  author_id.clear();
  author_handle.clear();
  author_name.clear();
  text.clear();
  lang.clear();
  title.clear();
  hashtags.clear();
  mentions.clear();
  urls.clear();
  given_hashtags = given_mentions = given_urls = false;
  media.clear();
  likes = comments = shares = views = quotes = bookmarks = std::nullopt;
  utf8_repairs = 0;
}

void Provenance::clear() {
  format.clear();
  raw_sha256.clear();
  fetched_at.clear();
  request_url.clear();
  account_json.clear();
  input = {};
  line = 0;
  utf8_repaired = false;
}

void extract_entities(std::string_view text, std::vector<std::string_view>* hashtags,
                      std::vector<std::string_view>* mentions,
                      std::vector<std::string_view>* urls) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Skip to the next byte that can start an entity: most text has none.
    while (i < n && !kEntityStart[static_cast<unsigned char>(text[i])]) ++i;
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool boundary = i == 0 || !is_ascii_word(static_cast<unsigned char>(text[i - 1]));
    if (boundary && (c == 'h' || c == 'H') &&
        (text.compare(i, 7, "http://") == 0 || text.compare(i, 8, "https://") == 0)) {
      size_t j = i;
      while (j < n && !is_url_end(static_cast<unsigned char>(text[j]))) ++j;
      size_t e = j;
      while (e > i &&
             std::string_view(".,;:!?'\")]}").find(text[e - 1]) != std::string_view::npos) {
        --e;
      }
      if (text.substr(i, e - i).find("://") + 3 < e - i) add_unique(urls, text.substr(i, e - i));
      i = j;
      continue;
    }
    if (boundary && c == '#') {
      size_t j = i + 1, len = 0;
      bool letter = false;
      while (j < n && is_word_at(text, j, &len)) {
        letter = letter || !(text[j] >= '0' && text[j] <= '9');
        j += len;
      }
      if (letter) add_unique(hashtags, text.substr(i + 1, j - i - 1));
      i = std::max(j, i + 1);
      continue;
    }
    if (boundary && c == '@') {
      size_t j = i + 1;
      while (j < n && (is_ascii_word(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
      // Fediverse handles carry their server: @user@host.
      if (j < n && text[j] == '@' && j + 1 < n &&
          is_ascii_word(static_cast<unsigned char>(text[j + 1]))) {
        ++j;
        while (j < n && (is_ascii_word(static_cast<unsigned char>(text[j])) || text[j] == '.' ||
                         text[j] == '-')) {
          ++j;
        }
      }
      size_t e = j;
      while (e > i + 1 && text[e - 1] == '.') --e;
      if (e > i + 1) add_unique(mentions, text.substr(i + 1, e - i - 1));
      i = std::max(j, i + 1);
      continue;
    }
    ++i;
  }
}

PostWriter::PostWriter(const text::SlangTable* slang) : normalizer_(slang) {}

void PostWriter::post_id(const Post& post, std::string* out) {
  out->assign(post.platform);
  out->push_back(':');
  out->append(post.native_id);
}

void PostWriter::append_clean(std::string_view value, size_t* repairs, std::string* out) {
  // Names, handles and URLs get the same clean-up as text: NUL bytes in TikTok usernames are
  // real. clean_text() copies plain ASCII as it is, so this costs little.
  field_.clear();
  *repairs += text::clean_text(value, &field_, &scratch_);
  append_json_quoted_or_null(field_, out);
}

template <typename Strings>
void PostWriter::append_strings(const Strings& items, size_t* repairs, std::string* out) {
  out->push_back('[');
  bool first = true;
  for (const auto& s : items) {
    if (!first) out->push_back(',');
    first = false;
    field_.clear();
    *repairs += text::clean_text(s, &field_, &scratch_);
    append_json_string_valid(field_, out);
  }
  out->push_back(']');
}

namespace {

void append_count(std::string_view key, const std::optional<int64_t>& v, std::string* out) {
  out->append(key);
  if (v && *v >= 0) {
    append_uint(static_cast<uint64_t>(*v), out);
  } else {
    out->append("null");
  }
}

void append_double(double d, std::string* out) {
  if (!std::isfinite(d)) {
    out->append("null");
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) {
    out->append("null");
    return;
  }
  out->append(buf, static_cast<size_t>(end - buf));
}

}  // namespace

// The record is assembled with plain appends in the order pantau-records(5) documents: this is
// the hot path of pantau-normalize (JsonWriter's checked, byte-wise escaping cost a third of the
// run time), and every string here is valid UTF-8 already.
void PostWriter::write(const Post& p, const Provenance& prov, std::string* out) {
  text_.clear();
  size_t repairs = p.utf8_repairs + text::clean_text(p.text, &text_, &scratch_);
  out->append(R"({"kind":"post","id":)");
  post_id(p, &id_);
  append_json_string_valid(id_, out);
  out->append(R"(,"platform":)");
  append_json_string_valid(p.platform, out);
  out->append(R"(,"native_id":)");
  append_clean(p.native_id, &repairs, out);
  out->append(R"(,"url":)");
  append_clean(p.url, &repairs, out);
  out->append(R"(,"type":)");
  append_json_string_valid(p.type, out);
  out->append(R"(,"parent":)");
  append_clean(p.parent, &repairs, out);
  out->append(R"(,"created_at":)");
  if (p.created_at) {
    append_json_time(*p.created_at, out);
  } else {
    out->append("null");
  }
  out->append(R"(,"author":{"id":)");
  append_clean(p.author_id, &repairs, out);
  out->append(R"(,"handle":)");
  append_clean(p.author_handle, &repairs, out);
  out->append(R"(,"name":)");
  append_clean(p.author_name, &repairs, out);
  out->append(R"(},"account":)");
  out->append(prov.account_json.empty() ? std::string_view("null") : prov.account_json);
  out->append(R"(,"text":)");
  append_json_string_valid(text_, out);
  out->append(R"(,"text_norm":)");
  normalizer_.normalize_text(text_, &norm_text_);
  append_json_string_valid(norm_text_, out);
  out->append(R"(,"lang":)");
  // "und" (X) and "" mean the platform did not determine a language; X still says "in" for
  // Indonesian, which ISO 639-1 renamed "id" in 1989.
  append_clean(p.lang == "und"  ? std::string_view()
               : p.lang == "in" ? std::string_view("id")
                                : std::string_view(p.lang),
               &repairs, out);
  out->append(R"(,"title":)");
  append_clean(p.title, &repairs, out);

  found_tags_.clear();
  found_mentions_.clear();
  found_urls_.clear();
  if (!(p.given_hashtags && p.given_mentions && p.given_urls)) {
    extract_entities(text_, &found_tags_, &found_mentions_, &found_urls_);
  }
  out->append(R"(,"hashtags":)");
  if (p.given_hashtags) {
    append_strings(p.hashtags, &repairs, out);
  } else {
    append_strings(found_tags_, &repairs, out);
  }
  out->append(R"(,"mentions":)");
  if (p.given_mentions) {
    append_strings(p.mentions, &repairs, out);
  } else {
    append_strings(found_mentions_, &repairs, out);
  }
  out->append(R"(,"urls":)");
  if (p.given_urls) {
    append_strings(p.urls, &repairs, out);
  } else {
    append_strings(found_urls_, &repairs, out);
  }
  out->append(R"(,"media":[)");
  bool first = true;
  for (const Media& m : p.media) {
    if (!first) out->push_back(',');
    first = false;
    out->append(R"({"type":)");
    append_json_string_valid(m.type, out);
    out->append(R"(,"url":)");
    append_clean(m.url, &repairs, out);
    out->append(R"(,"duration":)");
    if (m.duration) {
      append_double(*m.duration, out);
    } else {
      out->append("null");
    }
    out->push_back('}');
  }
  out->append("]");
  append_count(R"(,"metrics":{"likes":)", p.likes, out);
  append_count(R"(,"comments":)", p.comments, out);
  append_count(R"(,"shares":)", p.shares, out);
  append_count(R"(,"views":)", p.views, out);
  append_count(R"(,"quotes":)", p.quotes, out);
  append_count(R"(,"bookmarks":)", p.bookmarks, out);
  out->append(R"(,"observed_at":)");
  append_json_quoted_or_null(prov.fetched_at, out);
  out->append(R"(},"source":{"format":)");
  append_json_string_valid(prov.format, out);
  out->append(R"(,"raw_sha256":)");
  append_clean(prov.raw_sha256, &repairs, out);
  out->append(R"(,"fetched_at":)");
  append_clean(prov.fetched_at, &repairs, out);
  out->append(R"(,"request_url":)");
  append_clean(prov.request_url, &repairs, out);
  out->append(R"(,"input":)");
  append_clean(prov.input, &repairs, out);
  out->append(R"(,"line":)");
  append_uint(prov.line, out);
  out->push_back('}');
  if (repairs > 0 || prov.utf8_repaired) out->append(R"(,"utf8_repaired":true)");
  out->push_back('}');
}

}  // namespace pantau::normalize
