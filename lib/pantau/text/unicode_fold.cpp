#include "pantau/text/unicode_fold.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "pantau/utf8.h"

namespace pantau::text {
namespace {

// The options utf8proc_NFC() and utf8proc_NFKC_Casefold() use. With COMPOSE set,
// utf8proc_decompose_char() decomposes canonically; COMPAT adds compatibility mappings.
constexpr utf8proc_option_t kNfcOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
constexpr utf8proc_option_t kNfkcCasefoldOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);

// Outside Hangul, the code points with combining class 0 that appear after the first place of a
// canonical decomposition (computed once from utf8proc's tables; unicode_fold_test.cpp re-derives
// the list by enumerating every code point).
constexpr std::array<int32_t, 26> kSecondStarters = {
    0x09BE,  0x09D7,  0x0B3E,  0x0B56,  0x0B57,  0x0BBE,  0x0BD7,  0x0CC2, 0x0CD5,
    0x0CD6,  0x0D3E,  0x0D57,  0x0DCF,  0x0DDF,  0x0FB5,  0x0FB7,  0x102E, 0x1B35,
    0x11127, 0x1133E, 0x11357, 0x114B0, 0x114BA, 0x114BD, 0x115AF, 0x11930};

int combining_class(int32_t cp) { return utf8proc_get_property(cp)->combining_class; }

bool is_unicode_space(int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return true;
    default:
      return cp == 0x85 || cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r';
  }
}

bool is_ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// What each ASCII byte becomes in a fast-path run; kDrop removes it.
constexpr char kDrop = '\x7f';
struct AsciiTable {
  char map[128];
};
constexpr AsciiTable make_table(bool nfkc) {
  AsciiTable t{};
  for (int c = 0; c < 128; ++c) {
    char v = static_cast<char>(c);
    if (c < 0x20 || c == 0x7f) {
      if (nfkc) {
        v = (c == ' ' || (c >= '\t' && c <= '\r')) ? ' ' : kDrop;
      } else {
        v = (c == '\n' || c == '\t') ? v : kDrop;
      }
    } else if (nfkc && c >= 'A' && c <= 'Z') {
      v = static_cast<char>(c + ('a' - 'A'));
    }
    t.map[c] = v;
  }
  return t;
}
constexpr AsciiTable kNfcAsciiTable = make_table(false);
constexpr AsciiTable kNfkcAsciiTable = make_table(true);
constexpr const char (&kNfcAscii)[128] = kNfcAsciiTable.map;
constexpr const char (&kNfkcAscii)[128] = kNfkcAsciiTable.map;

class Folder {
 public:
  Folder(FoldMode mode, FoldScratch* s, std::string* out, std::vector<uint32_t>* begin,
         std::vector<uint32_t>* end)
      : nfkc_(mode == FoldMode::kNfkcCasefold), s_(s), out_(out), begin_(begin), end_(end) {
    s_->seg.clear();
    s_->seg_begin.clear();
    s_->seg_end.clear();
  }

  // An ASCII run, through a 128-entry table: one lookup and one store per byte.
  void ascii_run(std::string_view in, size_t from, size_t to) {
    const auto& table = nfkc_ ? kNfkcAscii : kNfcAscii;
    const size_t old = out_->size();
    out_->append(in.data() + from, to - from);  // memcpy, then mapped in place
    char* d = out_->data() + old;
    size_t m = 0;
    if (begin_ == nullptr) {
      for (size_t k = from; k < to; ++k) {
        const char c = table[static_cast<unsigned char>(in[k])];
        d[m] = c;
        m += c != kDrop;
      }
    } else {
      const size_t old_map = begin_->size();
      begin_->resize(old_map + (to - from));
      end_->resize(old_map + (to - from));
      uint32_t* b = begin_->data() + old_map;
      uint32_t* e = end_->data() + old_map;
      for (size_t k = from; k < to; ++k) {
        const char c = table[static_cast<unsigned char>(in[k])];
        d[m] = c;
        b[m] = static_cast<uint32_t>(k);
        e[m] = static_cast<uint32_t>(k + 1);
        m += c != kDrop;
      }
      begin_->resize(old_map + m);
      end_->resize(old_map + m);
    }
    out_->resize(old + m);
  }

