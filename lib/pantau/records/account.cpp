#include "pantau/records/account.h"

#include <array>
#include <iterator>

namespace pantau::records {
namespace {

constexpr size_t kFieldCount = std::size(kAccountFields);

// The string member of `v` a field names; nullptr for kpu_registered and row.
std::string_view* string_member(AccountView* v, AccountField f) {
  switch (f) {
    case AccountField::kKey:
      return &v->key;
    case AccountField::kPlatform:
      return &v->platform;
    case AccountField::kHandle:
      return &v->handle;
    case AccountField::kPlatformId:
      return &v->platform_id;
    case AccountField::kUrl:
      return &v->url;
    case AccountField::kOwner:
      return &v->owner;
    case AccountField::kOwnerKey:
      return &v->owner_key;
    case AccountField::kRole:
      return &v->role;
    case AccountField::kParty:
      return &v->party;
    case AccountField::kBallotNo:
      return &v->ballot_no;
    case AccountField::kElection:
      return &v->election;
    case AccountField::kDistrict:
      return &v->district;
    case AccountField::kRegion:
      return &v->region;
    case AccountField::kNotes:
      return &v->notes;
    case AccountField::kKpuRegistered:
    case AccountField::kRow:
      return nullptr;
  }
  return nullptr;
}

const std::string& string_member(const Account& a, AccountField f) {
  static const std::string kNone;
  switch (f) {
    case AccountField::kKey:
      return a.key;
    case AccountField::kPlatform:
      return a.platform;
    case AccountField::kHandle:
      return a.handle;
    case AccountField::kPlatformId:
      return a.platform_id;
    case AccountField::kUrl:
      return a.url;
    case AccountField::kOwner:
      return a.owner;
    case AccountField::kOwnerKey:
      return a.owner_key;
    case AccountField::kRole:
      return a.role;
    case AccountField::kParty:
      return a.party;
    case AccountField::kBallotNo:
      return a.ballot_no;
    case AccountField::kElection:
      return a.election;
    case AccountField::kDistrict:
      return a.district;
    case AccountField::kRegion:
      return a.region;
    case AccountField::kNotes:
      return a.notes;
    case AccountField::kKpuRegistered:
    case AccountField::kRow:
      return kNone;
  }
  return kNone;
}

// `spelled`, when given, keeps the decimal spelling of integers found where a string belongs
// (one slot per field, so the views stay valid while it lives); without it they are errors.
Status parse_members(simdjson::dom::object o, AccountView* v,
                     std::array<std::string, kFieldCount>* spelled) {
  *v = AccountView{};
  // One pass over the members: a lookup per field would scan the object sixteen times.
  for (const auto member : o) {
    const std::string_view k = member.key;
    size_t i = 0;
    while (i < kFieldCount && kAccountFields[i].name != k) ++i;
    if (i == kFieldCount) continue;
    if (member.value.is_null()) continue;
    const AccountField f = kAccountFields[i].field;
    if (f == AccountField::kKpuRegistered) {
      bool b = false;
      if (member.value.get_bool().get(b) != simdjson::SUCCESS) {
        return Error::invalid("\"kpu_registered\" is not a boolean");
      }
      v->kpu_registered = b;
      continue;
    }
    if (f == AccountField::kRow) {
      int64_t r = 0;
      if (member.value.get_int64().get(r) != simdjson::SUCCESS) {
        return Error::invalid("\"row\" is not an integer");
      }
      v->row = r;
      continue;
    }
    std::string_view* target = string_member(v, f);
    if (member.value.get_string().get(*target) == simdjson::SUCCESS) continue;
    int64_t n = 0;
    if (spelled != nullptr && member.value.get_int64().get(n) == simdjson::SUCCESS) {
      (*spelled)[i] = std::to_string(n);
      *target = (*spelled)[i];
      continue;
    }
    return Error::invalid("\"" + std::string(k) + "\" is not a string");
  }
  return {};
}

}  // namespace

AccountView view_of(const Account& a) {
  return AccountView{
      a.key,   a.platform,  a.handle,   a.platform_id, a.url,    a.owner, a.owner_key,      a.role,
      a.party, a.ballot_no, a.election, a.district,    a.region, a.notes, a.kpu_registered, a.row};
}

void assign(Account* a, const AccountView& v) {
  a->key.assign(v.key);
  a->platform.assign(v.platform);
  a->handle.assign(v.handle);
  a->platform_id.assign(v.platform_id);
  a->url.assign(v.url);
  a->owner.assign(v.owner);
  a->owner_key.assign(v.owner_key);
  a->role.assign(v.role);
  a->party.assign(v.party);
  a->ballot_no.assign(v.ballot_no);
  a->election.assign(v.election);
  a->district.assign(v.district);
  a->region.assign(v.region);
  a->notes.assign(v.notes);
  a->kpu_registered = v.kpu_registered;
  a->row = v.row;
}

bool equals(const Account& a, const AccountView& v) {
  return a.key == v.key && a.platform == v.platform && a.handle == v.handle &&
         a.platform_id == v.platform_id && a.url == v.url && a.owner == v.owner &&
         a.owner_key == v.owner_key && a.role == v.role && a.party == v.party &&
         a.ballot_no == v.ballot_no && a.election == v.election && a.district == v.district &&
         a.region == v.region && a.notes == v.notes && a.kpu_registered == v.kpu_registered &&
         a.row == v.row;
}

void write_account_members(JsonWriter& w, const Account& a, AccountForm form) {
  const bool summary = form == AccountForm::kSummary;
  for (const AccountFieldName& f : kAccountFields) {
    if (summary && !f.summary) continue;
    switch (f.field) {
      case AccountField::kKpuRegistered:
        w.key(f.name);
        if (a.kpu_registered.has_value()) {
          w.boolean(*a.kpu_registered);
        } else {
          w.null();
        }
        break;
      case AccountField::kRow:
        w.key(f.name);
        if (a.row > 0) {
          w.number(a.row);
        } else {
          w.null();
        }
        break;
      case AccountField::kKey:
      case AccountField::kPlatform:
        if (!summary) {
          w.field(f.name, string_member(a, f.field));
          break;
        }
        [[fallthrough]];
      default:
        w.field_or_null(f.name, string_member(a, f.field));
        break;
    }
  }
}

void write_account(JsonWriter& w, const Account& a, AccountForm form) {
  w.begin_object();
  write_account_members(w, a, form);
  w.end_object();
}

std::string account_record(const Account& a) {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("kind", "account");
  write_account_members(w, a, AccountForm::kRecord);
  w.end_object();
  return out;
}

Status parse_account(simdjson::dom::object obj, Account* out) {
  std::array<std::string, kFieldCount> spelled;
  AccountView v;
  TRY(parse_members(obj, &v, &spelled));
  assign(out, v);
  return {};
}

Status parse_account_view(simdjson::dom::object obj, AccountView* out) {
  return parse_members(obj, out, nullptr);
}

}  // namespace pantau::records
