#include "pantau/fetch/run_verify.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "pantau/sha256.h"

namespace pantau::fetch {

std::string timestamp_token_path(const std::string& manifest_path) {
  constexpr std::string_view kJson = ".json";
  if (manifest_path.size() > kJson.size() &&
      manifest_path.compare(manifest_path.size() - kJson.size(), kJson.size(), kJson) == 0) {
    return manifest_path.substr(0, manifest_path.size() - kJson.size()) + ".tsr";
  }
  return manifest_path + ".tsr";
}

Result<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found(path + ": " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error::io(path + ": read error");
  return text;
}

Result<VerifyOutcome> verify_run(const std::string& raw_path, const std::string& manifest_path,
                                 const std::string& ca_file) {
  auto text = read_whole_file(manifest_path);
  if (!text) return text.error();
  auto manifest = parse_manifest(*text);
  if (!manifest) return Error::invalid(manifest_path + ": " + manifest.error().message);
  auto lines = hash_file_lines(raw_path);
  if (!lines) return lines.error();
  VerifyOutcome out;
  out.lines = static_cast<int64_t>(lines->size());
  out.manifest_lines = static_cast<int64_t>(manifest->lines.size());
  out.problems = compare_lines(*lines, manifest->lines);
  out.manifest_sha256 = sha256_hex(*text);
  out.token_path = timestamp_token_path(manifest_path);
  out.signature_checked = !ca_file.empty();
  std::ifstream probe(out.token_path, std::ios::binary);
  out.has_token = static_cast<bool>(probe);
  if (!out.has_token) {
    if (!ca_file.empty()) out.token_error = out.token_path + ": no timestamp token";
    return out;
  }
  auto token = read_whole_file(out.token_path);
  if (!token) return token.error();
  auto info = verify_timestamp(*token, out.manifest_sha256, ca_file);
  if (info) {
    out.token = *info;
  } else {
    out.token_error = out.token_path + ": " + info.error().message;
  }
  return out;
}

}  // namespace pantau::fetch