  // One source code point at [b, e) that takes the general path.
  void code_point(int32_t cp, uint32_t b, uint32_t e) {
    if (cp < 0x80) {
      unsigned char c = static_cast<unsigned char>(cp);
      if (c < 0x20 || c == 0x7f) {
        if (nfkc_ && is_ascii_space(c)) return space(b, e);
        if (nfkc_ || (c != '\n' && c != '\t')) return;
      } else if (nfkc_ && c >= 'A' && c <= 'Z') {
        cp += 'a' - 'A';
      }
      return push(cp, b, e);
    }
    if (!nfkc_ && cp <= 0x9f) return;  // C1 controls
    auto& cache = s_->cache[nfkc_ ? 1 : 0];
    if (cache.empty()) cache.resize(FoldScratch::kCacheSize);
    FoldScratch::CacheEntry& slot = cache[static_cast<size_t>(cp) % FoldScratch::kCacheSize];
    if (slot.cp == cp && slot.to >= 0) {
      flush();  // a plain starter: it ends the pending segment
      push_starter(slot.to, b, e);
      return;
    }
    int32_t buf[32];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, buf, 32, nfkc_ ? kNfkcCasefoldOptions : kNfcOptions, &boundclass);
    if (n < 0 || n > 32) {  // cannot happen for valid code points (the longest mapping is 18)
      buf[0] = 0xFFFD;
      n = 1;
    }
    // Remember code points that become one plain starter (no space, no control, combining
    // class 0, never the second of a composition).
    slot.cp = cp;
    slot.to = -1;
    if (n == 1 && combining_class(buf[0]) == 0 && !is_second_starter(buf[0]) &&
        !is_unicode_space(buf[0]) && utf8proc_category(buf[0]) != UTF8PROC_CATEGORY_CC) {
      slot.to = buf[0];
    }
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
      int32_t d = buf[k];
      if (nfkc_) {
        if (is_unicode_space(d)) {
          space(b, e);
          continue;
        }
        if (utf8proc_category(d) == UTF8PROC_CATEGORY_CC) continue;
      }
      push(d, b, e);
    }
  }

  void flush() {
    auto& seg = s_->seg;
    const size_t m = seg.size();
    if (m == 0) return;
    if (m == 1) {
      emit(seg[0], s_->seg_begin[0], s_->seg_end[0]);
    } else {
      // Canonical ordering: a stable sort of each run of non-starters by combining class.
      for (size_t i = 1; i < m; ++i) {
        for (size_t j = i; j > 0; --j) {
          int cj = combining_class(seg[j]);
          if (cj == 0 || combining_class(seg[j - 1]) <= cj) break;
          std::swap(seg[j], seg[j - 1]);
          std::swap(s_->seg_begin[j], s_->seg_begin[j - 1]);
          std::swap(s_->seg_end[j], s_->seg_end[j - 1]);
        }
      }
      utf8proc_ssize_t len =
          utf8proc_normalize_utf32(seg.data(), static_cast<utf8proc_ssize_t>(m), kNfcOptions);
      if (len == static_cast<utf8proc_ssize_t>(m)) {
        for (size_t i = 0; i < m; ++i) emit(seg[i], s_->seg_begin[i], s_->seg_end[i]);
      } else {
        // Something composed: every resulting character stands for the whole sequence.
        uint32_t b = *std::min_element(s_->seg_begin.begin(), s_->seg_begin.end());
        uint32_t e = *std::max_element(s_->seg_end.begin(), s_->seg_end.end());
        for (utf8proc_ssize_t i = 0; i < len; ++i) emit(seg[static_cast<size_t>(i)], b, e);
      }
    }
    seg.clear();
    s_->seg_begin.clear();
    s_->seg_end.clear();
  }

 private:
  // A starter known to begin a new segment (the caller flushed).
  void push_starter(int32_t cp, uint32_t b, uint32_t e) {
    s_->seg.push_back(cp);
    s_->seg_begin.push_back(b);
    s_->seg_end.push_back(e);
  }

  void push(int32_t cp, uint32_t b, uint32_t e) {
    if (combining_class(cp) == 0 && !is_second_starter(cp)) flush();
    s_->seg.push_back(cp);
    s_->seg_begin.push_back(b);
    s_->seg_end.push_back(e);
  }

  void space(uint32_t b, uint32_t e) {
    flush();
    emit(' ', b, e);
  }

  void emit(int32_t cp, uint32_t b, uint32_t e) {
    size_t before = out_->size();
    append_utf8(static_cast<char32_t>(cp), out_);
    if (begin_) {
      begin_->insert(begin_->end(), out_->size() - before, b);
      end_->insert(end_->end(), out_->size() - before, e);
    }
  }

  bool nfkc_;
  FoldScratch* s_;
  std::string* out_;
  std::vector<uint32_t>* begin_;
  std::vector<uint32_t>* end_;
};

