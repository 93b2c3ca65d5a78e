#include "pantau/classify/model.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>

#include "pantau/classify/file_util.h"
#include "pantau/json_writer.h"

namespace pantau::classify {
namespace {

constexpr std::string_view kMagic = "PANTAU-LINEAR-1\n";

double sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
  double e = std::exp(x);
  return e / (1.0 + e);
}

}  // namespace

bool is_masked_token(std::string_view text, uint32_t begin, uint32_t end,
                     const MaskSource* source) {
  // The whitespace-separated chunk the token is in: mentions, hashtags and links.
  size_t chunk = text.find_last_of(" \n", begin);
  chunk = chunk == std::string_view::npos ? 0 : chunk + 1;
  std::string_view rest = text.substr(chunk);
  if (!rest.empty() && (rest[0] == '@' || rest[0] == '#')) return true;
  if (rest.substr(0, 4) == "http" || rest.substr(0, 4) == "www.") return true;
  std::string_view word = text.substr(begin, end - begin);
  for (char ch : word) {
    if (ch >= '0' && ch <= '9') return true;
  }
  const bool placeholder = word == "user" || word == "url";
  if (!source || !source->normalized || begin >= end || end > source->normalized->text.size()) {
    return placeholder;
  }
  auto [ob, oe] = source->normalized->original_bytes(begin, end);
  std::string_view orig = source->original.substr(ob, oe - ob);
  if (placeholder) return orig == "USER" || orig == "URL";
  // A person's name: Capitalised (not all capitals: shouted words are language) and not the
  // first word of a sentence.
  if (orig.empty() || orig[0] < 'A' || orig[0] > 'Z') return false;
  bool lower = false;
  for (char ch : orig) lower = lower || (ch >= 'a' && ch <= 'z');
  if (!lower) return false;
  size_t i = ob;
  while (i > 0 && (source->original[i - 1] == ' ' || source->original[i - 1] == '"' ||
                   source->original[i - 1] == '\'' || source->original[i - 1] == '(')) {
    --i;
  }
  if (i == 0) return false;
  const char prev = source->original[i - 1];
  return prev != '.' && prev != '!' && prev != '?' && prev != '\n' && prev != ':';
}

void FeatureExtractor::extract(std::string_view text, const std::vector<std::string_view>& rule_ids,
                               const std::vector<int32_t>& rule_indexes, std::vector<Feature>* out,
                               const MaskSource* source) {
  out->clear();
  tokenize(text, &tokens_);
  // Masked tokens are dropped, and no bigram spans the gap they leave.
  kept_.clear();
  std::vector<Token>& kept = kept_;
  for (const Token& t : tokens_) {
    if (is_masked_token(text, t.begin, t.end, source)) {
      kept.push_back({0, 0});  // a gap marker
    } else {
      kept.push_back(t);
    }
  }
  const uint32_t mask = (1u << opts_.bits) - 1;
  auto add = [&](uint64_t h, uint32_t b, uint32_t e) {
    out->push_back({static_cast<uint32_t>(h) & mask, 1.0f, b, e, -1});
  };
  for (size_t i = 0; i < kept.size(); ++i) {
    const Token& t = kept[i];
    if (t.begin == t.end) continue;
    std::string_view w = text.substr(t.begin, t.end - t.begin);
    add(hash_bytes(w, 1), t.begin, t.end);
    if (opts_.word_bigrams && i + 1 < kept.size() && kept[i + 1].begin != kept[i + 1].end) {
      const Token& u = kept[i + 1];
      add(hash_bytes(w, 2) ^ hash_bytes(text.substr(u.begin, u.end - u.begin), 3), t.begin, u.end);
    }
    if (opts_.char_ngrams && static_cast<unsigned char>(w[0]) < 0x80) {
      // Built byte by byte: GCC 12 warns (-Wrestrict, a known false positive) on assign+append.
      gram_.clear();
      gram_.push_back('<');
      for (char ch : w) gram_.push_back(ch);
      gram_.push_back('>');
      for (uint32_t n = opts_.char_min; n <= opts_.char_max; ++n) {
        if (gram_.size() < n) break;
        for (size_t s = 0; s + n <= gram_.size(); ++s) {
          if (n == gram_.size()) break;  // the whole "<word>" is the unigram already
          add(hash_bytes(std::string_view(gram_).substr(s, n), 4 + n), t.begin, t.end);
        }
      }
    }
  }
  if (!out->empty()) {
    const float norm = 1.0f / std::sqrt(static_cast<float>(out->size()));
    for (auto& f : *out) f.value = norm;
  }
  for (size_t r = 0; r < rule_ids.size(); ++r) {
    uint64_t h = hash_bytes(rule_ids[r], 99);
    out->push_back({static_cast<uint32_t>(h) & mask, 1.0f, 0, 0,
                    r < rule_indexes.size() ? rule_indexes[r] : -1});
  }
}

