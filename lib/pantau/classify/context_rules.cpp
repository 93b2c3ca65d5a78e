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

CalendarRule calendar_rule(const ContextRules& rules, const ElectionCalendar& cal,
                           const PostContext& post, std::string* note) {
  if (!post.has_time || !has_role(rules.schedule_roles, post)) return CalendarRule::kNone;
  const int off = cal.offset_for_region(post.region);
  const Phase ph = cal.phase_at(post.created_at, off);
  CalendarRule rule = CalendarRule::kNone;
  if (ph == Phase::kQuiet || ph == Phase::kVotingDay) rule = CalendarRule::kQuietPeriod;
  if (ph == Phase::kBeforeCampaign) rule = CalendarRule::kOutsideSchedule;
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
  note->push_back(')');
  if (ph == Phase::kQuiet) {
    note->append(", in the quiet period "sv);
    note->append(format_date(cal.quiet_first * 86400000LL));
    note->append(".."sv);
    note->append(format_date(cal.quiet_last * 86400000LL));
  } else if (ph == Phase::kVotingDay) {
    note->append(", on voting day "sv);
    note->append(format_date(cal.voting_day * 86400000LL));
  } else {
    note->append(", before the campaign period "sv);
    note->append(format_date(cal.campaign_first * 86400000LL));
    note->append(".."sv);
    note->append(format_date(cal.campaign_last * 86400000LL));
  }
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
