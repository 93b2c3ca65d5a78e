// JsonTokens: a JSON document read through simdjson's stage-1 structural index directly, for
// the mapping that carries most of the volume (X pages, 100 posts per response).
//
// Why not On Demand, as the other mappings use: Debian's libsimdjson picks the best stage 1 at
// run time (AVX-512 or AVX2), but the On Demand iteration is inline header code, and a binary
// built for baseline x86-64 gets simdjson's portable "fallback" kernel for it. Walking an X page
// that way cost a fifth of pantau-normalize's time. The index itself is all a mapping needs: a
// uint32 offset for every {, }, [, ], :, "," and for the first byte of every string and scalar.
// Fields are found by looking at one byte per token, and values a mapping does not read are
// skipped by counting brackets over the index, never looking at their bytes.
//
// Validation is what On Demand gives: stage 1 checks UTF-8, unclosed strings and control
// characters in strings over the whole text; the walk checks the grammar of every object and
// array it enters (keys, ':' and ',' where they belong) and the nesting of everything it
// skips. Reading never goes past the index, whatever the input: a malformed document gives
// kBad, never a crash (json_tokens_test walks thousands of mutated documents).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/normalize/json_read.h"

namespace pantau::normalize {

class JsonTokens {
 public:
  using Tok = uint32_t;                         // a token's number in the index
  static constexpr Tok kBad = UINT32_MAX;       // the walk found malformed JSON
  static constexpr Tok kSkip = UINT32_MAX - 1;  // from a callback: "skip this value for me"

  JsonTokens();
  ~JsonTokens();
  JsonTokens(const JsonTokens&) = delete;
  JsonTokens& operator=(const JsonTokens&) = delete;

  // Indexes `json` (with SIMDJSON_PADDING readable bytes behind its end, which must stay alive
  // and unchanged while the index is used). Errors are stage 1's (UTF8_ERROR, UNCLOSED_STRING,
  // EMPTY, ...) or CAPACITY for texts over 4 GiB.
  simdjson::error_code index(simdjson::padded_string_view json);

  // The first token (the root value) is 0.
  Tok size() const { return n_; }
  // The first byte of token t: '{', '[', '"', a digit, 't', ... or '\0' past the end.
  char first_byte(Tok t) const { return t < n_ ? buf_[idx_[t]] : '\0'; }
  bool is_object(Tok t) const { return first_byte(t) == '{'; }
  bool is_array(Tok t) const { return first_byte(t) == '['; }

  // The token after the value that starts at t (for an object or array: after its closing
  // bracket); kBad when the brackets do not balance before the end.
  Tok skip(Tok t) const {
    const char c = first_byte(t);
    if (c != '{' && c != '[') return t < n_ ? t + 1 : bad(t);
    return skip_container(t);
  }

  // Calls fn(std::string_view key, Tok value) -> Tok for each field of the object at t, in
  // document order. fn returns the token after the value when it read the value through the
  // index itself, kSkip to have it skipped, or kBad to stop. Returns the token after the
  // object, or kBad. A value that is not an object (platforms write null for "nothing") is
  // skipped as if it were an empty one. Keys with escapes are unescaped into a scratch buffer
  // valid during the call.
  template <typename Fn>
  Tok fields(Tok t, Fn&& fn) const;
  // The same for the elements of an array: fn(Tok value) -> Tok.
  template <typename Fn>
  Tok elements(Tok t, Fn&& fn) const;

  // Values. Each returns false / nullopt when the token is not of the type it reads, as the
  // On Demand helpers in json_read.h do, and never fails a record for one odd value.
  // The bytes between a string's quotes, escapes included.
  bool string_body(Tok t, std::string_view* body) const;
  // Appends the unescaped string (bad \u escapes become U+FFFD, counted in *repairs).
  bool read_string(Tok t, std::string* out, size_t* repairs = nullptr) const;
  // A string, or a number's digits exactly as written.
  bool read_id(Tok t, std::string* out) const;
  // A non-negative count: an integer, a float (rounded toward zero) or a decimal string.
  std::optional<int64_t> read_count(Tok t) const;
  // A number or numeric string.
  std::optional<double> read_double(Tok t) const;
  // A scalar's text: from its first byte to the next token, without trailing white space.
  std::string_view scalar(Tok t) const;

