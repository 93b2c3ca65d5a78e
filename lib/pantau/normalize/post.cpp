#include "pantau/normalize/post.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Whether an entity can start at text[i]: '#', '@', or the "ht" of "http://" / "https://"
// (URLs are matched in lower case only).
bool may_start_entity(std::string_view text, size_t i) {
  const char c = text[i];
  return c == '#' || c == '@' || (c == 'h' && i + 1 < text.size() && text[i + 1] == 't');
}

// The first index >= i where an entity can start (may_start_entity()), or n. Sixteen bytes at a
// time with SSE2 (part of every x86-64): most text has few of them. Stopping at "ht" rather than
// at every 'h' matters: 'h' is a common letter, and each stop is a branch the CPU mispredicts.
size_t next_entity_start(std::string_view text, size_t i) {
  const size_t n = text.size();
#if defined(__SSE2__)
  const __m128i hash = _mm_set1_epi8('#');
  const __m128i at = _mm_set1_epi8('@');
  const __m128i h = _mm_set1_epi8('h');
  const __m128i t = _mm_set1_epi8('t');
  for (; i + 17 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 1));
    const __m128i ht = _mm_and_si128(_mm_cmpeq_epi8(v, h), _mm_cmpeq_epi8(next, t));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, hash), _mm_cmpeq_epi8(v, at)), ht);
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (i < n && !may_start_entity(text, i)) ++i;
  return i;
}

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
  created_at_precision = {};
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
    i = next_entity_start(text, i);
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool boundary = i == 0 || !is_ascii_word(static_cast<unsigned char>(text[i - 1]));
    if (boundary && c == 'h' &&
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

void PostWriter::post_id(const Post& post, std::string* out) {
  out->assign(post.platform);
  out->push_back(':');
  out->append(post.native_id);
}

void PostWriter::append_clean(std::string_view value, size_t* repairs, RecordWriter& w) {
  // Names, handles and URLs get the same clean-up as text: NUL bytes in TikTok usernames are
  // real. Most are printable ASCII, which cleaning leaves as it is: those are copied at once.
  if (w.plain_string_or_null(value)) return;
  field_.clear();
  *repairs += text::clean_text(value, &field_, &scratch_);
  w.string_or_null(field_);
}

template <typename Strings>
void PostWriter::append_strings(const Strings& items, size_t* repairs, RecordWriter& w) {
  w.byte('[');
  bool first = true;
  for (const auto& s : items) {
    if (!first) w.byte(',');
    first = false;
    if (!s.empty() && w.plain_string_or_null(s)) continue;
    field_.clear();
    *repairs += text::clean_text(s, &field_, &scratch_);
    w.string(field_);
  }
  w.byte(']');
}

namespace {

void append_count(RecordWriter& w, const std::optional<int64_t>& v) {
  if (v && *v >= 0) {
    w.uint(static_cast<uint64_t>(*v));
  } else {
    w.literal("null");
  }
}

void append_double(double d, RecordWriter& w) {
  if (!std::isfinite(d)) {
    w.literal("null");
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) {
    w.literal("null");
    return;
  }
  w.raw(std::string_view(buf, static_cast<size_t>(end - buf)));
}

}  // namespace

bool PostWriter::ProvenanceTail::matches(const Provenance& p) const {
  return valid && line == p.line && input == p.input && fetched_at == p.fetched_at &&
         raw_sha256 == p.raw_sha256 && request_url == p.request_url && format == p.format;
}

const PostWriter::ProvenanceTail& PostWriter::provenance_tail(const Provenance& prov) {
  ProvenanceTail& t = tail_;
  if (t.matches(prov)) return t;
  // The same for every post of a raw record (or a foreign line): written once, then copied.
  t.format = prov.format;
  t.raw_sha256 = prov.raw_sha256;
  t.fetched_at = prov.fetched_at;
  t.request_url = prov.request_url;
  t.input.assign(prov.input);
  t.line = prov.line;
  t.json.clear();
  t.repairs = 0;
  {
    RecordWriter w(&t.json);
    w.literal(R"(,"observed_at":)");
    w.string_or_null(prov.fetched_at);
    w.literal(R"(},"source":{"format":)");
    w.string(prov.format);
    w.literal(R"(,"raw_sha256":)");
    append_clean(prov.raw_sha256, &t.repairs, w);
    w.literal(R"(,"fetched_at":)");
    append_clean(prov.fetched_at, &t.repairs, w);
    w.literal(R"(,"request_url":)");
    append_clean(prov.request_url, &t.repairs, w);
    w.literal(R"(,"input":)");
    append_clean(prov.input, &t.repairs, w);
    w.literal(R"(,"line":)");
    w.uint(prov.line);
    w.byte('}');
  }
  t.valid = true;
  return t;
}

// The record is assembled through a RecordWriter in the order pantau-records(5) documents: this
// is the hot path of pantau-normalize, and every string here is valid UTF-8 already.
void PostWriter::write(const Post& p, const Provenance& prov, std::string* out) {
  RecordWriter w(out);
  write(p, prov, w);
}

void PostWriter::write(const Post& p, const Provenance& prov, RecordWriter& w) {
  text_.clear();
  size_t repairs = p.utf8_repairs + text::clean_text(p.text, &text_, &scratch_);
  found_tags_.clear();
  found_mentions_.clear();
  found_urls_.clear();
  if (!(p.given_hashtags && p.given_mentions && p.given_urls)) {
    extract_entities(text_, &found_tags_, &found_mentions_, &found_urls_);
  }
  const ProvenanceTail& tail = provenance_tail(prov);
  repairs += tail.repairs;

  w.literal(R"({"kind":"post","id":)");
  post_id(p, &id_);
  w.string(id_);
  w.literal(R"(,"platform":)");
  w.string(p.platform);
  w.literal(R"(,"native_id":)");
  append_clean(p.native_id, &repairs, w);
  w.literal(R"(,"url":)");
  append_clean(p.url, &repairs, w);
  w.literal(R"(,"type":)");
  w.string(p.type);
  w.literal(R"(,"parent":)");
  append_clean(p.parent, &repairs, w);
  w.literal(R"(,"created_at":)");
  if (p.created_at) {
    w.time(*p.created_at);
  } else {
    w.literal("null");
  }
  if (!p.created_at_precision.empty() && p.created_at) {
    w.literal(R"(,"created_at_precision":)");
    w.string(p.created_at_precision);
  }
  w.literal(R"(,"author":{"id":)");
  append_clean(p.author_id, &repairs, w);
  w.literal(R"(,"handle":)");
  append_clean(p.author_handle, &repairs, w);
  w.literal(R"(,"name":)");
  append_clean(p.author_name, &repairs, w);
  w.literal(R"(},"account":)");
  if (prov.account_json.empty()) {
    w.literal("null");
  } else {
    w.raw(prov.account_json);
  }
  w.literal(R"(,"text":)");
  w.string(text_);
  w.literal(R"(,"lang":)");
  // "und" (X) and "" mean the platform did not determine a language; X still says "in" for
  // Indonesian, which ISO 639-1 renamed "id" in 1989.
  append_clean(p.lang == "und"  ? std::string_view()
               : p.lang == "in" ? std::string_view("id")
                                : std::string_view(p.lang),
               &repairs, w);
  w.literal(R"(,"title":)");
  append_clean(p.title, &repairs, w);
  w.literal(R"(,"hashtags":)");
  if (p.given_hashtags) {
    append_strings(p.hashtags, &repairs, w);
  } else {
    append_strings(found_tags_, &repairs, w);
  }
  w.literal(R"(,"mentions":)");
  if (p.given_mentions) {
    append_strings(p.mentions, &repairs, w);
  } else {
    append_strings(found_mentions_, &repairs, w);
  }
  w.literal(R"(,"urls":)");
  if (p.given_urls) {
    append_strings(p.urls, &repairs, w);
  } else {
    append_strings(found_urls_, &repairs, w);
  }
  w.literal(R"(,"media":[)");
  bool first = true;
  for (const Media& m : p.media) {
    if (!first) w.byte(',');
    first = false;
    w.literal(R"({"type":)");
    w.string(m.type);
    w.literal(R"(,"url":)");
    append_clean(m.url, &repairs, w);
    w.literal(R"(,"duration":)");
    if (m.duration) {
      append_double(*m.duration, w);
    } else {
      w.literal("null");
    }
    w.byte('}');
  }
  w.literal(R"(],"metrics":{"likes":)");
  append_count(w, p.likes);
  w.literal(R"(,"comments":)");
  append_count(w, p.comments);
  w.literal(R"(,"shares":)");
  append_count(w, p.shares);
  w.literal(R"(,"views":)");
  append_count(w, p.views);
  w.literal(R"(,"quotes":)");
  append_count(w, p.quotes);
  w.literal(R"(,"bookmarks":)");
  append_count(w, p.bookmarks);
  w.raw(tail.json);
  if (repairs > 0 || prov.utf8_repaired) w.literal(R"(,"utf8_repaired":true)");
  w.byte('}');
}

}  // namespace pantau::normalize