LinearModel::LinearModel(std::vector<std::string> labels, FeatureOptions opts, bool uses_rules)
    : labels_(std::move(labels)), opts_(opts), uses_rules_(uses_rules) {
  bias_.assign(labels_.size(), 0.0f);
  weights_.assign(labels_.size(), std::vector<float>(size_t{1} << opts_.bits, 0.0f));
  stackers_.assign(labels_.size(), Stacker{});
}

int LinearModel::label_slot(std::string_view label) const {
  for (size_t i = 0; i < labels_.size(); ++i) {
    if (labels_[i] == label) return static_cast<int>(i);
  }
  return -1;
}

double LinearModel::logit(size_t slot, const std::vector<Feature>& features) const {
  const auto& w = weights_[slot];
  double z = bias_[slot];
  for (const auto& f : features) z += w[f.bucket] * f.value;
  return z;
}

double LinearModel::predict(size_t slot, const std::vector<Feature>& features) const {
  return sigmoid(logit(slot, features));
}

std::vector<Contribution> LinearModel::explain(size_t slot, const std::vector<Feature>& features,
                                               size_t k) const {
  const auto& w = weights_[slot];
  std::vector<Contribution> c;
  for (size_t i = 0; i < features.size(); ++i) {
    double v = w[features[i].bucket] * features[i].value;
    if (v > 0) c.push_back({i, v});
  }
  std::stable_sort(c.begin(), c.end(),
                   [](const Contribution& a, const Contribution& b) { return a.value > b.value; });
  if (c.size() > k) c.resize(k);
  return c;
}

void LinearModel::train(const std::vector<std::vector<Feature>>& docs,
                        const std::vector<std::vector<uint8_t>>& gold, const TrainOptions& opts,
                        const std::vector<size_t>* which, const std::vector<float>* weights) {
  for (size_t slot = 0; slot < labels_.size(); ++slot) {
    // The documents annotated for this label, in a fixed order before shuffling.
    std::vector<size_t> order;
    if (which) {
      for (size_t d : *which) {
        if (gold[d][slot] <= 1) order.push_back(d);
      }
    } else {
      for (size_t d = 0; d < docs.size(); ++d) {
        if (gold[d][slot] <= 1) order.push_back(d);
      }
    }
    const size_t n = order.size();
    auto& w = weights_[slot];
    std::fill(w.begin(), w.end(), 0.0f);
    std::vector<float> g2(w.size(), 0.0f);  // AdaGrad accumulators
    double b = 0, gb2 = 0;
    size_t pos = 0;
    for (size_t d : order) pos += gold[d][slot] == 1 ? 1 : 0;
    const double pos_weight =
        opts.balance && pos > 0 ? static_cast<double>(n - pos) / static_cast<double>(pos) : 1.0;
    std::mt19937_64 rng(opts.seed + slot);
    for (uint32_t epoch = 0; epoch < opts.epochs; ++epoch) {
      // Fisher-Yates with our own draw: std::shuffle's use of the engine is unspecified, and
      // training must give the same model on every platform.
      for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
      for (size_t idx : order) {
        const auto& f = docs[idx];
        double z = b;
        for (const auto& x : f) z += w[x.bucket] * x.value;
        const double y = gold[idx][slot] == 1 ? 1.0 : 0.0;
        const double doc_weight =
            weights != nullptr && idx < weights->size() ? (*weights)[idx] : 1.0;
        const double g = (sigmoid(z) - y) * (y > 0 ? pos_weight : 1.0) * doc_weight;
        gb2 += g * g;
        b -= opts.learning_rate * g / (std::sqrt(gb2) + 1e-8);
        for (const auto& x : f) {
          double gi = g * x.value + opts.l2 * w[x.bucket];
          g2[x.bucket] += static_cast<float>(gi * gi);
          w[x.bucket] -=
              static_cast<float>(opts.learning_rate * gi / (std::sqrt(g2[x.bucket]) + 1e-8));
        }
      }
    }
    bias_[slot] = static_cast<float>(b);
  }
}

