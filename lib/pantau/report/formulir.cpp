#include "pantau/report/formulir.h"

#include <algorithm>
#include <vector>

#include "pantau/report/election_calendar.h"
#include "pantau/report/report_strings.h"
#include "pantau/report/staff_text.h"
#include "pantau/report/text_escape.h"

namespace pantau::report {
namespace {

const LabelRow* label_row(const ReportView& v, std::string_view id) {
  for (const auto& l : v.labels) {
    if (l.id == id) return &l;
  }
  return nullptr;
}

void join(std::string* out, std::string_view sep, std::string_view part) {
  if (part.empty()) return;
  if (!out->empty()) out->append(sep);
  out->append(part);
}

std::string describe_account(const records::Account& a, const Strings& t, Lang lang) {
  std::string s = a.owner;
  std::string detail;
  if (!a.role.empty()) join(&detail, ", ", role_name(a.role, lang));
  if (!a.party.empty()) join(&detail, ", ", a.party);
  if (!a.ballot_no.empty()) join(&detail, ", ", std::string(t.ballot_no) + " " + a.ballot_no);
  if (!a.district.empty()) join(&detail, ", ", std::string(t.district) + " " + a.district);
  if (!detail.empty()) s += (s.empty() ? "" : " ") + std::string("(") + detail + ")";
  return s;
}

}  // namespace

std::string alleged_articles(const ReportView& v, const Finding& f) {
  std::vector<std::string> bases;
  for (const auto& l : f.labels) {
    if (!is_violation(l.label)) continue;
    std::string b = l.basis;
    if (b.empty()) {
      const LabelRow* row = label_row(v, l.label);
      if (row != nullptr) b = row->basis;
    }
    if (b.empty()) {
      const LabelInfo* info = find_label(l.label);
      if (info != nullptr) b = std::string(info->basis);
    }
    if (!b.empty() && std::find(bases.begin(), bases.end(), b) == bases.end()) bases.push_back(b);
  }
  std::string out;
  for (const auto& b : bases) join(&out, "; ", b);
  return out;
}

namespace {

// A label name without a leading "Dugaan" / "Suspected" (the rule pack's "Dugaan hoaks"), so the
// form's own "Dugaan" is not doubled.
std::string without_suspected(std::string name, std::string_view suspected) {
  if (name.size() > suspected.size() && name[suspected.size()] == ' ') {
    bool same = true;
    for (size_t i = 0; i < suspected.size() && same; ++i) {
      same = (name[i] | 0x20) == (suspected[i] | 0x20);
    }
    if (same) name.erase(0, suspected.size() + 1);
  }
  return name;
}

// Lower-cases the first ASCII letter of a name inside a running sentence, unless the name starts
// with an acronym ("SARA", "ASN").
void lower_first(std::string* name) {
  if (!name->empty() && (*name)[0] >= 'A' && (*name)[0] <= 'Z' &&
      !(name->size() > 1 && (*name)[1] >= 'A' && (*name)[1] <= 'Z')) {
    (*name)[0] = static_cast<char>((*name)[0] - 'A' + 'a');
  }
}

}  // namespace

FormA draft_form(const ReportView& v, const FindingRow& row) {
  const Lang lang = v.options.lang;
  const Strings& t = strings(lang);
  const Finding& f = *row.finding;
  FormA form;

  if (f.created_ms != kNoTime) {
    form.when = format_long_time(f.created_ms, row.utc_offset, lang) + " (" +
                format_rfc3339(f.created_ms) + ")";
  } else {
    form.when = std::string(t.unknown);
  }
  const ElectionCalendar* cal = find_election(f.election);
  if (cal != nullptr && f.created_ms != kNoTime) {
    if (auto st = stage_at(*cal, f.created_ms, row.utc_offset)) {
      form.stage = describe_stage(*cal, *st, lang);
    }
  }

  const std::string handle(display_account(f));
  form.where = std::string(platform_name(f.platform));
  if (!handle.empty()) join(&form.where, ", ", std::string(t.account_lc) + " " + handle);
  if (!f.url.empty()) join(&form.where, ", ", f.url);
  if (f.has_account && !f.account.district.empty()) {
    join(&form.where, "; ", std::string(t.district) + " " + f.account.district);
  }
  if (f.has_account && !f.account.region.empty()) {
    join(&form.where, ", ", std::string(t.region_lc) + " " + f.account.region);
  }

  // What: "Dugaan politik uang, kampanye di masa tenang: unggahan memuat «serangan fajar»."
  std::string names;
  std::vector<std::string> quotes, notes;
  for (const auto& l : f.labels) {
    if (!is_violation(l.label)) continue;
    const LabelRow* lr = label_row(v, l.label);
    std::string name = without_suspected(
        lr != nullptr ? lr->name : display_label_name(*v.state, l.label, lang), t.suspected);
    lower_first(&name);
    join(&names, ", ", name);
    for (const auto& e : l.evidence) {
      if (!e.text.empty() && std::find(quotes.begin(), quotes.end(), e.text) == quotes.end()) {
        quotes.push_back(e.text);
      }
      std::string note = e.note.empty() ? std::string() : evidence_note(e.note, lang);
      if (!note.empty() && std::find(notes.begin(), notes.end(), note) == notes.end()) {
        notes.push_back(std::move(note));
      }
    }
  }
  const std::string_view type = f.type.empty() ? t.contents : post_type_name(f.type, lang);
  form.summary = std::string(t.form_summary_found) + " " + std::string(type);
  if (!handle.empty()) form.summary += " " + std::string(t.form_summary_by) + " " + handle;
  form.summary +=
      " " + std::string(t.form_summary_on) + " " + std::string(platform_name(f.platform));
  if (f.created_ms != kNoTime) {
    form.summary += ", " + format_long_time(f.created_ms, row.utc_offset, lang) + ",";
  }
  form.summary += " " + std::string(t.form_summary_suspected) + " " + names + ".";

  form.what = std::string(t.suspected) + " " + names;
  if (!quotes.empty()) {
    form.what += ": " + std::string(t.contains) + " ";
    for (size_t i = 0; i < quotes.size(); ++i) {
      if (i > 0) form.what += ", ";
      form.what += "\xC2\xAB" + excerpt(quotes[i], 200) + "\xC2\xBB";  // «…»
    }
  }
  for (const auto& n : notes) form.what += "; " + n;
  std::string type_cap(type);
  if (!type_cap.empty() && type_cap[0] >= 'a' && type_cap[0] <= 'z') {
    type_cap[0] = static_cast<char>(type_cap[0] - 'a' + 'A');
  }
  form.what += ". " + type_cap + ": \"" +
               (f.text.empty() ? std::string(t.no_text) : excerpt(f.text, 280)) + "\"";

  if (f.has_account) form.who = describe_account(f.account, t, lang);
  if (!handle.empty()) join(&form.who, "; ", std::string(t.account_lc) + " " + handle);
  if (!f.author_name.empty() && (!f.has_account || f.author_name != f.account.owner)) {
    join(&form.who, "; ", f.author_name);
  }
  std::vector<std::string> targets;
  for (const auto& l : f.labels) {
    for (const auto& tg : l.targets) {
      std::string s = tg.name;
      if (!tg.party.empty()) s += " (" + tg.party + ")";
      if (!s.empty() && std::find(targets.begin(), targets.end(), s) == targets.end()) {
        targets.push_back(s);
      }
    }
  }
  if (!targets.empty()) {
    std::string list;
    for (const auto& s : targets) join(&list, ", ", s);
    join(&form.who, "; ", std::string(t.targets) + ": " + list);
  }
  if (form.who.empty()) form.who = std::string(t.unknown);

  form.evidence = std::string(t.post_id) + " " + f.id;
  if (!f.url.empty()) join(&form.evidence, "; ", f.url);
  if (!f.fetched_at.empty()) {
    join(&form.evidence, "; ", std::string(t.fetched_from) + " " + f.fetched_at);
  }
  if (!f.source_input.empty()) {
    std::string raw = std::string(t.form_raw_file) + " " + f.source_input;
    if (f.source_line > 0)
      raw += ", " + std::string(t.line_lc) + " " + std::to_string(f.source_line);
    join(&form.evidence, "; ", raw);
  }
  if (!f.raw_sha256.empty()) {
    join(&form.evidence, "; ", std::string(t.raw_sha256_lc) + " " + f.raw_sha256);
  }
  if (!f.source_format.empty()) {
    join(&form.evidence, "; ", std::string(t.format) + " " + f.source_format);
  }
  // A post removed or edited after it was found: that is evidence too.
  if (row.fate && row.fate->changed()) {
    join(&form.evidence, "; ", post_fate_text(*row.fate, row.utc_offset, lang, true));
    // The recheck's raw response is kept like any other: its hash lets the officer show it.
    for (const std::string* raw : {&row.fate->removal_raw_sha256, &row.fate->edit_raw_sha256}) {
      if (!raw->empty()) join(&form.evidence, "; ", std::string(t.recheck_sha256) + " " + *raw);
    }
  }
  form.article = alleged_articles(v, f);
  if (form.article.empty()) form.article = std::string(t.unknown);
  return form;
}

std::vector<FormPart> form_parts(const FormA& form, const FindingRow& row, Lang lang) {
  const Strings& t = strings(lang);
  const Finding& f = *row.finding;
  auto filled = [](std::string_view label, const std::string& value) {
    return FormItem{label, value, false};
  };
  auto blank = [&](std::string_view label) {
    return FormItem{label, std::string(t.form_blank), true};
  };
  std::string target = std::string(platform_name(f.platform));
  const std::string handle(display_account(f));
  if (!handle.empty()) join(&target, ", ", std::string(t.account_lc) + " " + handle);
  if (f.has_account && !f.account.owner.empty()) join(&target, " ", "(" + f.account.owner + ")");
  std::vector<FormPart> parts;
  parts.push_back({t.form_part1,
                   {form.stage.empty() ? blank(t.form_stage) : filled(t.form_stage, form.stage),
                    blank(t.form_supervisor), blank(t.form_position), blank(t.form_letter),
                    blank(t.form_office)}});
  parts.push_back({t.form_part2,
                   {blank(t.form_activity), blank(t.form_purpose), filled(t.form_target, target),
                    blank(t.form_time_place)}});
  parts.push_back({t.form_part3, {filled(t.form_description, form.summary)}});
  parts.push_back(
      {t.form_part4,
       {filled(t.form_event, form.what), filled(t.form_where, form.where),
        filled(t.form_when, form.when), filled(t.form_who, form.who), blank(t.form_address),
        blank(t.form_witnesses), filled(t.form_evidence, form.evidence), blank(t.form_facts),
        blank(t.form_analysis), filled(t.form_article, form.article)}});
  return parts;
}

}  // namespace pantau::report
