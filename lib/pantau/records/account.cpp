#include "pantau/records/account.h"

#include <array>
#include <initializer_list>
#include <iterator>

namespace pantau::records {
namespace {

constexpr size_t kFieldCount = std::size(kAccountFields);

// kAccountFields is indexed by AccountField.
constexpr bool fields_in_enum_order() {
  for (size_t i = 0; i < kFieldCount; ++i) {
    if (static_cast<size_t>(kAccountFields[i].field) != i) return false;
  }
  return true;
}
static_assert(fields_in_enum_order());

// The string member of a view per kAccountFields entry; nullptr for kpu_registered and row.
using ViewString = std::string_view AccountView::*;
constexpr std::array<ViewString, kFieldCount> kViewStrings = [] {
  std::array<ViewString, kFieldCount> out{};
  for (size_t i = 0; i < kFieldCount; ++i) {
    switch (kAccountFields[i].field) {
      case AccountField::kKey:
        out[i] = &AccountView::key;
        break;
      case AccountField::kPlatform:
        out[i] = &AccountView::platform;
        break;
      case AccountField::kHandle:
        out[i] = &AccountView::handle;
        break;
      case AccountField::kPlatformId:
        out[i] = &AccountView::platform_id;
        break;
      case AccountField::kUrl:
        out[i] = &AccountView::url;
        break;
      case AccountField::kOwner:
        out[i] = &AccountView::owner;
        break;
      case AccountField::kOwnerKey:
        out[i] = &AccountView::owner_key;
        break;
      case AccountField::kRole:
        out[i] = &AccountView::role;
        break;
      case AccountField::kParty:
        out[i] = &AccountView::party;
        break;
      case AccountField::kBallotNo:
        out[i] = &AccountView::ballot_no;
        break;
      case AccountField::kElection:
        out[i] = &AccountView::election;
        break;
      case AccountField::kDistrict:
        out[i] = &AccountView::district;
        break;
      case AccountField::kRegion:
        out[i] = &AccountView::region;
        break;
      case AccountField::kNotes:
        out[i] = &AccountView::notes;
        break;
      case AccountField::kKpuRegistered:
      case AccountField::kRow:
        out[i] = nullptr;
        break;
    }
  }
  return out;
}();

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

// The index in kAccountFields of a member name, or -1: by length first, then the few names of
// that length (this runs for every member of every post's account in a report).
int field_index(std::string_view k) {
  auto is = [&](AccountField f) { return kAccountFields[static_cast<size_t>(f)].name == k; };
  auto pick = [&](std::initializer_list<AccountField> fs) {
    for (AccountField f : fs) {
      if (is(f)) return static_cast<int>(f);
    }
    return -1;
  };
  using F = AccountField;
  switch (k.size()) {
    case 3:
      return pick({F::kKey, F::kUrl, F::kRow});
    case 4:
      return pick({F::kRole});
    case 5:
      return pick({F::kOwner, F::kParty, F::kNotes});
    case 6:
      return pick({F::kHandle, F::kRegion});
    case 8:
      return pick({F::kPlatform, F::kElection, F::kDistrict});
    case 9:
      return pick({F::kOwnerKey, F::kBallotNo});
    case 11:
      return pick({F::kPlatformId});
    case 14:
      return pick({F::kKpuRegistered});
    default:
      return -1;
  }
}

// `spelled`, when given, keeps the decimal spelling of integers found where a string belongs
// (one slot per field, so the views stay valid while it lives); without it they are errors.
Status parse_members(simdjson::dom::object o, AccountView* v,
                     std::array<std::string, kFieldCount>* spelled) {
  *v = AccountView{};
  // One pass over the members: a lookup per field would scan the object sixteen times.
  for (const auto member : o) {
    const std::string_view k = member.key;
    const int found = field_index(k);
    if (found < 0) continue;
    const auto i = static_cast<size_t>(found);
    if (const ViewString member_of = kViewStrings[i]) {
      std::string_view* target = &(v->*member_of);
      const std::string_view before = *target;  // a failed get() clears it
      // A string is the common case: try it before null.
      if (member.value.get_string().get(*target) == simdjson::SUCCESS) continue;
      *target = before;
      if (member.value.is_null()) continue;
      int64_t n = 0;
      if (spelled != nullptr && member.value.get_int64().get(n) == simdjson::SUCCESS) {
        (*spelled)[i] = std::to_string(n);
        *target = (*spelled)[i];
        continue;
      }
      return Error::invalid("\"" + std::string(k) + "\" is not a string");
    }
    if (member.value.is_null()) continue;
    if (kAccountFields[i].field == AccountField::kKpuRegistered) {
      bool b = false;
      if (member.value.get_bool().get(b) != simdjson::SUCCESS) {
        return Error::invalid("\"kpu_registered\" is not a boolean");
      }
      v->kpu_registered = b;
      continue;
    }
    int64_t r = 0;  // row
    if (member.value.get_int64().get(r) != simdjson::SUCCESS) {
      return Error::invalid("\"row\" is not an integer");
    }
    v->row = r;
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
