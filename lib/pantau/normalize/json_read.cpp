#include "pantau/normalize/json_read.h"

#include <charconv>
#include <cmath>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "pantau/normalize/unescape_avx512.h"
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

}  // namespace

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

namespace {

// The index of the first backslash in s, or npos: inline, sixteen bytes at a time with SSE2
// (strings here are short, and a call to memchr costs more than the search).
size_t find_backslash(std::string_view s) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') return i;
  }
  return std::string_view::npos;
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

namespace {

// One escape sequence at s[i] (s[i] == '\\'): writes its bytes at d and returns how many;
// advances *i past it and counts bad \u escapes in *repairs. Writes at most 4 bytes. A lone
// backslash at the end writes nothing (not valid JSON, dropped).
size_t unescape_one(std::string_view s, size_t* i, char* d, size_t* repairs) {
  const size_t n = s.size();
  if (*i + 1 >= n) {
    *i = n;
    return 0;
  }
  const char e = s[*i + 1];
  *i += 2;
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
    *d = r;
    return 1;
  }
  const int hi = read_hex4(s, *i);
  char32_t cp;
  if (hi < 0) {
    cp = 0xFFFD;
    ++*repairs;
  } else {
    *i += 4;
    cp = static_cast<char32_t>(hi);
    if (hi >= 0xD800 && hi <= 0xDBFF) {
      const int lo = (*i + 1 < n && s[*i] == '\\' && s[*i + 1] == 'u') ? read_hex4(s, *i + 2) : -1;
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((static_cast<char32_t>(hi) - 0xD800) << 10) +
             (static_cast<char32_t>(lo) - 0xDC00);
        *i += 6;
      } else {
        cp = 0xFFFD;
        ++*repairs;
      }
    } else if (hi >= 0xDC00 && hi <= 0xDFFF) {
      cp = 0xFFFD;
      ++*repairs;
    }
  }
  char buf[4];
  size_t len;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    len = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 4;
  }
  std::memcpy(d, buf, len);
  return len;
}

}  // namespace

namespace {
// Unescapes s, whose first backslash is at `first` (npos: none); with the AVX-512 step
// (unescape_avx512.h) when `avx512`.
size_t unescape_after(std::string_view s, size_t first, std::string* out, bool avx512);
}  // namespace

size_t unescape_json_string(std::string_view s, std::string* out) {
  return unescape_after(s, find_backslash(s), out, avx512_vbmi2_available());
}

size_t unescape_json_string_portable(std::string_view s, std::string* out) {
  return unescape_after(s, find_backslash(s), out, false);
}

size_t unescape_json_string_padded(std::string_view s, std::string* out) {
  return unescape_after(s, find_backslash_padded(s), out, avx512_vbmi2_available());
}

namespace {

// The bytes of the one-character escapes: each stands for itself ('"', '\\', '/', and the
// invalid ones, as unescape_one() has it) except the five control-character escapes. 'u' is
// handled out of line.
struct EscapeTable {
  char t[256];
};
constexpr EscapeTable make_escape_table() {
  EscapeTable e{};
  for (int c = 0; c < 256; ++c) e.t[c] = static_cast<char>(c);
  e.t[static_cast<unsigned char>('b')] = '\b';
  e.t[static_cast<unsigned char>('f')] = '\f';
  e.t[static_cast<unsigned char>('n')] = '\n';
  e.t[static_cast<unsigned char>('r')] = '\r';
  e.t[static_cast<unsigned char>('t')] = '\t';
  return e;
}
constexpr EscapeTable kEscapeTable = make_escape_table();

// Copies n bytes from src to d in 16-byte pieces: writes up to 16 bytes past d + n and reads up
// to 16 bytes past src + n. Segments between escapes are short; memcpy would be a call each,
// and the first piece is stored unconditionally, so a segment of up to 16 bytes (an empty one
// too) takes no branch that depends on its length.
inline void copy_pieces(char* d, const char* src, size_t n) {
  size_t k = 0;
  do {
#if defined(__SSE2__)
    _mm_storeu_si128(reinterpret_cast<__m128i*>(d + k),
                     _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + k)));
#else
    std::memcpy(d + k, src + k, 16);
#endif
    k += 16;
  } while (k < n);
}

// Bit k set when src[k] is a backslash, for k in [0, 64).
inline uint64_t backslash_bits(const char* src) {
#if defined(__SSE2__)
  const __m128i backslash = _mm_set1_epi8('\\');
  uint64_t bits = 0;
  for (int q = 0; q < 4; ++q) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16 * q));
    bits |= static_cast<uint64_t>(
                static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash))))
            << (16 * q);
  }
  return bits;
#else
  uint64_t bits = 0;
  for (int k = 0; k < 64; ++k) bits |= static_cast<uint64_t>(src[k] == '\\') << k;
  return bits;
#endif
}

