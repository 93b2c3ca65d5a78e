// The context rules on hand-made posts, a calendar written in the test and a pack of two rules.
#include "pantau/classify/context_rules.h"

#include <catch2/catch.hpp>

#include "pantau/classify/labels.h"

using namespace pantau::classify;

namespace {

const char* kCal = R"(
[election]
id = "pemilu-2024"
campaign = { start = 2023-11-28, end = 2024-02-10 }
quiet = { start = 2024-02-11, end = 2024-02-13 }
voting_day = 2024-02-14
[time_zones.WITA]
offset = "+08:00"
regions = ["51", "52"]
)";

PostContext candidate_post(const char* created_at) {
  PostContext p;
  p.has_account = true;
  p.role = "candidate";
  p.owner = "Budi";
  p.region = "52.01";
  if (created_at) {
    p.has_time = true;
    p.created_at = *pantau::parse_datetime(created_at);
  }
  return p;
}

RulePack signal_pack() {
  RulePack p;
  for (auto id : kLabelIds) {
    LabelInfo l;
    l.id = std::string(id);
    p.labels.push_back(l);
  }
  p.signals = {"call_to_vote", "facility", "activity"};
  p.context.activity_signals = {"activity"};
  for (auto [id, label, w] : {std::tuple{"call.coblos", "call_to_vote", 0.8},
                              std::tuple{"facility.masjid", "facility", 0.6},
                              std::tuple{"activity.kampanye", "activity", 0.5},
                              std::tuple{"campaign.direct", "campaign", 0.3}}) {
    Rule r;
    r.id = id;
    r.label = label;
    r.weight = w;
    p.rules.push_back(r);
  }
  return p;
}

}  // namespace

TEST_CASE("context: the calendar rule places the post in local time and says so", "[context]") {
  auto cal = parse_calendar(kCal, "cal.toml");
  REQUIRE(cal.ok());
  ContextRules rules;
  std::string note;
  // 16:30Z on the 10th is 00:30 WITA on the 11th: the quiet period in Lombok (region 52).
  CHECK(calendar_rule(rules, *cal, candidate_post("2024-02-10T16:30:00Z"), &note) ==
        CalendarRule::kQuietPeriod);
  CHECK(note ==
        "posted 2024-02-11 00:30 WITA (UTC+08:00), in the quiet period 2024-02-11..2024-02-13 "
        "of pemilu-2024");
  note.clear();
  CHECK(calendar_rule(rules, *cal, candidate_post("2024-02-14T02:00:00Z"), &note) ==
        CalendarRule::kQuietPeriod);
  CHECK(note ==
        "posted 2024-02-14 10:00 WITA (UTC+08:00), on voting day 2024-02-14 of "
        "pemilu-2024");
  note.clear();
  CHECK(calendar_rule(rules, *cal, candidate_post("2023-11-01T02:00:00Z"), &note) ==
        CalendarRule::kOutsideSchedule);
  CHECK(note ==
        "posted 2023-11-01 10:00 WITA (UTC+08:00), before the campaign period "
        "2023-11-28..2024-02-10 of pemilu-2024");

  note.clear();
  PostContext jakarta = candidate_post("2024-02-10T16:30:00Z");
  jakarta.region = "31.71";  // 23:30 WIB on the 10th: still the campaign
  CHECK(calendar_rule(rules, *cal, jakarta, &note) == CalendarRule::kNone);
  CHECK(calendar_rule(rules, *cal, candidate_post(nullptr), &note) == CalendarRule::kNone);
  PostContext official = candidate_post("2024-02-12T02:00:00Z");
  official.role = "official";  // not a campaigning role: neutrality's business
  CHECK(calendar_rule(rules, *cal, official, &note) == CalendarRule::kNone);
  CHECK(note.empty());
}

TEST_CASE("context: roles decide neutrality and self calls", "[context]") {
  ContextRules rules;
  std::string note;
  PostContext p = candidate_post(nullptr);
  CHECK(has_role(rules.self_roles, p));
  CHECK_FALSE(neutrality_rule(rules, p, &note));
  CHECK(note.empty());
  p.role = "village_head";
  CHECK(neutrality_rule(rules, p, &note));
  CHECK(note ==
        "campaign content from an account with registry role village_head (must stay "
        "neutral)");
  p.has_account = false;  // no registry entry: no role at all
  CHECK_FALSE(has_role(rules.neutral_roles, p));

  note.clear();
  self_call_note(candidate_post(nullptr), &note);
  CHECK(note == "call to vote from the account of Budi (role candidate)");
}

