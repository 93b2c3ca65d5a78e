// Every word a report prints, in Indonesian (the default) and English (--lang en): headings,
// column names, role and platform names, and dates written the way each language writes them.
#pragma once

#include <string>
#include <string_view>

#include "pantau/records/review.h"
#include "pantau/report/label_catalog.h"
#include "pantau/time.h"

namespace pantau::report {

using records::Decision;
using records::Review;

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
      attempts, occurrences, quote_mismatch, in_title, shown_of, no_text, unknown, registered,
      kpu_yes, kpu_no, contents, suspected, contains, at, post_id, fetched_from, format, kept_note,
      since_note, labels_heading, type, title_field, rank, more_rows, top_shown, findings_lc,
      account_lc, region_lc, post_id_title, raw_sha256_lc;
  // Confidence in words beside each score, and what a score means (once per report).
  std::string_view confidence_high, confidence_medium, confidence_low, score_note;
  // Reach and the raw record a finding came from.
  std::string_view reach, views, shares, likes, comments, raw_record, line_lc;
  // The classifier's context notes (see staff_text.h).
  std::string_view note_posted, note_in_quiet_period, note_before_campaign, note_on_voting_day,
      note_day_only, note_or, note_neutral_role, note_must_stay_neutral, note_facility,
      note_self_call;
  // Why an account could not be fetched.
  std::string_view reason, reason_rate_limited, reason_not_found, reason_auth, reason_no_adapter,
      reason_no_credential, reason_server, reason_failed, after, attempts_lc, retry_next_run;
  // Election stages (Formulir Model A, part I).
  std::string_view stage_before_campaign, stage_campaign, stage_quiet, stage_voting_day,
      stage_after_voting;
  // Formulir Model A: its parts, the items pantau fills and the blanks staff fill.
  std::string_view form_blank, form_part1, form_stage, form_supervisor, form_position, form_letter,
      form_office, form_part2, form_activity, form_purpose, form_target, form_time_place,
      form_part3, form_part4, form_event, form_address, form_witnesses, form_description,
      form_facts, form_analysis, form_summary_found, form_summary_by, form_summary_on,
      form_summary_suspected, form_raw_file, shown_of_findings;
  // Staff's review decisions (--reviews).
  std::string_view review, decision_confirmed, decision_dismissed, decision_reported,
      decision_needs_check, no_decision, pending_section, dismissed_section, reviewer;
  // What rechecks found after a finding (status records): "dihapus setelah ditemukan".
  std::string_view post_status, fate_deleted, fate_account_gone, fate_not_visible, fate_edited,
      fate_visible_again, fate_text_now, fate_still_there, fate_last_checked, changed_findings,
      newly_removed, status_records, status_without_finding, recheck_sha256;
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
// "0.86 (tinggi)" / "0.86 (high)": the score with its confidence in words (>= 0.8 high,
// >= 0.5 medium, else low).
std::string format_score_words(double score, Lang lang);
std::string_view confidence_word(double score, Lang lang);
// A finding's review status: "bukan pelanggaran — alasan (peninjau)"; "belum diputuskan" when
// there is no review.
std::string review_status(const Review* r, Lang lang);
std::string_view decision_name(const Review* r, Lang lang);
// "11–13 Februari 2024", "28 November 2023 – 10 Februari 2024", "14 Februari 2024" for a range
// of day numbers.
std::string format_day_range(int32_t first, int32_t last, Lang lang);
// Integer with thousands separators: "12.345" (id) / "12,345" (en).
std::string format_count(uint64_t n, Lang lang);

}  // namespace pantau::report