size_t unescape_after(std::string_view s, size_t first, std::string* out, bool avx512) {
  // Escapes are dense in a raw record's body (every key is \"key\"), so the input is taken 64
  // bytes at a time: one mask of its backslashes, then a step per escape (copy the segment
  // before it in 16-byte pieces, write the escaped byte), with no byte loop and one hard-to-
  // predict branch per block rather than per escape. Output goes through a pointer into a
  // buffer sized ahead. Invariant at the top of the loop: room >= (input left) + 64, because an
  // escape never writes more bytes than it reads, except a bad "\u" (3 bytes for 2), which
  // regrows.
  size_t repairs = 0;
  // Most strings (ids, names, times, most texts) have no escape at all: one search, one copy.
  if (first == std::string_view::npos) {
    out->append(s);
    return 0;
  }
  const size_t base = out->size();
  const size_t n = s.size();
  size_t cap = n + 64;
  out->resize(base + cap);
  char* d = out->data() + base;
  const char* src = s.data();
  std::memcpy(d, src, first);
  size_t m = first, i = first;
  // One escape at src[j] (a backslash); returns the index after it.
  auto escape = [&](size_t j) {
    const char e = j + 1 < n ? src[j + 1] : 'u';  // a lone backslash at the end: out of line
    if (e != 'u') {
      d[m++] = kEscapeTable.t[static_cast<unsigned char>(e)];
      return j + 2;
    }
    const size_t wrote = unescape_one(s, &j, d + m, &repairs);
    m += wrote;
    if (cap - m < (n - j) + 64) {
      cap += n + 64;
      out->resize(base + cap);
      d = out->data() + base;
    }
    return j;
  };
  // Blocks while 64 bytes and the 15 that copy_pieces() may read past a segment are there.
  while (i + 64 + 16 <= n) {
    if (avx512) {
      // As far as the escapes are all \" (in a body, nearly all are), 64 bytes a step; then
      // one block here, for whatever stopped it.
      const UnescapeProgress step = unescape_quotes_avx512(src + i, n - i, d + m);
      i += step.read;
      m += step.written;
      if (i + 64 + 16 > n) break;
    }
    uint64_t mask = backslash_bits(src + i);
    size_t off = 0;  // bytes of the block consumed
    while (mask != 0) {
      const size_t k = static_cast<size_t>(__builtin_ctzll(mask));
      copy_pieces(d + m, src + i + off, k - off);
      m += k - off;
      off = escape(i + k) - i;
      if (off >= 64) break;         // the escape ran past the block (a backslash at its end, a \u)
      mask &= ~uint64_t{0} << off;  // drops an escaped backslash
    }
    if (off < 64) {
      copy_pieces(d + m, src + i + off, 64 - off);
      m += 64 - off;
      off = 64;
    }
    i += off;
  }
  // The last bytes one at a time.
  while (i < n) {
    if (src[i] != '\\') {
      d[m++] = src[i++];
    } else {
      i = escape(i);
    }
  }
  out->resize(base + m);
  return repairs;
}

}  // namespace

bool string_body(od::value v, std::string_view* body) {
  // The token runs from the opening quote to the next structural character: the closing quote
  // and any white space after it (simdjson's stage 1 found where the string ends).
  std::string_view tok = v.raw_json_token();
  if (tok.empty() || tok[0] != '"') return false;
  tok = trim_token(tok);
  if (tok.size() < 2 || tok.back() != '"') return false;
  *body = tok.substr(1, tok.size() - 2);
  return true;
}

bool read_string(od::value v, std::string* out, size_t* repairs) {
  std::string_view body;
  if (!string_body(v, &body)) return false;
  size_t r = unescape_json_string_padded(body, out);
  if (repairs) *repairs += r;
  return true;
}

std::string_view field_key(od::field& f, std::string* scratch) {
  // The key ends where the value starts, less the ':' and any white space around it: found
  // backwards from the value's token in a few steps instead of searching the key for its quote.
  const char* start = f.key().raw();
  const char* p = f.value().raw_json_token().data() - 1;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (p > start && is_space(*p)) --p;
  std::string_view body;
  if (p > start && *p == ':') {
    --p;
    while (p > start && is_space(*p)) --p;
  }
  if (p >= start && *p == '"' && p[-1] != '\\') {
    body = std::string_view(start, static_cast<size_t>(p - start));
  } else {
    body = json_string_body(start - 1);  // an escaped quote at the end of the key: search
  }
  if (find_backslash_padded(body) == std::string_view::npos) return body;
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

std::optional<int64_t> count_of_number(std::string_view tok) {
  // The usual count: up to 18 digits, no sign, fraction or exponent.
  if (!tok.empty() && tok.size() <= 18) {
    uint64_t value = 0;
    size_t k = 0;
    for (; k < tok.size(); ++k) {
      const unsigned digit = static_cast<unsigned char>(tok[k]) - unsigned{'0'};
      if (digit > 9) break;
      value = value * 10 + digit;
    }
    if (k == tok.size()) return static_cast<int64_t>(value);
  }
  if (!is_json_number(tok)) return std::nullopt;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), n);
  if (ec == std::errc() && end == tok.data() + tok.size()) {
    return n < 0 ? std::nullopt : std::optional<int64_t>(n);
  }
  double d = 0;
  auto [dend, dec] = std::from_chars(tok.data(), tok.data() + tok.size(), d);
  if (dec != std::errc() || dend != tok.data() + tok.size() || !std::isfinite(d) || d < 0 ||
      d > 9.2e18) {
    return std::nullopt;
  }
  return static_cast<int64_t>(d);
}

std::optional<int64_t> count_of_text(std::string_view s) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || n < 0) return std::nullopt;
  return n;
}

std::optional<double> double_of_text(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return d;
}

std::optional<int64_t> read_count(od::value v) {
  od::json_type t;
  if (v.type().get(t)) return std::nullopt;
  if (t == od::json_type::number) return count_of_number(trim_token(v.raw_json_token()));
  if (t == od::json_type::string) {
    std::string s;
    if (!read_string(v, &s)) return std::nullopt;
    return count_of_text(s);
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
    return double_of_text(s);
  }
  return std::nullopt;
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
