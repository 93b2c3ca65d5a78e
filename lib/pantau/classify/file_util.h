// Small file helpers for loading rule packs, claims and models.
#pragma once

#include <string>
#include <vector>

#include "pantau/result.h"

namespace pantau::classify {

// The whole file as bytes. Errors read "PATH: <strerror>" (kNotFound when it does not exist).
Result<std::string> read_whole_file(const std::string& path);

// Regular files in `dir` whose names end with `suffix`, sorted by name (so loading order, and
// with it every id assignment, is deterministic). An unreadable directory is an error.
Result<std::vector<std::string>> list_files(const std::string& dir, const std::string& suffix);

}  // namespace pantau::classify
