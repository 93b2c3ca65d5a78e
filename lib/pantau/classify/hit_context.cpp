#include "pantau/classify/hit_context.h"

#include <algorithm>

#include "pantau/classify/morphology.h"

namespace pantau::classify {
namespace {

// How far (in words) a pronoun or @mention may stand from an addressed word; a named target
// must be within two words.
constexpr int kAddresseeWords = 5;

bool in_word(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  return is_word_byte(c) || c == '_';
}

// Words in normalized text: runs of word bytes (and '_', which handles carry), with a '@' right
// before one counted as its first byte.
size_t word_start(std::string_view text, size_t i) {
  while (i > 0 && in_word(text, i - 1)) --i;
  if (i > 0 && text[i - 1] == '@') --i;
  return i;
}

bool contains(const std::vector<std::string>& v, std::string_view w) {
  return std::find(v.begin(), v.end(), w) != v.end();
}

// How far a report or rebuttal word ("dituduh", "bilang") reaches: "memfitnah Pak Anies
// intoleran dan radikal".
constexpr int kReportWords = 5;

// True when [from, to) ends a sentence: "!", "?", a line break, or a single "." before a space
// ("Ganjar-Mahfud !! Koruptor ini ...", "... 03. Koruptor"); not "..." (a pause) nor "2.000".
bool sentence_break(std::string_view text, size_t from, size_t to) {
  to = std::min(to, text.size());
  for (size_t i = from; i < to; ++i) {
    const char c = text[i];
    if (c == '!' || c == '?' || c == '\n') return true;
    if (c == '.' && (i == 0 || text[i - 1] != '.') && i + 1 < text.size() &&
        (text[i + 1] == ' ' || text[i + 1] == '\n')) {
      return true;
    }
  }
  return false;
}

// Words between two hits (0 when they touch or overlap).
size_t gap(std::string_view text, const Hit& a, const Hit& b, size_t limit) {
  if (a.end <= b.begin) return words_between(text, a.end, b.begin, limit);
  if (b.end <= a.begin) return words_between(text, b.end, a.begin, limit);
  return 0;
}

// True when no sentence ends between two hits.
bool same_sentence(std::string_view text, const Hit& a, const Hit& b) {
  if (a.end <= b.begin) return !sentence_break(text, a.end, b.begin);
  if (b.end <= a.begin) return !sentence_break(text, b.end, a.begin);
  return true;
}

// A window of at most this many words between a hit and a named target is a phrase ("Anies
// koruptor", "hajar caleg nomor 2"): it stays in its sentence. Wider windows (a facility named
// in one sentence, the call to vote in the next) and windows between two rules' hits ("tanah
// Sasak! Usir mereka!") may span sentences.
constexpr uint32_t kPhraseWords = 3;

// For a combination with target_after: the target ends after the hit, in its clause (the
// object of a verb, or who gave the money: "sembako gratis dari Partai X"); "tangan
// memukul-mukul udara, Prabowo meluapkan ..." has Prabowo as the next clause's subject.
bool object_of(std::string_view text, const Hit& hit, const Hit& target) {
  if (target.end <= hit.end) return false;
  if (target.begin <= hit.end) return true;
  return text.substr(hit.end, target.begin - hit.end).find_first_of(",;:") ==
         std::string_view::npos;
}

// How far before a comma a rebutted hit may end: "Anies penista agama, itu fitnah".
constexpr size_t kRebuttalWords = 4;

// Words that may stand between the comma and the rebuttal ("..., itu fitnah"), and the words a
// negation there turns into a rebuttal ("..., tidak benar", "..., bukan fakta").
constexpr std::string_view kRebuttalFillers[] = {"itu", "ini", "jelas", "semua"};
constexpr std::string_view kTruthWords[] = {"benar", "betul", "terbukti", "fakta", "faktanya"};

template <size_t N>
bool one_of(const std::string_view (&words)[N], std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

// How far (bytes) the rebuttal's comma and the speaker's colon are looked for: a headline's
// speaker and a rebuttal stand close to what they frame, and a post with many hits must not make
// each of them scan the whole text.
constexpr size_t kFrameBytes = 160;

// Where the sentence holding `pos` starts: the byte after the sentence break before it, or
// `floor` when there is none after `floor`.
size_t sentence_start(std::string_view text, size_t pos, size_t floor) {
  for (size_t i = std::min(pos, text.size()); i > floor; --i) {
    if (sentence_break(text, i - 1, i)) return i;
  }
  return floor;
}

}  // namespace

size_t words_between(std::string_view text, size_t from, size_t to, size_t limit) {
  size_t n = 0;
  to = std::min(to, text.size());
  for (size_t i = from; i < to && n <= limit; ++i) {
    if (in_word(text, i) && (i == 0 || !in_word(text, i - 1))) ++n;
  }
  return n;
}

std::string_view word_before(std::string_view text, size_t pos, int k) {
  size_t i = std::min(pos, text.size());
  for (; k > 0; --k) {
    while (i > 0 && !in_word(text, i - 1)) --i;  // the gap before
    if (i == 0) return {};
    size_t end = i;
    size_t start = word_start(text, i);
    if (k == 1) return text.substr(start, end - start);
    i = start;
  }
  return {};
}

std::string_view word_after(std::string_view text, size_t pos, int k) {
  size_t i = std::min(pos, text.size());
  for (; k > 0; --k) {
    while (i < text.size() && !in_word(text, i) && text[i] != '@') ++i;
    if (i >= text.size()) return {};
    size_t start = i;
    if (text[i] == '@') ++i;
    while (i < text.size() && in_word(text, i)) ++i;
    if (k == 1) return text.substr(start, i - start);
  }
  return {};
}

HitContext::HitContext(const RulePack& pack, uint32_t target_tag)
    : pack_(pack), target_tag_(target_tag) {
  const size_t n = pack.rules.size();
  addressed_.resize(n);
  names_target_.resize(n);
  negatable_.resize(n);
  cancels_.resize(n);
  cancel_within_.resize(n);
  for (size_t r = 0; r < n; ++r) {
    const Rule& rule = pack.rules[r];
    addressed_[r] = rule.addressed;
    names_target_[r] = rule.ballot.has_value();
    negatable_[r] = rule.negatable;
    cancel_within_[r] = rule.cancel_within;
    for (const auto& id : rule.cancels) {
      for (size_t o = 0; o < n; ++o) {
        if (pack.rules[o].id == id) cancels_[r].push_back(static_cast<uint32_t>(o));
      }
    }
    trivial_ = trivial_ && !rule.addressed && !rule.negatable && cancels_[r].empty();
  }
}

bool HitContext::addressed(std::string_view text, const std::vector<Hit>& hits,
                           const Hit& h) const {
  // A pronoun or an @mention may stand a little further off than a name ("kamu transgender
  // atau gimana anjing", "@budi ngomong aja tidak benar bangke").
  const auto& words = pack_.context.addressee_words;
  for (int k = 1; k <= kAddresseeWords; ++k) {
    std::string_view b = word_before(text, h.begin, k), a = word_after(text, h.end, k);
    if (contains(words, b) || contains(words, a)) return true;
    if ((!b.empty() && b[0] == '@') || (!a.empty() && a[0] == '@')) return true;
  }
  for (const Hit& t : hits) {
    if (is_target(t) && gap(text, t, h, 2) <= 1) return true;
  }
  return false;
}

bool HitContext::negated(std::string_view text, const Hit& h) const {
  return reported_before(text, h) || rebutted_after(text, h) || quoted_after_speaker(text, h);
}

bool HitContext::rebutted_after(std::string_view text, const Hit& h) const {
  const ContextRules& ctx = pack_.context;
  // The comma must follow the hit closely, in its sentence and clause (memchr first: most
  // hits have none near).
  const size_t stop = std::min(text.size(), static_cast<size_t>(h.end) + kFrameBytes);
  const size_t comma = text.substr(0, stop).find(',', h.end);
  if (comma == std::string_view::npos ||
      text.substr(h.end, comma - h.end).find_first_of(";:") != std::string_view::npos ||
      sentence_break(text, h.end, comma) ||
      words_between(text, h.end, comma, kRebuttalWords) > kRebuttalWords) {
    return false;
  }
  int k = 1;
  std::string_view w = word_after(text, comma + 1, k);
  if (one_of(kRebuttalFillers, w)) w = word_after(text, comma + 1, ++k);
  if (contains(ctx.rebuttal_words, w)) return true;
  // "..., kata mereka", but not "..., kata saya" (the author's own words).
  if (contains(ctx.report_words, w))
    return !contains(ctx.first_person_words, word_after(text, comma + 1, k + 1));
  return contains(ctx.negation_words, w) && one_of(kTruthWords, word_after(text, comma + 1, k + 1));
}

bool HitContext::quoted_after_speaker(std::string_view text, const Hit& h) const {
  // The nearest colon before the hit in its sentence, followed by a space or a quote
  // (not "08:00" nor "https://"); most hits have no colon before them at all.
  const size_t floor = h.begin > kFrameBytes ? h.begin - kFrameBytes : 0;
  size_t colon = h.begin;
  do {
    const size_t c = text.substr(floor, colon - floor).rfind(':');
    if (c == std::string_view::npos) return false;
    colon = floor + c;
  } while (text[colon + 1] != ' ' && text[colon + 1] != '"');
  if (sentence_break(text, colon + 1, h.begin)) return false;
  const size_t start = sentence_start(text, colon, floor);
  // One to three words name the speaker; a retweet's leading "rt" is not one of them. An
  // @handle (or "USER", as public data sets anonymize one) before the colon is the old manual
  // retweet, "RT @budi: ...", and "cc:" names who should read it: words the author shares, not
  // a headline's.
  size_t words = 0;
  for (int k = 1; k <= 5; ++k) {
    std::string_view w = word_after(text, start, k);
    if (w.empty() || static_cast<size_t>(w.data() - text.data()) >= colon) break;
    if (w[0] == '@' || w == "cc" || contains(pack_.context.addressee_words, w)) return false;
    if (!(k == 1 && w == "rt")) ++words;
  }
  return words >= 1 && words <= 3;
}

bool HitContext::reported_before(std::string_view text, const Hit& h) const {
  const ContextRules& ctx = pack_.context;
  for (int k = 1; k <= kReportWords; ++k) {
    std::string_view w = word_before(text, h.begin, k);
    if (w.empty()) return false;
    // A negation scopes over its own clause: "bukan seiman! Pemimpin kafir ..." and "tidak
    // bisa, goblok" do not negate what follows the punctuation.
    size_t from = static_cast<size_t>(w.data() - text.data()) + w.size();
    if (text.substr(from, h.begin - from).find_first_of(".,;:!?") != std::string_view::npos)
      return false;
    if (k <= 2 && contains(ctx.negation_words, w)) return true;
    // Someone else's words, reported or rebutted ("selalu bilang Anies penghasut"), unless
    // the author says them ("saya bilang ...") or says them to someone ("bilang aja kamu ...").
    if (contains(ctx.report_words, w) &&
        !contains(ctx.first_person_words,
                  word_before(text, static_cast<size_t>(w.data() - text.data()), 1))) {
      bool to_someone = false;
      for (int j = 1; j < k; ++j) {
        to_someone = to_someone || contains(ctx.addressee_words, word_before(text, h.begin, j));
      }
      if (!to_someone) return true;
    }
  }
  return false;
}

void HitContext::filter(std::string_view text, std::vector<Hit>* hits) {
  if (trivial_) return;
  std::vector<Hit>& hs = *hits;
  drop_.assign(hs.size(), 0);
  bool any = false;
  for (size_t i = 0; i < hs.size(); ++i) {
    const Hit& h = hs[i];
    if (h.tag & target_tag_) continue;
    if ((addressed_[h.tag] && !addressed(text, hs, h)) || (negatable_[h.tag] && negated(text, h))) {
      drop_[i] = 1;
      any = true;
    }
    for (uint32_t victim : cancels_[h.tag]) {
      const uint32_t near = cancel_within_[h.tag];
      for (size_t j = 0; j < hs.size(); ++j) {
        const Hit& v = hs[j];
        if (v.tag == victim &&
            ((v.begin < h.end && h.begin < v.end) ||
             (near > 0 && gap(text, h, v, near) <= near && same_sentence(text, h, v)))) {
          drop_[j] = 1;
          any = true;
        }
      }
    }
  }
  if (!any) return;
  size_t w = 0;
  for (size_t i = 0; i < hs.size(); ++i) {
    if (!drop_[i]) hs[w++] = hs[i];
  }
  hs.resize(w);
}

bool HitContext::within(std::string_view text, const std::vector<Hit>& hits,
                        const std::vector<size_t>& rule_slot, const std::vector<size_t>& slots,
                        bool target, uint32_t n, bool target_after) const {
  auto slot_of = [&](const Hit& h) {
    return (h.tag & target_tag_) ? SIZE_MAX - 1 : rule_slot[h.tag];
  };
  if (slots.empty()) return true;
  std::vector<size_t> need(slots.begin() + 1, slots.end());
  if (target) need.push_back(SIZE_MAX - 1);
  for (const Hit& a : hits) {
    if (slot_of(a) != slots[0]) continue;
    bool all = true;
    for (size_t s : need) {
      bool near = false;
      for (const Hit& b : hits) {
        const bool is_t = s == SIZE_MAX - 1 && is_target(b);
        if (&b != &a && (slot_of(b) == s || is_t) && gap(text, a, b, n) <= n &&
            (!is_t || n > kPhraseWords || same_sentence(text, a, b)) &&
            (!is_t || !target_after || object_of(text, a, b))) {
          near = true;
          break;
        }
      }
      all = all && near;
    }
    if (all) return true;
  }
  return false;
}

}  // namespace pantau::classify
