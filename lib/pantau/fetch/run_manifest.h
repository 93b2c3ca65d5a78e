// The run manifest: what one fetch-accounts run wrote, line by line, as SHA-256 digests in
// order, with the run's metadata. Timestamped by a time-stamping authority (trusted_time.h), it
// shows that these exact records existed at that time: a raw file that verifies against a
// timestamped manifest was not written, edited, reordered or cut later.
//
// The manifest is one JSON object on one line (docs/fetch.md, "Trusted time"):
//   {"kind":"manifest","format":1,"tool":...,"started_at":...,"ended_at":...,
//    "argv":[...],"registry":[{"file":...,"sha256":...}],"shard":...,"output":"<stdout>",
//    "records":N,"lines_sha256":"<hex>","lines":["<hex>",...]}
// `lines` holds the SHA-256 of each line written (without its newline); `lines_sha256` is the
// SHA-256 of those digests joined by '\n', a single value to quote. The manifest's own hash,
// which a timestamp token covers, is the SHA-256 of the file's bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pantau/result.h"

namespace pantau::fetch {

struct RunManifest {
  std::string tool;  // "pantau-fetch-accounts 0.1.0"
  std::string started_at, ended_at;
  std::vector<std::string> argv;  // with secrets redacted (redact_argument)
  std::vector<std::pair<std::string, std::string>> registry;  // file, SHA-256 of its bytes
  std::string shard;                                          // "K/N", or "" for all
  std::string output = "<stdout>";
  std::vector<std::string> lines;  // SHA-256 hex of every line written, in order

  void add_line(std::string_view line);
};

// The manifest's bytes: one JSON object and a newline.
std::string manifest_json(const RunManifest& m);

// Reads a manifest written by manifest_json(). Errors name the member at fault.
Result<RunManifest> parse_manifest(std::string_view text);

// SHA-256 of the digests joined by '\n' (the manifest's "lines_sha256").
std::string lines_digest(const std::vector<std::string>& lines);

// One difference between a raw file and its manifest. `line` is the file's line number (1-based;
// 0 when the difference is not at a line of the file, e.g. a line missing at its end).
struct ManifestProblem {
  int64_t line = 0;
  std::string message;
};

// Compares the digests of a file's lines with the manifest's, in order: a changed line, a line
// missing from the file, a line not in the manifest. Empty when they match.
std::vector<ManifestProblem> compare_lines(const std::vector<std::string>& file_lines,
                                           const std::vector<std::string>& manifest_lines);

// The SHA-256 of every line of `path` (without its newline; a last line without one counts).
Result<std::vector<std::string>> hash_file_lines(const std::string& path);

// An argument with any credentials in it replaced by REDACTED: the user:password of a URL
// (https://u:p@host/ -> https://REDACTED@host/) and secret query parameters (redact.h).
std::string redact_argument(std::string_view arg);

}  // namespace pantau::fetch
