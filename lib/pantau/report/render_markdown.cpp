#include "pantau/report/render_markdown.h"

#include "pantau/report/finding_tidy.h"
#include "pantau/report/formulir.h"
#include "pantau/report/highlight.h"
#include "pantau/report/report_strings.h"
#include "pantau/report/staff_text.h"
#include "pantau/report/text_escape.h"

namespace pantau::report {
namespace {

std::string md(std::string_view s) {
  std::string out;
  append_markdown_escaped(s, &out);
  return out;
}

class Markdown {
 public:
  Markdown(const ReportView& v, std::string* out)
      : v_(v), t_(strings(v.options.lang)), lang_(v.options.lang), out_(out) {}

  void render();

 private:
  void line(std::string_view s = {}) {
    out_->append(s);
    out_->push_back('\n');
  }
  void row(std::initializer_list<std::string> cells) {
    out_->push_back('|');
    for (const auto& c : cells) {
      out_->push_back(' ');
      out_->append(c);
      out_->append(" |");
    }
    out_->push_back('\n');
  }
  // `align` has one letter per column: 'l' left, 'r' right (numbers).
  void header(const std::vector<std::string>& cells, std::string_view align) {
    out_->push_back('|');
    for (const auto& c : cells) out_->append(" " + c + " |");
    out_->append("\n|");
    for (size_t i = 0; i < cells.size(); ++i) {
      out_->append(i < align.size() && align[i] == 'r' ? "---:|" : "---|");
    }
    out_->push_back('\n');
  }
  void cells(const std::vector<std::string>& cells) {
    out_->push_back('|');
    for (const auto& c : cells) out_->append(" " + c + " |");
    out_->push_back('\n');
  }
  std::string n(uint64_t v) const { return format_count(v, lang_); }
  std::string label_list(const std::vector<uint64_t>& by_label) const;
  std::string time_of(const FindingRow& r) const;

  void summary();
  void label_platform_table();
  void day_table();
  void owners_table();
  void accounts_table();
  // all_labels: every violation label (the review lists), else only the section's own.
  void section(std::string_view title, const std::vector<FindingRow>& rows,
               bool all_labels = false);
  void findings();
  void finding(const FindingRow& r);
  void failed();