// ---- The simple path ----

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// True when all eight bytes of `w` are printable ASCII (0x20 to 0x7E); SWAR, exact.
inline bool all_printable_ascii(uint64_t w) {
  const uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const uint64_t x = w ^ (kOnes * 0x7F);
  const uint64_t del = (x - kOnes) & ~x;
  return ((w | below_space | del) & kHighs) == 0;
}

// 'A'-'Z' to 'a'-'z' in a word of printable ASCII (no byte can carry into the next).
inline uint64_t ascii_lower(uint64_t w) {
  const uint64_t at_least_a = w + kOnes * (0x80 - 'A');
  const uint64_t above_z = w + kOnes * (0x80 - 'Z' - 1);
  return w | (((at_least_a ^ above_z) & kHighs) >> 2);
}

// Decodes the well-formed UTF-8 sequence at p (whose first byte is >= 0x80) into *cp and
// returns its length, or 0 when it is ill-formed (the general path decides what that means).
inline size_t decode_sequence(const unsigned char* p, size_t avail, int32_t* cp) {
  const int32_t c = p[0];
  auto cont = [&](size_t k) { return k < avail && (p[k] & 0xC0) == 0x80; };
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    if (!cont(1)) return 0;
    *cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  }
  if (c < 0xF0) {
    if (!cont(1) || !cont(2)) return 0;
    const int32_t v = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return 3;
  }
  if (c < 0xF5) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const int32_t v =
        ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    if (v < 0x10000 || v > 0x10FFFF) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

// Whether `cp` is simple (see unicode_fold.h) and, if so, its normalized form: the general path
// run on the code point alone. A simple code point's form does not depend on its neighbours
// when they are simple too: its decomposition starts with a starter that nothing before it can
// compose with (or is empty), so it starts a new segment, and the next one does the same.
FoldScratch::SimpleFold compute_simple(int32_t cp, FoldMode mode, FoldScratch* s) {
  FoldScratch::SimpleFold f;
  f.state = FoldScratch::kComplex;
  int32_t buf[32];
  int boundclass = 0;
  const utf8proc_ssize_t n = utf8proc_decompose_char(
      cp, buf, 32, mode == FoldMode::kNfkcCasefold ? kNfkcCasefoldOptions : kNfcOptions,
      &boundclass);
  if (n < 0 || n > 32) return f;
  if (n > 0 && (combining_class(buf[0]) != 0 || is_second_starter(buf[0]))) return f;
  std::string utf8, form;
  append_utf8(static_cast<char32_t>(cp), &utf8);
  fold_text_general(utf8, mode, s, &form, nullptr, nullptr);
  if (form.size() > sizeof f.bytes) return f;
  std::memcpy(f.bytes, form.data(), form.size());
  f.state = static_cast<uint8_t>(1 + form.size());
  return f;
}

