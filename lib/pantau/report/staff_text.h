// What other stages wrote in English, said in the report's language: the classifier's context
// notes on evidence ("posted 2024-02-12 20:00 WITA (UTC+08:00), in the quiet period
// 2024-02-11..2024-02-13 of pemilu-2024"), fetch failures ("rate limited (http 429) after 5
// attempts") and the stage names of error records.
//
// The notes carry no structured fields, so the known patterns that pantau-classify writes
// (lib/pantau/classify/context_rules.cpp) are read and rewritten from the string catalog; a note
// that matches none is shown as written. Failures are described from their structured fields
// (http_status, attempts, retryable) and the message's known prefix.
#pragma once

#include <string>
#include <string_view>

#include "pantau/report/finding.h"
#include "pantau/report/label_catalog.h"
#include "pantau/report/post_status.h"
#include "pantau/report/report_state.h"

namespace pantau::report {

std::string evidence_note(std::string_view note, Lang lang);

std::string failure_reason(const FailedAccount& f, Lang lang);

// "fetch" -> "pengambilan data" / "fetching"; unknown stages as given.
std::string_view failure_stage_name(std::string_view stage, Lang lang);

// Where the raw response of a finding is: "raw-x.ndjson, baris 12" ("" when unknown).
std::string raw_record_text(const Finding& f, Lang lang);
// "340 ditonton, 9 dibagikan, 74 disukai, 6 komentar": the reach the platform reported ("" when
// none).
std::string reach_text(const Finding& f, Lang lang);
// The rule packs that classified the posts: "pantau-id 2024.1 (pemilu-2024)"; "" when none.
std::string rule_packs_text(const ReportState& state);

// What rechecks found after a finding: "dihapus setelah ditemukan (Senin, 12 Februari 2024
// pukul 09.15 WITA)", "diubah setelah ditemukan (...): teks sekarang «...»" (the new text when
// `with_text`), joined by "; "; "masih ada (terakhir diperiksa ...)" when nothing changed; ""
// when every check failed.
std::string post_fate_text(const PostFate& fate, int offset_seconds, Lang lang, bool with_text);

}  // namespace pantau::report
