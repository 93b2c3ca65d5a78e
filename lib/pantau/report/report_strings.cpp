#include "pantau/report/report_strings.h"

#include <array>
#include <charconv>
#include <cmath>

#include "pantau/report/region_zone.h"

namespace pantau::report {
namespace {

constexpr Strings kIndonesian{
    .lang_code = "id",
    .title = "Laporan Pengawasan Media Sosial",
    .generated = "Dibuat",
    .summary = "Ringkasan",
    .time_range = "Rentang waktu unggahan",
    .posts = "Unggahan",
    .classified = "Unggahan terklasifikasi",
    .labeled = "Unggahan berlabel",
    .findings = "Unggahan dengan temuan",
    .new_findings = "Temuan baru sejak laporan sebelumnya",
    .accounts = "Akun",
    .owners = "Pemilik akun",
    .platforms = "Platform",
    .rule_pack = "Paket aturan",
    .inputs = "Berkas masukan",
    .failed_accounts = "Akun yang gagal diambil",
    .bad_lines = "Baris masukan yang rusak",
    .other_records = "Rekaman lain (diabaikan)",
    .unregistered = "Unggahan dari akun tak terdaftar",
    .not_classified = "Unggahan belum diklasifikasi (jalankan pantau classify)",
    .undated = "Unggahan tanpa waktu",
    .by_label_platform = "Temuan per label dan platform",
    .by_day = "Temuan per hari",
    .days_in = "Tanggal menurut waktu setempat",
    .days_by_region = "Tanggal menurut zona waktu wilayah tiap akun",
    .label = "Label",
    .total = "Jumlah",
    .date = "Tanggal",
    .accounts_ranked = "Akun dengan temuan terbanyak",
    .owners_ranked = "Pemilik akun dengan temuan terbanyak",
    .owner = "Pemilik",
    .role = "Peran",
    .party = "Partai",
    .ballot_no = "No. urut",
    .district = "Dapil",
    .region = "Wilayah",
    .account = "Akun",
    .platform = "Platform",
    .quiet_section = "Masa tenang dan kampanye di luar jadwal",
    .neutrality_section = "Netralitas ASN, TNI, Polri dan kepala desa",
    .top_findings = "Temuan teratas",
    .none = "Tidak ada.",
    .score = "Skor",
    .posted = "Diunggah",
    .fetched = "Diambil",
    .link = "Tautan",
    .raw_sha256 = "SHA-256 respons mentah",
    .source = "Sumber",
    .evidence = "Bukti",
    .rule = "Aturan",
    .targets = "Sasaran",
    .form_title = "Formulir Model A (draf)",
    .form_when = "Waktu kejadian",
    .form_where = "Tempat kejadian",
    .form_what = "Peristiwa",
    .form_who = "Pelaku",
    .form_evidence = "Alat bukti",
    .form_article = "Pasal yang diduga dilanggar",
    .is_new = "BARU",
    .verify_note =
        "Temuan adalah dugaan hasil pencocokan aturan otomatis. Periksa unggahan "
        "aslinya sebelum ditindaklanjuti.",
    .chart_timeline = "Label temuan per hari",
    .chart_platforms = "Label temuan per platform",
    .chart_owners = "Label temuan per pemilik akun",
    .stage = "Tahap",
    .http_status = "Status HTTP",
    .message = "Pesan",
    .time = "Waktu",
    .attempts = "Percobaan",
    .occurrences = "Kejadian",
    .quote_mismatch = "kutipan tidak cocok dengan teks",
    .in_title = "di judul",
    .shown_of = "ditampilkan dari",
    .no_text = "(tanpa teks)",
    .unknown = "tidak diketahui",
    .registered = "Terdaftar di KPU",
    .kpu_yes = "ya",
    .kpu_no = "tidak",
    .contents = "Isi",
    .suspected = "Dugaan",
    .contains = "unggahan memuat",
    .at = "pukul",
    .post_id = "ID unggahan",
    .fetched_from = "diambil",
    .format = "format",
    .kept_note = "Daftar temuan memuat paling banyak",
    .since_note = "Dibandingkan dengan laporan sebelumnya",
    .labels_heading = "Label",
    .type = "Jenis",
    .title_field = "Judul",
    .rank = "No.",
    .more_rows = "baris lain tidak ditampilkan",
    .top_shown = "Ditampilkan",
    .findings_lc = "unggahan dengan temuan",
    .account_lc = "akun",
    .region_lc = "wilayah",
    .post_id_title = "ID unggahan",
    .raw_sha256_lc = "SHA-256 respons mentah",
    .confidence_high = "tinggi",
    .confidence_medium = "sedang",
    .confidence_low = "rendah",
    .score_note =
        "Skor (0–1) menyatakan seberapa kuat aturan otomatis mencocokkan unggahan dengan label: "
        "tinggi ≥ 0.80, sedang ≥ 0.50, rendah di bawahnya. Skor bukan bukti; pengawas tetap "
        "memeriksa unggahan aslinya.",
    .reach = "Jangkauan",
    .views = "ditonton",
    .shares = "dibagikan",
    .likes = "disukai",
    .comments = "komentar",
    .raw_record = "Rekaman mentah",
    .line_lc = "baris",
    .note_posted = "diunggah",
    .note_in_quiet_period = "pada masa tenang",
    .note_before_campaign = "sebelum masa kampanye",
    .note_on_voting_day = "pada hari pemungutan suara",
    .note_day_only = "(tanggal UTC; jam unggahan tidak diketahui)",
    .note_or = "atau",
    .note_neutral_role = "konten kampanye dari akun yang menurut registri berperan sebagai",
    .note_must_stay_neutral = "(wajib netral)",
    .note_facility =
        "konten kampanye yang menyebut fasilitas pemerintah, tempat ibadah, atau sekolah",
    .note_self_call = "ajakan memilih dari akun milik",
    .reason = "Alasan",
    .reason_rate_limited = "dibatasi platform karena terlalu banyak permintaan",
    .reason_not_found = "akun tidak ditemukan",
    .reason_auth = "perlu izin akses (token)",
    .reason_no_adapter = "platform ini belum didukung pantau",
    .reason_no_credential = "kredensial platform belum diisi",
    .reason_server = "server platform bermasalah",
    .reason_failed = "gagal diambil",
    .after = "setelah",
    .attempts_lc = "percobaan",
    .retry_next_run = "dicoba lagi pada pengambilan berikutnya",
    .stage_before_campaign = "Sebelum masa kampanye",
    .stage_campaign = "Masa kampanye",
    .stage_quiet = "Masa tenang",
    .stage_voting_day = "Hari pemungutan suara",
    .stage_after_voting = "Setelah pemungutan suara",
    .form_blank = "……… (diisi pengawas)",
    .form_part1 = "I. Data pengawas",
    .form_stage = "Tahapan yang diawasi",
    .form_supervisor = "Nama pelaksana tugas pengawasan",
    .form_position = "Jabatan",
    .form_letter = "Nomor surat perintah tugas",
    .form_office = "Alamat kantor",
    .form_part2 = "II. Kegiatan pengawasan",
    .form_activity = "Bentuk pengawasan",
    .form_purpose = "Tujuan",
    .form_target = "Sasaran pengawasan",
    .form_time_place = "Waktu dan tempat pengawasan",
    .form_part3 = "III. Uraian singkat hasil pengawasan",
    .form_part4 = "IV. Informasi dugaan pelanggaran",
    .form_event = "Peristiwa",
    .form_address = "Alamat pelaku",
    .form_witnesses = "Saksi-saksi",
    .form_description = "Uraian singkat kejadian",
    .form_facts = "Fakta dan keterangan",
    .form_analysis = "Analisa",
    .form_summary_found = "Pemantauan media sosial menemukan",
    .form_summary_by = "dari akun",
    .form_summary_on = "di",
    .form_summary_suspected = "yang diduga memuat",
    .form_raw_file = "berkas mentah",
    .shown_of_findings = "dari",
    .review = "Keputusan",
    .decision_confirmed = "benar",
    .decision_dismissed = "bukan pelanggaran",
    .decision_reported = "dilaporkan",
    .decision_needs_check = "perlu dicek",
    .no_decision = "belum diputuskan",
    .pending_section = "Temuan yang perlu ditinjau",
    .dismissed_section = "Temuan yang dinyatakan bukan pelanggaran",
    .reviewer = "peninjau",
    .post_status = "Status unggahan",
    .fate_deleted = "dihapus setelah ditemukan",
    .fate_account_gone = "akunnya hilang setelah ditemukan",
    .fate_not_visible = "tidak dapat dilihat lagi setelah ditemukan",
    .fate_edited = "diubah setelah ditemukan",
    .fate_visible_again = "lalu terlihat lagi",
    .fate_text_now = "teks sekarang",
    .fate_still_there = "masih ada",
    .fate_last_checked = "terakhir diperiksa",
    .changed_findings = "Temuan yang dihapus atau diubah setelah ditemukan",
    .newly_removed = "Baru dihapus sejak laporan sebelumnya",
    .status_records = "Rekaman pemeriksaan ulang unggahan",
    .status_without_finding = "tanpa temuan",
    .recheck_sha256 = "SHA-256 respons pemeriksaan ulang",
};

constexpr Strings kEnglish{
    .lang_code = "en",
    .title = "Social Media Monitoring Report",
    .generated = "Generated",
    .summary = "Summary",
    .time_range = "Posts' time range",
    .posts = "Posts",
    .classified = "Classified posts",
    .labeled = "Labelled posts",
    .findings = "Posts with findings",
    .new_findings = "New findings since the previous report",
    .accounts = "Accounts",
    .owners = "Account owners",
    .platforms = "Platforms",
    .rule_pack = "Rule pack",
    .inputs = "Inputs",
    .failed_accounts = "Accounts that could not be fetched",
    .bad_lines = "Unreadable input lines",
    .other_records = "Other records (ignored)",
    .unregistered = "Posts from unregistered accounts",
    .not_classified = "Posts not classified (run pantau classify)",
    .undated = "Posts without a time",
    .by_label_platform = "Findings by label and platform",
    .by_day = "Findings by day",
    .days_in = "Dates in local time",
    .days_by_region = "Dates in the time zone of each account's region",
    .label = "Label",
    .total = "Total",
    .date = "Date",
    .accounts_ranked = "Accounts with the most findings",
    .owners_ranked = "Account owners with the most findings",
    .owner = "Owner",
    .role = "Role",
    .party = "Party",
    .ballot_no = "Ballot no.",
    .district = "District",
    .region = "Region",
    .account = "Account",
    .platform = "Platform",
    .quiet_section = "Quiet period and campaigning outside the schedule",
    .neutrality_section = "Neutrality of civil servants, military, police and village heads",
    .top_findings = "Top findings",
    .none = "None.",
    .score = "Score",
    .posted = "Posted",
    .fetched = "Fetched",
    .link = "Link",
    .raw_sha256 = "Raw response SHA-256",
    .source = "Source",
    .evidence = "Evidence",
    .rule = "Rule",
    .targets = "Targets",
    .form_title = "Formulir Model A (draft)",
    .form_when = "When",
    .form_where = "Where",
    .form_what = "What happened",
    .form_who = "Who",
    .form_evidence = "Evidence",
    .form_article = "Alleged article",
    .is_new = "NEW",
    .verify_note =
        "Findings are suspected cases matched by automatic rules. Check the original "
        "post before acting on them.",
    .chart_timeline = "Finding labels by day",
    .chart_platforms = "Finding labels by platform",
    .chart_owners = "Finding labels by account owner",
    .stage = "Stage",
    .http_status = "HTTP status",
    .message = "Message",
    .time = "Time",
    .attempts = "Attempts",
    .occurrences = "Occurrences",
    .quote_mismatch = "quote does not match the text",
    .in_title = "in the title",
    .shown_of = "shown of",
    .no_text = "(no text)",
    .unknown = "unknown",
    .registered = "Registered with KPU",
    .kpu_yes = "yes",
    .kpu_no = "no",
    .contents = "Content",
    .suspected = "Suspected",
    .contains = "the post contains",
    .at = "at",
    .post_id = "post id",
    .fetched_from = "fetched",
    .format = "format",
    .kept_note = "Finding lists hold at most",
    .since_note = "Compared with the previous report",
    .labels_heading = "Labels",
    .type = "Type",
    .title_field = "Title",
    .rank = "No.",
    .more_rows = "more rows not shown",
    .top_shown = "Showing",
    .findings_lc = "posts with findings",
    .account_lc = "account",
    .region_lc = "region",
    .post_id_title = "Post id",
    .raw_sha256_lc = "raw response SHA-256",
    .confidence_high = "high",
    .confidence_medium = "medium",
    .confidence_low = "low",
    .score_note =
        "The score (0–1) says how strongly the automatic rules matched the post to the label: "
        "high ≥ 0.80, medium ≥ 0.50, low below. A score is not proof; a supervisor still checks "
        "the original post.",
    .reach = "Reach",
    .views = "views",
    .shares = "shares",
    .likes = "likes",
    .comments = "comments",
    .raw_record = "Raw record",
    .line_lc = "line",
    .note_posted = "posted",
    .note_in_quiet_period = "in the quiet period",
    .note_before_campaign = "before the campaign period",
    .note_on_voting_day = "on voting day",
    .note_day_only = "(UTC date; time known only to the day)",
    .note_or = "or",
    .note_neutral_role = "campaign content from an account whose registry role is",
    .note_must_stay_neutral = "(must stay neutral)",
    .note_facility = "campaign content naming a government facility, place of worship or school",
    .note_self_call = "call to vote from the account of",
    .reason = "Reason",
    .reason_rate_limited = "rate limited by the platform",
    .reason_not_found = "account not found",
    .reason_auth = "access permission (token) required",
    .reason_no_adapter = "platform not supported by pantau yet",
    .reason_no_credential = "no credential for the platform",
    .reason_server = "platform server error",
    .reason_failed = "could not be fetched",
    .after = "after",
    .attempts_lc = "attempts",
    .retry_next_run = "retried on the next fetch",
    .stage_before_campaign = "Before the campaign period of",
    .stage_campaign = "Campaign period of",
    .stage_quiet = "Quiet period of",
    .stage_voting_day = "Voting day of",
    .stage_after_voting = "After voting day of",
    .form_blank = "……… (to be filled in by the supervisor)",
    .form_part1 = "I. Supervisor",
    .form_stage = "Election stage supervised",
    .form_supervisor = "Name of the supervising officer",
    .form_position = "Position",
    .form_letter = "Assignment letter number",
    .form_office = "Office address",
    .form_part2 = "II. Supervision activity",
    .form_activity = "Form of supervision",
    .form_purpose = "Purpose",
    .form_target = "Target of supervision",
    .form_time_place = "Time and place of supervision",
    .form_part3 = "III. Short account of the supervision",
    .form_part4 = "IV. Suspected violation",
    .form_event = "Event",
    .form_address = "Address of the perpetrator",
    .form_witnesses = "Witnesses",
    .form_description = "Short description",
    .form_facts = "Facts and statements",
    .form_analysis = "Analysis",
    .form_summary_found = "Social media monitoring found",
    .form_summary_by = "by the account",
    .form_summary_on = "on",
    .form_summary_suspected = "suspected of",
    .form_raw_file = "raw file",
    .shown_of_findings = "of",
    .review = "Decision",
    .decision_confirmed = "confirmed",
    .decision_dismissed = "not a violation",
    .decision_reported = "reported",
    .decision_needs_check = "needs checking",
    .no_decision = "not yet decided",
    .pending_section = "Findings that need review",
    .dismissed_section = "Findings dismissed as not a violation",
    .reviewer = "reviewer",
    .post_status = "Post status",
    .fate_deleted = "deleted after it was found",
    .fate_account_gone = "account gone after it was found",
    .fate_not_visible = "no longer visible after it was found",
    .fate_edited = "edited after it was found",
    .fate_visible_again = "then visible again",
    .fate_text_now = "text now",
    .fate_still_there = "still online",
    .fate_last_checked = "last checked",
    .changed_findings = "Findings deleted or edited after they were found",
    .newly_removed = "Newly deleted since the previous report",
    .status_records = "Post recheck records",
    .status_without_finding = "without a finding",
    .recheck_sha256 = "recheck response SHA-256",
};

constexpr std::array<std::string_view, 12> kMonthsId{
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
constexpr std::array<std::string_view, 12> kMonthsEn{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDaysId{"Minggu", "Senin", "Selasa", "Rabu",
                                                  "Kamis",  "Jumat", "Sabtu"};
constexpr std::array<std::string_view, 7> kDaysEn{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};

void two_digits(int v, std::string* out) {
  out->push_back(static_cast<char>('0' + v / 10 % 10));
  out->push_back(static_cast<char>('0' + v % 10));
}

// 0 = Sunday. 1970-01-01 was a Thursday.
int weekday(int64_t days) {
  int64_t w = (days + 4) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w);
}

std::string short_month(int m, Lang lang) {
  const auto& months = lang == Lang::kId ? kMonthsId : kMonthsEn;
  return std::string(months[static_cast<size_t>(m - 1)].substr(0, 3));
}

}  // namespace

std::string_view decision_name(const Review* r, Lang lang) {
  const Strings& t = strings(lang);
  if (r == nullptr) return t.no_decision;
  switch (r->decision) {
    case Decision::kConfirmed:
      return t.decision_confirmed;
    case Decision::kDismissed:
      return t.decision_dismissed;
    case Decision::kReported:
      return t.decision_reported;
    case Decision::kNeedsCheck:
      return t.decision_needs_check;
  }
  return t.no_decision;
}

std::string review_status(const Review* r, Lang lang) {
  std::string s(decision_name(r, lang));
  if (r == nullptr) return s;
  if (!r->reason.empty()) s += " \xE2\x80\x94 " + r->reason;
  if (!r->reviewer.empty()) s += " (" + r->reviewer + ")";
  return s;
}

const Strings& strings(Lang lang) { return lang == Lang::kId ? kIndonesian : kEnglish; }

std::string_view role_name(std::string_view role, Lang lang) {
  struct Role {
    std::string_view id, name_id, name_en;
  };
  static constexpr Role kRoles[] = {
      {"candidate", "calon", "candidate"},
      {"party", "partai", "party"},
      {"campaign_team", "tim kampanye", "campaign team"},
      {"civil_servant", "ASN", "civil servant (ASN)"},
      {"village_head", "kepala/perangkat desa", "village head or official"},
      {"official", "pejabat negara/daerah", "state or regional official"},
      {"military", "TNI", "military (TNI)"},
      {"police", "Polri", "police (Polri)"},
      {"media", "media", "media"},
      {"other", "lainnya", "other"},
  };
  for (const auto& r : kRoles) {
    if (r.id == role) return lang == Lang::kId ? r.name_id : r.name_en;
  }
  return role;
}

std::string_view platform_name(std::string_view platform) {
  struct P {
    std::string_view id, name;
  };
  static constexpr P kPlatforms[] = {{"youtube", "YouTube"},   {"x", "X"},
                                     {"facebook", "Facebook"}, {"instagram", "Instagram"},
                                     {"tiktok", "TikTok"},     {"telegram", "Telegram"},
                                     {"mastodon", "Mastodon"}, {"bluesky", "Bluesky"}};
  for (const auto& p : kPlatforms) {
    if (p.id == platform) return p.name;
  }
  return platform;
}

std::string_view post_type_name(std::string_view type, Lang lang) {
  struct T {
    std::string_view id, name_id, name_en;
  };
  static constexpr T kTypes[] = {{"post", "unggahan", "post"},
                                 {"video", "video", "video"},
                                 {"comment", "komentar", "comment"},
                                 {"reply", "balasan", "reply"},
                                 {"repost", "unggahan ulang", "repost"},
                                 {"quote", "kutipan", "quote"},
                                 {"story", "story", "story"}};
  for (const auto& t : kTypes) {
    if (t.id == type) return lang == Lang::kId ? t.name_id : t.name_en;
  }
  return type;
}

std::string zone_name(int offset_seconds) {
  std::string_view abbr = zone_abbreviation(offset_seconds);
  if (!abbr.empty()) return std::string(abbr);
  return "UTC" + format_utc_offset(offset_seconds);
}

std::string format_short_time(EpochMillis t, int offset_seconds, Lang lang) {
  const CivilTime c = civil_from_millis(t, offset_seconds);
  std::string s =
      std::to_string(c.day) + " " + short_month(c.month, lang) + " " + std::to_string(c.year) + " ";
  two_digits(c.hour, &s);
  s.push_back(lang == Lang::kId ? '.' : ':');  // Indonesian writes 08.15
  two_digits(c.minute, &s);
  s += " " + zone_name(offset_seconds);
  return s;
}

std::string format_long_time(EpochMillis t, int offset_seconds, Lang lang) {
  const CivilTime c = civil_from_millis(t, offset_seconds);
  const int64_t days = days_from_civil(c.year, c.month, c.day);
  const auto wd = static_cast<size_t>(weekday(days));
  const auto mi = static_cast<size_t>(c.month - 1);
  std::string s;
  if (lang == Lang::kId) {
    s = std::string(kDaysId[wd]) + ", " + std::to_string(c.day) + " " + std::string(kMonthsId[mi]) +
        " " + std::to_string(c.year) + " pukul ";
    two_digits(c.hour, &s);
    s.push_back('.');
  } else {
    s = std::string(kDaysEn[wd]) + ", " + std::to_string(c.day) + " " + std::string(kMonthsEn[mi]) +
        " " + std::to_string(c.year) + ", ";
    two_digits(c.hour, &s);
    s.push_back(':');
  }
  two_digits(c.minute, &s);
  s += " " + zone_name(offset_seconds);
  return s;
}

std::string format_day_label(int32_t day, Lang lang, bool long_form) {
  const CivilTime c = civil_from_millis(int64_t{day} * 86'400'000, 0);
  if (!long_form) return std::to_string(c.day) + " " + short_month(c.month, lang);
  const auto wd = static_cast<size_t>(weekday(day));
  const auto& days = lang == Lang::kId ? kDaysId : kDaysEn;
  return std::string(days[wd].substr(0, 3)) + " " + std::to_string(c.day) + " " +
         short_month(c.month, lang) + " " + std::to_string(c.year);
}

std::string format_score(double score) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, score, std::chars_format::fixed, 2);
  return std::string(buf, r.ptr);
}

