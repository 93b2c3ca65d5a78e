#include "pantau/fetch/account.h"

#include <array>
#include <utility>

#include "pantau/fetch/url.h"

namespace pantau::fetch {
namespace {

// Registry spellings, compared after slug(): lowercase ASCII with '-' between words.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kPlatforms{{
    {"youtube", "youtube"},   {"yt", "youtube"},          {"x", "x"},
    {"twitter", "x"},         {"x-twitter", "x"},         {"facebook", "facebook"},
    {"fb", "facebook"},       {"instagram", "instagram"}, {"ig", "instagram"},
    {"insta", "instagram"},   {"tiktok", "tiktok"},       {"tik-tok", "tiktok"},
    {"tt", "tiktok"},         {"telegram", "telegram"},   {"tg", "telegram"},
    {"mastodon", "mastodon"}, {"fediverse", "mastodon"},  {"bluesky", "bluesky"},
    {"bsky", "bluesky"},      {"blue-sky", "bluesky"},    {"twitter-x", "x"},
    {"meta", "facebook"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 40> kRoles{{
    {"candidate", "candidate"},
    {"calon", "candidate"},
    {"caleg", "candidate"},
    {"kandidat", "candidate"},
    {"capres", "candidate"},
    {"cawapres", "candidate"},
    {"calon-legislatif", "candidate"},
    {"paslon", "candidate"},
    {"cakada", "candidate"},
    {"party", "party"},
    {"partai", "party"},
    {"parpol", "party"},
    {"partai-politik", "party"},
    {"campaign-team", "campaign_team"},
    {"tim-kampanye", "campaign_team"},
    {"timses", "campaign_team"},
    {"tim-sukses", "campaign_team"},
    {"relawan", "campaign_team"},
    {"civil-servant", "civil_servant"},
    {"asn", "civil_servant"},
    {"pns", "civil_servant"},
    {"aparatur-sipil-negara", "civil_servant"},
    {"village-head", "village_head"},
    {"kepala-desa", "village_head"},
    {"kades", "village_head"},
    {"perangkat-desa", "village_head"},
    {"lurah", "village_head"},
    {"official", "official"},
    {"pejabat", "official"},
    {"pejabat-negara", "official"},
    {"pejabat-daerah", "official"},
    {"military", "military"},
    {"tni", "military"},
    {"police", "police"},
    {"polri", "police"},
    {"polisi", "police"},
    {"media", "media"},
    {"pers", "media"},
    {"other", "other"},
    {"lainnya", "other"},
}};

void field_or_null(JsonWriter& w, std::string_view name, const std::string& v) {
  w.field_or_null(name, v);
}

// Reads an optional string member into *out; null and absent leave it empty.
Status read_string(simdjson::dom::object obj, std::string_view name, std::string* out) {
  simdjson::dom::element e;
  if (obj[name].get(e)) return {};
  if (e.is_null()) return {};
  std::string_view s;
  if (e.get_string().get(s)) {
    // Ballot numbers and region codes are sometimes written as numbers by other tools.
    int64_t n = 0;
    if (!e.get_int64().get(n)) {
      *out = std::to_string(n);
      return {};
    }
    return Error::invalid("\"" + std::string(name) + "\" is not a string");
  }
  *out = std::string(s);
  return {};
}

}  // namespace

std::string slug(std::string_view text) {
  std::string out;
  bool dash = false;
  for (char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    } else if (!alnum) {
      dash = !out.empty();
      continue;
    }
    if (dash) out.push_back('-');
    dash = false;
    out.push_back(c);
  }
  return out;
}

std::string canonical_platform(std::string_view text) {
  const std::string s = slug(text);
  for (const auto& [spelling, name] : kPlatforms) {
    if (s == spelling) return std::string(name);
  }
  return {};
}

std::string canonical_role(std::string_view text) {
  const std::string s = slug(text);
  if (s.empty()) return "other";
  for (const auto& [spelling, name] : kRoles) {
    if (s == spelling) return std::string(name);
  }
  return {};
}

std::optional<bool> parse_yes_no(std::string_view text, bool* bad) {
  *bad = false;
  const std::string s = slug(text);
  if (s.empty()) return std::nullopt;
  if (s == "ya" || s == "yes" || s == "true" || s == "1" || s == "y" || s == "terdaftar")
    return true;
  if (s == "tidak" || s == "no" || s == "false" || s == "0" || s == "n" || s == "t" ||
      s == "tidak-terdaftar") {
    return false;
  }
  *bad = true;
  return std::nullopt;
}

void write_account_members(JsonWriter& w, const Account& a) {
  w.field("key", a.key);
  w.field("platform", a.platform);
  field_or_null(w, "handle", a.handle);
  field_or_null(w, "platform_id", a.platform_id);
  field_or_null(w, "url", a.url);
  field_or_null(w, "owner", a.owner);
  field_or_null(w, "owner_key", a.owner_key);
  field_or_null(w, "role", a.role);
  field_or_null(w, "party", a.party);
  field_or_null(w, "ballot_no", a.ballot_no);
  field_or_null(w, "election", a.election);
  field_or_null(w, "district", a.district);
  field_or_null(w, "region", a.region);
  w.key("kpu_registered");
  if (a.kpu_registered.has_value()) {
    w.boolean(*a.kpu_registered);
  } else {
    w.null();
  }
  field_or_null(w, "notes", a.notes);
  w.key("row");
  if (a.row > 0) {
    w.number(a.row);
  } else {
    w.null();
  }
}

std::string account_record(const Account& a) {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("kind", "account");
  write_account_members(w, a);
  w.end_object();
  return out;
}

std::string account_object(const Account& a) {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  write_account_members(w, a);
  w.end_object();
  return out;
}

Result<Account> account_from_json(simdjson::dom::object obj) {
  Account a;
  struct Member {
    std::string_view name;
    std::string* field;
  };
  const Member members[] = {
      {"key", &a.key},
      {"platform", &a.platform},
      {"handle", &a.handle},
      {"platform_id", &a.platform_id},
      {"url", &a.url},
      {"owner", &a.owner},
      {"owner_key", &a.owner_key},
      {"role", &a.role},
      {"party", &a.party},
      {"ballot_no", &a.ballot_no},
      {"election", &a.election},
      {"district", &a.district},
      {"region", &a.region},
      {"notes", &a.notes},
  };
  for (const Member& m : members) {
    Status s = read_string(obj, m.name, m.field);
    if (!s.ok()) return s.error();
  }
  simdjson::dom::element e;
  if (!obj["kpu_registered"].get(e) && !e.is_null()) {
    bool b = false;
    if (e.get_bool().get(b)) return Error::invalid("\"kpu_registered\" is not a boolean");
    a.kpu_registered = b;
  }
  if (!obj["row"].get(e) && !e.is_null()) {
    int64_t r = 0;
    if (e.get_int64().get(r)) return Error::invalid("\"row\" is not an integer");
    a.row = r;
  }
  return a;
}

}  // namespace pantau::fetch
