// Context rules: the labels that depend on who posted and when, not only on the words.
//
//   campaign          the call-to-vote signals count when the post names a target or comes
//                     from an account that asks for votes for itself (a candidate's own post);
//                     activity signals ("kampanye", "relawan") only with a named target;
//   neutrality        campaign content from an account whose registry role must stay neutral;
//   quiet_period,     campaign content from a campaigning role posted, in the local time of
//   outside_schedule  the account's region, in the quiet period or on voting day, or before
//                     the campaign period (calendar.h);
//   facility_misuse   campaign content with a facility signal near the call to vote or the
//                     named target.
//
// Each rule returns whether (or how strongly) it applies and writes its evidence, a note in
// English that the report translates (lib/pantau/report/staff_text.cpp matches its wording).
// The scores themselves (the campaign score carried over, dampened) stay with the classifier.
//
// Apart from the classifier so that each rule is tested on a hand-made post and calendar.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/calendar.h"
#include "pantau/classify/classification.h"
#include "pantau/classify/hit_context.h"
#include "pantau/classify/rule_pack.h"
#include "pantau/classify/scoring.h"

namespace pantau::classify {

// The slots of the signals the context rules read ([context] in pack.toml).
struct ContextSignals {
  ContextSignals(const RulePack& pack, const RuleScorer& scorer);
  std::vector<size_t> campaign, activity, facility;
};

// True when the post's account has one of `roles`.
bool has_role(const std::vector<std::string>& roles, const PostContext& post);

// campaign, undampened: the direct campaign rules, or-ed with the call-to-vote signals (when
// `named_target` or `self_role`) and the activity signals (when `named_target`).
double campaign_direct(const RuleScorer& scores, const ContextSignals& signals,
                       size_t campaign_slot, bool named_target, bool self_role);

// "call to vote from the account of OWNER (role ROLE)": the evidence of a campaign label that
// rests on the account alone.
void self_call_note(const PostContext& post, std::string* note);

// neutrality: true when the post's account has a role that must stay neutral; *note says so.
bool neutrality_rule(const ContextRules& rules, const PostContext& post, std::string* note);

// quiet_period / outside_schedule.
enum class CalendarRule { kNone, kQuietPeriod, kOutsideSchedule };
// Which of the two applies to a post of a campaigning role (rules.schedule_roles) with a time,
// under calendar `cal`; *note gets the evidence ("posted 2024-02-11 00:30 WITA (UTC+08:00), in
// the quiet period 2024-02-11..2024-02-13 of pemilu-2024") when one does. A post whose time is
// known only to the day (PostContext::day_only) is in a window only when the whole UTC day
// is, at the region's offset; its note gives the date, not a time ("posted 2024-02-12 (UTC
// date), time known only to the day, in the quiet period ...").
CalendarRule calendar_rule(const ContextRules& rules, const ElectionCalendar& cal,
                           const PostContext& post, std::string* note);

// facility_misuse: the strength of the facility signals, 0 unless one lies within
// rules.facility_within words of a call to vote or a named target (no window for `self_role`:
// a candidate's own post is about the candidate throughout).
double facility_signal(const ContextRules& rules, const RuleScorer& scores,
                       const ContextSignals& signals, const HitContext& context,
                       std::string_view text, const std::vector<Hit>& hits, bool self_role);
inline constexpr std::string_view kFacilityNote =
    "campaign content naming a government facility, place of worship or school";

}  // namespace pantau::classify
