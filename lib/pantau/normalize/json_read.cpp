#include "pantau/normalize/json_read.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "pantau/record.h"
#include "pantau/utf8.h"

namespace pantau::normalize {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads 4 hex digits at s[i]; -1 when they are not there.
int read_hex4(std::string_view s, size_t i) {
  if (i + 4 > s.size()) return -1;
  int v = 0;
  for (size_t k = i; k < i + 4; ++k) {
    int h = hex_value(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

std::string_view trim_token(std::string_view t) {
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' || t.back() == '\t')) {
    t.remove_suffix(1);
  }
  return t;
}

// The JSON number grammar (RFC 8259): -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view t) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

}  // namespace

std::string_view json_string_body(const char* quote) {
  const char* start = quote + 1;
  const char* p = start;
  for (;;) {
    // The closing quote is the first '"' preceded by an even number of backslashes; memchr
    // finds candidates with SIMD. The document was validated, so one exists.
    // Blocks of 64 bytes never read past the document's padding, which is at least 64 bytes.
    const char* q = static_cast<const char*>(std::memchr(p, '"', 64));
    if (q == nullptr) {
      p += 64;
      continue;
    }
    p = q;
    size_t backslashes = 0;
    for (const char* b = p; b > start && b[-1] == '\\'; --b) ++backslashes;
    if (backslashes % 2 == 0) break;
    ++p;
  }
  return {start, static_cast<size_t>(p - start)};
}

size_t unescape_json_string(std::string_view s, std::string* out) {
  size_t repairs = 0;
  // Escapes are dense in a raw record's body (every key is \"key\"), so we copy byte by byte
  // through a pointer into a buffer sized for the worst case (the output is never longer than
  // the input: "\uXXXX" is 6 bytes for at most 3, a surrogate pair 12 for 4).
  const size_t base = out->size();
  out->resize(base + s.size());
  char* d = out->data() + base;
  size_t m = 0;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Eight bytes at a time while there is no backslash among them (SWAR zero-byte test).
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      const uint64_t x = w ^ 0x5C5C5C5C5C5C5C5CULL;
      if (((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL) != 0) break;
      std::memcpy(d + m, &w, 8);
      m += 8;
      i += 8;
    }
    if (i >= n) break;
    const char c = s[i];
    if (c != '\\') {
      d[m++] = c;
      ++i;
      continue;
    }
    if (i + 1 >= n) break;  // a lone backslash at the end: not valid JSON, dropped
    const char e = s[i + 1];
    i += 2;
    if (e != 'u') {
      char r = e;  // '"', '\\', '/' and anything invalid stand for themselves
      if (e == 'b')
        r = '\b';
      else if (e == 'f')
        r = '\f';
      else if (e == 'n')
        r = '\n';
      else if (e == 'r')
        r = '\r';
      else if (e == 't')
        r = '\t';
      d[m++] = r;
      continue;
    }
    int hi = read_hex4(s, i);
    char32_t cp;
    if (hi < 0) {
      cp = 0xFFFD;
      ++repairs;
    } else {
      i += 4;
      cp = static_cast<char32_t>(hi);
      if (hi >= 0xD800 && hi <= 0xDBFF) {
        int lo = (i + 1 < n && s[i] == '\\' && s[i + 1] == 'u') ? read_hex4(s, i + 2) : -1;
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((static_cast<char32_t>(hi) - 0xD800) << 10) +
               (static_cast<char32_t>(lo) - 0xDC00);
          i += 6;
        } else {
          cp = 0xFFFD;
          ++repairs;
        }
      } else if (hi >= 0xDC00 && hi <= 0xDFFF) {
        cp = 0xFFFD;
        ++repairs;
      }
    }
    // Encode into the buffer (at most 4 bytes, and at least 2 input bytes were consumed... the
    // worst case "\u" + bad hex gives 3 output bytes for 2 input bytes, so make room).
    out->resize(base + m);
    append_utf8(cp, out);
    m = out->size() - base;
    out->resize(base + m + (n - i));
    d = out->data() + base;
  }
  out->resize(base + m);
  return repairs;
}

bool read_string(od::value v, std::string* out, size_t* repairs) {
  od::raw_json_string raw;
  if (v.get_raw_json_string().get(raw)) return false;
  // raw.raw() points just past the opening quote.
  std::string_view body = json_string_body(raw.raw() - 1);
  size_t r = unescape_json_string(body, out);
  if (repairs) *repairs += r;
  return true;
}

