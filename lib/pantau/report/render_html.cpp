#include "pantau/report/render_html.h"

#include <algorithm>

#include "pantau/report/finding_tidy.h"
#include "pantau/report/formulir.h"
#include "pantau/report/highlight.h"
#include "pantau/report/report_strings.h"
#include "pantau/report/staff_text.h"
#include "pantau/report/svg_chart.h"
#include "pantau/report/text_escape.h"
#include "pantau/version.h"

namespace pantau::report {
namespace {

// Phone first: one column, tables scroll sideways inside their own box. Print: A4, no
// navigation, findings never split across pages when they fit on one.
constexpr std::string_view kStyle = R"css(
:root{--ink:#1a1a1a;--muted:#5f6368;--line:#d9d9d9;--bg:#fff;--soft:#f5f6f7;--accent:#8b1a1a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:80rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0 .4rem;color:var(--accent)}
h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--line)}
h3{font-size:1rem;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
p{margin:.4rem 0}
.meta{color:var(--muted);font-size:.9rem}
.note{background:#fff8e1;border-left:4px solid #f2b600;padding:.5rem .75rem;font-size:.92rem}
nav ul{list-style:none;padding:0;margin:.6rem 0;display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.9rem}
a{color:#0b57d0}
dd a,blockquote a{overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem;margin:.6rem 0}
.card{background:var(--soft);border-radius:.4rem;padding:.6rem .75rem}
.card b{display:block;font-size:1.5rem;line-height:1.2}
.card span{color:var(--muted);font-size:.85rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.4rem 0}
table{border-collapse:collapse;font-size:.88rem;width:100%}
td{overflow-wrap:anywhere}
table.form,table.kv{width:100%}
th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.n{white-space:nowrap}
table.kv th{width:35%}
.chip{display:inline-block;border-radius:1rem;padding:0 .55rem;font-size:.8rem;color:#fff;background:var(--c,#878787);white-space:nowrap}
.chip.light{color:#1a1a1a}
.score{font-variant-numeric:tabular-nums;color:var(--muted);font-size:.85rem}
.new{background:#d93025;color:#fff;border-radius:.25rem;padding:0 .35rem;font-size:.75rem;font-weight:700}
.fate{color:#b3261e;font-weight:700}
.rank{background:var(--ink);color:#fff;border-radius:50%;min-width:1.6rem;height:1.6rem;display:inline-flex;align-items:center;justify-content:center;font-size:.8rem}
article.finding{border:1px solid var(--line);border-radius:.5rem;padding:.8rem;margin:1rem 0}
dl.facts{margin:.4rem 0;font-size:.9rem}
dl.facts dt{color:var(--muted);font-size:.8rem}
dl.facts dd{margin:0 0 .3rem;overflow-wrap:anywhere}
.nowrap{white-space:nowrap}
blockquote.text{margin:.6rem 0;padding:.5rem .75rem;background:var(--soft);border-left:4px solid var(--line);white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:#ffe066;padding:0 .1rem;border-radius:.15rem}
ul.evidence{margin:.3rem 0;padding-left:1.2rem;font-size:.9rem}
.warn{color:#b3261e;font-size:.85rem}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em;overflow-wrap:anywhere}
table.form{margin-top:.6rem}
table.form caption{text-align:left;font-weight:600;padding:.2rem 0}
table.form th{width:28%}
table.form th.part{width:auto;background:var(--line)}
td.blank{color:var(--muted);font-style:italic}
figure{margin:1rem 0}
figcaption{font-weight:600;margin-bottom:.3rem}
svg.chart{width:100%;max-width:40rem;height:auto;display:block}
.legend{display:flex;flex-wrap:wrap;gap:.2rem .8rem;font-size:.8rem;margin:.3rem 0;padding:0;list-style:none}
.legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:.15rem;margin-right:.3rem;vertical-align:-.1rem;background:var(--c)}
footer{margin:2rem 0 1rem;color:var(--muted);font-size:.8rem}
details>summary{cursor:pointer;font-weight:600;margin:.4rem 0}
@media (max-width:50rem){
table.stack thead{display:none}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack tr{border:1px solid var(--line);border-radius:.4rem;margin:.5rem 0;padding:.2rem 0}
table.stack td{border:0;padding:.15rem .5rem;text-align:left;white-space:normal}
table.stack td:empty{display:none}
table.stack td::before{content:attr(data-label);display:block;color:var(--muted);font-size:.75rem}}
@media (min-width:48rem){main{padding:1.5rem 2rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem}
dl.facts dt{font-size:.9rem}
dl.facts dd{margin:0}}
@media print{
@page{size:A4;margin:14mm 12mm}
body{font-size:10pt}
main{max-width:none;padding:0}
nav{display:none}
.scroll{overflow:visible}
table{font-size:8pt;width:100%}
td{overflow-wrap:anywhere}
details>*{display:block}
h2{break-after:avoid}
article.finding,figure,tr{break-inside:avoid}
a{color:inherit;text-decoration:none}
.chip,.new,.rank,mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

std::string esc(std::string_view s) {
  std::string out;
  append_html_escaped(s, &out);
  return out;
}

// Dark chips get white text; the few light label colours get dark text.
bool is_light(std::string_view color) {
  return color == "#c2a5cf" || color == "#bababa" || color == "#67a9cf";
}

class Html {
 public:
  Html(const ReportView& v, std::string* out)
      : v_(v), t_(strings(v.options.lang)), lang_(v.options.lang), out_(out) {}
  void render();

 private:
  std::string n(uint64_t v) const { return format_count(v, lang_); }
  void a(std::string_view s) { out_->append(s); }
  std::string chip(std::string_view label_id) const;
  std::string link(std::string_view url) const;
  std::string time_of(const FindingRow& r) const;
  // On a phone or A4 paper (< 50rem) each row becomes a card of labelled cells (CSS), so no
  // column is ever pushed off the page.
  void table_open(const std::vector<std::pair<std::string, bool>>& head);
  void row_open() {
    a("<tr>");
    col_ = 0;
  }
  void table_close() { a("</tbody></table></div>\n"); }
  void td(const std::string& html, bool numeric = false) {
    a(numeric ? "<td class=\"n\"" : "<td");
    if (col_ < head_.size()) a(" data-label=\"" + esc(head_[col_]) + "\"");
    ++col_;
    a(">");
    a(html);
    a("</td>");
  }
  std::string label_chips(const std::vector<uint64_t>& by_label) const;

  void summary();
  void charts();
  void legend(const std::vector<ChartSeries>& series);
  void label_platform_table();
  void day_table();
  void owners_table();
  void accounts_table();
  // all_labels: every violation label (the review lists), else only the section's own.
  void section(std::string_view id, std::string_view title, const std::vector<FindingRow>& rows,
               bool all_labels = false);
  void findings();
  void finding(const FindingRow& r);
  void failed();

  const ReportView& v_;
  const Strings& t_;
  Lang lang_;
  std::string* out_;
  std::vector<std::string> head_;  // the open table's column names, for data-label
  size_t col_ = 0;
};

std::string Html::chip(std::string_view label_id) const {
  const std::string color(label_color(label_id));
  return std::string("<span class=\"chip") + (is_light(color) ? " light" : "") +
         "\" style=\"--c:" + color + "\">" + esc(display_label_name(*v_.state, label_id, lang_)) +
         "</span>";
}

std::string Html::link(std::string_view url) const {
  if (url.empty()) return {};
  if (!is_safe_url(url)) return "<code>" + esc(url) + "</code>";
  return "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer nofollow\">" + esc(url) + "</a>";
}

std::string Html::time_of(const FindingRow& r) const {
  if (r.finding->created_ms == kNoTime) return esc(t_.unknown);
  return esc(format_short_time(r.finding->created_ms, r.utc_offset, lang_));
}

void Html::table_open(const std::vector<std::pair<std::string, bool>>& head) {
  a("<div class=\"scroll\"><table class=\"stack\"><thead><tr>");
  head_.clear();
  for (const auto& [name, numeric] : head) {
    head_.push_back(name);
    a(numeric ? "<th class=\"n\">" : "<th>");
    a(esc(name));
    a("</th>");
  }
  a("</tr></thead><tbody>\n");
}

std::string Html::label_chips(const std::vector<uint64_t>& by_label) const {
  std::string s;
  for (size_t i = 0; i < v_.labels.size(); ++i) {
    if (by_label[i] == 0) continue;
    if (!s.empty()) s += " ";
    s += chip(v_.labels[i].id) + "&#8239;" + n(by_label[i]);
  }
  return s;
}

void Html::render() {
  const std::string title = v_.options.title.empty() ? std::string(t_.title) : v_.options.title;
  a("<!DOCTYPE html>\n<html lang=\"");
  a(t_.lang_code);
  a("\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    // The report is evidence: it must not load anything or run anything, whatever the posts
    // contain. The policy makes the browser enforce what the escaping already guarantees.
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
    "<meta name=\"referrer\" content=\"no-referrer\">\n"
    "<meta name=\"generator\" content=\"pantau-report ");
  a(kVersion);
  a("\">\n<title>");
  a(esc(title));
  a("</title>\n<style>");
  a(kStyle);
  a("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>");
  a(esc(title));
  a("</h1>\n");
  // When and by what: the generation time and the rule pack version, always at the top.
  a("<p class=\"meta\">");
  if (!v_.options.generated_at.empty()) {
    a(esc(t_.generated) + ": " + esc(v_.options.generated_at) + " &middot; ");
  }
  const std::string packs = rule_packs_text(*v_.state);
  a(esc(t_.rule_pack) + ": " + esc(packs.empty() ? std::string(t_.unknown) : packs) + "</p>\n");
  a("<p class=\"note\">" + esc(t_.verify_note) + "</p>\n");
  a("<p class=\"meta\">" + esc(t_.score_note) + "</p>\n</header>\n");
  a("<nav><ul>");
  const std::pair<std::string_view, std::string_view> toc[] = {
      {"summary", t_.summary},        {"findings", t_.top_findings},
      {"quiet", t_.quiet_section},    {"neutrality", t_.neutrality_section},
      {"failed", t_.failed_accounts}, {"by-label", t_.by_label_platform},
      {"owners", t_.owners_ranked},   {"accounts", t_.accounts_ranked},
      {"by-day", t_.by_day}};
  for (const auto& [id, name] : toc) {
    a("<li><a href=\"#");
    a(id);
    a("\">" + esc(name) + "</a></li>");
  }
  a("</ul></nav>\n");
  // What staff act on first: the findings; then the overview charts and tables.
  summary();
  findings();
  section("quiet", t_.quiet_section, v_.quiet);
  section("neutrality", t_.neutrality_section, v_.neutrality);
  if (v_.has_reviews) {
    section("pending", t_.pending_section, v_.pending, true);
    section("dismissed", t_.dismissed_section, v_.dismissed, true);
  }
  failed();
  charts();
  label_platform_table();
  owners_table();
  accounts_table();
  day_table();
  a("<footer>pantau-report ");
  a(kVersion);
  a("</footer>\n</main>\n</body>\n</html>\n");
}

void Html::summary() {
  const Totals& tot = v_.state->totals();
  a("<section id=\"summary\">\n<h2>" + esc(t_.summary) + "</h2>\n<div class=\"cards\">");
  auto card = [&](uint64_t value, std::string_view label) {
    a("<div class=\"card\"><b>" + n(value) + "</b><span>" + esc(label) + "</span></div>");
  };
  card(tot.posts, t_.posts);
  card(tot.findings, t_.findings);
  if (v_.state->has_since()) card(tot.new_findings, t_.new_findings);
  if (tot.status_records > 0) {
    card(v_.changed_findings, t_.changed_findings);
    if (v_.state->has_since()) card(v_.newly_removed, t_.newly_removed);
  }
  card(v_.accounts.size(), t_.accounts);
  card(v_.owners.size(), t_.owners);
  card(v_.failed.size(), t_.failed_accounts);
  a("</div>\n<div class=\"scroll\"><table class=\"kv\"><tbody>\n");
  auto row = [&](std::string_view k, const std::string& html) {
    a("<tr><th>" + esc(k) + "</th><td>" + html + "</td></tr>\n");
  };
  std::string range = esc(t_.unknown);
  if (tot.first != kNoTime) {
    const int off = v_.single_offset.value_or(0);
    range = esc(format_short_time(tot.first, off, lang_)) + " &ndash; " +
            esc(format_short_time(tot.last, off, lang_));
  }
  row(t_.time_range, range);
  row(t_.classified, n(tot.classified));
  if (v_.unregistered_posts > 0) row(t_.unregistered, n(v_.unregistered_posts));
  std::string platforms;
  for (const auto& p : v_.platforms) {
    if (!platforms.empty()) platforms += ", ";
    platforms += esc(platform_name(p.id)) + " " + n(p.posts);
  }
  row(t_.platforms, platforms.empty() ? esc(t_.none) : platforms);
  std::string packs;
  for (const auto& [k, count] : v_.state->classifiers()) {
    if (!packs.empty()) packs += "<br>";
    packs += esc(k.pack.empty() ? t_.unknown : k.pack);
    if (!k.version.empty()) packs += " " + esc(k.version);
    if (!k.election.empty()) packs += " (" + esc(k.election) + ")";
    if (!k.model.empty()) packs += ", model " + esc(k.model);
    packs += ": " + n(count);
  }
  row(t_.rule_pack, packs.empty() ? esc(t_.none) : packs);
  std::string inputs;
  for (const auto& [name, count] : v_.state->inputs()) {
    if (!inputs.empty()) inputs += "<br>";
    inputs += (name.empty() ? esc(t_.unknown) : "<code>" + esc(name) + "</code>") + " " + n(count);
  }
  row(t_.inputs, inputs.empty() ? esc(t_.none) : inputs);
  if (tot.posts > tot.classified) row(t_.not_classified, n(tot.posts - tot.classified));
  if (tot.undated > 0) row(t_.undated, n(tot.undated));
  if (tot.bad_lines > 0) row(t_.bad_lines, n(tot.bad_lines));
  if (tot.status_records > 0) {
    std::string checks = n(tot.status_records);
    if (v_.status_without_finding > 0) {
      checks += " (" + n(v_.status_without_finding) + " " + esc(t_.status_without_finding) + ")";
    }
    row(t_.status_records, checks);
  }
  if (tot.other_records > 0) {
    std::string kinds;
    for (const auto& [kind, count] : v_.state->other_kinds()) {
      if (!kinds.empty()) kinds += ", ";
      kinds += esc(kind) + " " + n(count);
    }
    row(t_.other_records, kinds);
  }
  a("</tbody></table></div>\n</section>\n");
}

void Html::legend(const std::vector<ChartSeries>& series) {
  a("<ul class=\"legend\">");
  for (const auto& s : series) {
    a("<li><i style=\"--c:" + esc(s.color) + "\"></i>" + esc(s.name) + "</li>");
  }
  a("</ul>\n");
}

void Html::charts() {
  // Charts show violation labels only: "campaign" marks content, not a finding.
  std::vector<size_t> cols;
  std::vector<ChartSeries> series;
  for (size_t i = 0; i < v_.labels.size(); ++i) {
    if (!v_.labels[i].violation) continue;
    cols.push_back(i);
    series.push_back(ChartSeries{v_.labels[i].name, v_.labels[i].color, {}});
  }
  if (cols.empty()) return;
  a("<section id=\"charts\">\n");

  // The timeline has a column for every day from the first to the last, posts or not, so gaps
  // show; a span of more than two years keeps only the days that have posts.
  ChartData timeline;
  timeline.title = std::string(t_.chart_timeline);
  timeline.series = series;
  if (!v_.days.empty()) {
    const int32_t first = v_.days.front().day, last = v_.days.back().day;
    const bool continuous = last - first <= 2 * 366;
    size_t next = 0;
    for (int32_t d = first; d <= last; ++d) {
      const bool has = next < v_.days.size() && v_.days[next].day == d;
      if (!has && !continuous) continue;
      timeline.categories.push_back(format_day_label(d, lang_, false));
      for (size_t k = 0; k < cols.size(); ++k) {
        timeline.series[k].values.push_back(has ? v_.days[next].by_label[cols[k]] : 0);
      }
      if (has) ++next;
    }
    a("<figure><figcaption>" + esc(t_.chart_timeline));
    a(" <span class=\"meta\">(" +
      (v_.single_offset ? esc(t_.days_in) + ", " + esc(zone_name(*v_.single_offset))
                        : esc(t_.days_by_region)) +
      ")</span>");
    a("</figcaption>\n");
    append_column_chart(timeline, out_);
    legend(series);
    a("</figure>\n");
  }

  ChartData platforms;
  platforms.title = std::string(t_.chart_platforms);
  platforms.series = series;
  for (const auto& p : v_.platforms) {
    platforms.categories.emplace_back(platform_name(p.id));
    for (size_t k = 0; k < cols.size(); ++k) {
      platforms.series[k].values.push_back(p.by_label[cols[k]]);
    }
  }
  a("<figure><figcaption>" + esc(t_.chart_platforms) + "</figcaption>\n");
  append_bar_chart(platforms, out_);
  a("</figure>\n");

  ChartData owners;
  owners.title = std::string(t_.chart_owners);
  owners.series = series;
  for (const auto& o : v_.owners) {
    if (o.findings == 0 || owners.categories.size() == 10) break;
    owners.categories.push_back(o.name);
    for (size_t k = 0; k < cols.size(); ++k) {
      owners.series[k].values.push_back(o.by_label[cols[k]]);
    }
  }
  if (!owners.categories.empty()) {
    a("<figure><figcaption>" + esc(t_.chart_owners) + "</figcaption>\n");
    append_bar_chart(owners, out_);
    a("</figure>\n");
  }
  a("</section>\n");
}

void Html::label_platform_table() {
  a("<section id=\"by-label\">\n<h2>" + esc(t_.by_label_platform) + "</h2>\n");
  if (v_.labels.empty()) {
    a("<p>" + esc(t_.none) + "</p>\n</section>\n");
    return;
  }
  std::vector<std::pair<std::string, bool>> head{{std::string(t_.label), false}};
  for (const auto& p : v_.platforms) head.emplace_back(platform_name(p.id), true);
  head.emplace_back(t_.total, true);
  table_open(head);
  for (const auto& l : v_.labels) {
    row_open();
    td(chip(l.id));
    for (const auto c : l.by_platform) td(c == 0 ? "" : n(c), true);
    td(n(l.posts), true);
    a("</tr>\n");
  }
  row_open();
  td("<b>" + esc(t_.findings) + "</b>");
  uint64_t all = 0;
  for (const auto& p : v_.platforms) {
    td(n(p.findings), true);
    all += p.findings;
  }
  td(n(all), true);
  a("</tr>\n");
  table_close();
  a("</section>\n");
}

void Html::day_table() {
  // Collapsed: a row per day, mostly zeros, is for looking things up; the chart shows the shape.
  a("<section id=\"by-day\">\n<details>\n<summary><h2>" + esc(t_.by_day) + "</h2></summary>\n");
  if (v_.days.empty() && v_.undated.posts == 0) {
    a("<p>" + esc(t_.none) + "</p>\n</details>\n</section>\n");
    return;
  }
  a("<p class=\"meta\">" +
    (v_.single_offset ? esc(t_.days_in) + " (" + esc(zone_name(*v_.single_offset)) + ")"
                      : esc(t_.days_by_region)) +
    ".</p>\n");
  std::vector<std::pair<std::string, bool>> head{{std::string(t_.date), false},
                                                 {std::string(t_.posts), true},
                                                 {std::string(t_.findings), true}};
  for (const auto& l : v_.labels) head.emplace_back(l.name, true);
  table_open(head);
  auto day_row = [&](const DayRow& d, const std::string& name) {
    row_open();
    td(esc(name));
    td(n(d.posts), true);
    td(n(d.findings), true);
    for (const auto c : d.by_label) td(c == 0 ? "" : n(c), true);
    a("</tr>\n");
  };
  for (const auto& d : v_.days) day_row(d, format_day_label(d.day, lang_));
  if (v_.undated.posts > 0) day_row(v_.undated, std::string(t_.unknown));
  table_close();
  a("</details>\n</section>\n");
}

void Html::owners_table() {
  a("<section id=\"owners\">\n<h2>" + esc(t_.owners_ranked) + "</h2>\n");
  size_t shown = 0;
  for (const auto& o : v_.owners) {
    if (o.findings == 0 || shown == v_.options.rows) break;
    if (shown == 0) {
      table_open({{std::string(t_.rank), true},
                  {std::string(t_.owner), false},
                  {std::string(t_.role), false},
                  {std::string(t_.party), false},
                  {std::string(t_.ballot_no), false},
                  {std::string(t_.district), false},
                  {std::string(t_.accounts), true},
                  {std::string(t_.posts), true},
                  {std::string(t_.findings), true},
                  {std::string(t_.labels_heading), false}});
    }
    ++shown;
    row_open();
    td(std::to_string(shown), true);
    td(esc(o.name));
    td(esc(role_name(o.info->role, lang_)));
    td(esc(o.info->party));
    td(esc(o.info->ballot_no));
    td(esc(o.info->district));
    td(n(o.accounts), true);
    td(n(o.posts), true);
    td(n(o.findings), true);
    td(label_chips(o.by_label));
    a("</tr>\n");
  }
  if (shown > 0) {
    table_close();
  } else {
    a("<p>" + esc(t_.none) + "</p>\n");
  }
  a("</section>\n");
}

void Html::accounts_table() {
  a("<section id=\"accounts\">\n<h2>" + esc(t_.accounts_ranked) + "</h2>\n");
  size_t shown = 0;
  for (const auto& acc : v_.accounts) {
    if (acc.agg->findings == 0 || shown == v_.options.rows) break;
    if (shown == 0) {
      table_open({{std::string(t_.rank), true},
                  {std::string(t_.account), false},
                  {std::string(t_.platform), false},
                  {std::string(t_.owner), false},
                  {std::string(t_.posts), true},
                  {std::string(t_.findings), true},
                  {std::string(t_.labels_heading), false}});
    }
    ++shown;
    const records::Account& i = acc.agg->info;
    const std::string& platform = !i.platform.empty() ? i.platform : acc.agg->platform;
    const std::string name = esc(!i.handle.empty() ? i.handle : acc.key);
    row_open();
    td(std::to_string(shown), true);
    td(is_safe_url(i.url)
           ? "<a href=\"" + esc(i.url) + "\" rel=\"noopener noreferrer nofollow\">" + name + "</a>"
           : name);
    td(esc(platform_name(platform)));
    td(esc(i.owner));
    td(n(acc.agg->posts), true);
    td(n(acc.agg->findings), true);
    td(label_chips(acc.by_label));
    a("</tr>\n");
  }
  if (shown > 0) {
    table_close();
  } else {
    a("<p>" + esc(t_.none) + "</p>\n");
  }
  a("</section>\n");
}

void Html::section(std::string_view id, std::string_view title, const std::vector<FindingRow>& rows,
                   bool all_labels) {
  a("<section id=\"");
  a(id);
  a("\">\n<h2>" + esc(title) + "</h2>\n");
  if (rows.empty()) {
    a("<p>" + esc(t_.none) + "</p>\n</section>\n");
    return;
  }
  table_open({{std::string(t_.rank), true},
              {std::string(t_.posted), false},
              {std::string(t_.account), false},
              {std::string(t_.role), false},
              {std::string(t_.label), false},
              {std::string(t_.score), true},
              {std::string(t_.contents), false},
              {std::string(t_.link), false}});
  for (const auto& r : rows) {
    const Finding& f = *r.finding;
    std::string labels;
    for (const auto& l : f.labels) {
      if (all_labels ? !is_violation(l.label) : section_of(l.label) == Section::kNone) continue;
      if (!labels.empty()) labels += " ";
      labels += chip(l.label);
    }
    std::string who = esc(display_account(f));
    if (f.has_account && !f.account.owner.empty()) who += "<br>" + esc(f.account.owner);
    std::string score = esc(format_score_words(r.score, lang_));
    if (r.is_new && *r.is_new) score += " <span class=\"new\">" + esc(t_.is_new) + "</span>";
    if (v_.has_reviews) score += "<br>" + esc(review_status(r.review, lang_));
    row_open();
    td(std::to_string(r.rank), true);
    td(time_of(r));
    td(who);
    td(esc(f.has_account ? role_name(f.account.role, lang_) : ""));
    td(labels);
    td(score, true);
    std::string contents = esc(excerpt(f.text, 160));
    if (r.fate && r.fate->changed()) {
      contents = "<span class=\"fate\">" +
                 esc(post_fate_text(*r.fate, r.utc_offset, lang_, false)) + "</span><br>" +
                 contents;
    }
    td(contents);
    td(link(f.url));
    a("</tr>\n");
  }
  table_close();
  a("</section>\n");
}

void Html::findings() {
  a("<section id=\"findings\">\n<h2>" + esc(t_.top_findings) + "</h2>\n");
  if (v_.top.empty()) {
    a("<p>" + esc(t_.none) + "</p>\n</section>\n");
    return;
  }
  a("<p class=\"meta\">" + esc(t_.top_shown) + " " + n(v_.top.size()) + " " +
    esc(t_.shown_of_findings) + " " + n(v_.state->totals().findings) + " " + esc(t_.findings_lc) +
    ".</p>\n");
  for (const auto& r : v_.top) finding(r);
  a("</section>\n");
}

void Html::finding(const FindingRow& r) {
  const Finding& f = *r.finding;
  a("<article class=\"finding\" id=\"finding-" + std::to_string(r.rank) + "\">\n<h3>");
  a("<span class=\"rank\">" + std::to_string(r.rank) + "</span>");
  for (const auto& l : f.labels) a(chip(l.label));
  a("<span class=\"score\">" + esc(t_.score) + " " + esc(format_score_words(r.score, lang_)) +
    "</span>");
  if (r.is_new && *r.is_new) a("<span class=\"new\">" + esc(t_.is_new) + "</span>");
  a("</h3>\n<dl class=\"facts\">");
  auto fact = [&](std::string_view k, const std::string& html) {
    if (html.empty()) return;
    a("<dt>" + esc(k) + "</dt><dd>" + html + "</dd>");
  };
  if (v_.has_reviews) fact(t_.review, esc(review_status(r.review, lang_)));
  if (r.fate) {
    const std::string fate = esc(post_fate_text(*r.fate, r.utc_offset, lang_, true));
    fact(t_.post_status,
         r.fate->changed() && !fate.empty() ? "<span class=\"fate\">" + fate + "</span>" : fate);
  }
  const records::Account& acc = f.account;
  const std::string_view name = display_account(f);
  std::string who = esc(name.empty() ? t_.unknown : name);
  who += " (" + esc(platform_name(f.platform)) + ")";
  if (f.has_account) {
    std::string detail;
    for (const std::string& part :
         {acc.owner, std::string(role_name(acc.role, lang_)), acc.party,
          acc.ballot_no.empty() ? std::string() : std::string(t_.ballot_no) + " " + acc.ballot_no,
          acc.district.empty() ? std::string() : std::string(t_.district) + " " + acc.district}) {
      if (part.empty()) continue;
      if (!detail.empty()) detail += ", ";
      detail += esc(part);
    }
    if (!detail.empty()) who += " &mdash; " + detail;
  }
  fact(t_.account, who);
  fact(t_.posted,
       time_of(r) +
           (f.created_ms == kNoTime ? std::string() : " <code>" + esc(f.created_at) + "</code>"));
  fact(t_.fetched, esc(f.fetched_at));
  fact(t_.link, link(f.url));
  fact(t_.post_id_title, "<code>" + esc(f.id) + "</code>");
  const std::string raw = raw_record_text(f, lang_);
  fact(t_.raw_record, raw.empty() ? "" : "<code>" + esc(raw) + "</code>");
  fact(t_.raw_sha256, f.raw_sha256.empty() ? "" : "<code>" + esc(f.raw_sha256) + "</code>");
  fact(t_.reach, esc(reach_text(f, lang_)));
  a("</dl>\n");
  if (!f.title.empty()) a("<p><b>" + esc(t_.title_field) + ":</b> " + esc(f.title) + "</p>\n");
  a("<blockquote class=\"text\">");
  if (f.text.empty()) a("<i>" + esc(t_.no_text) + "</i>");
  for (const auto& piece : highlight(f)) {
    if (piece.marked) a("<mark>");
    a(esc(piece.text));
    if (piece.marked) a("</mark>");
  }
  a("</blockquote>\n<ul class=\"evidence\">");
  for (const Evidence* ep : unique_evidence(f)) {
    const Evidence& e = *ep;
    a("<li><code>" + esc(e.rule) + "</code>");
    if (!e.text.empty()) {
      a(" &laquo;" + esc(e.text) + "&raquo;");
      if (in_title(e)) a(" (" + esc(t_.in_title) + ")");
      if (!evidence_matches(f, e)) {
        a(" <span class=\"warn\">(" + esc(t_.quote_mismatch) + ")</span>");
      }
    }
    if (!e.note.empty()) a(" " + esc(evidence_note(e.note, lang_)));
    if (!e.claim_url.empty()) a(" " + link(e.claim_url));
    a("</li>");
  }
  a("</ul>\n");
  const FormA form = draft_form(v_, r);
  a("<div class=\"scroll\"><table class=\"form\"><caption>" + esc(t_.form_title) +
    "</caption><tbody>");
  for (const auto& part : form_parts(form, r, lang_)) {
    a("<tr><th colspan=\"2\" class=\"part\">" + esc(part.title) + "</th></tr>");
    for (const auto& item : part.items) {
      a("<tr><th>" + esc(item.label) + "</th><td" + (item.blank ? " class=\"blank\"" : "") + ">" +
        esc(item.value) + "</td></tr>");
    }
  }
  a("</tbody></table></div>\n</article>\n");
}

void Html::failed() {
  a("<section id=\"failed\">\n<h2>" + esc(t_.failed_accounts) + "</h2>\n");
  if (v_.failed.empty()) {
    a("<p>" + esc(t_.none) + "</p>\n</section>\n");
    return;
  }
  table_open({{std::string(t_.account), false},
              {std::string(t_.platform), false},
              {std::string(t_.owner), false},
              {std::string(t_.stage), false},
              {std::string(t_.http_status), true},
              {std::string(t_.reason), false},
              {std::string(t_.time), false},
              {std::string(t_.occurrences), true}});
  for (const auto& r : v_.failed) {
    const FailedAccount& f = *r.failed;
    std::string name = !f.account.handle.empty() ? f.account.handle : r.key;
    row_open();
    td(esc(name.empty() ? t_.unknown : name));
    td(esc(platform_name(f.platform)));
    td(esc(f.account.owner));
    td(esc(failure_stage_name(f.stage, lang_)));
    td(f.http_status < 0 ? "" : std::to_string(f.http_status), true);
    td(esc(failure_reason(f, lang_)));
    td(esc(f.time));
    td(n(f.count), true);
    a("</tr>\n");
  }
  table_close();
  a("</section>\n");
}

}  // namespace

void render_html(const ReportView& view, std::string* out) { Html(view, out).render(); }

}  // namespace pantau::report