TEST_CASE("context: campaign counts calls to vote only with a target or its own account",
          "[context]") {
  RulePack pack = signal_pack();
  RuleScorer s(pack);
  ContextSignals sig(pack, s);
  HitContext ctx(pack, 0x80000000u);
  const size_t campaign = *label_index("campaign");
  s.start_post();
  s.fire(0);  // call.coblos
  s.fire(2);  // activity.kampanye
  s.settle(false, ctx, "", {});
  CHECK(campaign_direct(s, sig, campaign, false, false) == 0);
  CHECK(campaign_direct(s, sig, campaign, false, true) == Approx(0.8));  // own account
  CHECK(campaign_direct(s, sig, campaign, true, false) == Approx(0.8));  // the stronger
  s.start_post();
  s.fire(2);
  s.fire(3);  // campaign.direct
  s.settle(false, ctx, "", {});
  CHECK(campaign_direct(s, sig, campaign, false, true) == Approx(0.3));  // activity needs a target
  CHECK(campaign_direct(s, sig, campaign, true, false) == Approx(1 - 0.7 * 0.5));
}

TEST_CASE("context: a facility counts anywhere without a window", "[context]") {
  RulePack pack = signal_pack();
  RuleScorer s(pack);
  ContextSignals sig(pack, s);
  HitContext ctx(pack, 0x80000000u);
  s.start_post();
  s.fire(1);
  s.settle(false, ctx, "", {});
  CHECK(facility_signal(pack.context, s, sig, ctx, "", {}, false) == Approx(0.6));
  s.start_post();
  s.settle(false, ctx, "", {});
  CHECK(facility_signal(pack.context, s, sig, ctx, "", {}, false) == 0);
}

TEST_CASE("context: with a window, the facility must be near the call to vote", "[context]") {
  RulePack pack = signal_pack();
  pack.context.facility_within = 3;
  RuleScorer s(pack);
  ContextSignals sig(pack, s);
  HitContext ctx(pack, 0x80000000u);
  auto run = [&](std::string_view text, bool self_role) {
    std::vector<Hit> hits;
    for (auto [word, tag] : {std::pair{"coblos", 0u}, std::pair{"masjid", 1u}}) {
      const size_t at = text.find(word);
      if (at != std::string_view::npos)
        hits.push_back({tag, static_cast<uint32_t>(at), static_cast<uint32_t>(at + 6)});
    }
    s.start_post();
    for (const Hit& h : hits) s.fire(h.tag);
    s.settle(false, ctx, text, hits);
    return facility_signal(pack.context, s, sig, ctx, text, hits, self_role);
  };
  CHECK(run("ayo coblos di masjid", false) == Approx(0.6));
  const char* far = "ayo coblos besok pagi ya lalu kita pergi ke masjid";
  CHECK(run(far, false) == 0);
  CHECK(run(far, true) == Approx(0.6));  // a candidate's own post: no window
}

TEST_CASE("context: a time known only to the day is placed only when the whole day fits",
          "[context]") {
  auto cal = parse_calendar(kCal, "cal.toml");
  REQUIRE(cal.ok());
  ContextRules rules;
  auto day = [&](const char* date, std::string* note) {
    PostContext p = candidate_post((std::string(date) + "T00:00:00Z").c_str());
    p.day_only = true;  // in WITA the UTC day runs from 08:00 to 07:59 the next day
    note->clear();
    return calendar_rule(rules, *cal, p, note);
  };
  std::string note;
  CHECK(day("2024-02-11", &note) == CalendarRule::kQuietPeriod);
  CHECK(note ==
        "posted 2024-02-11 (UTC date), time known only to the day, in the quiet period "
        "2024-02-11..2024-02-13 of pemilu-2024");
  // From the last quiet day into voting day: in the quiet_period window all day.
  CHECK(day("2024-02-13", &note) == CalendarRule::kQuietPeriod);
  CHECK(note ==
        "posted 2024-02-13 (UTC date), time known only to the day, in the quiet period "
        "2024-02-11..2024-02-13 or on voting day 2024-02-14 of pemilu-2024");
  // Voting day runs into the day after: maybe after the vote. The hour 00:00 UTC (08:00 WITA,
  // on voting day) used to be taken for the time and flagged it.
  CHECK(day("2024-02-14", &note) == CalendarRule::kNone);
  CHECK(note.empty());
  // The last campaign day runs into the quiet period: maybe still the campaign.
  CHECK(day("2024-02-10", &note) == CalendarRule::kNone);
  // The day before the campaign runs into its first day: maybe already the campaign.
  CHECK(day("2023-11-27", &note) == CalendarRule::kNone);
  CHECK(day("2023-11-01", &note) == CalendarRule::kOutsideSchedule);
  CHECK(note ==
        "posted 2023-11-01 (UTC date), time known only to the day, before the campaign "
        "period 2023-11-28..2024-02-10 of pemilu-2024");

  // The same day with a full time is placed by the time.
  PostContext timed = candidate_post("2024-02-14T00:00:00Z");
  note.clear();
  CHECK(calendar_rule(rules, *cal, timed, &note) == CalendarRule::kQuietPeriod);
  CHECK(note.find("on voting day 2024-02-14") != std::string::npos);
}
