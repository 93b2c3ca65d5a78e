#include "pantau/report/staff_text.h"

#include "pantau/report/election_calendar.h"
#include "pantau/report/report_strings.h"

namespace pantau::report {
namespace {

bool consume(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}

// Reads up to `stop` (not included) and skips it; false when `stop` is missing.
bool take_until(std::string_view* s, std::string_view stop, std::string_view* out) {
  const size_t p = s->find(stop);
  if (p == std::string_view::npos) return false;
  *out = s->substr(0, p);
  s->remove_prefix(p + stop.size());
  return true;
}

std::string election_name(std::string_view id) {
  const ElectionCalendar* c = find_election(id);
  return std::string(c != nullptr ? c->name : id);
}

// "in the quiet period 2024-02-11..2024-02-13", "on voting day 2024-02-14", "before the
// campaign period A..B" in `lang`; empty when `s` is none of these.
std::string phase_words(std::string_view s, Lang lang) {
  const Strings& t = strings(lang);
  std::string_view phase;
  if (consume(&s, "in the quiet period ")) {
    phase = t.note_in_quiet_period;
  } else if (consume(&s, "before the campaign period ")) {
    phase = t.note_before_campaign;
  } else if (consume(&s, "on voting day ")) {
    phase = t.note_on_voting_day;
  } else {
    return {};
  }
  std::string_view a = s, b = s;
  if (const size_t dots = s.find(".."); dots != std::string_view::npos) {
    a = s.substr(0, dots);
    b = s.substr(dots + 2);
  }
  const auto da = parse_day(a), db = parse_day(b);
  if (!da || !db) return {};
  return std::string(phase) + " " + format_day_range(*da, *db, lang);
}

// "posted 2024-02-12 20:00 WITA (UTC+08:00), in the quiet period 2024-02-11..2024-02-13 of
// pemilu-2024" (also "on voting day D of E", "before the campaign period A..B of E"). A post
// dated only by its day: "posted 2024-02-13 (UTC date), time known only to the day, in the
// quiet period 2024-02-11..2024-02-13 or on voting day 2024-02-14 of pemilu-2024".
std::string calendar_note(std::string_view s, Lang lang) {
  const Strings& t = strings(lang);
  constexpr std::string_view kDayOnly = " (UTC date), time known only to the day, ";
  if (!consume(&s, "posted ")) return {};
  std::string out;
  if (s.size() > 10 && s.substr(10, kDayOnly.size()) == kDayOnly) {
    const auto day = parse_day(s.substr(0, 10));
    if (!day) return {};
    out = std::string(t.note_posted) + " " + format_day_range(*day, *day, lang) + " " +
          std::string(t.note_day_only) + ", ";
    s.remove_prefix(10 + kDayOnly.size());
  } else {
    std::string_view local, zone, offset;
    if (s.size() < 17) return {};
    local = s.substr(0, 16);
    s.remove_prefix(17);
    if (!take_until(&s, " (UTC", &zone) || !take_until(&s, "), ", &offset)) return {};
    auto off = parse_utc_offset(offset);
    auto when = parse_datetime(std::string(local.substr(0, 10)) + "T" +
                               std::string(local.substr(11, 5)) + ":00Z");
    if (!off || !when) return {};
    out = std::string(t.note_posted) + " " +
          format_long_time(*when - int64_t{*off} * 1000, *off, lang) + ", ";
  }
  std::string_view phases;
  if (!take_until(&s, " of ", &phases)) return {};
  const std::string_view election = s;
  std::string_view second;
  if (const size_t o = phases.find(" or "); o != std::string_view::npos) {
    second = phases.substr(o + 4);
    phases = phases.substr(0, o);
  }
  const std::string first_words = phase_words(phases, lang);
  if (first_words.empty()) return {};
  out += first_words;
  if (!second.empty()) {
    const std::string second_words = phase_words(second, lang);
    if (second_words.empty()) return {};
    out += " " + std::string(t.note_or) + " " + second_words;
  }
  return out + " (" + election_name(election) + ")";
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::string evidence_note(std::string_view note, Lang lang) {
  const Strings& t = strings(lang);
  std::string_view s = note;
  if (starts_with(s, "posted ")) {
    std::string out = calendar_note(s, lang);
    return out.empty() ? std::string(note) : out;
  }
  if (consume(&s, "campaign content from an account with registry role ")) {
    std::string_view role;
    if (take_until(&s, " (must stay neutral)", &role) && s.empty()) {
      return std::string(t.note_neutral_role) + " " + std::string(role_name(role, lang)) + " " +
             std::string(t.note_must_stay_neutral);
    }
    return std::string(note);
  }
  if (note == "campaign content naming a government facility, place of worship or school") {
    return std::string(t.note_facility);
  }
  if (consume(&s, "call to vote from the account of ")) {
    const size_t p = s.rfind(" (role ");
    if (p != std::string_view::npos && !s.empty() && s.back() == ')') {
      const std::string_view owner = s.substr(0, p);
      const std::string_view role = s.substr(p + 7, s.size() - p - 8);
      return std::string(t.note_self_call) + " " + std::string(owner) + " (" +
             std::string(role_name(role, lang)) + ")";
    }
  }
  return std::string(note);
}

std::string failure_reason(const FailedAccount& f, Lang lang) {
  const Strings& t = strings(lang);
  const std::string_view m = f.message;
  std::string out;
  if (f.http_status == 429 || starts_with(m, "rate limited")) {
    out = std::string(t.reason_rate_limited);
  } else if (starts_with(m, "account not found") || f.http_status == 404 || f.http_status == 410) {
    out = std::string(t.reason_not_found);
  } else if (starts_with(m, "authentication required") || f.http_status == 401 ||
             f.http_status == 403) {
    out = std::string(t.reason_auth);
  } else if (starts_with(m, "no adapter for platform")) {
    out = std::string(t.reason_no_adapter);
  } else if (starts_with(m, "no credential")) {
    out = std::string(t.reason_no_credential);
  } else if (f.http_status >= 500) {
    out = std::string(t.reason_server);
  } else {
    out = std::string(t.reason_failed);
  }
  if (f.http_status >= 0) out += " (HTTP " + std::to_string(f.http_status) + ")";
  if (f.attempts > 1) {
    out += " " + std::string(t.after) + " " + std::to_string(f.attempts) + " " +
           std::string(t.attempts_lc);
  }
  if (f.retryable == 1) out += "; " + std::string(t.retry_next_run);
  return out;
}

std::string raw_record_text(const Finding& f, Lang lang) {
  if (f.source_input.empty()) return {};
  std::string s = f.source_input;
  if (f.source_line > 0) {
    s += ", " + std::string(strings(lang).line_lc) + " " + std::to_string(f.source_line);
  }
  return s;
}

std::string reach_text(const Finding& f, Lang lang) {
  const Strings& t = strings(lang);
  std::string s;
  auto add = [&](int64_t n, std::string_view what) {
    if (n < 0) return;
    if (!s.empty()) s += ", ";
    s += format_count(static_cast<uint64_t>(n), lang) + " " + std::string(what);
  };
  add(f.views, t.views);
  add(f.shares, t.shares);
  add(f.likes, t.likes);
  add(f.comments, t.comments);
  return s;
}

std::string rule_packs_text(const ReportState& state) {
  std::string s;
  for (const auto& [k, count] : state.classifiers()) {
    if (k.pack.empty() && k.version.empty()) continue;
    std::string one = k.pack;
    if (!k.version.empty()) one += (one.empty() ? "" : " ") + k.version;
    if (!k.election.empty()) one += " (" + k.election + ")";
    if (s.find(one) != std::string::npos) continue;
    if (!s.empty()) s += "; ";
    s += one;
  }
  return s;
}

std::string_view failure_stage_name(std::string_view stage, Lang lang) {
  struct S {
    std::string_view id, name_id, name_en;
  };
  static constexpr S kStages[] = {
      {"registry", "pembacaan registri akun", "reading the account registry"},
      {"resolve", "pencarian akun", "resolving the account"},
      {"fetch", "pengambilan data", "fetching"},
      {"parse", "pembacaan respons", "parsing the response"},
      {"normalize", "normalisasi", "normalizing"},
      {"classify", "klasifikasi", "classifying"},
  };
  for (const auto& s : kStages) {
    if (s.id == stage) return lang == Lang::kId ? s.name_id : s.name_en;
  }
  return stage;
}

std::string post_fate_text(const PostFate& fate, int offset_seconds, Lang lang, bool with_text) {
  const Strings& t = strings(lang);
  const auto at = [&](EpochMillis ms) {
    return " (" + format_long_time(ms, offset_seconds, lang) + ")";
  };
  std::string s;
  if (fate.removed()) {
    s = fate.removal == PostStatus::kDeleted       ? t.fate_deleted
        : fate.removal == PostStatus::kAccountGone ? t.fate_account_gone
                                                   : t.fate_not_visible;
    s += at(fate.removed_at);
    if (fate.visible_again_at != kNoTime) {
      s += ", " + std::string(t.fate_visible_again) + at(fate.visible_again_at);
    }
  }
  if (fate.edited) {
    if (!s.empty()) s += "; ";
    s += std::string(t.fate_edited) + at(fate.edited_at);
    if (with_text && !fate.text_now.empty()) {
      s += ": " + std::string(t.fate_text_now) + " \xC2\xAB" + fate.text_now + "\xC2\xBB";
    }
  }
  if (s.empty() && fate.last_seen_at != kNoTime) {
    s = std::string(t.fate_still_there) + " (" + std::string(t.fate_last_checked) + " " +
        format_long_time(fate.last_seen_at, offset_seconds, lang) + ")";
  }
  return s;
}

}  // namespace pantau::report
