#include "pantau/classify/calibration.h"

#include <algorithm>
#include <cmath>

namespace pantau::classify {
namespace {

double sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
  double e = std::exp(x);
  return e / (1.0 + e);
}

double f1(uint64_t tp, uint64_t fp, uint64_t fn) {
  return tp ? 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn) : 0.0;
}

}  // namespace

double Stacker::probability(double z, bool rule) const {
  return sigmoid(a * z + b + (rule ? c : 0.0));
}

Stacker fit_stacker(const std::vector<double>& z, const std::vector<uint8_t>& rule,
                    const std::vector<uint8_t>& gold) {
  Stacker s;
  const size_t n = std::min({z.size(), rule.size(), gold.size()});
  if (n == 0) return s;
  // Newton-Raphson on the penalized log-likelihood; 3 parameters, so the Hessian is solved by
  // Cramer's rule. Parameters: w = (a, b, c), inputs x = (z, 1, r).
  const double ridge = 1e-3;
  double w[3] = {1, 0, 0};
  for (int iter = 0; iter < 50; ++iter) {
    double g[3] = {0, 0, 0};
    double h[3][3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    for (size_t i = 0; i < n; ++i) {
      const double x[3] = {z[i], 1.0, rule[i] ? 1.0 : 0.0};
      const double p = sigmoid(w[0] * x[0] + w[1] + w[2] * x[2]);
      const double y = gold[i] == 1 ? 1.0 : 0.0;
      const double v = std::max(p * (1 - p), 1e-12);
      for (int j = 0; j < 3; ++j) {
        g[j] += (p - y) * x[j];
        for (int k = 0; k < 3; ++k) h[j][k] += v * x[j] * x[k];
      }
    }
    for (int j = 0; j < 3; ++j) {
      g[j] += ridge * w[j];
      h[j][j] += ridge;
    }
    auto det3 = [](const double m[3][3]) {
      return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
             m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
             m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    };
    const double d = det3(h);
    if (!std::isfinite(d) || std::fabs(d) < 1e-300) break;
    double step[3];
    for (int col = 0; col < 3; ++col) {
      double m[3][3];
      for (int r = 0; r < 3; ++r) {
        for (int k = 0; k < 3; ++k) m[r][k] = k == col ? g[r] : h[r][k];
      }
      step[col] = det3(m) / d;
    }
    double biggest = 0;
    for (int j = 0; j < 3; ++j) {
      w[j] -= step[j];
      biggest = std::max(biggest, std::fabs(step[j]));
    }
    if (biggest < 1e-9) break;
  }
  s.a = w[0];
  s.b = w[1];
  s.c = w[2];
  return s;
}

double choose_gate(const Stacker& s, const std::vector<double>& z, const std::vector<uint8_t>& rule,
                   const std::vector<uint8_t>& gold, const std::vector<uint32_t>& group) {
  constexpr double kOff = 2.0;
  const size_t n = std::min({z.size(), rule.size(), gold.size(), group.size()});
  uint32_t groups = 0;
  for (size_t i = 0; i < n; ++i) groups = std::max(groups, group[i] + 1);
  struct Counts {
    uint64_t tp = 0, fp = 0, fn = 0;
  };
  std::vector<Counts> rules_only(groups);
  for (size_t i = 0; i < n; ++i) {
    const bool y = gold[i] == 1, r = rule[i] != 0;
    Counts& c = rules_only[group[i]];
    c.tp += y && r;
    c.fp += !y && r;
    c.fn += y && !r;
  }
  double best_gate = kOff, best_f1 = -1;
  for (int step = 0; step < 10; ++step) {
    const double gate = 0.5 + 0.05 * step;
    std::vector<Counts> both(groups);
    uint64_t added = 0;
    for (size_t i = 0; i < n; ++i) {
      const bool y = gold[i] == 1;
      const bool m = rule[i] == 0 && s.probability(z[i], false) >= gate;
      const bool p = rule[i] != 0 || m;
      added += m;
      Counts& c = both[group[i]];
      c.tp += y && p;
      c.fp += !y && p;
      c.fn += y && !p;
    }
    if (added == 0) continue;
    bool never_worse = true;
    Counts pooled;
    for (uint32_t g = 0; g < groups; ++g) {
      const Counts& r = rules_only[g];
      const Counts& c = both[g];
      if (r.tp + r.fn > 0 && f1(c.tp, c.fp, c.fn) < f1(r.tp, r.fp, r.fn)) never_worse = false;
      pooled.tp += c.tp;
      pooled.fp += c.fp;
      pooled.fn += c.fn;
    }
    const double score = f1(pooled.tp, pooled.fp, pooled.fn);
    if (never_worse && score > best_f1) {
      best_f1 = score;
      best_gate = gate;
    }
  }
  return best_gate;
}

Reliability reliability(const std::vector<double>& p, const std::vector<uint8_t>& gold,
                        size_t bins) {
  Reliability r;
  if (bins == 0) bins = 1;
  r.bins.resize(bins);
  std::vector<double> sum_p(bins, 0), sum_y(bins, 0);
  const size_t n = std::min(p.size(), gold.size());
  for (size_t i = 0; i < n; ++i) {
    auto b = static_cast<size_t>(std::clamp(p[i], 0.0, 1.0) * static_cast<double>(bins));
    b = std::min(b, bins - 1);
    ++r.bins[b].count;
    sum_p[b] += p[i];
    sum_y[b] += gold[i] == 1 ? 1.0 : 0.0;
  }
  r.count = n;
  for (size_t b = 0; b < bins; ++b) {
    ReliabilityBin& bin = r.bins[b];
    bin.low = static_cast<double>(b) / static_cast<double>(bins);
    bin.high = static_cast<double>(b + 1) / static_cast<double>(bins);
    if (bin.count == 0) continue;
    const auto c = static_cast<double>(bin.count);
    bin.mean_predicted = sum_p[b] / c;
    bin.fraction_positive = sum_y[b] / c;
    r.ece += c / static_cast<double>(n) * std::fabs(bin.fraction_positive - bin.mean_predicted);
  }
  return r;
}

}  // namespace pantau::classify
