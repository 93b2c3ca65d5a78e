// The fields of Bawaslu's Formulir Model A (the supervision result form) drafted from one
// finding, in the report's language, as plain text ready to be copied into the form: when,
// where, what happened, who, the evidence, and the alleged article.
//
// The draft states only what the records show; the analyst completes and verifies it.
#pragma once

#include <string>

#include "pantau/report/report_view.h"

namespace pantau::report {

struct FormA {
  std::string when;      // Waktu kejadian: local time with zone, and UTC
  std::string where;     // Tempat kejadian: platform, account, URL, district
  std::string what;      // Peristiwa: suspected labels and the matched words
  std::string who;       // Pelaku: owner, role, party, ballot number, district; targets
  std::string evidence;  // Alat bukti: URL, post id, fetch time, raw SHA-256, source format
  std::string article;   // Pasal yang diduga dilanggar
};

FormA draft_form(const ReportView& view, const FindingRow& row);

// The distinct articles of a finding's violation labels, joined by "; ".
std::string alleged_articles(const ReportView& view, const Finding& f);

}  // namespace pantau::report
