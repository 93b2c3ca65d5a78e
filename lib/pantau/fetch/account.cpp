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

}  // namespace pantau::fetch
