// Checking a raw file against its run manifest and the manifest's timestamp token: every line's
// SHA-256 in order (a changed, missing or added line is named by its line number), then the
// token (trusted_time.h) over the manifest file's SHA-256, its signature checked when the
// authority's CA certificate is given. pantau-fetch-accounts --verify prints the outcome.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pantau/fetch/run_manifest.h"
#include "pantau/fetch/trusted_time.h"
#include "pantau/result.h"

namespace pantau::fetch {

struct VerifyOutcome {
  int64_t lines = 0;           // lines of the raw file
  int64_t manifest_lines = 0;  // lines the manifest lists
  std::vector<ManifestProblem> problems;
  std::string manifest_sha256;  // of the manifest file's bytes: what a token covers
  std::string token_path;
  bool has_token = false;          // the token file exists
  std::optional<TokenInfo> token;  // when it verified
  std::string token_error;         // why it did not
  bool signature_checked = false;  // a CA file was given

  bool ok() const { return problems.empty() && token_error.empty(); }
};

// Where the token of a manifest is kept: M.json -> M.tsr, any other name M -> M.tsr.
std::string timestamp_token_path(const std::string& manifest_path);

// Reads the whole file; errors name it.
Result<std::string> read_whole_file(const std::string& path);

// Errors only when a file cannot be read or the manifest is not one; differences are in the
// outcome.
Result<VerifyOutcome> verify_run(const std::string& raw_path, const std::string& manifest_path,
                                 const std::string& ca_file);

}  // namespace pantau::fetch
