// The label vocabulary of pantau-classify (man/pantau-records.5, LABELS): stable ids that reports,
// spreadsheets and downstream scripts key on. Names and legal bases live in the rule pack
// (rules/pack.toml) so that they can be corrected without a release; the ids cannot change.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace pantau::classify {

// In the order the issue lists them; output orders labels by id string instead (see
// man/pantau-records.5: "ordered by label id").
inline constexpr std::array<std::string_view, 12> kLabelIds = {
    "sara",     "hate",     "insult",       "black_campaign",   "hoax",       "money_politics",
    "violence", "campaign", "quiet_period", "outside_schedule", "neutrality", "facility_misuse"};

// Index of `id` in kLabelIds, or std::nullopt for an unknown id.
std::optional<size_t> label_index(std::string_view id);

// Account roles of the registry (man/pantau-records.5, ACCOUNT RECORDS).
inline constexpr std::array<std::string_view, 10> kRoles = {
    "candidate", "party",    "campaign_team", "civil_servant", "village_head",
    "official",  "military", "police",        "media",         "other"};

bool is_known_role(std::string_view role);

}  // namespace pantau::classify
