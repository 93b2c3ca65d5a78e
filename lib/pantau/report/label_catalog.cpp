#include "pantau/report/label_catalog.h"

#include <array>

namespace pantau::report {
namespace {

// Articles follow the brief's reading of UU 7/2017 (Pemilu). Pilkada findings cite UU 10/2016;
// the classifier's rule pack knows which election applies and writes its own "basis", which the
// report prefers, so these are only used when a record has none.
// Names are the rule pack's (rules/pack.toml [labels.*]; tests/report checks they agree); a
// record's own name_id/name_en wins over these, so a renamed label in a custom pack shows as such.
// Colours: a qualitative palette that stays distinguishable in greyscale print.
constexpr std::array<LabelInfo, 12> kLabels{{
    {"sara", "Penghinaan SARA", "SARA insult", "UU 7/2017 Pasal 280 ayat (1) huruf c",
     Section::kNone, true, "#7b3294"},
    {"hate", "Hasutan dan adu domba", "Incitement", "UU 7/2017 Pasal 280 ayat (1) huruf c dan d",
     Section::kNone, true, "#c2a5cf"},
    {"insult", "Penghinaan", "Insult", "UU 7/2017 Pasal 280 ayat (1) huruf c", Section::kNone, true,
     "#a6611a"},
    {"black_campaign", "Dugaan kampanye hitam", "Suspected black campaign",
     "UU 7/2017 Pasal 280 ayat (1) huruf c dan d", Section::kNone, true, "#252525"},
    {"hoax", "Dugaan hoaks", "Suspected hoax", "UU 7/2017 Pasal 280 ayat (1) huruf d",
     Section::kNone, true, "#d95f02"},
    {"money_politics", "Politik uang", "Money politics",
     "UU 7/2017 Pasal 280 ayat (1) huruf j jo. Pasal 523", Section::kNone, true, "#e7298a"},
    {"violence", "Ancaman kekerasan", "Threat of violence", "UU 7/2017 Pasal 280 ayat (1) huruf f",
     Section::kNone, true, "#b2182b"},
    {"campaign", "Konten kampanye", "Campaign content", "", Section::kNone, false, "#bababa"},
    {"quiet_period", "Kampanye di masa tenang", "Campaigning in the quiet period",
     "UU 7/2017 Pasal 278 jo. Pasal 523 ayat (2)", Section::kQuietPeriod, true, "#1b9e77"},
    {"outside_schedule", "Kampanye di luar jadwal", "Campaigning before the campaign period",
     "UU 7/2017 Pasal 276 jo. Pasal 492", Section::kQuietPeriod, true, "#66a61e"},
    {"neutrality", "Pelanggaran netralitas", "Neutrality breach",
     "UU 7/2017 Pasal 280 ayat (2) dan (3)", Section::kNeutrality, true, "#2166ac"},
    {"facility_misuse", "Penggunaan fasilitas terlarang", "Prohibited facility use",
     "UU 7/2017 Pasal 280 ayat (1) huruf h", Section::kNeutrality, true, "#67a9cf"},
}};

}  // namespace

const LabelInfo* find_label(std::string_view id) {
  for (const auto& l : kLabels) {
    if (l.id == id) return &l;
  }
  return nullptr;
}

int label_rank(std::string_view id) {
  for (size_t i = 0; i < kLabels.size(); ++i) {
    if (kLabels[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::string_view label_name(std::string_view id, Lang lang) {
  const LabelInfo* l = find_label(id);
  if (l == nullptr) return id;
  return lang == Lang::kId ? l->name_id : l->name_en;
}

std::string_view label_color(std::string_view id) {
  const LabelInfo* l = find_label(id);
  return l == nullptr ? std::string_view("#878787") : l->color;
}

}  // namespace pantau::report