Status LinearModel::save(const std::string& path) const {
  std::string meta;
  JsonWriter j(&meta);
  j.begin_object();
  j.key("labels");
  j.begin_array();
  for (const auto& l : labels_) j.string(l);
  j.end_array();
  j.field("bits", static_cast<int64_t>(opts_.bits));
  j.field("word_bigrams", opts_.word_bigrams);
  j.field("char_ngrams", opts_.char_ngrams);
  j.field("char_min", static_cast<int64_t>(opts_.char_min));
  j.field("char_max", static_cast<int64_t>(opts_.char_max));
  j.field("rules", uses_rules_);
  j.field("pack", pack);
  j.field("version", version);
  j.field("trained_on", trained_on);
  j.key("calibration");
  j.begin_array();
  for (const auto& st : stackers_) {
    j.begin_array();
    for (double v : {st.a, st.b, st.c, st.gate, st.rule_precision}) j.number(v);
    j.end_array();
  }
  j.end_array();
  j.end_object();
  auto file = AtomicFile::create(path);
  if (!file) return file.error();
  meta.push_back('\n');
  TRY((*file)->write(kMagic));
  TRY((*file)->write(meta));
  auto floats = [](const float* v, size_t n) {
    return std::string_view(reinterpret_cast<const char*>(v), n * sizeof(float));
  };
  for (size_t s = 0; s < labels_.size(); ++s) {
    TRY((*file)->write(floats(&bias_[s], 1)));
    TRY((*file)->write(floats(weights_[s].data(), weights_[s].size())));
  }
  return (*file)->commit();
}

Result<LinearModel> LinearModel::load(const std::string& path) {
  auto contents = read_file(path);
  if (!contents) return contents.error();
  std::string_view s = *contents;
  if (s.substr(0, kMagic.size()) != kMagic) {
    return Error::invalid(path + ": not a pantau model file");
  }
  s.remove_prefix(kMagic.size());
  size_t nl = s.find('\n');
  if (nl == std::string_view::npos) return Error::invalid(path + ": truncated model header");
  std::string meta(s.substr(0, nl));
  s.remove_prefix(nl + 1);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(meta).get(doc)) return Error::invalid(path + ": bad model header");
  LinearModel m;
  simdjson::dom::array labels;
  int64_t bits = 0, cmin = 3, cmax = 5;
  bool bigrams = true, chars = true, rules = false;
  if (doc["labels"].get_array().get(labels) || doc["bits"].get_int64().get(bits) || bits < 8 ||
      bits > 24) {
    return Error::invalid(path + ": bad model header");
  }
  if (doc["word_bigrams"].get_bool().get(bigrams)) {
  }  // optional: keep the default
  if (doc["char_ngrams"].get_bool().get(chars)) {
  }  // optional: keep the default
  if (doc["char_min"].get_int64().get(cmin)) {
  }  // optional: keep the default
  if (doc["char_max"].get_int64().get(cmax)) {
  }  // optional: keep the default
  if (doc["rules"].get_bool().get(rules)) {
  }  // optional: keep the default
  std::vector<std::string> names;
  for (auto l : labels) {
    std::string_view v;
    if (l.get_string().get(v)) return Error::invalid(path + ": bad model header");
    names.emplace_back(v);
  }
  FeatureOptions opts;
  opts.bits = static_cast<uint32_t>(bits);
  opts.word_bigrams = bigrams;
  opts.char_ngrams = chars;
  opts.char_min = static_cast<uint32_t>(std::clamp<int64_t>(cmin, 1, 16));
  opts.char_max = static_cast<uint32_t>(std::clamp<int64_t>(cmax, opts.char_min, 16));
  m = LinearModel(std::move(names), opts, rules);
  for (auto [key, field] : {std::pair{"pack", &m.pack}, std::pair{"version", &m.version},
                            std::pair{"trained_on", &m.trained_on}}) {
    std::string_view v;
    if (!doc[key].get_string().get(v)) *field = std::string(v);
  }
  simdjson::dom::array calibration;
  if (!doc["calibration"].get_array().get(calibration)) {
    size_t slot = 0;
    for (auto entry : calibration) {
      simdjson::dom::array values;
      double v[5] = {1, 0, 0, 0.5, -1};
      size_t k = 0;
      if (entry.get_array().get(values)) return Error::invalid(path + ": bad model calibration");
      for (auto x : values) {
        if (k >= 5 || x.get_double().get(v[k])) {
          return Error::invalid(path + ": bad model calibration");
        }
        ++k;
      }
      if (k < 4 || slot >= m.labels_.size()) {
        return Error::invalid(path + ": bad model calibration");
      }
      m.stackers_[slot++] = Stacker{v[0], v[1], v[2], v[3], v[4]};
    }
  }
  const size_t per_label = (size_t{1} << opts.bits) + 1;
  if (s.size() != per_label * sizeof(float) * m.labels_.size()) {
    return Error::invalid(path + ": model file has the wrong size (truncated?)");
  }
  for (size_t slot = 0; slot < m.labels_.size(); ++slot) {
    std::memcpy(&m.bias_[slot], s.data(), sizeof(float));
    s.remove_prefix(sizeof(float));
    std::memcpy(m.weights_[slot].data(), s.data(), (per_label - 1) * sizeof(float));
    s.remove_prefix((per_label - 1) * sizeof(float));
  }
  size_t slash = path.find_last_of('/');
  m.name = slash == std::string::npos ? path : path.substr(slash + 1);
  return m;
}

}  // namespace pantau::classify
