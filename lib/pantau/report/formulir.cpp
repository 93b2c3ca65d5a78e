#include "pantau/report/formulir.h"

#include <algorithm>
#include <vector>

#include "pantau/report/report_strings.h"
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

std::string describe_account(const AccountInfo& a, const Strings& t, Lang lang) {
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
    std::string name = lr != nullptr ? lr->name : display_label_name(*v.state, l.label, lang);
    if (!names.empty()) {
      // Names after the first are lower-cased at their first ASCII letter for a running sentence.
      if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z' &&
          !(name.size() > 1 && name[1] >= 'A' && name[1] <= 'Z')) {
        name[0] = static_cast<char>(name[0] - 'A' + 'a');
      }
    }
    join(&names, ", ", name);
    for (const auto& e : l.evidence) {
      if (!e.text.empty() && std::find(quotes.begin(), quotes.end(), e.text) == quotes.end()) {
        quotes.push_back(e.text);
      }
      if (!e.note.empty() && std::find(notes.begin(), notes.end(), e.note) == notes.end()) {
        notes.push_back(e.note);
      }
    }
  }
  if (!names.empty() && names[0] >= 'A' && names[0] <= 'Z' &&
      !(names.size() > 1 && names[1] >= 'A' && names[1] <= 'Z')) {
    names[0] = static_cast<char>(names[0] - 'A' + 'a');
  }
  form.what = std::string(t.suspected) + " " + names;
  if (!quotes.empty()) {
    form.what += ": " + std::string(t.contains) + " ";
    for (size_t i = 0; i < quotes.size(); ++i) {
      if (i > 0) form.what += ", ";
      form.what += "\xC2\xAB" + excerpt(quotes[i], 200) + "\xC2\xBB";  // «…»
    }
  }
  for (const auto& n : notes) form.what += "; " + n;
  const std::string_view type = f.type.empty() ? t.contents : post_type_name(f.type, lang);
  form.what += ". " + std::string(type) + ": \"" +
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
  if (!f.raw_sha256.empty()) {
    join(&form.evidence, "; ", std::string(t.raw_sha256_lc) + " " + f.raw_sha256);
  }
  if (!f.source_format.empty()) {
    join(&form.evidence, "; ", std::string(t.format) + " " + f.source_format);
  }
  form.article = alleged_articles(v, f);
  if (form.article.empty()) form.article = std::string(t.unknown);
  return form;
}

}  // namespace pantau::report