std::string_view field_key(od::field& f, std::string* scratch) {
  std::string_view body = json_string_body(f.key().raw() - 1);
  if (body.find('\\') == std::string_view::npos) return body;
  scratch->clear();
  unescape_json_string(body, scratch);
  return *scratch;
}

bool read_id(od::value v, std::string* out) {
  od::json_type t;
  if (v.type().get(t)) return false;
  if (t == od::json_type::string) return read_string(v, out);
  if (t != od::json_type::number) return false;
  std::string_view tok = trim_token(v.raw_json_token());
  if (!is_json_number(tok)) return false;
  out->append(tok);
  return true;
}

std::optional<int64_t> read_count(od::value v) {
  od::json_type t;
  if (v.type().get(t)) return std::nullopt;
  if (t == od::json_type::number) {
    std::string_view tok = trim_token(v.raw_json_token());
    int64_t n = 0;
    auto [end, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), n);
    if (ec == std::errc() && end == tok.data() + tok.size()) {
      return n < 0 ? std::nullopt : std::optional<int64_t>(n);
    }
    double d = 0;
    if (v.get_double().get(d) || !std::isfinite(d) || d < 0 || d > 9.2e18) return std::nullopt;
    return static_cast<int64_t>(d);
  }
  if (t == od::json_type::string) {
    std::string s;
    if (!read_string(v, &s)) return std::nullopt;
    int64_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || n < 0) return std::nullopt;
    return n;
  }
  return std::nullopt;
}

std::optional<double> read_double(od::value v) {
  od::json_type t;
  if (v.type().get(t)) return std::nullopt;
  double d = 0;
  if (t == od::json_type::number) {
    if (v.get_double().get(d)) return std::nullopt;
    return d;
  }
  if (t == od::json_type::string) {
    std::string s;
    if (!read_string(v, &s)) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return d;
  }
  return std::nullopt;
}

std::optional<bool> read_bool(od::value v) {
  bool b = false;
  if (v.get_bool().get(b)) return std::nullopt;
  return b;
}

Status copy_value(od::value v, JsonWriter& w, int max_depth) {
  od::json_type t;
  if (auto e = v.type().get(t)) return Error::invalid(json_error_message(e));
  switch (t) {
    case od::json_type::object: {
      od::object obj;
      if (auto e = v.get_object().get(obj)) return Error::invalid(json_error_message(e));
      if (max_depth <= 0) {
        w.null();
        return {};
      }
      w.begin_object();
      for (auto field : obj) {
        od::field f;
        if (auto e = std::move(field).get(f)) return Error::invalid(json_error_message(e));
        std::string scratch;
        w.key(field_key(f, &scratch));
        Status s = copy_value(f.value(), w, max_depth - 1);
        if (!s.ok()) return s;
      }
      w.end_object();
      return {};
    }
    case od::json_type::array: {
      od::array arr;
      if (auto e = v.get_array().get(arr)) return Error::invalid(json_error_message(e));
      if (max_depth <= 0) {
        w.null();
        return {};
      }
      w.begin_array();
      for (auto item : arr) {
        od::value iv;
        if (auto e = item.get(iv)) return Error::invalid(json_error_message(e));
        Status s = copy_value(iv, w, max_depth - 1);
        if (!s.ok()) return s;
      }
      w.end_array();
      return {};
    }
    case od::json_type::string: {
      std::string s;
      read_string(v, &s);
      w.string(s);
      return {};
    }
    case od::json_type::number: {
      // Numbers are copied as written (ids beyond 2^64 keep their digits), so the token must
      // be checked: On Demand only looked at its first character.
      std::string_view tok = trim_token(v.raw_json_token());
      if (!is_json_number(tok)) return Error::invalid("invalid JSON: bad number");
      w.raw(tok);
      return {};
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto e = v.get_bool().get(b)) return Error::invalid(json_error_message(e));
      w.boolean(b);
      return {};
    }
    case od::json_type::null: {
      bool is_null = false;
      if (v.is_null().get(is_null) != simdjson::SUCCESS || !is_null) {
        return Error::invalid("invalid JSON: bad literal");
      }
      w.null();
      return {};
    }
  }
  return {};
}

}  // namespace pantau::normalize
