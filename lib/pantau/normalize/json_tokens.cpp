#include "pantau/normalize/json_tokens.h"

#include <array>

#include "pantau/normalize/json_read.h"

namespace pantau::normalize {

JsonTokens::JsonTokens() = default;
JsonTokens::~JsonTokens() = default;

simdjson::error_code JsonTokens::index(simdjson::padded_string_view json) {
  n_ = 0;
  error_offset_ = 0;
  const size_t len = json.length();
  // Offsets are uint32; stage 1 also writes a few sentinels behind the last token.
  if (len >= size_t{UINT32_MAX} - 64) return simdjson::CAPACITY;
  if (!impl_ || impl_->capacity() <= len) {
    // Rounded up so that a stream of slowly growing pages does not reallocate for each one.
    const size_t capacity = (len + 1 + 0xFFFF) & ~size_t{0xFFFF};
    std::unique_ptr<simdjson::internal::dom_parser_implementation> fresh;
    if (auto e = simdjson::get_active_implementation()->create_dom_parser_implementation(
            capacity, simdjson::DEFAULT_MAX_DEPTH, fresh)) {
      return e;
    }
    impl_ = std::move(fresh);
  }
  if (auto e = impl_->stage1(reinterpret_cast<const uint8_t*>(json.data()), len,
                             simdjson::stage1_mode::regular)) {
    return e;
  }
  buf_ = json.data();
  len_ = static_cast<uint32_t>(len);
  idx_ = impl_->structural_indexes.get();
  n_ = impl_->n_structural_indexes;
  return simdjson::SUCCESS;
}

JsonTokens::Tok JsonTokens::skip_container(Tok t) const {
  // +1 for an opening bracket, -1 for a closing one: strings start with '"', so brackets inside
  // them are never tokens. Mismatched pairs ("[}") are not noticed here, as in On Demand's skip;
  // the values a mapping reads are checked by fields() and elements().
  static constexpr std::array<int8_t, 256> kDepthChange = [] {
    std::array<int8_t, 256> d{};
    d['{'] = d['['] = 1;
    d['}'] = d[']'] = -1;
    return d;
  }();
  int64_t depth = 0;
  for (Tok i = t; i < n_; ++i) {
    depth += kDepthChange[static_cast<unsigned char>(buf_[idx_[i]])];
    if (depth == 0) return i + 1;
  }
  return bad(t);
}

bool JsonTokens::read_string(Tok t, std::string* out, size_t* repairs) const {
  std::string_view body;
  if (!string_body(t, &body)) return false;
  const size_t r = unescape_json_string_padded(body, out);
  if (repairs) *repairs += r;
  return true;
}

bool JsonTokens::read_id(Tok t, std::string* out) const {
  const char c = first_byte(t);
  if (c == '"') return read_string(t, out);
  if (c != '-' && (c < '0' || c > '9')) return false;
  std::string_view tok = scalar(t);
  if (!is_json_number(tok)) return false;
  out->append(tok);
  return true;
}

std::optional<int64_t> JsonTokens::read_count(Tok t) const {
  const char c = first_byte(t);
  if (c == '"') {
    std::string s;
    if (!read_string(t, &s)) return std::nullopt;
    return count_of_text(s);
  }
  if (c != '-' && (c < '0' || c > '9')) return std::nullopt;
  return count_of_number(scalar(t));
}

std::optional<double> JsonTokens::read_double(Tok t) const {
  const char c = first_byte(t);
  if (c == '"') {
    std::string s;
    if (!read_string(t, &s)) return std::nullopt;
    return double_of_text(s);
  }
  if (c != '-' && (c < '0' || c > '9')) return std::nullopt;
  std::string_view tok = scalar(t);
  if (!is_json_number(tok)) return std::nullopt;
  return double_of_text(tok);
}

}  // namespace pantau::normalize