// The table entry for `cp`, computed when first asked for; *spare holds it for code points
// beyond the table.
const FoldScratch::SimpleFold& simple_fold(int32_t cp, FoldMode mode, FoldScratch* s,
                                           FoldScratch::SimpleFold* spare) {
  if (cp >= FoldScratch::kSimpleLimit) {
    *spare = compute_simple(cp, mode, s);
    return *spare;
  }
  auto& pages = s->simple[mode == FoldMode::kNfkcCasefold ? 1 : 0];
  if (pages.empty()) pages.resize(FoldScratch::kSimpleLimit >> 8);
  auto& page = pages[static_cast<size_t>(cp) >> 8];
  if (!page) page = std::make_unique<FoldScratch::SimpleFold[]>(256);
  FoldScratch::SimpleFold& e = page[cp & 0xFF];
  if (e.state == 0) e = compute_simple(cp, mode, s);
  return e;
}

// The simple path. Appends to *out (and the maps when kMap) and returns true, or returns false
// at the first code point that needs the general path, leaving partial output behind (the
// caller truncates it). Output is written through raw pointers into buffers sized ahead: the
// invariant at the top of the loop is room >= (bytes of input left) + 16, since ASCII never
// grows and a simple form is copied as one 15-byte block.
template <bool kMap>
bool fold_simple(std::string_view in, FoldMode mode, FoldScratch* s, std::string* out,
                 std::vector<uint32_t>* begin, std::vector<uint32_t>* end) {
  const bool nfkc = mode == FoldMode::kNfkcCasefold;
  const auto& table = nfkc ? kNfkcAscii : kNfcAscii;
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  const size_t base = out->size();
  const size_t map_base = kMap ? begin->size() : 0;
  size_t cap = n + 16;
  char* d = nullptr;
  uint32_t* b = nullptr;
  uint32_t* e = nullptr;
  auto reserve = [&] {
    out->resize(base + cap);
    d = out->data() + base;
    if constexpr (kMap) {
      begin->resize(map_base + cap);
      end->resize(map_base + cap);
      b = begin->data() + map_base;
      e = end->data() + map_base;
    }
  };
  reserve();
  FoldScratch::SimpleFold spare;
  size_t i = 0, m = 0;
  while (i < n) {
#if defined(__SSE2__)
    // Sixteen bytes at a time: stored whole (lower-cased for NFKC_Casefold), then the pointers
    // advance to the first byte that is not printable ASCII, if any.
    if (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
      const __m128i from_space = _mm_sub_epi8(v, _mm_set1_epi8(0x20));
      const __m128i printable =
          _mm_cmpeq_epi8(_mm_min_epu8(from_space, _mm_set1_epi8(0x5E)), from_space);
      const unsigned special = ~static_cast<unsigned>(_mm_movemask_epi8(printable)) & 0xFFFFu;
      __m128i folded = v;
      if (nfkc) {
        const __m128i from_a = _mm_sub_epi8(v, _mm_set1_epi8('A'));
        const __m128i upper = _mm_cmpeq_epi8(_mm_min_epu8(from_a, _mm_set1_epi8(25)), from_a);
        folded = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(d + m), folded);
      const size_t k = special == 0 ? 16 : static_cast<size_t>(__builtin_ctz(special));
      if constexpr (kMap) {
        const __m128i step = _mm_set_epi32(3, 2, 1, 0);
        __m128i from = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(i)), step);
        for (size_t q = 0; q < 16; q += 4) {
          _mm_storeu_si128(reinterpret_cast<__m128i*>(b + m + q), from);
          _mm_storeu_si128(reinterpret_cast<__m128i*>(e + m + q),
                           _mm_add_epi32(from, _mm_set1_epi32(1)));
          from = _mm_add_epi32(from, _mm_set1_epi32(4));
        }
      }
      i += k;
      m += k;
      if (k == 16) continue;
    }
