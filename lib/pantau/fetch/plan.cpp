#include "pantau/fetch/plan.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace pantau::fetch {
namespace {

std::string duration(double seconds) {
  const auto s = static_cast<int64_t>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buf;
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

std::vector<PlatformPlan> make_plan(const std::vector<Account>& accounts, const Engine& engine,
                                    const CredentialPool& credentials, StateStore* state,
                                    const PlanOptions& options) {
  std::map<std::string, PlatformPlan> by;
  std::map<std::string, double> concurrency_share;
  for (const Account& a : accounts) {
    PlatformPlan& p = by[a.platform];
    p.platform = a.platform;
    p.accounts++;
    Adapter* adapter = engine.adapter_for(a.platform);
    if (adapter == nullptr) {
      p.supported = false;
      continue;
    }
    if (p.accounts == 1) p.blocked = engine.blocked_reason(a.platform);
    AccountState st;
    if (state != nullptr) {
      auto loaded = state->load(a.key);
      if (loaded) st = *loaded;
    }
    if (polled_within(st, options.now, options.min_interval_ms)) {
      p.fresh++;
      continue;
    }
    const TaskConfig cfg = engine.task_config_for(a.platform);
    int64_t pages = 1;
    if (!st.cursor.empty()) p.resuming++;
    if (st.newest_time == 0 || !st.cursor.empty() || cfg.since > 0) {
      pages = cfg.max_pages > 0 ? cfg.max_pages : options.first_run_pages;
    }
    auto [requests, units] = adapter->estimate(a, st, cfg, pages);
    p.requests += requests;
    const RateSpec rate = engine.rate_for(a.platform);
    if (rate.units_per_day > 0) p.units += units;
  }
  std::vector<PlatformPlan> out;
  for (auto& [name, p] : by) {
    if (p.supported) {
      const RateSpec rate = engine.rate_for(name);
      p.units_limit = rate.units_per_day;
      p.credentials = static_cast<int64_t>(credentials.count(name));
      p.rate_requests = rate.requests;
      p.rate_window_ms = rate.window_ms;
      // The slower of two bounds: the budget (per credential and host; one of each assumed)
      // and the latency at the configured concurrency.
      const double by_rate = rate.requests > 0 ? static_cast<double>(p.requests) *
                                                     static_cast<double>(rate.window_ms) / 1000.0 /
                                                     static_cast<double>(rate.requests)
                                               : 0.0;
      const double by_latency = static_cast<double>(p.requests) * options.latency_seconds /
                                std::max(1, options.concurrency);
      p.seconds = std::max(by_rate, by_latency);
    }
    out.push_back(p);
  }
  return out;
}

int plan_exit_status(const std::vector<PlatformPlan>& plan) {
  int64_t accounts = 0, runnable = 0, blocked = 0;
  for (const auto& p : plan) {
    accounts += p.accounts;
    if (!p.supported) continue;  // skipped, as in the run: not a failure of its own
    (p.blocked.empty() ? runnable : blocked) += p.accounts;
  }
  if (accounts > 0 && runnable == 0) return 3;
  return blocked > 0 ? 1 : 0;
}

std::string format_plan(const std::vector<PlatformPlan>& plan, const PlanOptions& options) {
  std::string out = pad("platform", 10) + pad("accounts", 10) + pad("resuming", 10) +
                    pad("requests", 10) + pad("units", 18) + pad("budget", 16) + "time\n";
  int64_t accounts = 0, requests = 0;
  double total_seconds = 0;
  std::string warnings;
  for (const auto& p : plan) {
    accounts += p.accounts;
    if (!p.supported) {
      out += pad(p.platform, 10) + pad(std::to_string(p.accounts), 10) +
             "skipped: no adapter for this platform yet\n";
      continue;
    }
    requests += p.requests;
    total_seconds = std::max(total_seconds, p.seconds);
    std::string units = "-";
    if (p.units_limit > 0) {
      const int64_t limit = p.units_limit * std::max<int64_t>(1, p.credentials);
      units = std::to_string(p.units) + "/" + std::to_string(limit);
      if (p.units > limit) {
        warnings += "warning: " + p.platform + " needs " + std::to_string(p.units) +
                    " quota units, " + std::to_string(limit) + " available today (" +
                    std::to_string(p.credentials) + " key(s) x " + std::to_string(p.units_limit) +
                    "); the rest waits for the next run\n";
      }
    }
    std::string budget =
        std::to_string(p.rate_requests) + "/" + std::to_string(p.rate_window_ms / 1000) + "s";
    out += pad(p.platform, 10) + pad(std::to_string(p.accounts), 10) +
           pad(std::to_string(p.resuming), 10) + pad(std::to_string(p.requests), 10) +
           pad(units, 18) + pad(budget, 16) + duration(p.seconds) + "\n";
    if (!p.blocked.empty()) {
      warnings += "warning: " + p.platform + ": " + p.blocked + "; its " +
                  std::to_string(p.accounts) + " account(s) would fail\n";
    }
  }
  out += pad("total", 10) + pad(std::to_string(accounts), 10) + pad("", 10) +
         pad(std::to_string(requests), 10) + pad("", 18) + pad("", 16) + duration(total_seconds) +
         "\n";
  char note[160];
  std::snprintf(note, sizeof note,
                "(platforms run in parallel; times assume %.1f s per request at concurrency %d)\n",
                options.latency_seconds, options.concurrency);
  out += note;
  int64_t fresh = 0;
  for (const auto& p : plan) fresh += p.fresh;
  if (fresh > 0) {
    out += "(" + std::to_string(fresh) +
           " account(s) polled within --min-interval are not polled again: no request)\n";
  }
  out += warnings;
  return out;
}

}  // namespace pantau::fetch
