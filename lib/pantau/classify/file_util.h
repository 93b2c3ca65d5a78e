// Listing the files of a rule pack directory. Reading and writing files is pantau/file_io.h's
// (read_file, write_file_atomic), included here for the loaders.
#pragma once

#include <string>
#include <vector>

#include "pantau/file_io.h"
#include "pantau/result.h"

namespace pantau::classify {

// Regular files in `dir` whose names end with `suffix`, sorted by name (so loading order, and
// with it every id assignment, is deterministic). An unreadable directory is an error.
Result<std::vector<std::string>> list_files(const std::string& dir, const std::string& suffix);

}  // namespace pantau::classify