  const ReportView& v_;
  const Strings& t_;
  Lang lang_;
  std::string* out_;
};

std::string Markdown::label_list(const std::vector<uint64_t>& by_label) const {
  std::string s;
  for (size_t i = 0; i < v_.labels.size(); ++i) {
    if (by_label[i] == 0) continue;
    if (!s.empty()) s += ", ";
    s += md(v_.labels[i].name) + " " + n(by_label[i]);
  }
  return s;
}

std::string Markdown::time_of(const FindingRow& r) const {
  if (r.finding->created_ms == kNoTime) return std::string(t_.unknown);
  return format_short_time(r.finding->created_ms, r.utc_offset, lang_);
}

void Markdown::render() {
  line("# " + md(v_.options.title.empty() ? t_.title : v_.options.title));
  line();
  // When and by what: the generation time and the rule pack version, always at the top.
  std::string meta;
  if (!v_.options.generated_at.empty()) {
    meta = std::string(t_.generated) + ": " + md(v_.options.generated_at) + " \xC2\xB7 ";
  }
  const std::string packs = rule_packs_text(*v_.state);
  meta += std::string(t_.rule_pack) + ": " + (packs.empty() ? std::string(t_.unknown) : md(packs));
  line(meta);
  line();
  line("> " + std::string(t_.verify_note));
  line();
  line("> " + std::string(t_.score_note));
  line();
  summary();
  label_platform_table();
  day_table();
  owners_table();
  accounts_table();
  section(t_.quiet_section, v_.quiet);
  section(t_.neutrality_section, v_.neutrality);
  findings();
  if (v_.has_reviews) {
    section(t_.pending_section, v_.pending, true);
    section(t_.dismissed_section, v_.dismissed, true);
  }
  failed();
}

void Markdown::summary() {
  const Totals& tot = v_.state->totals();
  line("## " + std::string(t_.summary));
  line();
  row({"", ""});
  line("|---|---|");
  std::string range = std::string(t_.unknown);
  if (tot.first != kNoTime) {
    const int off = v_.single_offset.value_or(0);
    range = format_short_time(tot.first, off, lang_) + " \xE2\x80\x93 " +
            format_short_time(tot.last, off, lang_);
  }
  row({std::string(t_.time_range), range});
  row({std::string(t_.posts), n(tot.posts)});
  row({std::string(t_.classified), n(tot.classified)});
  row({std::string(t_.findings), n(tot.findings)});
  if (v_.state->has_since()) row({std::string(t_.new_findings), n(tot.new_findings)});
  if (tot.status_records > 0) {
    row({std::string(t_.changed_findings), n(v_.changed_findings)});
    if (v_.state->has_since()) row({std::string(t_.newly_removed), n(v_.newly_removed)});
  }
  row({std::string(t_.accounts), n(v_.accounts.size())});
  row({std::string(t_.owners), n(v_.owners.size())});
  if (v_.unregistered_posts > 0) row({std::string(t_.unregistered), n(v_.unregistered_posts)});
  std::string platforms;
  for (const auto& p : v_.platforms) {
    if (!platforms.empty()) platforms += ", ";
    platforms += md(platform_name(p.id)) + " " + n(p.posts);
  }
  row({std::string(t_.platforms), platforms.empty() ? std::string(t_.none) : platforms});
  std::string packs;
  for (const auto& [k, count] : v_.state->classifiers()) {
    if (!packs.empty()) packs += "; ";
    packs += md(k.pack.empty() ? t_.unknown : k.pack);
    if (!k.version.empty()) packs += " " + md(k.version);
    if (!k.election.empty()) packs += " (" + md(k.election) + ")";
    if (!k.model.empty()) packs += ", model " + md(k.model);
    packs += ": " + n(count);
  }
  row({std::string(t_.rule_pack), packs.empty() ? std::string(t_.none) : packs});
  std::string inputs;
  for (const auto& [name, count] : v_.state->inputs()) {
    if (!inputs.empty()) inputs += ", ";
    inputs += (name.empty() ? std::string(t_.unknown) : md(name)) + " " + n(count);
  }
  row({std::string(t_.inputs), inputs.empty() ? std::string(t_.none) : inputs});
  row({std::string(t_.failed_accounts), n(v_.failed.size())});
  if (tot.posts > tot.classified) {
    row({std::string(t_.not_classified), n(tot.posts - tot.classified)});
  }
  if (tot.undated > 0) row({std::string(t_.undated), n(tot.undated)});
  if (tot.bad_lines > 0) row({std::string(t_.bad_lines), n(tot.bad_lines)});
  if (tot.status_records > 0) {
    std::string checks = n(tot.status_records);
    if (v_.status_without_finding > 0) {
      checks +=
          " (" + n(v_.status_without_finding) + " " + std::string(t_.status_without_finding) + ")";
    }
    row({std::string(t_.status_records), checks});
  }
  if (tot.other_records > 0) {
    std::string kinds;
    for (const auto& [kind, count] : v_.state->other_kinds()) {
      if (!kinds.empty()) kinds += ", ";
      kinds += md(kind) + " " + n(count);
    }
    row({std::string(t_.other_records), kinds});
  }
  line();
}

void Markdown::label_platform_table() {
  line("## " + std::string(t_.by_label_platform));
  line();
  if (v_.labels.empty()) {
    line(t_.none);
    line();
    return;
  }
  std::vector<std::string> head{std::string(t_.label)};
  for (const auto& p : v_.platforms) head.push_back(md(platform_name(p.id)));
  head.push_back(std::string(t_.total));
  header(head, "l" + std::string(head.size() - 1, 'r'));
  for (const auto& l : v_.labels) {
    std::vector<std::string> c{md(l.name)};
    for (const auto count : l.by_platform) c.push_back(n(count));
    c.push_back(n(l.posts));
    cells(c);
  }
  std::vector<std::string> c{"**" + std::string(t_.findings) + "**"};
  uint64_t all = 0;
  for (const auto& p : v_.platforms) {
    c.push_back(n(p.findings));
    all += p.findings;
  }
  c.push_back(n(all));
  cells(c);
  line();
}

void Markdown::day_table() {
  line("## " + std::string(t_.by_day));
  line();
  if (v_.days.empty()) {
    line(t_.none);
    line();
    return;
  }
  if (v_.single_offset) {
    line("_" + std::string(t_.days_in) + " (" + zone_name(*v_.single_offset) + ")._");
  } else {
    line("_" + std::string(t_.days_by_region) + "._");
  }
  line();
  std::vector<std::string> head{std::string(t_.date), std::string(t_.posts),
                                std::string(t_.findings)};
  for (const auto& l : v_.labels) head.push_back(md(l.name));
  header(head, "l" + std::string(head.size() - 1, 'r'));
  auto day_row = [&](const DayRow& d, const std::string& name) {
    std::vector<std::string> c{name, n(d.posts), n(d.findings)};
    for (const auto count : d.by_label) c.push_back(count == 0 ? "" : n(count));
    cells(c);
  };
  for (const auto& d : v_.days) day_row(d, format_day(d.day));
  if (v_.undated.posts > 0) day_row(v_.undated, std::string(t_.unknown));
  line();
}

void Markdown::owners_table() {
  line("## " + std::string(t_.owners_ranked));
  line();
  header({std::string(t_.rank), std::string(t_.owner), std::string(t_.role), std::string(t_.party),
          std::string(t_.ballot_no), std::string(t_.district), std::string(t_.accounts),
          std::string(t_.posts), std::string(t_.findings), std::string(t_.labels_heading)},
         "rllllllrrrl");
  size_t shown = 0;
  for (const auto& o : v_.owners) {
    if (o.findings == 0 || shown == v_.options.rows) break;
    ++shown;
    cells({std::to_string(shown), md(o.name), md(role_name(o.info->role, lang_)), md(o.info->party),
           md(o.info->ballot_no), md(o.info->district), n(o.accounts), n(o.posts), n(o.findings),
           label_list(o.by_label)});
  }
  line();
  if (shown == 0) {
    line(t_.none);
    line();
  }
}

void Markdown::accounts_table() {
  line("## " + std::string(t_.accounts_ranked));
  line();
  header({std::string(t_.rank), std::string(t_.account), std::string(t_.platform),
          std::string(t_.owner), std::string(t_.posts), std::string(t_.findings),
          std::string(t_.labels_heading)},
         "rllllrrl");
  size_t shown = 0;
  for (const auto& a : v_.accounts) {
    if (a.agg->findings == 0 || shown == v_.options.rows) break;
    ++shown;
    const records::Account& i = a.agg->info;
    const std::string& platform = !i.platform.empty() ? i.platform : a.agg->platform;
    cells({std::to_string(shown), md(!i.handle.empty() ? i.handle : a.key),
           md(platform_name(platform)), md(i.owner), n(a.agg->posts), n(a.agg->findings),
           label_list(a.by_label)});
  }
  line();
  if (shown == 0) {
    line(t_.none);
    line();
  }
}

void Markdown::section(std::string_view title, const std::vector<FindingRow>& rows,
                       bool all_labels) {
  line("## " + std::string(title));
  line();
  if (rows.empty()) {
    line(t_.none);
    line();
    return;
  }
  header({std::string(t_.rank), std::string(t_.posted), std::string(t_.account),
          std::string(t_.role), std::string(t_.label), std::string(t_.score),
          std::string(t_.contents), std::string(t_.link)},
         "rllllrll");
  for (const auto& r : rows) {
    const Finding& f = *r.finding;
    std::string labels;
    for (const auto& l : f.labels) {
      if (all_labels ? !is_violation(l.label) : section_of(l.label) == Section::kNone) continue;
      if (!labels.empty()) labels += ", ";
      labels += md(display_label_name(*v_.state, l.label, lang_));
    }
    std::string who(display_account(f));
    if (f.has_account && !f.account.owner.empty()) who += " (" + f.account.owner + ")";
    std::string link = is_safe_url(f.url) ? "<" + f.url + ">" : md(f.url);
    std::string score = format_score_words(r.score, lang_);
    if (r.is_new && *r.is_new) score += " **" + std::string(t_.is_new) + "**";
    if (v_.has_reviews) score += " \xC2\xB7 " + md(review_status(r.review, lang_));
    std::string contents = md(excerpt(f.text, 120));
    if (r.fate && r.fate->changed()) {
      contents = "_" + md(post_fate_text(*r.fate, r.utc_offset, lang_, false)) + "_ " + contents;
    }
    cells({std::to_string(r.rank), time_of(r), md(who),
           md(f.has_account ? role_name(f.account.role, lang_) : ""), labels, score, contents,
           link});
  }
  line();
}

void Markdown::findings() {
  line("## " + std::string(t_.top_findings));
  line();
  if (v_.top.empty()) {
    line(t_.none);
    line();
    return;
  }
  line("_" + std::string(t_.top_shown) + " " + n(v_.top.size()) + " " +
       std::string(t_.shown_of_findings) + " " + n(v_.state->totals().findings) + " " +
       std::string(t_.findings_lc) + "._");
  line();
  for (const auto& r : v_.top) finding(r);
}

void Markdown::finding(const FindingRow& r) {
  const Finding& f = *r.finding;
  std::string names;
  for (const auto& l : f.labels) {
    if (!names.empty()) names += ", ";
    names += md(display_label_name(*v_.state, l.label, lang_));
  }
  std::string heading = "### " + std::to_string(r.rank) + ". " + names + " \xE2\x80\x94 " +
                        std::string(t_.score) + " " + format_score_words(r.score, lang_);
  if (r.is_new && *r.is_new) heading += " \xE2\x80\x94 **" + std::string(t_.is_new) + "**";
  line(heading);
  line();
  if (v_.has_reviews) {
    line("- **" + std::string(t_.review) + ":** " + md(review_status(r.review, lang_)));
  }
  if (r.fate) {
    const std::string fate = post_fate_text(*r.fate, r.utc_offset, lang_, true);
    if (!fate.empty()) {
      line("- **" + std::string(t_.post_status) + ":** " +
           (r.fate->changed() ? "**" + md(fate) + "**" : md(fate)));
    }
  }
  const records::Account& a = f.account;
  const std::string_view name = display_account(f);
  std::string who = name.empty() ? std::string(t_.unknown) : md(name);
  who += " (" + md(platform_name(f.platform)) + ")";
  if (f.has_account) {
    std::string detail;
    for (const std::string& part :
         {a.owner, std::string(role_name(a.role, lang_)), a.party,
          a.ballot_no.empty() ? std::string() : std::string(t_.ballot_no) + " " + a.ballot_no,
          a.district.empty() ? std::string() : std::string(t_.district) + " " + a.district}) {
      if (part.empty()) continue;
      if (!detail.empty()) detail += ", ";
      detail += md(part);
    }
    if (!detail.empty()) who += " \xE2\x80\x94 " + detail;
  }
  line("- **" + std::string(t_.account) + ":** " + who);
  std::string when = "- **" + std::string(t_.posted) + ":** " + time_of(r);
  if (!f.fetched_at.empty()) {
    when += "; **" + std::string(t_.fetched) + ":** " + md(f.fetched_at);
  }
  line(when);
  if (!f.url.empty()) {
    line("- **" + std::string(t_.link) + ":** " +
         (is_safe_url(f.url) ? "<" + f.url + ">" : md(f.url)));
  }
  line("- **" + std::string(t_.post_id_title) + ":** `" + md(f.id) + "`");
  const std::string raw = raw_record_text(f, lang_);
  if (!raw.empty()) line("- **" + std::string(t_.raw_record) + ":** `" + md(raw) + "`");
  if (!f.raw_sha256.empty()) {
    line("- **" + std::string(t_.raw_sha256) + ":** `" + md(f.raw_sha256) + "`");
  }
  const std::string reach = reach_text(f, lang_);
  if (!reach.empty()) line("- **" + std::string(t_.reach) + ":** " + md(reach));
  std::string evidence;
  for (const Evidence* ep : unique_evidence(f)) {
    const Evidence& e = *ep;
    std::string item = md(e.rule);
    if (!e.text.empty()) {
      item += ": \xC2\xAB" + md(e.text) + "\xC2\xBB";
      if (in_title(e)) item += " (" + std::string(t_.in_title) + ")";
      if (!evidence_matches(f, e)) {
        item += " (" + std::string(t_.quote_mismatch) + ")";
      }
    }
    if (!e.note.empty()) item += ": " + md(evidence_note(e.note, lang_));
    if (is_safe_url(e.claim_url)) item += " <" + e.claim_url + ">";
    if (!evidence.empty()) evidence += "; ";
    evidence += item;
  }
  if (!evidence.empty()) line("- **" + std::string(t_.evidence) + ":** " + evidence);
  line();
  if (!f.title.empty()) {
    line("**" + std::string(t_.title_field) + ":** " + md(f.title));
    line();
  }
  // The text as a quote, matched words in bold; each source line its own quote line.
  std::string quote = "> ";
  bool any = false;
  for (const auto& piece : highlight(f)) {
    std::string_view rest = piece.text;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      std::string_view part = rest.substr(0, nl);
      if (!part.empty()) {
        std::string escaped = md(part);
        quote += piece.marked ? "**" + escaped + "**" : escaped;
        any = true;
      }
      if (nl == std::string_view::npos) break;
      quote += "\n> ";
      rest.remove_prefix(nl + 1);
    }
  }
  if (!any) quote += "_" + std::string(t_.no_text) + "_";
  line(quote);
  line();
  const FormA form = draft_form(v_, r);
  line("**" + std::string(t_.form_title) + "**");
  line();
  row({"", ""});
  line("|---|---|");
  for (const auto& part : form_parts(form, r, lang_)) {
    row({"**" + std::string(part.title) + "**", ""});
    for (const auto& item : part.items) {
      row({std::string(item.label), item.blank ? "_" + md(item.value) + "_" : md(item.value)});
    }
  }
  line();
}

void Markdown::failed() {
  line("## " + std::string(t_.failed_accounts));
  line();
  if (v_.failed.empty()) {
    line(t_.none);
    return;
  }
  header({std::string(t_.account), std::string(t_.platform), std::string(t_.owner),
          std::string(t_.stage), std::string(t_.http_status), std::string(t_.reason),
          std::string(t_.time), std::string(t_.occurrences)},
         "llllrllr");
  for (const auto& r : v_.failed) {
    const FailedAccount& f = *r.failed;
    std::string name = !f.account.handle.empty() ? f.account.handle : r.key;
    cells({md(name.empty() ? t_.unknown : name), md(platform_name(f.platform)), md(f.account.owner),
           md(failure_stage_name(f.stage, lang_)),
           f.http_status < 0 ? std::string() : std::to_string(f.http_status),
           md(failure_reason(f, lang_)), md(f.time), n(f.count)});
  }
}

}  // namespace

void render_markdown(const ReportView& view, std::string* out) { Markdown(view, out).render(); }

}  // namespace pantau::report
