// The account registry: the list of accounts to watch, as staff keep it.
//
// Two formats, told apart by the first non-blank byte of each input:
//  - CSV with a header row (',' ';' or tab; UTF-8 with or without BOM). Column names are
//    matched in Indonesian or English, ignoring case, spaces and punctuation: nama/name,
//    partai/party, nomor_urut/ballot_no, dapil/district, wilayah/region, pemilu/election,
//    platform, akun/handle/url, peran/role, kpu/kpu_registered, catatan/notes, id/key. A
//    "wide" sheet with one column per platform (youtube, tiktok, instagram, ...) gives one
//    account per filled cell.
//  - NDJSON "account" records (pantau-records(5)); records of other kinds are handed back
//    untouched so a mixed stream survives.
// Every bad row is reported with its input and row number; the other rows go on.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pantau/fetch/account.h"
#include "pantau/line_reader.h"
#include "pantau/result.h"

namespace pantau::fetch {

// Receives what the reader finds, in input order.
class RegistryVisitor {
 public:
  virtual ~RegistryVisitor() = default;
  virtual void account(Account a) = 0;
  // A bad row (row > 0) or a problem with a whole input (row 0). Returns false to stop reading.
  virtual bool error(std::string_view input, int64_t row, std::string_view message) = 0;
  // An NDJSON record of another kind, to pass through.
  virtual void passthrough(const Line& line) = 0;
};

struct RegistryOptions {
  size_t max_line_bytes = LineReader::kDefaultMaxLineBytes;  // also the longest CSV row
  // The accounts whose keys are checked for duplicates (null: all). A shard passes its own
  // filter: duplicates share their key, so they fall in the same shard, and remembering the
  // other shards' keys would cost memory in proportion to the whole registry.
  std::function<bool(const Account&)> checks_duplicates;
};

// Reads every operand ("-" or none: standard input; .gz is decompressed) in order. Duplicate
// keys are errors on the later row. Returns an error only when the visitor asked to stop.
Status read_registry(const std::vector<std::string>& operands, const RegistryOptions& opts,
                     RegistryVisitor& visitor);

// Which registry field a CSV header names ("" when none), e.g. "Nomor Urut" -> "ballot_no",
// "YouTube" -> "platform:youtube" (a wide sheet's platform column).
std::string registry_column(std::string_view header);

// Fills in what a registry entry leaves out: the canonical handle/id/url from `ref_text`, the
// key (platform:handle, or platform:id), owner_key (slug of the owner) and role. `ref_text` may
// be empty when the account already has a handle or id.
Status complete_account(Account* a, std::string_view ref_text);

}  // namespace pantau::fetch
