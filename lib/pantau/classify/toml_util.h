// Internal helpers for reading rule-pack TOML files with file:line errors (not installed).
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/result.h"

namespace pantau::classify::tomlu {

// Parses `contents` as TOML; errors read "NAME:LINE: message".
Result<toml::table> parse(std::string_view contents, const std::string& name);

// "NAME:LINE: message" for a node (line 0 when toml++ does not know it).
Error error_at(const std::string& name, const toml::node* node, const std::string& message);
Error error_at(const std::string& name, const toml::table& parent, std::string_view key,
               const std::string& message);

// Reads an optional string/number/bool/string-array member; a member of the wrong type is an
// error naming the key.
Result<std::optional<std::string>> get_string(const std::string& name, const toml::table& t,
                                              std::string_view key);
Result<std::optional<double>> get_number(const std::string& name, const toml::table& t,
                                         std::string_view key);
Result<std::optional<bool>> get_bool(const std::string& name, const toml::table& t,
                                     std::string_view key);
Result<std::vector<std::string>> get_string_array(const std::string& name, const toml::table& t,
                                                  std::string_view key);

// Fails on members not in `allowed`, so a misspelled key ("wieght") is caught at load time.
Status check_keys(const std::string& name, const toml::table& t,
                  const std::vector<std::string_view>& allowed);

}  // namespace pantau::classify::tomlu
