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
