// Account: one entry of the account registry, as the "account" record of pantau-records(5)
// (its type, parser and writer are records/account.h), and the registry's spellings.
//
// The registry names accounts; everything fetch-accounts does (state, sharding, provenance in raw
// records, error records) is keyed by Account::key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pantau/records/account.h"

namespace pantau::fetch {

// A registry entry (records::Account, the wire type) as the engine's work item.
struct Account : records::Account {
  // Not a registry entry but a batch of posts to look up by id (recheck.h): its raw and error
  // records carry "account":null, and the engine asks its task for the unanswered ids when it
  // fails.
  bool lookup_batch = false;
};

// Canonical platform name for a registry spelling ("YouTube", "yt", "twitter", "ig", "fb",
// "tg", "bsky", ...); "" when unknown.
std::string canonical_platform(std::string_view text);
// Canonical role for a registry spelling in Indonesian or English ("caleg", "Tim Kampanye",
// "ASN", "kades", "TNI", ...); "" when unknown. An empty text is "other".
std::string canonical_role(std::string_view text);
// "ya"/"yes"/"true"/"1"/"y" and "tidak"/"no"/"false"/"0"/"n" (any case); nullopt when empty;
// error text in *bad when unrecognised.
std::optional<bool> parse_yes_no(std::string_view text, bool* bad);
// A stable slug: ASCII letters and digits lowercased, runs of anything else as one '-'.
std::string slug(std::string_view text);

}  // namespace pantau::fetch
