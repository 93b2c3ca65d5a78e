#include "pantau/classify/context_rules.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace pantau::classify {

using namespace std::string_view_literals;  // append("..."sv): no strlen per call

namespace {

// Appends v zero-padded to `width` characters, sign included (printf's "%0*d"): the notes'
// dates and times, without snprintf's format parsing on every post.
void append_padded(int v, int width, std::string* out) {
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, v < 0 ? -static_cast<int64_t>(v) : v);
  if (v < 0) {
    out->push_back('-');
    --width;
  }
  for (int i = static_cast<int>(r.ptr - buf); i < width; ++i) out->push_back('0');
  out->append(buf, r.ptr);
}

}  // namespace

ContextSignals::ContextSignals(const RulePack& pack, const RuleScorer& scorer) {
  for (const auto& s : pack.context.campaign_signals) campaign.push_back(scorer.slot_of(s));
  for (const auto& s : pack.context.facility_signals) facility.push_back(scorer.slot_of(s));
  for (const auto& s : pack.context.activity_signals) activity.push_back(scorer.slot_of(s));
}

bool has_role(const std::vector<std::string>& roles, const PostContext& post) {
  return post.has_account && std::find(roles.begin(), roles.end(), post.role) != roles.end();
}

double campaign_direct(const RuleScorer& scores, const ContextSignals& signals,
                       size_t campaign_slot, bool named_target, bool self_role) {
  const double calls = scores.best(signals.campaign);
  const double activity = scores.best(signals.activity);
  const double direct = scores.direct(campaign_slot);
  const double gated =
      std::max(named_target || self_role ? calls : 0.0, named_target ? activity : 0.0);
  return 1.0 - (1.0 - direct) * (1.0 - gated);
}

void self_call_note(const PostContext& post, std::string* note) {
  note->append("call to vote from the account of "sv);
  note->append(post.owner);
  note->append(" (role "sv);
  note->append(post.role);
  note->push_back(')');
}

bool neutrality_rule(const ContextRules& rules, const PostContext& post, std::string* note) {
  if (!has_role(rules.neutral_roles, post)) return false;
  note->append("campaign content from an account with registry role "sv);
  note->append(post.role);
  note->append(" (must stay neutral)"sv);
  return true;
}

namespace {

constexpr int64_t kDayMs = 86400000;

CalendarRule rule_of(Phase ph) {
  if (ph == Phase::kQuiet || ph == Phase::kVotingDay) return CalendarRule::kQuietPeriod;
  if (ph == Phase::kBeforeCampaign) return CalendarRule::kOutsideSchedule;
  return CalendarRule::kNone;
}

// "in the quiet period 2024-02-11..2024-02-13", "on voting day 2024-02-14", "before the
// campaign period 2023-11-28..2024-02-10".
void append_phase(const ElectionCalendar& cal, Phase ph, std::string* note) {
  if (ph == Phase::kQuiet) {
    note->append("in the quiet period "sv);
    note->append(format_date(cal.quiet_first * kDayMs));
    note->append(".."sv);
    note->append(format_date(cal.quiet_last * kDayMs));
  } else if (ph == Phase::kVotingDay) {
    note->append("on voting day "sv);
    note->append(format_date(cal.voting_day * kDayMs));
  } else {
    note->append("before the campaign period "sv);
    note->append(format_date(cal.campaign_first * kDayMs));
    note->append(".."sv);
    note->append(format_date(cal.campaign_last * kDayMs));
  }
}

}  // namespace

CalendarRule calendar_rule(const ContextRules& rules, const ElectionCalendar& cal,
                           const PostContext& post, std::string* note) {
  if (!post.has_time || !has_role(rules.schedule_roles, post)) return CalendarRule::kNone;
  const int off = cal.offset_for_region(post.region);
  if (post.day_only) {
    // Only the UTC day is known: the post was made at some time of it, which in local time runs
    // across two dates (in WIB from 07:00 to 06:59 the next day). The rule holds only when
    // the whole day lies in its window; a day the window starts or ends in is not asserted.
    const EpochMillis first =
        post.created_at - ((post.created_at % kDayMs) + kDayMs) % kDayMs;  // 00:00 UTC
    const Phase a = cal.phase_at(first, off);
    const Phase b = cal.phase_at(first + kDayMs - 1, off);
    const CalendarRule rule = rule_of(a);
    if (rule == CalendarRule::kNone || rule_of(b) != rule) return CalendarRule::kNone;
    // "posted 2024-02-12 (UTC date), time known only to the day, in the quiet period
    // 2024-02-11..2024-02-13 of pemilu-2024"; a day that ends on voting day: "... in the quiet
    // period 2024-02-11..2024-02-13 or on voting day 2024-02-14 of pemilu-2024".
    note->append("posted "sv);
    note->append(format_date(first));
    note->append(" (UTC date), time known only to the day, "sv);
    append_phase(cal, a, note);
    if (b != a) {
      note->append(" or "sv);
      append_phase(cal, b, note);
    }
    note->append(" of "sv);
    note->append(cal.id);
    return rule;
  }
  const Phase ph = cal.phase_at(post.created_at, off);
  const CalendarRule rule = rule_of(ph);
  if (rule == CalendarRule::kNone) return rule;
  // "posted 2024-02-11 00:30 WITA (UTC+08:00), in the quiet period 2024-02-11..2024-02-13 of
  // pemilu-2024"
  const CivilTime lt = civil_from_millis(post.created_at, off);
  note->append("posted "sv);
  append_padded(lt.year, 4, note);
  note->push_back('-');
  append_padded(lt.month, 2, note);
  note->push_back('-');
  append_padded(lt.day, 2, note);
  note->push_back(' ');
  append_padded(lt.hour, 2, note);
  note->push_back(':');
  append_padded(lt.minute, 2, note);
  note->push_back(' ');
  note->append(cal.zone_name_for_region(post.region));
  note->append(" (UTC"sv);
  note->append(format_offset(off));
  note->append("), "sv);
  append_phase(cal, ph, note);
  note->append(" of "sv);
  note->append(cal.id);
  return rule;
}

double facility_signal(const ContextRules& rules, const RuleScorer& scores,
                       const ContextSignals& signals, const HitContext& context,
                       std::string_view text, const std::vector<Hit>& hits, bool self_role) {
  const double fac = scores.best(signals.facility);
  // The facility must be near the call to vote or the named target, not anywhere in the post
  // ("kampus" in a story, "dukung" three sentences later).
  const uint32_t fw = rules.facility_within;
  if (fac <= 0 || fw == 0 || self_role) return fac;
  const std::vector<size_t>& slot = scores.rule_slots();
  for (size_t f : signals.facility) {
    if (context.within(text, hits, slot, {f}, true, fw)) return fac;
    for (size_t c : signals.campaign) {
      if (context.within(text, hits, slot, {f, c}, false, fw)) return fac;
    }
  }
  return 0;
}

}  // namespace pantau::classify
