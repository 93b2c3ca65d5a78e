#include "pantau/report/render_csv.h"

#include <map>
#include <vector>

#include "pantau/report/finding_tidy.h"
#include "pantau/report/formulir.h"
#include "pantau/report/region_zone.h"
#include "pantau/report/report_strings.h"
#include "pantau/report/staff_text.h"

namespace pantau::report {
namespace {

// keputusan/alasan/peninjau are left empty for staff's decision (benar / bukan pelanggaran /
// dilaporkan / perlu dicek), its reason, and who decided. Columns added later go after them
// (--reviews finds columns by name, so it reads CSVs with and without them).
constexpr std::string_view kColumns[] = {"rank",
                                         "new",
                                         "lists",
                                         "score",
                                         "confidence",
                                         "id",
                                         "platform",
                                         "native_id",
                                         "type",
                                         "url",
                                         "created_at",
                                         "created_local",
                                         "fetched_at",
                                         "raw_sha256",
                                         "source.format",
                                         "source.input",
                                         "source.line",
                                         "metrics.views",
                                         "metrics.shares",
                                         "labels",
                                         "label_names",
                                         "rules",
                                         "evidence",
                                         "basis",
                                         "account.key",
                                         "account.handle",
                                         "account.owner",
                                         "account.owner_key",
                                         "account.role",
                                         "account.party",
                                         "account.ballot_no",
                                         "account.district",
                                         "account.region",
                                         "account.kpu_registered",
                                         "author.handle",
                                         "author.name",
                                         "classifier.pack",
                                         "classifier.version",
                                         "classifier.election",
                                         "title",
                                         "text",
                                         "form.stage",
                                         "form.summary",
                                         "form.when",
                                         "form.where",
                                         "form.what",
                                         "form.who",
                                         "form.evidence",
                                         "form.article",
                                         "keputusan",
                                         "alasan",
                                         "peninjau",
                                         "post_status",
                                         "post_status_at",
                                         "post_status_note"};

void join(std::string* out, std::string_view sep, std::string_view part) {
  if (!out->empty()) out->append(sep);
  out->append(part);
}

}  // namespace

void render_csv(const ReportView& v, CsvOptions options, std::string* out) {
  if (options.excel) out->append("\xEF\xBB\xBF");  // BOM: Excel then reads UTF-8
  CsvWriter w(out, options);
  for (const auto c : kColumns) w.cell(c);
  w.end_row();

  struct Row {
    const FindingRow* row;
    std::string lists;
  };
  std::vector<Row> rows;
  std::map<std::string_view, size_t> index;
  auto add = [&](const std::vector<FindingRow>& list, std::string_view name) {
    for (const auto& r : list) {
      auto [it, inserted] = index.try_emplace(r.finding->id, rows.size());
      if (inserted) rows.push_back(Row{&r, std::string()});
      join(&rows[it->second].lists, ";", name);
    }
  };
  add(v.top, "top");
  add(v.quiet, "quiet_period");
  add(v.neutrality, "neutrality");
  add(v.dismissed, "dismissed");

  const Lang lang = v.options.lang;
  size_t rank = 0;
  for (const auto& [r, lists] : rows) {
    const Finding& f = *r->finding;
    w.number_cell(++rank);
    w.cell(r->is_new ? (*r->is_new ? "true" : "false") : "");
    w.cell(lists);
    w.cell(format_score(r->score));
    w.cell(confidence_word(r->score, lang));
    w.cell(f.id);
    w.cell(f.platform);
    w.id_cell(f.native_id);
    w.cell(f.type);
    w.cell(f.url);
    w.cell(f.created_at);
    if (f.created_ms == kNoTime) {
      w.cell("");
    } else {
      w.cell(format_rfc3339(f.created_ms + int64_t{r->utc_offset} * 1000).substr(0, 19) +
             format_utc_offset(r->utc_offset));
    }
    w.cell(f.fetched_at);
    w.cell(f.raw_sha256);
    w.cell(f.source_format);
    w.cell(f.source_input);
    w.cell(f.source_line < 0 ? std::string() : std::to_string(f.source_line));
    w.cell(f.views < 0 ? std::string() : std::to_string(f.views));
    w.cell(f.shares < 0 ? std::string() : std::to_string(f.shares));
    std::string ids, names, rules, evidence;
    for (const auto& l : f.labels) {
      join(&ids, ";", l.label);
      join(&names, "; ", display_label_name(*v.state, l.label, lang));
      for (const auto& rule : l.rules) join(&rules, ";", rule);
    }
    for (const Evidence* e : unique_evidence(f)) {
      if (!e->text.empty()) join(&evidence, " | ", e->text);
      if (!e->note.empty()) join(&evidence, " | ", evidence_note(e->note, lang));
    }
    w.cell(ids);
    w.cell(names);
    w.cell(rules);
    w.cell(evidence);
    w.cell(alleged_articles(v, f));
    const records::Account& a = f.account;
    w.cell(a.key);
    w.cell(a.handle);
    w.cell(a.owner);
    w.cell(a.owner_key);
    w.cell(a.role);
    w.cell(a.party);
    w.id_cell(a.ballot_no);
    w.cell(a.district);
    w.id_cell(a.region);
    w.cell(!a.kpu_registered.has_value() ? "" : *a.kpu_registered ? "true" : "false");
    w.cell(f.author_handle);
    w.cell(f.author_name);
    w.cell(f.pack);
    w.cell(f.version);
    w.cell(f.election);
    w.cell(f.title);
    w.cell(f.text);
    const FormA form = draft_form(v, *r);
    w.cell(form.stage);
    w.cell(form.summary);
    w.cell(form.when);
    w.cell(form.where);
    w.cell(form.what);
    w.cell(form.who);
    w.cell(form.evidence);
    w.cell(form.article);
    // Staff's decision as they would type it (read back by --reviews), else empty to fill in.
    const Review* review = r->review;
    w.cell(review == nullptr ? "" : decision_name(review, Lang::kId));
    w.cell(review == nullptr ? "" : review->reason);
    w.cell(review == nullptr ? "" : review->reviewer);
    // What rechecks found after the finding (status records): codes, the time, and in words.
    if (r->fate) {
      w.cell(fate_code(*r->fate));
      const EpochMillis at = fate_time(*r->fate);
      w.cell(at == kNoTime ? std::string() : format_rfc3339(at));
      w.cell(post_fate_text(*r->fate, r->utc_offset, lang, true));
    } else {
      w.cell("");
      w.cell("");
      w.cell("");
    }
    w.end_row();
  }
}

}  // namespace pantau::report
