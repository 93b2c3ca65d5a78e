#include "pantau/classify/calendar.h"

#include "pantau/classify/file_util.h"
#include "pantau/classify/toml_util.h"

namespace pantau::classify {
namespace {

Result<int64_t> get_date(const std::string& name, const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return tomlu::error_at(name, &t, "missing \"" + std::string(key) + "\" date");
  auto d = n->value<toml::date>();
  if (!d) {
    return tomlu::error_at(name, n, "\"" + std::string(key) + "\" must be a date (2024-02-14)");
  }
  return days_from_civil(d->year, d->month, d->day);
}

Status get_window(const std::string& name, const toml::table& t, std::string_view key,
                  int64_t* first, int64_t* last) {
  const toml::node* n = t.get(key);
  const toml::table* w = n ? n->as_table() : nullptr;
  if (!w) {
    return tomlu::error_at(name, n ? n : &t,
                           "\"" + std::string(key) + "\" must be { start = DATE, end = DATE }");
  }
  if (auto s = tomlu::check_keys(name, *w, {"start", "end"}); !s) return s;
  auto a = get_date(name, *w, "start");
  if (!a) return a.error();
  auto b = get_date(name, *w, "end");
  if (!b) return b.error();
  if (*b < *a)
    return tomlu::error_at(name, n, "\"" + std::string(key) + "\" ends before it starts");
  *first = *a;
  *last = *b;
  return {};
}

}  // namespace

std::string_view phase_name(Phase p) {
  switch (p) {
    case Phase::kBeforeCampaign:
      return "before_campaign";
    case Phase::kCampaign:
      return "campaign";
    case Phase::kQuiet:
      return "quiet";
    case Phase::kVotingDay:
      return "voting_day";
    case Phase::kAfterVoting:
      return "after_voting";
    case Phase::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string format_offset(int offset_seconds) {
  char sign = offset_seconds < 0 ? '-' : '+';
  int a = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  char buf[16];
  int h = a / 3600, m = (a % 3600) / 60;
  buf[0] = sign;
  buf[1] = static_cast<char>('0' + h / 10);
  buf[2] = static_cast<char>('0' + h % 10);
  buf[3] = ':';
  buf[4] = static_cast<char>('0' + m / 10);
  buf[5] = static_cast<char>('0' + m % 10);
  return std::string(buf, 6);
}

const ZoneRule* ElectionCalendar::zone_for_region(std::string_view region) const {
  if (region.empty()) return nullptr;
  // Kemendagri codes are written "52.01" or "5201": compare the first two digits.
  for (const auto& z : zones) {
    for (const auto& prefix : z.regions) {
      if (region.substr(0, prefix.size()) == prefix) return &z;
    }
  }
  return nullptr;
}

int ElectionCalendar::offset_for_region(std::string_view region) const {
  const ZoneRule* z = zone_for_region(region);
  return z ? z->offset_seconds : default_offset_seconds;
}

std::string_view ElectionCalendar::zone_name_for_region(std::string_view region) const {
  const ZoneRule* z = zone_for_region(region);
  return z ? std::string_view(z->name) : std::string_view(default_zone);
}

Phase ElectionCalendar::phase_at(EpochMillis t, int offset_seconds) const {
  CivilTime c = civil_from_millis(t, offset_seconds);
  int64_t day = days_from_civil(c.year, c.month, c.day);
  if (day < campaign_first) return Phase::kBeforeCampaign;
  if (day <= campaign_last) return Phase::kCampaign;
  if (day >= quiet_first && day <= quiet_last) return Phase::kQuiet;
  if (day == voting_day) return Phase::kVotingDay;
  if (day > voting_day) return Phase::kAfterVoting;
  return Phase::kUnknown;  // a gap between the windows: none is in force
}

Result<ElectionCalendar> parse_calendar(std::string_view contents, const std::string& name) {
  auto doc = tomlu::parse(contents, name);
  if (!doc) return doc.error();
  const toml::table& root = *doc;
  if (auto s = tomlu::check_keys(name, root, {"election", "time_zones"}); !s) return s.error();
  const toml::table* e = root["election"].as_table();
  if (!e) return tomlu::error_at(name, &root, "missing [election] table");
  if (auto s = tomlu::check_keys(name, *e,
                                 {"id", "name", "time_zone", "time_zone_name", "campaign", "quiet",
                                  "voting_day", "gazetteer"});
      !s) {
    return s.error();
  }
  ElectionCalendar cal;
  auto id = tomlu::get_string(name, *e, "id");
  if (!id) return id.error();
  if (!*id || (*id)->empty()) return tomlu::error_at(name, e, "missing \"id\"");
  cal.id = **id;
  auto nm = tomlu::get_string(name, *e, "name");
  if (!nm) return nm.error();
  cal.name = nm->value_or(cal.id);
  auto gz = tomlu::get_string(name, *e, "gazetteer");
  if (!gz) return gz.error();
  cal.gazetteer = gz->value_or("");
  auto tz = tomlu::get_string(name, *e, "time_zone");
  if (!tz) return tz.error();
  if (*tz) {
    auto off = parse_utc_offset(**tz);
    if (!off) return tomlu::error_at(name, *e, "time_zone", off.error().message);
    cal.default_offset_seconds = *off;
  }
  auto tzn = tomlu::get_string(name, *e, "time_zone_name");
  if (!tzn) return tzn.error();
  cal.default_zone = tzn->value_or("WIB");
  if (auto s = get_window(name, *e, "campaign", &cal.campaign_first, &cal.campaign_last); !s) {
    return s.error();
  }
  if (auto s = get_window(name, *e, "quiet", &cal.quiet_first, &cal.quiet_last); !s) {
    return s.error();
  }
  auto vd = get_date(name, *e, "voting_day");
  if (!vd) return vd.error();
  cal.voting_day = *vd;
  if (!(cal.campaign_last < cal.quiet_first && cal.quiet_last < cal.voting_day)) {
    return tomlu::error_at(name, e,
                           "the campaign must end before the quiet period, and the quiet period "
                           "before voting day");
  }
  if (const toml::table* zones = root["time_zones"].as_table()) {
    for (const auto& [k, v] : *zones) {
      const toml::table* z = v.as_table();
      if (!z) return tomlu::error_at(name, &v, "a time zone must be a table");
      if (auto s = tomlu::check_keys(name, *z, {"offset", "regions"}); !s) return s.error();
      ZoneRule rule;
      rule.name = std::string(k.str());
      auto off = tomlu::get_string(name, *z, "offset");
      if (!off) return off.error();
      if (!*off) return tomlu::error_at(name, z, "time zone without \"offset\"");
      auto secs = parse_utc_offset(**off);
      if (!secs) return tomlu::error_at(name, *z, "offset", secs.error().message);
      rule.offset_seconds = *secs;
      auto regions = tomlu::get_string_array(name, *z, "regions");
      if (!regions) return regions.error();
      rule.regions = std::move(*regions);
      cal.zones.push_back(std::move(rule));
    }
  }
  return cal;
}

Result<ElectionCalendar> load_calendar(const std::string& path) {
  auto contents = read_file(path);
  if (!contents) return contents.error();
  return parse_calendar(*contents, path);
}

}  // namespace pantau::classify
