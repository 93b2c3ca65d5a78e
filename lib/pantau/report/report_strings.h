// Every word a report prints, in Indonesian (the default) and English (--lang en): headings,
// column names, role and platform names, and dates written the way each language writes them.
#pragma once

#include <string>
#include <string_view>

#include "pantau/report/label_catalog.h"
#include "pantau/time.h"

namespace pantau::report {

struct Strings {
  std::string_view lang_code;  // "id", "en"
  std::string_view title, generated, summary, time_range, posts, classified, labeled, findings,
      new_findings, accounts, owners, platforms, rule_pack, inputs, failed_accounts, bad_lines,
      other_records, unregistered, not_classified, undated, by_label_platform, by_day, days_in,
      days_by_region, label, total, date, accounts_ranked, owners_ranked, owner, role, party,
      ballot_no, district, region, account, platform, quiet_section, neutrality_section,
      top_findings, none, score, posted, fetched, link, raw_sha256, source, evidence, rule, targets,
      form_title, form_when, form_where, form_what, form_who, form_evidence, form_article, is_new,
      verify_note, chart_timeline, chart_platforms, chart_owners, stage, http_status, message, time,
      attempts, occurrences, quote_mismatch, shown_of, no_text, unknown, registered, kpu_yes,
      kpu_no, contents, suspected, contains, at, post_id, fetched_from, format, kept_note,
      since_note, labels_heading, type, title_field, rank, more_rows, top_shown, findings_lc,
      account_lc, region_lc, post_id_title, raw_sha256_lc;
};

const Strings& strings(Lang lang);

// Display names; unknown values are returned as given.
std::string_view role_name(std::string_view role, Lang lang);
std::string_view platform_name(std::string_view platform);
std::string_view post_type_name(std::string_view type, Lang lang);

// "11 Feb 2024 08.15 WITA" (id) / "11 Feb 2024 08:15 WITA" (en): short, for tables.
std::string format_short_time(EpochMillis t, int offset_seconds, Lang lang);
// "Minggu, 11 Februari 2024 pukul 08.15 WITA" / "Sunday, 11 February 2024, 08:15 WITA".
std::string format_long_time(EpochMillis t, int offset_seconds, Lang lang);
// "Min 11 Feb 2024" / "Sun 11 Feb 2024" for a day number (days since 1970-01-01), or "11 Feb"
// when `long_form` is false (chart axes).
std::string format_day_label(int32_t day, Lang lang, bool long_form = true);
// A zone name for an offset: "WITA", else "UTC+05:30".
std::string zone_name(int offset_seconds);

// Decimal score with two digits ("0.86"), locale-independent.
std::string format_score(double score);
// Integer with thousands separators: "12.345" (id) / "12,345" (en).
std::string format_count(uint64_t n, Lang lang);

}  // namespace pantau::report