#endif
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, src + i, 8);
      if (all_printable_ascii(w)) {
        if (nfkc) w = ascii_lower(w);
        std::memcpy(d + m, &w, 8);
        if constexpr (kMap) {
          for (uint32_t k = 0; k < 8; ++k) {
            b[m + k] = static_cast<uint32_t>(i) + k;
            e[m + k] = static_cast<uint32_t>(i) + k + 1;
          }
        }
        i += 8;
        m += 8;
        continue;
      }
    }
    const unsigned char c = src[i];
    if (c < 0x80) {
      const char t = table[c];
      d[m] = t;
      if constexpr (kMap) {
        b[m] = static_cast<uint32_t>(i);
        e[m] = static_cast<uint32_t>(i + 1);
      }
      m += t != kDrop;
      ++i;
      continue;
    }
    int32_t cp = 0;
    const size_t len = decode_sequence(src + i, n - i, &cp);
    if (len == 0) return false;
    const FoldScratch::SimpleFold& f = simple_fold(cp, mode, s, &spare);
    if (f.state == FoldScratch::kComplex) return false;
    const size_t form = f.state - 1u;
    if (form > len && cap - m < (n - i) + 16 + form) {
      cap += n + 64;
      reserve();
    }
    std::memcpy(d + m, f.bytes, sizeof f.bytes);
    if constexpr (kMap) {
      for (size_t k = 0; k < form; ++k) {
        b[m + k] = static_cast<uint32_t>(i);
        e[m + k] = static_cast<uint32_t>(i + len);
      }
    }
    m += form;
    i += len;
  }
  out->resize(base + m);
  if constexpr (kMap) {
    begin->resize(map_base + m);
    end->resize(map_base + m);
  }
  return true;
}

}  // namespace

bool is_second_starter(int32_t cp) {
  if (cp < 0x09BE) return false;
  if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2)) return true;
  return std::binary_search(kSecondStarters.begin(), kSecondStarters.end(), cp);
}

bool fold_text_simple(std::string_view in, FoldMode mode, FoldScratch* scratch, std::string* out,
                      std::vector<uint32_t>* begin, std::vector<uint32_t>* end) {
  const size_t base = out->size();
  const size_t map_base = begin ? begin->size() : 0;
  const bool done = begin ? fold_simple<true>(in, mode, scratch, out, begin, end)
                          : fold_simple<false>(in, mode, scratch, out, nullptr, nullptr);
  if (done) return true;
  out->resize(base);
  if (begin) {
    begin->resize(map_base);
    end->resize(map_base);
  }
  return false;
}

void fold_text(std::string_view in, FoldMode mode, FoldScratch* scratch, std::string* out,
               std::vector<uint32_t>* begin, std::vector<uint32_t>* end) {
  if (fold_text_simple(in, mode, scratch, out, begin, end)) return;
  fold_text_general(in, mode, scratch, out, begin, end);
}

void fold_text_general(std::string_view in, FoldMode mode, FoldScratch* scratch, std::string* out,
                       std::vector<uint32_t>* begin, std::vector<uint32_t>* end) {
  Folder folder(mode, scratch, out, begin, end);
  const size_t n = in.size();
  auto ascii = [&](size_t k) { return static_cast<unsigned char>(in[k]) < 0x80; };
  size_t i = 0;
  while (i < n) {
    if (ascii(i) && (i + 1 == n || ascii(i + 1))) {
      // Fast path: the ASCII run, except a last character followed by non-ASCII (a combining
      // mark there would compose with it).
      folder.flush();
      size_t j = i + 1;
      while (j < n && ascii(j)) ++j;
      if (j < n) --j;  // keep the one before a non-ASCII byte for the general path
      if (j == i) j = i + 1;
      folder.ascii_run(in, i, j);
      i = j;
      continue;
    }
    size_t start = i;
    char32_t cp = decode_utf8(in, &i);
    folder.code_point(static_cast<int32_t>(cp), static_cast<uint32_t>(start),
                      static_cast<uint32_t>(i));
  }
  folder.flush();
}

}  // namespace pantau::text
