#include "pantau/classify/matcher.h"

#include <hs/hs.h>

#include "pantau/classify/database_cache.h"
#include "pantau/classify/regex_factors.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string_view>
#include <unordered_map>

namespace pantau::classify {

namespace {

struct ScanContext {
  const std::vector<Pattern>* patterns;
  const std::vector<uint32_t>* ids;  // regexes: database id -> pattern index
  const Matcher::Key* keys;          // literals: database id -> key
  const uint32_t* key_patterns;
  uint32_t gates;  // regex databases whose factors occurred (Matcher::RegexDb::gate bits)
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

// A match of pattern `p` at [begin, end) of the text: kept when the enclosing word allows it,
// widened to the word. Returns 1 (stop scanning) when the hit list is full.
int add_hit(const ScanContext& ctx, const Pattern& p, size_t begin, size_t end) {
  std::string_view prefix, suffix;
  word_context(ctx.text, begin, end, &prefix, &suffix);
  if (ctx.regex) {
    if (p.boundary && (!prefix.empty() || !suffix.empty())) return 0;
    if (begin == end) return 0;
  } else if (!affixes_accepted(prefix, suffix, p.affixes)) {
    return 0;
  }
  Hit h;
  h.tag = p.tag;
  h.begin = static_cast<uint32_t>(begin - prefix.size());
  h.end = static_cast<uint32_t>(end + suffix.size());
  ctx.hits->push_back(h);
  // Stop a hostile post from growing the hit list without bound.
  return ctx.hits->size() >= Matcher::kMaxHits ? 1 : 0;
}

// The literal database reports keys; each key's phrases are confirmed here by comparing what
// follows the key in the text with the rest of the phrase.
int on_literal(unsigned int id, unsigned long long to, ScanContext* ctx) {
  if (to > ctx->text.size()) return 0;  // in the padding (Matcher::scan)
  const Matcher::Key& k = ctx->keys[id];
  ctx->gates |= k.gates;
  const size_t key_end = static_cast<size_t>(to);
  const size_t begin = key_end - k.length;
  const std::string_view text = ctx->text;
  for (uint32_t i = k.first; i < k.first + k.count; ++i) {
    const Pattern& p = (*ctx->patterns)[ctx->key_patterns[i]];
    const size_t rest = p.expr.size() - k.length;
    if (rest != 0) {  // the first byte decides most comparisons without a call
      const char* want = p.expr.data() + k.length;
      if (rest > text.size() - key_end || text[key_end] != want[0] ||
          std::memcmp(text.data() + key_end + 1, want + 1, rest - 1) != 0) {
        continue;
      }
    }
    if (add_hit(*ctx, p, begin, key_end + rest)) return 1;
  }
  return 0;
}

int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
             void* ctx_ptr) {
  auto* ctx = static_cast<ScanContext*>(ctx_ptr);
  if (!ctx->regex) return on_literal(id, to, ctx);
  if (to > ctx->text.size()) return 0;  // in the padding (Matcher::scan)
  const Pattern& p = (*ctx->patterns)[(*ctx->ids)[id]];
  return add_hit(*ctx, p, static_cast<size_t>(from), static_cast<size_t>(to));
}

// The key length of each literal pattern (indexes into `patterns`): the shortest prefix that
// ends before a space and is at least kMinKeyBytes long (or the whole literal); then, while
// more than kMaxKeyGroup literals share the last 8 bytes of their keys (vectorscan confirms
// those together), the literals of such a group move on to their next longer prefix.
std::vector<uint32_t> choose_key_lengths(const std::vector<Pattern>& patterns,
                                         const std::vector<uint32_t>& literals) {
  std::vector<std::vector<uint32_t>> cuts(literals.size());
  for (size_t i = 0; i < literals.size(); ++i) {
    const std::string& e = patterns[literals[i]].expr;
    for (size_t c = Matcher::kMinKeyBytes; c < e.size(); ++c) {
      if (e[c] == ' ') cuts[i].push_back(static_cast<uint32_t>(c));
    }
    cuts[i].push_back(static_cast<uint32_t>(e.size()));
  }
  std::vector<size_t> level(literals.size(), 0);
  auto ending = [&](size_t i) {
    std::string_view key(patterns[literals[i]].expr.data(), cuts[i][level[i]]);
    return key.substr(key.size() - std::min<size_t>(key.size(), 8));
  };
  for (bool changed = true; changed;) {
    changed = false;
    std::unordered_map<std::string_view, size_t> group;
    for (size_t i = 0; i < literals.size(); ++i) ++group[ending(i)];
    for (size_t i = 0; i < literals.size(); ++i) {
      if (group[ending(i)] > Matcher::kMaxKeyGroup && level[i] + 1 < cuts[i].size()) {
        ++level[i];
        changed = true;
      }
    }
  }
  std::vector<uint32_t> out(literals.size());
  for (size_t i = 0; i < literals.size(); ++i) out[i] = cuts[i][level[i]];
  return out;
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
  for (const auto& r : regex_dbs_) hs_free_database(r.db);
}

// Longer than 150 lines on purpose: one pass sorts the patterns into the literal keys and the
// factor-gated regex groups, and the database inputs it builds are, in one order, the cache key,
// the compile input and the scan order; split up, the pieces would pass half a dozen parallel
// vectors (expressions, lengths, flags, ids, groups, gates) between them.
Result<std::unique_ptr<Matcher>> Matcher::compile(const std::vector<Pattern>& patterns,
                                                  size_t* bad_pattern,
                                                  const std::string& cache_dir) {
  std::unique_ptr<Matcher> m(new Matcher());
  m->patterns_ = patterns;
  std::vector<const char*> lit_exprs;
  std::vector<size_t> lit_lens;
  std::vector<unsigned> lit_flags, lit_ids;
  std::vector<uint32_t> literals;  // pattern indexes
  // Regexes grouped by their factor sets; group 0 has none and is scanned on every text. Gates
  // are bits of a uint32_t: regexes beyond 32 distinct sets join group 0.
  std::map<std::vector<std::string>, size_t> group_of;
  std::vector<std::vector<std::string>> group_factors(1);
  std::vector<std::vector<uint32_t>> group_regexes(1);
  std::vector<uint32_t> anchored;  // regexes scanned without padding (see scan())
  for (size_t i = 0; i < patterns.size(); ++i) {
    const Pattern& p = m->patterns_[i];
    if (p.expr.empty()) {
      if (bad_pattern) *bad_pattern = i;
      return Error::invalid("empty pattern");
    }
    if (p.regex) {
      // '$', \z and \Z would see the padding instead of the end (seen anywhere, to be safe):
      // such regexes go unpadded into group 0.
      const bool anchors = p.expr.find('$') != std::string::npos ||
                           p.expr.find("\\z") != std::string::npos ||
                           p.expr.find("\\Z") != std::string::npos;
      if (anchors) {
        anchored.push_back(static_cast<uint32_t>(i));
        continue;
      }
      std::vector<std::string> f = required_factors(p.expr);
      // Money amounts name units of two letters ("rb", "jt"): two-byte factors still gate
      // far better than scanning every post (pack 2024.2 had two such regexes ungated).
      if (f.empty()) f = required_factors(p.expr, 2);
      size_t g = 0;
      if (!f.empty()) {
        auto it = group_of.find(f);
        if (it != group_of.end()) {
          g = it->second;
        } else if (group_factors.size() <= 32) {
          g = group_factors.size();
          group_of.emplace(f, g);
          group_factors.push_back(std::move(f));
          group_regexes.emplace_back();
        }
      }
      group_regexes[g].push_back(static_cast<uint32_t>(i));
    } else {
      literals.push_back(static_cast<uint32_t>(i));
    }
  }
  // One database literal per distinct key; its patterns in pattern order.
  const std::vector<uint32_t> key_length = choose_key_lengths(m->patterns_, literals);
  std::unordered_map<std::string_view, uint32_t> key_index;
  std::vector<std::vector<uint32_t>> members;
  auto key_of = [&](std::string_view key) {
    auto [it, fresh] = key_index.emplace(key, static_cast<uint32_t>(m->keys_.size()));
    if (fresh) {
      m->keys_.push_back({static_cast<uint32_t>(key.size()), 0, 0, 0});
      members.emplace_back();
      lit_ids.push_back(it->second);
      lit_exprs.push_back(key.data());
      lit_lens.push_back(key.size());
      lit_flags.push_back(0);
    }
    return it->second;
  };
  for (size_t i = 0; i < literals.size(); ++i) {
    members[key_of(std::string_view(m->patterns_[literals[i]].expr.data(), key_length[i]))]
        .push_back(literals[i]);
  }
  // Factors are keys too (shared with a phrase key of the same bytes): a hit opens a gate.
  for (size_t g = 1; g < group_factors.size(); ++g) {
    for (const auto& f : group_factors[g]) m->keys_[key_of(f)].gates |= 1u << (g - 1);
  }
  for (size_t k = 0; k < m->keys_.size(); ++k) {
    m->keys_[k].first = static_cast<uint32_t>(m->key_patterns_.size());
    m->keys_[k].count = static_cast<uint32_t>(members[k].size());
    m->key_patterns_.insert(m->key_patterns_.end(), members[k].begin(), members[k].end());
  }
  // Every database's compile input, in scan order: the literal database (when there are
  // literals), then one database per non-empty regex group.
  struct DbInput {
    std::vector<const char*> exprs;
    std::vector<size_t> lens;  // literals: the keys are not NUL-terminated
    std::vector<unsigned> flags, ids;
    size_t group = SIZE_MAX;  // regexes: index into group_regexes; SIZE_MAX: the literals
  };
  std::vector<DbInput> inputs;
  if (!lit_exprs.empty()) {
    inputs.push_back({std::move(lit_exprs), std::move(lit_lens), std::move(lit_flags),
                      std::move(lit_ids), SIZE_MAX});
  }
  group_regexes.push_back(std::move(anchored));  // the last group: ungated, unpadded
  for (size_t g = 0; g < group_regexes.size(); ++g) {
    if (group_regexes[g].empty()) continue;
    const bool anchored_group = g + 1 == group_regexes.size();
    DbInput in;
    in.group = g;
    for (uint32_t pi : group_regexes[g]) {
      in.ids.push_back(static_cast<unsigned>(m->regex_ids_.size()));
      m->regex_ids_.push_back(pi);
      in.exprs.push_back(m->patterns_[pi].expr.c_str());
      in.lens.push_back(m->patterns_[pi].expr.size());
      in.flags.push_back(kRegexFlags);
    }
    inputs.push_back(std::move(in));
    RegexDb r;  // its database is set below
    r.gate = g == 0 || anchored_group ? 0 : 1u << (g - 1);
    r.pad = !anchored_group;
    m->regex_dbs_.push_back(r);
  }

  std::vector<HsDatabasePtr> dbs;
  std::string cache_path;
  if (!cache_dir.empty() && !inputs.empty()) {
    // The key material: everything vectorscan compiles from, in order, length-prefixed.
    std::string key = database_key_base();
    auto put = [&key](uint64_t v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
    put(inputs.size());
    for (const DbInput& in : inputs) {
      key += in.group == SIZE_MAX ? "literal" : "regex";
      put(HS_MODE_BLOCK);
      put(in.exprs.size());
      for (size_t i = 0; i < in.exprs.size(); ++i) {
        put(in.lens[i]);
        key.append(in.exprs[i], in.lens[i]);
        put(in.flags[i]);
        put(in.ids[i]);
      }
    }
    cache_path = database_cache_path(cache_dir, key);
    dbs = load_databases(cache_path, inputs.size());
    m->from_cache_ = dbs.size() == inputs.size();
  }
  if (!m->from_cache_) {
    dbs.clear();
    for (const DbInput& in : inputs) {
      hs_database* db = nullptr;
      hs_compile_error_t* err = nullptr;
      const unsigned n = static_cast<unsigned>(in.exprs.size());
      const hs_error_t rc =
          in.group == SIZE_MAX
              ? hs_compile_lit_multi(in.exprs.data(), in.flags.data(), in.ids.data(),
                                     in.lens.data(), n, HS_MODE_BLOCK, nullptr, &db, &err)
              : hs_compile_multi(in.exprs.data(), in.flags.data(), in.ids.data(), n, HS_MODE_BLOCK,
                                 nullptr, &db, &err);
      if (rc != HS_SUCCESS) {
        if (bad_pattern) {
          const bool known = err && err->expression >= 0;
          const size_t e = known ? static_cast<size_t>(err->expression) : 0;
          *bad_pattern = !known                 ? patterns.size()
                         : in.group == SIZE_MAX ? m->key_patterns_[m->keys_[e].first]
                                                : group_regexes[in.group][e];
        }
        std::string msg = compile_message(err);
        hs_free_compile_error(err);
        return Error::invalid(msg);
      }
      dbs.emplace_back(db);
    }
    if (!cache_path.empty()) {
      std::vector<const hs_database*> compiled(dbs.size());
      for (size_t i = 0; i < dbs.size(); ++i) compiled[i] = dbs[i].get();
      store_databases(cache_path, compiled);  // best effort: no cache next time otherwise
    }
  }
  size_t next = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    hs_database* db = dbs[i].release();
    if (inputs[i].group == SIZE_MAX)
      m->literal_db_ = db;
    else
      m->regex_dbs_[next++].db = db;
  }
  std::vector<hs_database*> all;
  if (m->literal_db_) all.push_back(m->literal_db_);
  for (const auto& r : m->regex_dbs_) all.push_back(r.db);
  for (hs_database* db : all) {
    if (hs_alloc_scratch(db, &m->scratch_) != HS_SUCCESS) {
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
  if (text.size() > 0xFFFFFF00u) return Error::invalid("text too long to scan");
  ScanContext ctx{&patterns_, &regex_ids_, keys_.data(), key_patterns_.data(),
                  0,          text,        false,        hits};
  // Vectorscan 5.4.9 (Debian 12) misses matches on AVX-512 machines near 64-byte vector
  // boundaries at the end of the buffer (accelerator tail handling, fixed upstream in 5.4.13):
  // the text is scanned with kScanPadding spaces after it, and matches ending in them are
  // dropped. Padding cannot change a match that ends inside the text, except through end
  // anchors; regexes that may use them are scanned without it (RegexDb::pad).
  padded_.assign(text);
  padded_.append(kScanPadding, ' ');
  const unsigned len = static_cast<unsigned>(text.size());
  const unsigned padded_len = static_cast<unsigned>(padded_.size());
  if (literal_db_) {
    hs_error_t r = hs_scan(literal_db_, padded_.data(), padded_len, 0, scratch_, on_match, &ctx);
    if (r == HS_SCAN_TERMINATED)
      truncated_ = true;
    else if (r != HS_SUCCESS)
      return Error::invalid("vectorscan scan failed");
  }
  ctx.regex = true;
  for (const RegexDb& db : regex_dbs_) {
    if (truncated_) break;
    if (db.gate && !(ctx.gates & db.gate)) continue;  // none of its factors occurred
    hs_error_t r = db.pad ? hs_scan(db.db, padded_.data(), padded_len, 0, scratch_, on_match, &ctx)
                          : hs_scan(db.db, text.data(), len, 0, scratch_, on_match, &ctx);
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