std::string_view confidence_word(double score, Lang lang) {
  const Strings& t = strings(lang);
  if (score >= 0.8) return t.confidence_high;
  if (score >= 0.5) return t.confidence_medium;
  return t.confidence_low;
}

std::string format_score_words(double score, Lang lang) {
  return format_score(score) + " (" + std::string(confidence_word(score, lang)) + ")";
}

std::string format_day_range(int32_t first, int32_t last, Lang lang) {
  const auto& months = lang == Lang::kId ? kMonthsId : kMonthsEn;
  const CivilTime a = civil_from_millis(int64_t{first} * 86'400'000, 0);
  const CivilTime b = civil_from_millis(int64_t{last} * 86'400'000, 0);
  auto date = [&](const CivilTime& c) {
    return std::to_string(c.day) + " " + std::string(months[static_cast<size_t>(c.month - 1)]) +
           " " + std::to_string(c.year);
  };
  if (first == last) return date(a);
  if (a.year == b.year && a.month == b.month) {
    return std::to_string(a.day) + "\xE2\x80\x93" + date(b);  // en dash
  }
  return date(a) + " \xE2\x80\x93 " + date(b);
}

std::string format_count(uint64_t n, Lang lang) {
  std::string digits = std::to_string(n);
  std::string out;
  const char sep = lang == Lang::kId ? '.' : ',';
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace pantau::report