  // Where the walk first found malformed JSON: a byte offset into the text (for messages).
  size_t error_offset() const { return error_offset_; }

 private:
  Tok skip_container(Tok t) const;
  // The key of the field whose name token is t (followed by ':' at t + 1); false when the
  // tokens are not a key and a colon.
  bool key_at(Tok t, std::string_view* key) const;
  // Returns kBad, noting the offset of token t (or the end) as where the JSON went wrong.
  Tok bad(Tok t) const {
    error_offset_ = t < n_ ? idx_[t] : len_;
    return kBad;
  }

  std::unique_ptr<simdjson::internal::dom_parser_implementation> impl_;
  const char* buf_ = nullptr;
  const uint32_t* idx_ = nullptr;
  Tok n_ = 0;
  uint32_t len_ = 0;
  mutable std::string key_scratch_;
  mutable size_t error_offset_ = 0;
};

// Inline: these run for every field of every post.

inline std::string_view JsonTokens::scalar(Tok t) const {
  const uint32_t start = idx_[t];
  const uint32_t end = t + 1 < n_ ? idx_[t + 1] : len_;
  return trim_token({buf_ + start, end - start});
}

inline bool JsonTokens::string_body(Tok t, std::string_view* body) const {
  if (first_byte(t) != '"') return false;
  // A string's token runs to the next one: its closing quote, then perhaps white space.
  const uint32_t start = idx_[t];
  const uint32_t end = t + 1 < n_ ? idx_[t + 1] : len_;
  if (end - start >= 2 && buf_[end - 1] == '"') {
    *body = {buf_ + start + 1, end - start - 2};
    return true;
  }
  std::string_view tok = scalar(t);
  if (tok.size() < 2 || tok.back() != '"') return false;
  *body = tok.substr(1, tok.size() - 2);
  return true;
}

inline bool JsonTokens::key_at(Tok t, std::string_view* key) const {
  // A key is a string token followed by a ':' token; only white space may come between its
  // closing quote and the colon (anything else would have been a token of its own).
  if (t + 1 >= n_ || buf_[idx_[t + 1]] != ':' || !string_body(t, key)) return false;
  if (find_backslash_padded(*key) == std::string_view::npos) return true;
  key_scratch_.clear();
  unescape_json_string(*key, &key_scratch_);
  *key = key_scratch_;
  return true;
}

template <typename Fn>
JsonTokens::Tok JsonTokens::fields(Tok t, Fn&& fn) const {
  if (first_byte(t) != '{') return skip(t);
  ++t;
  if (first_byte(t) == '}') return t + 1;
  for (;;) {
    std::string_view key;
    if (!key_at(t, &key)) return bad(t);
    const Tok value = t + 2;
    if (value >= n_) return bad(value);
    Tok next = fn(key, value);
    if (next == kSkip) next = skip(value);
    if (next == kBad) return kBad;
    const char c = first_byte(next);
    if (c == '}') return next + 1;
    if (c != ',') return bad(next);
    t = next + 1;
  }
}

template <typename Fn>
JsonTokens::Tok JsonTokens::elements(Tok t, Fn&& fn) const {
  if (first_byte(t) != '[') return skip(t);
  ++t;
  if (first_byte(t) == ']') return t + 1;
  for (;;) {
    if (t >= n_) return bad(t);
    Tok next = fn(t);
    if (next == kSkip) next = skip(t);
    if (next == kBad) return kBad;
    const char c = first_byte(next);
    if (c == ']') return next + 1;
    if (c != ',') return bad(next);
    t = next + 1;
  }
}

}  // namespace pantau::normalize
