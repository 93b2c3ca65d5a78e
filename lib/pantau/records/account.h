// Account: the "account" record of pantau-records(5) (ACCOUNT RECORDS): one registry entry.
// fetch-accounts writes it whole (the account record, and embedded in raw and error records);
// normalize copies it into posts untouched; report reads it back and carries a summary of it.
//
// One type, one parser and one writer, driven by kAccountFields: the members in the order
// they are written, which also say which belong to the summary a report carries.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/json_writer.h"
#include "pantau/result.h"

namespace pantau::records {

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

  bool operator==(const Account&) const = default;
};

// The same members as views into a parser's memory, for a per-record fast path: most posts
// carry an account already stored, and comparing views costs no allocation.
struct AccountView {
  std::string_view key, platform, handle, platform_id, url, owner, owner_key, role, party,
      ballot_no, election, district, region, notes;
  std::optional<bool> kpu_registered;
  int64_t row = 0;
};

AccountView view_of(const Account& a);
void assign(Account* a, const AccountView& v);
bool equals(const Account& a, const AccountView& v);

enum class AccountField : uint8_t {
  kKey,
  kPlatform,
  kHandle,
  kPlatformId,
  kUrl,
  kOwner,
  kOwnerKey,
  kRole,
  kParty,
  kBallotNo,
  kElection,
  kDistrict,
  kRegion,
  kKpuRegistered,
  kNotes,
  kRow,
};

struct AccountFieldName {
  AccountField field;
  std::string_view name;
  bool summary;  // part of the summary a report carries (AccountForm::kSummary)
};

// Every member of an account, in the order the writer writes them.
inline constexpr AccountFieldName kAccountFields[] = {
    {AccountField::kKey, "key", true},
    {AccountField::kPlatform, "platform", true},
    {AccountField::kHandle, "handle", true},
    {AccountField::kPlatformId, "platform_id", false},
    {AccountField::kUrl, "url", true},
    {AccountField::kOwner, "owner", true},
    {AccountField::kOwnerKey, "owner_key", true},
    {AccountField::kRole, "role", true},
    {AccountField::kParty, "party", true},
    {AccountField::kBallotNo, "ballot_no", true},
    {AccountField::kElection, "election", true},
    {AccountField::kDistrict, "district", true},
    {AccountField::kRegion, "region", true},
    {AccountField::kKpuRegistered, "kpu_registered", true},
    {AccountField::kNotes, "notes", false},
    {AccountField::kRow, "row", false},
};

enum class AccountForm {
  // The whole account as fetch-accounts writes it: key and platform always strings (the
  // registry reader sets both), every other empty member null.
  kRecord,
  // The members a report carries of it (no platform_id, notes, row); every empty member null.
  kSummary,
};

// Writes the members in kAccountFields order, without "kind" and without braces.
void write_account_members(JsonWriter& w, const Account& a, AccountForm form);
// The account as an object without "kind" (embedded in raw, error and post records).
void write_account(JsonWriter& w, const Account& a, AccountForm form);
// The whole account record: {"kind":"account",...}.
std::string account_record(const Account& a);

// Reads an "account" record, or an account object embedded in another record, in one pass
// over its members. Unknown members are ignored; missing and null ones are empty. A member
// of the wrong type is an error naming it, except that an integer where a string belongs is
// taken as its decimal spelling (other tools write ballot numbers and region codes as
// numbers).
Status parse_account(simdjson::dom::object obj, Account* out);
// Same, as views valid until the parser is reused. A view cannot hold a number's spelling, so
// here an integer where a string belongs is an error too.
Status parse_account_view(simdjson::dom::object obj, AccountView* out);

}  // namespace pantau::records
