#include "pantau/fetch/credentials.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "pantau/fetch/account.h"
#include "pantau/fetch/url.h"
#include "pantau/sha256.h"

namespace pantau::fetch {

void CredentialPool::add(const std::string& platform, std::string_view list) {
  auto& v = by_platform_[platform];
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view one = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (one.empty()) continue;
    Credential c;
    c.secret = std::string(one);
    c.id = sha256_hex(one).substr(0, 16);
    v.push_back(std::move(c));
  }
}

namespace {

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view one = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (!one.empty()) out.emplace_back(one);
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Status CredentialPool::add_pairs(const std::string& platform, std::string_view keys,
                                 std::string_view secrets) {
  const auto k = split_list(keys);
  const auto s = split_list(secrets);
  if (k.size() != s.size()) {
    return Error::invalid(platform + ": " + std::to_string(k.size()) + " client key(s) but " +
                          std::to_string(s.size()) + " client secret(s)");
  }
  for (size_t i = 0; i < k.size(); ++i) {
    add(platform, s[i]);
    by_platform_[platform].back().client_key = k[i];
  }
  return {};
}

Status CredentialPool::load_env_pairs(const std::string& platform, const std::string& key_var,
                                      const std::string& secret_var) {
  if (from_file_[platform] || key_var.empty() || secret_var.empty()) return {};
  const char* k = std::getenv(key_var.c_str());
  const char* s = std::getenv(secret_var.c_str());
  if (k == nullptr && s == nullptr) return {};
  Status st = add_pairs(platform, k != nullptr ? k : "", s != nullptr ? s : "");
  if (!st.ok()) return Error::invalid(key_var + " and " + secret_var + ": " + st.message());
  return {};
}

Status CredentialPool::load_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Error::io(path + ": " + std::strerror(errno));
  // Like ssh with private keys: a secret others can read is not a secret any more.
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Error::invalid(path + ": credentials file is readable by group or others (chmod 600 " +
                          path + ")");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::io(path + ": " + std::strerror(errno));
  std::string line;
  int64_t n = 0;
  std::map<std::string, std::string> client_keys;  // platform -> its *_CLIENT_KEY list
  while (std::getline(in, line)) {
    ++n;
    std::string_view t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t.substr(0, 7) == "export ") t = trim(t.substr(7));
    size_t eq = t.find('=');
    if (eq == std::string_view::npos) {
      return Error::invalid(path + ":" + std::to_string(n) + ": expected NAME=secret");
    }
    std::string name(trim(t.substr(0, eq)));
    std::string_view value = trim(t.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    std::string platform = canonical_platform(name);
    if (platform.empty()) {
      // PANTAU_YOUTUBE_API_KEY -> youtube, PANTAU_X_BEARER_TOKEN -> x
      std::string lower = ascii_lower(name);
      if (lower.rfind("pantau_", 0) == 0) {
        std::string rest = lower.substr(7);
        platform = canonical_platform(rest.substr(0, rest.find('_')));
      }
    }
    if (platform.empty()) {
      return Error::invalid(path + ":" + std::to_string(n) + ": unknown credential name " + name);
    }
    from_file_[platform] = true;
    if (ends_with(ascii_lower(name), "_client_key")) {  // the public half of a pair
      std::string& keys = client_keys[platform];
      keys += (keys.empty() ? "" : ",") + std::string(value);
      continue;
    }
    add(platform, value);
  }
  for (const auto& [platform, keys] : client_keys) {
    auto& v = by_platform_[platform];
    const auto k = split_list(keys);
    if (k.size() != v.size()) {
      return Error::invalid(path + ": " + std::to_string(k.size()) + " client key(s) for " +
                            platform + " but " + std::to_string(v.size()) + " client secret(s)");
    }
    for (size_t i = 0; i < k.size(); ++i) v[i].client_key = k[i];
  }
  return {};
}

void CredentialPool::load_env(const std::string& platform, const std::string& var) {
  if (from_file_[platform] || var.empty()) return;
  const char* v = std::getenv(var.c_str());
  if (v != nullptr) add(platform, v);
}

bool CredentialPool::has(const std::string& platform) const {
  auto it = by_platform_.find(platform);
  return it != by_platform_.end() && !it->second.empty();
}

int CredentialPool::current(const std::string& platform) const {
  auto it = by_platform_.find(platform);
  if (it == by_platform_.end()) return -1;
  for (size_t i = 0; i < it->second.size(); ++i) {
    if (!it->second[i].dead && !it->second[i].exhausted) return static_cast<int>(i);
  }
  return -1;
}

Credential& CredentialPool::at(const std::string& platform, int index) {
  return by_platform_[platform][static_cast<size_t>(index)];
}

size_t CredentialPool::count(const std::string& platform) const {
  auto it = by_platform_.find(platform);
  return it == by_platform_.end() ? 0 : it->second.size();
}

std::vector<std::string> CredentialPool::all_secrets() const {
  std::vector<std::string> out;
  for (const auto& [p, v] : by_platform_) {
    for (const auto& c : v) {
      out.push_back(c.secret);
      if (!c.client_key.empty()) out.push_back(c.client_key);
    }
  }
  return out;
}

}  // namespace pantau::fetch
