#include "pantau/classify/file_util.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace pantau::classify {

Result<std::vector<std::string>> list_files(const std::string& dir, const std::string& suffix) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> out;
  fs::directory_iterator it(dir, ec);
  if (ec) return Error::io(dir + ": " + ec.message());
  for (const auto& entry : it) {
    if (!entry.is_regular_file(ec)) continue;
    std::string name = entry.path().filename().string();
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace pantau::classify
