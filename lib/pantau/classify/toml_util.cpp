#include "pantau/classify/toml_util.h"

#include <sstream>

#include "pantau/classify/toml_key_depth.h"

namespace pantau::classify::tomlu {

Result<toml::table> parse(std::string_view contents, const std::string& name) {
  if (Status depth = check_key_depth(contents, name); !depth.ok()) return depth.error();
  try {
    return toml::parse(contents, name);
  } catch (const toml::parse_error& e) {
    std::string d(e.description());
    if (!d.empty() && d.back() == '.') d.pop_back();
    return Error::invalid(name + ":" + std::to_string(e.source().begin.line) + ": " + d);
  }
}

Error error_at(const std::string& name, const toml::node* node, const std::string& message) {
  uint32_t line = node ? node->source().begin.line : 0;
  return Error::invalid(name + ":" + std::to_string(line) + ": " + message);
}

Error error_at(const std::string& name, const toml::table& parent, std::string_view key,
               const std::string& message) {
  const toml::node* n = parent.get(key);
  return error_at(name, n ? n : &parent, message);
}

Result<std::optional<std::string>> get_string(const std::string& name, const toml::table& t,
                                              std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::optional<std::string>{};
  if (auto v = n->value<std::string>()) return std::optional<std::string>{*v};
  return error_at(name, n, "\"" + std::string(key) + "\" must be a string");
}

Result<std::optional<double>> get_number(const std::string& name, const toml::table& t,
                                         std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::optional<double>{};
  if (n->is_number()) return std::optional<double>{*n->value<double>()};
  return error_at(name, n, "\"" + std::string(key) + "\" must be a number");
}

Result<std::optional<bool>> get_bool(const std::string& name, const toml::table& t,
                                     std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::optional<bool>{};
  if (auto v = n->value<bool>()) return std::optional<bool>{*v};
  return error_at(name, n, "\"" + std::string(key) + "\" must be true or false");
}

Result<std::vector<std::string>> get_string_array(const std::string& name, const toml::table& t,
                                                  std::string_view key) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  if (auto s = n->value<std::string>()) {
    out.push_back(*s);
    return out;
  }
  const toml::array* a = n->as_array();
  if (!a) return error_at(name, n, "\"" + std::string(key) + "\" must be a list of strings");
  for (const auto& el : *a) {
    auto s = el.value<std::string>();
    if (!s) return error_at(name, &el, "\"" + std::string(key) + "\" must be a list of strings");
    out.push_back(*s);
  }
  return out;
}

Status check_keys(const std::string& name, const toml::table& t,
                  const std::vector<std::string_view>& allowed) {
  for (const auto& [k, v] : t) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == k.str();
    if (!ok) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return error_at(
          name, &v, "unknown key \"" + std::string(k.str()) + "\" (expected one of: " + list + ")");
    }
  }
  return {};
}

}  // namespace pantau::classify::tomlu
