#include "pantau/fetch/redact.h"

#include <array>

#include "pantau/fetch/url.h"

namespace pantau::fetch {

bool is_secret_param(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kNames = {
      "key",    "api_key",      "apikey",          "access_token",    "token",    "client_secret",
      "secret", "sig",          "signature",       "appsecret_proof", "password", "refresh_token",
      "auth",   "bearer_token", "x-amz-signature", "session"};
  const std::string n = ascii_lower(name);
  for (auto k : kNames) {
    if (n == k) return true;
  }
  return false;
}

std::string redact_url(std::string_view url) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  size_t hash = url.find('#', q);
  std::string_view query = url.substr(q + 1, hash == std::string_view::npos ? hash : hash - q - 1);
  std::string out(url.substr(0, q + 1));
  bool first = true;
  while (true) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    if (!first) out.push_back('&');
    first = false;
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && is_secret_param(percent_decode(part.substr(0, eq)))) {
      out.append(part.substr(0, eq + 1));
      out.append(kRedacted);
    } else {
      out.append(part);
    }
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  if (hash != std::string_view::npos) out.append(url.substr(hash));
  return out;
}

std::vector<std::string> secrets_in_url(std::string_view url) {
  std::vector<std::string> out;
  size_t q = url.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view query = url.substr(q + 1, url.find('#', q) - q - 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && is_secret_param(percent_decode(part.substr(0, eq)))) {
      const std::string_view value = part.substr(eq + 1);
      out.emplace_back(value);
      std::string decoded = percent_decode(value);
      if (decoded != value) out.push_back(std::move(decoded));
    }
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  return out;
}

std::string redact_known(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out(text);
  for (const auto& s : secrets) {
    // Very short "secrets" would redact ordinary words; real keys are long.
    if (s.size() < 6) continue;
    size_t pos = 0;
    while ((pos = out.find(s, pos)) != std::string::npos) {
      out.replace(pos, s.size(), kRedacted);
      pos += kRedacted.size();
    }
  }
  return out;
}

}  // namespace pantau::fetch
