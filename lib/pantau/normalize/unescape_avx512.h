// The AVX-512 step of JSON string unescaping (json_read.cpp's unescape_json_string()), chosen at
// run time: a raw record's body is a JSON string holding JSON, so nearly every escape in it is
// \" -- and with AVX-512 VBMI2's byte compression, dropping those backslashes costs a few
// instructions per 64 bytes instead of a step per escape. Everything else (\\, \n, \u...) is
// left to the portable code, which also runs where the CPU lacks these instructions.
#pragma once

#include <cstddef>

namespace pantau::normalize {

// Whether this CPU (and OS) runs unescape_quotes_avx512(): AVX-512 F, BW and VBMI2.
bool avx512_vbmi2_available();

struct UnescapeProgress {
  size_t read = 0, written = 0;
};

// Copies src[0, n) to dst, dropping the backslash of every \" pair, 64 bytes a step while each
// backslash of the step is followed by '"'; stops before the first step where one is not, or
// when fewer than 65 bytes are left. Never stops between a backslash and its quote. Writes up to
// 64 bytes past `written`, which the caller must have room for.
// REQUIRES: avx512_vbmi2_available(); src[0] is not the second byte of an escape.
UnescapeProgress unescape_quotes_avx512(const char* src, size_t n, char* dst);

}  // namespace pantau::normalize
