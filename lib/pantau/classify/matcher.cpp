#include "pantau/classify/matcher.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstdlib>

namespace pantau::classify {

namespace {

struct ScanContext {
  const std::vector<Pattern>* patterns;
  const std::vector<uint32_t>* ids;  // database id -> pattern index
  std::string_view text;
  bool regex;
  std::vector<Hit>* hits;
};

constexpr unsigned kRegexFlags = HS_FLAG_SOM_LEFTMOST | HS_FLAG_UTF8;

std::string compile_message(hs_compile_error_t* err) {
  std::string m = err && err->message ? err->message : "unknown vectorscan error";
  if (!m.empty() && m.back() == '.') m.pop_back();
  if (!m.empty() && m[0] >= 'A' && m[0] <= 'Z') m[0] = static_cast<char>(m[0] - 'A' + 'a');
  return m;
}

int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
             void* ctx_ptr) {
  auto* ctx = static_cast<ScanContext*>(ctx_ptr);
  const Pattern& p = (*ctx->patterns)[(*ctx->ids)[id]];
  size_t end = static_cast<size_t>(to);
  size_t begin = ctx->regex ? static_cast<size_t>(from) : end - p.expr.size();
  std::string_view prefix, suffix;
  word_context(ctx->text, begin, end, &prefix, &suffix);
  if (ctx->regex) {
    if (p.boundary && (!prefix.empty() || !suffix.empty())) return 0;
    if (begin == end) return 0;
  } else if (!affixes_accepted(prefix, suffix, p.affixes)) {
    return 0;
  }
  Hit h;
  h.tag = p.tag;
  h.begin = static_cast<uint32_t>(begin - prefix.size());
  h.end = static_cast<uint32_t>(end + suffix.size());
  ctx->hits->push_back(h);
  // Stop a hostile post from growing the hit list without bound.
  return ctx->hits->size() >= Matcher::kMaxHits ? 1 : 0;
}

}  // namespace

Status check_regex(std::string_view expr) {
  std::string e(expr);
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_expression_info(e.c_str(), kRegexFlags, &info, &err) != HS_SUCCESS) {
    std::string m = compile_message(err);
    hs_free_compile_error(err);
    return Error::invalid(m);
  }
  bool empty_ok = info->min_width == 0;
  free(info);  // allocated by vectorscan with the default allocator
  if (empty_ok) return Error::invalid("regex can match the empty string");
  return {};
}

Matcher::~Matcher() {
  if (scratch_) hs_free_scratch(scratch_);
  if (literal_db_) hs_free_database(literal_db_);
  if (regex_db_) hs_free_database(regex_db_);
}

