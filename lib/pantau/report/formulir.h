// Bawaslu's Formulir Model A (Laporan Hasil Pengawasan Pemilu, annex of Perbawaslu 5/2022)
// drafted from one finding, in the report's language, following the form's parts:
//   I.   Data pengawas: the election stage (from the calendar); the officer, position,
//        assignment letter and office address are blanks for staff;
//   II.  Kegiatan pengawasan: the target (the account); form, purpose, time and place of the
//        supervision are blanks;
//   III. Uraian singkat hasil pengawasan: one sentence on what monitoring found;
//   IV.  Informasi dugaan pelanggaran: event, place, time, perpetrator (role, party, ballot
//        number, district), the perpetrator's address and witnesses (blanks), evidence (URL,
//        post id, fetch time, raw file and line, SHA-256), description, facts and analysis
//        (blanks), the articles allegedly violated.
// Blanks are marked "……… (diisi pengawas)". The draft states only what the records show; the
// officer completes and verifies it. The same items make a Formulir Model B.2 finding (the
// reported party, the event and its description, witnesses, evidence).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pantau/report/report_view.h"

namespace pantau::report {

struct FormA {
  std::string stage;     // I: the election stage, or the blank
  std::string summary;   // III
  std::string when;      // Waktu kejadian: local time with zone, and UTC
  std::string where;     // Tempat kejadian: platform, account, URL, district
  std::string what;      // Peristiwa: suspected labels and the matched words
  std::string who;       // Pelaku: owner, role, party, ballot number, district; targets
  std::string evidence;  // Alat bukti: URL, post id, fetch time, raw file:line, raw SHA-256
  std::string article;   // Pasal yang diduga dilanggar
};

FormA draft_form(const ReportView& view, const FindingRow& row);

struct FormItem {
  std::string_view label;
  std::string value;  // the form_blank text when `blank`
  bool blank = false;
};
struct FormPart {
  std::string_view title;  // "I. Data pengawas"
  std::vector<FormItem> items;
};

// The draft laid out as the form's four parts, blanks included.
std::vector<FormPart> form_parts(const FormA& form, const FindingRow& row, Lang lang);

// The distinct articles of a finding's violation labels, joined by "; ".
std::string alleged_articles(const ReportView& view, const Finding& f);

}  // namespace pantau::report
