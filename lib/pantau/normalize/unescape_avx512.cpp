// unescape_quotes_avx512() (unescape_avx512.h). Compiled for AVX-512 with a function attribute,
// so the rest of the build stays portable x86-64; callers check avx512_vbmi2_available() first.
#include "pantau/normalize/unescape_avx512.h"

#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define PANTAU_HAVE_AVX512_KERNEL 1
#endif

namespace pantau::normalize {

#if defined(PANTAU_HAVE_AVX512_KERNEL)

bool avx512_vbmi2_available() {
  static const bool available = __builtin_cpu_supports("avx512f") &&
                                __builtin_cpu_supports("avx512bw") &&
                                __builtin_cpu_supports("avx512vbmi2");
  return available;
}

__attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt"))) UnescapeProgress
unescape_quotes_avx512(const char* src, size_t n, char* dst) {
  const __m512i backslash = _mm512_set1_epi8('\\');
  const __m512i quote = _mm512_set1_epi8('"');
  size_t i = 0, m = 0;
  while (i + 65 <= n) {
    const __m512i v = _mm512_loadu_si512(src + i);
    uint64_t escapes = _mm512_cmpeq_epi8_mask(v, backslash);
    const uint64_t quotes = _mm512_cmpeq_epi8_mask(v, quote);
    // A backslash in the last byte pairs with the next block's first: this step stops before
    // it (63 bytes), and the next one starts with it.
    const size_t take = (escapes >> 63) != 0 ? 63 : 64;
    escapes &= take == 64 ? ~uint64_t{0} : ~(uint64_t{1} << 63);
    // Every backslash must be followed by a quote (then it is not itself escaped, and the
    // quote is no escape's first byte).
    if (((escapes << 1) & ~quotes) != 0) break;
    const uint64_t keep = ~escapes & (take == 64 ? ~uint64_t{0} : ~(uint64_t{1} << 63));
    _mm512_storeu_si512(dst + m, _mm512_maskz_compress_epi8(keep, v));
    m += static_cast<size_t>(__builtin_popcountll(keep));
    i += take;
  }
  return {i, m};
}

#else

bool avx512_vbmi2_available() { return false; }

UnescapeProgress unescape_quotes_avx512(const char*, size_t, char*) { return {}; }

#endif

}  // namespace pantau::normalize