Result<std::unique_ptr<Matcher>> Matcher::compile(const std::vector<Pattern>& patterns,
                                                  size_t* bad_pattern) {
  std::unique_ptr<Matcher> m(new Matcher());
  m->patterns_ = patterns;
  std::vector<const char*> lit_exprs, re_exprs;
  std::vector<size_t> lit_lens;
  std::vector<unsigned> lit_flags, lit_ids, re_flags, re_ids;
  for (size_t i = 0; i < patterns.size(); ++i) {
    const Pattern& p = m->patterns_[i];
    if (p.expr.empty()) {
      if (bad_pattern) *bad_pattern = i;
      return Error::invalid("empty pattern");
    }
    if (p.regex) {
      re_ids.push_back(static_cast<unsigned>(m->regex_ids_.size()));
      m->regex_ids_.push_back(static_cast<uint32_t>(i));
      re_exprs.push_back(p.expr.c_str());
      re_flags.push_back(kRegexFlags);
    } else {
      lit_ids.push_back(static_cast<unsigned>(m->literal_ids_.size()));
      m->literal_ids_.push_back(static_cast<uint32_t>(i));
      lit_exprs.push_back(p.expr.data());
      lit_lens.push_back(p.expr.size());
      lit_flags.push_back(0);
    }
  }
  hs_compile_error_t* err = nullptr;
  if (!lit_exprs.empty()) {
    if (hs_compile_lit_multi(lit_exprs.data(), lit_flags.data(), lit_ids.data(), lit_lens.data(),
                             static_cast<unsigned>(lit_exprs.size()), HS_MODE_BLOCK, nullptr,
                             &m->literal_db_, &err) != HS_SUCCESS) {
      if (bad_pattern) {
        *bad_pattern = err && err->expression >= 0
                           ? m->literal_ids_[static_cast<size_t>(err->expression)]
                           : patterns.size();
      }
      std::string msg = compile_message(err);
      hs_free_compile_error(err);
      return Error::invalid(msg);
    }
    if (hs_alloc_scratch(m->literal_db_, &m->scratch_) != HS_SUCCESS) {
      return Error::invalid("cannot allocate vectorscan scratch space");
    }
  }
  if (!re_exprs.empty()) {
    if (hs_compile_multi(re_exprs.data(), re_flags.data(), re_ids.data(),
                         static_cast<unsigned>(re_exprs.size()), HS_MODE_BLOCK, nullptr,
                         &m->regex_db_, &err) != HS_SUCCESS) {
      if (bad_pattern) {
        *bad_pattern = err && err->expression >= 0
                           ? m->regex_ids_[static_cast<size_t>(err->expression)]
                           : patterns.size();
      }
      std::string msg = compile_message(err);
      hs_free_compile_error(err);
      return Error::invalid(msg);
    }
    if (hs_alloc_scratch(m->regex_db_, &m->scratch_) != HS_SUCCESS) {
      return Error::invalid("cannot allocate vectorscan scratch space");
    }
  }
  return m;
}

Status Matcher::scan(std::string_view text, std::vector<Hit>* hits) {
  hits->clear();
  truncated_ = false;
  if (text.empty()) return {};
  // vectorscan takes an unsigned length; posts are far below 4 GiB, but be explicit.
  if (text.size() > 0xFFFFFFF0u) return Error::invalid("text too long to scan");
  ScanContext ctx{&patterns_, &literal_ids_, text, false, hits};
  const unsigned len = static_cast<unsigned>(text.size());
  if (literal_db_) {
    hs_error_t r = hs_scan(literal_db_, text.data(), len, 0, scratch_, on_match, &ctx);
    if (r == HS_SCAN_TERMINATED)
      truncated_ = true;
    else if (r != HS_SUCCESS)
      return Error::invalid("vectorscan scan failed");
  }
  if (regex_db_ && !truncated_) {
    ctx.regex = true;
    ctx.ids = &regex_ids_;
    hs_error_t r = hs_scan(regex_db_, text.data(), len, 0, scratch_, on_match, &ctx);
    if (r == HS_SCAN_TERMINATED)
      truncated_ = true;
    else if (r != HS_SUCCESS)
      return Error::invalid("vectorscan scan failed");
  }
  if (hits->size() < 2) return {};
  // Merge per tag: overlapping hits (a root and its nasal form both matched "mengancam"; a
  // regex reporting every end offset) and reduplications joined by '-'.
  std::sort(hits->begin(), hits->end(), [](const Hit& a, const Hit& b) {
    if (a.tag != b.tag) return a.tag < b.tag;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  size_t out = 0;
  for (size_t i = 0; i < hits->size(); ++i) {
    Hit h = (*hits)[i];
    if (out > 0) {
      Hit& last = (*hits)[out - 1];
      bool joined = h.begin == last.end + 1 && text[last.end] == '-';
      if (last.tag == h.tag && (h.begin < last.end || joined)) {
        last.end = std::max(last.end, h.end);
        continue;
      }
      if (last == h) continue;
    }
    (*hits)[out++] = h;
  }
  hits->resize(out);
  std::sort(hits->begin(), hits->end(), [](const Hit& a, const Hit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return a.tag < b.tag;
  });
  return {};
}

}  // namespace pantau::classify
