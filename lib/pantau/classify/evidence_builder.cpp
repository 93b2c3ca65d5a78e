#include "pantau/classify/evidence_builder.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace pantau::classify {

// A code point starts at every byte that is not a continuation byte (10xxxxxx).
size_t count_code_points_fast(std::string_view s) {
  size_t n = s.size(), i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    n -= static_cast<size_t>(std::popcount(w & ~(w << 1) & 0x8080808080808080ULL));
  }
  for (; i < s.size(); ++i) n -= (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return n;
}

void EvidenceBuilder::start(std::string_view original, const text::NormalizedText* normalized,
                            const std::vector<Hit>* hits) {
  original_ = original;
  normalized_ = normalized;
  hits_ = hits;
  hit_spans_.assign(hits->size(), HitSpan{});
  cp_byte_ = 0;
  cp_count_ = 0;
}

int64_t EvidenceBuilder::code_points_to(size_t byte) {
  if (byte >= cp_byte_) {
    cp_count_ +=
        static_cast<int64_t>(count_code_points_fast(original_.substr(cp_byte_, byte - cp_byte_)));
  } else {
    cp_count_ -=
        static_cast<int64_t>(count_code_points_fast(original_.substr(byte, cp_byte_ - byte)));
  }
  cp_byte_ = byte;
  return cp_count_;
}

void EvidenceBuilder::span(uint32_t b, uint32_t e, EvidenceOut* ev) {
  auto [ob, oe] = normalized_->original_bytes(b, e);
  ev->start = code_points_to(ob);
  ev->end = code_points_to(oe);
  ev->text = original_.substr(ob, oe - ob);
}

void EvidenceBuilder::hit_span(size_t hit, EvidenceOut* ev) {
  const std::vector<Hit>& hits = *hits_;
  if (hit_spans_[hit].start < 0) {
    // The first span asked for: compute them all, in text order, in one pass over the text.
    for (size_t i = 0; i < hits.size(); ++i) {
      auto [ob, oe] = normalized_->original_bytes(hits[i].begin, hits[i].end);
      HitSpan& s = hit_spans_[i];
      s.ob = static_cast<uint32_t>(ob);
      s.oe = static_cast<uint32_t>(oe);
      s.start = code_points_to(ob);
      s.end = code_points_to(oe);
    }
  }
  const HitSpan& hs = hit_spans_[hit];
  ev->start = hs.start;
  ev->end = hs.end;
  ev->text = original_.substr(hs.ob, hs.oe - hs.ob);
}

namespace {

template <typename S>
bool contains(const std::vector<S>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool same_span(const EvidenceOut& a, const EvidenceOut& b) {
  return a.rule == b.rule && a.field == b.field && a.start == b.start && a.end == b.end;
}

bool lists(const LabelOut& lo, const EvidenceOut& ev) {
  for (const auto& e : lo.evidence) {
    if (same_span(e, ev)) return true;
  }
  return false;
}

}  // namespace

void EvidenceBuilder::add_rule(LabelOut& lo, uint32_t rule_index, std::string_view rule_id,
                               size_t max_evidence) {
  if (!contains(lo.rules, rule_id)) lo.rules.push_back(rule_id);
  const std::vector<Hit>& hits = *hits_;
  for (size_t hi = 0; hi < hits.size(); ++hi) {
    if (hits[hi].tag != rule_index || lo.evidence.size() >= max_evidence) continue;
    EvidenceOut ev;
    ev.rule = rule_id;
    hit_span(hi, &ev);
    if (!lists(lo, ev)) lo.evidence.push_back(ev);
  }
}

void EvidenceBuilder::add_hit(LabelOut& lo, size_t hit, std::string_view rule) {
  EvidenceOut ev;
  ev.rule = rule;
  hit_span(hit, &ev);
  // A ballot number is both a rule's hit and the mention of its target: one entry.
  if (!lists(lo, ev)) lo.evidence.push_back(ev);
}

void EvidenceBuilder::dedupe(LabelOut& lo) {
  size_t kept = 0;
  for (size_t i = 0; i < lo.evidence.size(); ++i) {
    bool dup = false;
    for (size_t j = 0; j < kept && !dup; ++j) {
      dup = lo.evidence[j].start >= 0 && same_span(lo.evidence[j], lo.evidence[i]);
    }
    if (!dup) lo.evidence[kept++] = lo.evidence[i];
  }
  lo.evidence.resize(kept);
}

void EvidenceBuilder::add_span_once(LabelOut& lo, uint32_t b, uint32_t e, std::string_view rule) {
  EvidenceOut ev;
  ev.rule = rule;
  span(b, e, &ev);
  bool dup = false;
  for (const auto& o : lo.evidence) dup = dup || (o.start == ev.start && o.end == ev.end);
  if (!dup) lo.evidence.push_back(ev);
}

void EvidenceBuilder::add_note(LabelOut& lo, std::string_view rule, std::string_view note) {
  EvidenceOut ev;
  ev.rule = rule;
  ev.note = note;
  lo.evidence.insert(lo.evidence.begin(), ev);
  lo.rules.insert(lo.rules.begin(), rule);
}

void EvidenceBuilder::order(LabelOut& lo, size_t max_evidence) {
  // An insertion sort: the list is short (at most max_evidence + a few) and nearly sorted, and
  // it moves no element that is in place (std::stable_sort allocated a buffer and moved every
  // element).
  auto before = [](const EvidenceOut& a, const EvidenceOut& b) {
    if ((a.start < 0) != (b.start < 0)) return a.start < 0;
    return a.start < b.start;
  };
  for (size_t i = 1; i < lo.evidence.size(); ++i) {
    if (!before(lo.evidence[i], lo.evidence[i - 1])) continue;
    EvidenceOut moving = lo.evidence[i];
    size_t j = i;
    for (; j > 0 && before(moving, lo.evidence[j - 1]); --j) lo.evidence[j] = lo.evidence[j - 1];
    lo.evidence[j] = moving;
  }
  if (lo.evidence.size() > max_evidence) lo.evidence.resize(max_evidence);
}

}  // namespace pantau::classify
