// Account: one entry of the account registry, as the "account" record of pantau-records(5).
//
// The registry names accounts; everything fetch-accounts does (state, sharding, provenance in raw
// records, error records) is keyed by Account::key.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/json_writer.h"
#include "pantau/result.h"

namespace pantau::fetch {

struct Account {
  std::string key;          // stable registry key (registry id column, else platform:handle)
  std::string platform;     // youtube, x, facebook, instagram, tiktok, telegram, mastodon, bluesky
  std::string handle;       // as the platform writes it ("@name" on YouTube, "user@host" on
                            // Mastodon), "" when only an id is known
  std::string platform_id;  // the platform's own id when known, else ""
  std::string url;          // profile URL (given or derived)
  std::string owner, owner_key, role, party, ballot_no, election, district, region, notes;
  std::optional<bool> kpu_registered;
  int64_t row = 0;  // registry row (header is row 1); 0 when unknown
  // Not a registry entry but a batch of posts to look up by id (recheck.h): its raw and error
  // records carry "account":null, and the engine asks its task for the unanswered ids when it
  // fails.
  bool lookup_batch = false;
};

// Writes the account's members in the documented order, without "kind". Empty strings are null
// (the role is always set by the registry reader).
void write_account_members(JsonWriter& w, const Account& a);
// The whole account record: {"kind":"account",...}.
std::string account_record(const Account& a);
// The account as an object without "kind" (embedded in raw and error records).
std::string account_object(const Account& a);

// Reads an "account" record (or an embedded account object). Unknown fields are ignored; a
// field of the wrong type is an error naming it.
Result<Account> account_from_json(simdjson::dom::object obj);

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
