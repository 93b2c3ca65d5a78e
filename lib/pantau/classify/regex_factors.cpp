#include "pantau/classify/regex_factors.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace pantau::classify {
namespace {

constexpr size_t kMaxExact = 64;  // strings kept when a node's matches are enumerated
constexpr int kMaxDepth = 32;     // group nesting

// What is known about the strings a regex node matches.
struct Info {
  bool exact = false;                // `strings` is every string the node matches
  std::vector<std::string> strings;  // when exact
  std::vector<std::string> factors;  // every match contains one of them; empty: none known
};

// Sorts, removes duplicates and every string that contains another one (a match containing it
// contains the other too).
void minimize(std::vector<std::string>* set) {
  std::sort(set->begin(), set->end(),
            [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  std::vector<std::string> kept;
  for (auto& s : *set) {
    bool redundant = false;
    for (const auto& k : kept) redundant = redundant || s.find(k) != std::string::npos;
    if (!redundant) kept.push_back(std::move(s));
  }
  std::sort(kept.begin(), kept.end());
  *set = std::move(kept);
}

// How useful a factor set is for skipping scans: long strings are rare in text, many strings
// are many chances to occur. -inf for no set.
double usefulness(const std::vector<std::string>& set) {
  if (set.empty()) return -INFINITY;
  size_t shortest = SIZE_MAX;
  for (const auto& s : set) shortest = std::min(shortest, s.size());
  return static_cast<double>(shortest) - std::log2(static_cast<double>(set.size()));
}

// Keeps `candidate` when it is usable (none of its strings shorter than `min_length`) and more
// useful than `best`. An unusable set must not win: " " scores higher than twenty words of which
// one has two letters, and would leave the regex ungated although the words gate it.
void consider(std::vector<std::string> candidate, size_t min_length,
              std::vector<std::string>* best) {
  minimize(&candidate);
  if (candidate.empty() || candidate.front().empty()) return;  // "" would be in every text
  for (const auto& s : candidate) {
    if (s.size() < min_length) return;
  }
  if (usefulness(candidate) > usefulness(*best)) *best = std::move(candidate);
}

std::vector<std::string> product(const std::vector<std::string>& a,
                                 const std::vector<std::string>& b) {
  std::vector<std::string> out;
  out.reserve(a.size() * b.size());
  for (const auto& x : a)
    for (const auto& y : b) out.push_back(x + y);
  return out;
}

// Length of the UTF-8 sequence starting with `lead`, 0 when it is not a lead byte.
size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Recursive descent over the supported syntax; false for anything else.
class Parser {
 public:
  Parser(std::string_view re, size_t min_length) : re_(re), min_length_(min_length) {}

  bool parse(Info* out) { return alt(out, 0) && pos_ == re_.size(); }

 private:
  bool more() const { return pos_ < re_.size(); }
  char peek() const { return re_[pos_]; }

  bool alt(Info* out, int depth) {
    if (depth > kMaxDepth) return false;
    std::vector<Info> branches(1);
    if (!concat(&branches.back(), depth)) return false;
    while (more() && peek() == '|') {
      ++pos_;
      branches.emplace_back();
      if (!concat(&branches.back(), depth)) return false;
    }
    if (branches.size() == 1) {
      *out = std::move(branches.front());
      return true;
    }
    // Every match is a match of one branch: it contains one factor of that branch.
    bool exact = true, factors = true;
    std::vector<std::string> all, fac;
    for (auto& b : branches) {
      exact = exact && b.exact;
      if (b.exact) all.insert(all.end(), b.strings.begin(), b.strings.end());
      factors = factors && !b.factors.empty();
      fac.insert(fac.end(), b.factors.begin(), b.factors.end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    *out = Info{};
    out->exact = exact && all.size() <= kMaxExact;
    if (out->exact) out->strings = std::move(all);
    if (factors) {
      minimize(&fac);
      out->factors = std::move(fac);
    }
    return true;
  }

  // Adjacent items whose matches are enumerable are multiplied out ("partai " + "nomor "...);
  // the most useful of those runs and of the other items' factors is the concatenation's.
  bool concat(Info* out, int depth) {
    std::vector<std::string> run = {""};
    std::vector<std::string> best;
    bool exact = true;
    while (more() && peek() != '|' && peek() != ')') {
      Info item;
      if (!repeat(&item, depth)) return false;
      if (item.exact && run.size() * item.strings.size() <= kMaxExact) {
        run = product(run, item.strings);
        continue;
      }
      exact = false;
      consider(run, min_length_, &best);
      consider(item.factors, min_length_, &best);
      run = item.exact ? item.strings : std::vector<std::string>{""};
    }
    consider(run, min_length_, &best);
    *out = Info{};
    out->exact = exact;
    if (exact) out->strings = std::move(run);
    out->factors = std::move(best);
    return true;
  }

  bool repeat(Info* out, int depth) {
    if (!atom(out, depth)) return false;
    while (more()) {
      size_t lo = 0, hi = SIZE_MAX;
      const char c = peek();
      if (c == '?') {
        hi = 1;
        ++pos_;
      } else if (c == '*') {
        ++pos_;
      } else if (c == '+') {
        lo = 1;
        ++pos_;
      } else if (c == '{') {
        if (!bounds(&lo, &hi)) return false;
      } else {
        break;
      }
      if (more() && peek() == '?') ++pos_;        // lazy: the same set of matches
      if (more() && peek() == '+') return false;  // possessive: not for us
      apply(lo, hi, out);
    }
    return true;
  }

  // {m}, {m,}, {m,n}; anything else is refused (PCRE would read a literal '{').
  bool bounds(size_t* lo, size_t* hi) {
    size_t p = pos_ + 1;
    auto number = [&](size_t* v) {
      size_t start = p;
      *v = 0;
      while (p < re_.size() && re_[p] >= '0' && re_[p] <= '9' && p - start < 6)
        *v = *v * 10 + static_cast<size_t>(re_[p++] - '0');
      return p > start;
    };
    if (!number(lo)) return false;
    if (p < re_.size() && re_[p] == '}') {
      *hi = *lo;
    } else if (p < re_.size() && re_[p] == ',') {
      ++p;
      if (p < re_.size() && re_[p] == '}') {
        *hi = SIZE_MAX;
      } else if (!number(hi) || *hi < *lo) {
        return false;
      }
      if (p >= re_.size() || re_[p] != '}') return false;
    } else {
      return false;
    }
    pos_ = p + 1;
    return true;
  }

  static void apply(size_t lo, size_t hi, Info* x) {
    if (lo == 0) {
      // The item may be absent: it guarantees nothing.
      x->factors.clear();
      if (hi == 1 && x->exact && x->strings.size() < kMaxExact) {
        x->strings.push_back("");
      } else {
        x->exact = false;
        x->strings.clear();
      }
      return;
    }
    // At least one repetition: its factors stay.
    if (x->exact && lo == hi) {
      std::vector<std::string> s = {""};
      for (size_t i = 0; i < lo && x->exact; ++i) {
        if (s.size() * x->strings.size() > kMaxExact) x->exact = false;
        if (x->exact) s = product(s, x->strings);
      }
      if (x->exact) x->strings = std::move(s);
    } else {
      x->exact = false;
    }
    if (!x->exact) x->strings.clear();
  }

  static void literal(std::string s, Info* out) {
    *out = Info{};
    out->exact = true;
    out->strings = {s};
    out->factors = {std::move(s)};
  }

  static void unknown(Info* out) { *out = Info{}; }

  bool atom(Info* out, int depth) {
    const char c = peek();
    switch (c) {
      case '(': {
        ++pos_;
        if (more() && peek() == '?') {
          if (pos_ + 1 >= re_.size() || re_[pos_ + 1] != ':') return false;
          pos_ += 2;
        }
        if (!alt(out, depth + 1) || !more() || peek() != ')') return false;
        ++pos_;
        return true;
      }
      case '[':
        return char_class(out);
      case '.':
        ++pos_;
        unknown(out);
        return true;
      case '\\': {
        if (pos_ + 1 >= re_.size()) return false;
        const char e = re_[pos_ + 1];
        pos_ += 2;
        if (e == 'd' || e == 'D' || e == 'w' || e == 'W' || e == 's' || e == 'S') {
          unknown(out);
          return true;
        }
        if (static_cast<unsigned char>(e) < 0x80 && !is_ascii_alnum(e)) {
          literal(std::string(1, e), out);
          return true;
        }
        return false;  // \b, \x41, \Q, backreferences...
      }
      case '^':
      case '$':
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case '|':
      case ']':
        return false;
      default: {
        const size_t n = utf8_length(static_cast<unsigned char>(c));
        if (n == 0 || pos_ + n > re_.size()) return false;
        literal(std::string(re_.substr(pos_, n)), out);
        pos_ += n;
        return true;
      }
    }
  }

  // [...]: one character of a set we do not enumerate.
  bool char_class(Info* out) {
    ++pos_;
    if (more() && peek() == '^') ++pos_;
    if (more() && peek() == ']') ++pos_;
    while (more() && peek() != ']') {
      if (peek() == '\\') {
        pos_ += 2;
      } else if (peek() == '[' && pos_ + 1 < re_.size() && re_[pos_ + 1] == ':') {
        const size_t close = re_.find(":]", pos_ + 2);
        if (close == std::string_view::npos) return false;
        pos_ = close + 2;
      } else {
        ++pos_;
      }
    }
    if (!more()) return false;
    ++pos_;
    unknown(out);
    return true;
  }

  std::string_view re_;
  size_t min_length_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<std::string> required_factors(std::string_view regex, size_t min_length) {
  Info info;
  Parser parser(regex, min_length);
  if (!parser.parse(&info)) return {};
  std::vector<std::string> f = std::move(info.factors);
  minimize(&f);
  if (f.empty()) return {};
  for (const auto& s : f) {
    if (s.size() < min_length) return {};
  }
  return f;
}

}  // namespace pantau::classify
