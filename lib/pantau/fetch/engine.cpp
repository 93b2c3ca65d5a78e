#include "pantau/fetch/engine.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <random>

#include "pantau/fetch/access_token.h"
#include "pantau/fetch/command_transport.h"
#include "pantau/fetch/failure_policy.h"
#include "pantau/fetch/rate_limiter.h"
#include "pantau/fetch/raw_record.h"
#include "pantau/fetch/redact.h"
#include "pantau/fetch/url.h"
#include "pantau/records/error_record.h"
#include "pantau/sha256.h"

namespace pantau::fetch {

Result<std::string> check_api_base(std::string_view text) {
  Url u;
  if (!parse_url(text, &u) || text.find("://") == std::string_view::npos) {
    return Error::invalid("not an absolute URL: " + std::string(text));
  }
  if (u.scheme == "http" && !is_loopback_host(u.host)) {
    return Error::invalid("refusing plain http to " + u.host +
                          " (secrets would travel unencrypted; only loopback may use http)");
  }
  if (u.scheme != "https" && u.scheme != "http") {
    return Error::invalid("unsupported scheme " + u.scheme);
  }
  std::string out(trim(text));
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

namespace {

struct PlatformRun {
  Adapter* adapter = nullptr;
  TaskConfig config;
  AuthSpec auth;
  RateSpec rate;
  std::string quota_day;  // the quota day this run counts units in (RateSpec's reset offset)
  bool stopped = false;
  std::string stop_reason;
  std::map<std::string, std::unique_ptr<RateLimiter>> budgets;  // host|credential
  TokenCache tokens;  // kClientCredentials: access tokens per credential, in memory only
};

struct Slot {
  const Account* account = nullptr;
  PlatformRun* platform = nullptr;
  std::unique_ptr<AccountTask> task;
  std::optional<ApiCall> call;
  int attempts = 0;
  int64_t not_before = 0;
  bool in_flight = false;
  bool finished = false;
  uint64_t transfer = 0;
  int cred = -1;
  std::string budget_key;
  std::string redacted_url;
  bool waited = false;  // counted in rate_waits for the current call
  // kClientCredentials: the transfer in flight fetches an access token (not the call); the token
  // generation the call was sent with; whether the call already got a fresh token after a 401.
  bool token_fetch = false;
  uint64_t token_generation = 0;
  bool token_renewed = false;
};

// How long a request waits for an access token another request is fetching.
constexpr int64_t kTokenWaitMs = 20;

std::string host_of(std::string_view url) {
  Url u;
  return parse_url(url, &u) ? u.host + (u.port.empty() ? "" : ":" + u.port) : std::string();
}

// What a raw record shows as request_url: the redacted URL, or for a collector its command line
// (pantau-records(5)), arguments with spaces in single quotes.
std::string display_url(const std::string& url) {
  if (url.compare(0, kCommandScheme.size(), kCommandScheme) != 0) return redact_url(url);
  std::string line;
  for (const auto& arg : command_argv(url)) {
    if (!line.empty()) line.push_back(' ');
    const bool quote = arg.empty() || arg.find_first_of(" \t'\"") != std::string::npos;
    line += quote ? "'" + arg + "'" : arg;
  }
  return redact_url(line);
}

// The HTTP status an error record names: none for collectors (their words say the exit status).
std::optional<int> status_of(const HttpResponse& r) {
  if (r.status > 0 && r.failure_detail.empty()) return r.status;
  return std::nullopt;
}

std::string failure_message(const HttpResponse& r, std::string_view what) {
  std::string m(what);
  if (auto st = status_of(r)) m += " (http " + std::to_string(*st) + ")";
  return m;
}

// The platform's own words for an error, when the body says it in a known shape: YouTube and
// Google {"error":{"errors":[{"reason"}],"message"}}, XRPC {"error":"Name","message"},
// Mastodon {"error":"text"}, X {"title","detail"}. Bounded and single-line.
std::string body_reason(const std::string& body) {
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  if (body.size() > 65536 || p.parse(body).get(doc)) return {};
  std::string_view s;
  std::string out;
  if (!doc["error"]["errors"].at(0)["reason"].get_string().get(s)) {
    out = std::string(s);
  } else if (!doc["error"]["status"].get_string().get(s)) {
    out = std::string(s);
  } else if (!doc["error"].get_string().get(s)) {
    out = std::string(s);
    std::string_view msg;
    if (!doc["message"].get_string().get(msg) && !msg.empty()) out += ": " + std::string(msg);
  } else if (!doc["error"]["message"].get_string().get(s)) {
    // Meta Graph: {"error":{"message","code","error_subcode",...}}; the code says more than the
    // HTTP status, which is 400 for nearly everything.
    int64_t code = 0, sub = 0;
    if (!doc["error"]["code"].get_int64().get(code)) {
      out = "code " + std::to_string(code);
      if (!doc["error"]["error_subcode"].get_int64().get(sub)) out += "/" + std::to_string(sub);
      out += ": ";
    }
    out += std::string(s);
  } else if (!doc["title"].get_string().get(s)) {
    // X API v2, RFC 7807 problem JSON: {"title","detail","type","status"}.
    out = std::string(s);
    std::string_view detail;
    if (!doc["detail"].get_string().get(detail) && !detail.empty() && detail != s) {
      out += ": " + std::string(detail);
    }
  }
  if (out.size() > 200) out.resize(200);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace

struct Engine::Impl {
  EngineOptions opts;
  std::vector<std::unique_ptr<Adapter>> adapters;
  Transport& transport;
  CredentialPool& creds;
  StateStore* store;
  Clock& clock;
  RecordSink& sink;
  EngineObserver& observer;
  std::map<std::string, PlatformRun> platforms;
  std::mt19937_64 rng;
  EngineStats stats;
  Status state_error;
  std::vector<std::string> secrets;
  // (quota day, credential id) -> units not yet saved
  std::map<std::pair<std::string, std::string>, int64_t> pending_units;
  bool output_failed = false;
  std::string scratch;

  Impl(EngineOptions o, std::vector<std::unique_ptr<Adapter>> a, Transport& t, CredentialPool& c,
       StateStore* s, Clock& cl, RecordSink& sk, EngineObserver& ob)
      : opts(std::move(o)),
        adapters(std::move(a)),
        transport(t),
        creds(c),
        store(s),
        clock(cl),
        sink(sk),
        observer(ob) {}

  // --- state -------------------------------------------------------------------------------

  void note_state_error(const Status& s) {
    if (!s.ok() && state_error.ok()) {
      state_error = s;
      observer.notice("state not saved: " + s.message());
    }
  }

  void save_units() {
    if (store == nullptr) {
      pending_units.clear();
      return;
    }
    for (auto& [day_and_id, units] : pending_units) {
      const auto& [day, id] = day_and_id;
      if (units > 0) note_state_error(store->add_units(id, day, units));
    }
    pending_units.clear();
  }

  // Flushes the records the state will vouch for, then saves the state.
  bool checkpoint(const Account& a, const AccountState& st) {
    if (!sink.flush()) {
      output_failed = true;
      return false;
    }
    if (store != nullptr) note_state_error(store->save(a.key, st));
    save_units();
    return true;
  }

  // --- records -----------------------------------------------------------------------------

  // True when `text` contains a secret redact_known would replace.
  bool mentions_secret(std::string_view text) const {
    for (const auto& secret : secrets) {
      if (secret.size() >= 6 && text.find(secret) != std::string_view::npos) return true;
    }
    return false;
  }

  void emit_error(const Account& a, std::string_view platform, std::optional<int> status,
                  std::string_view message, bool retryable, int attempts, std::string_view stage) {
    records::ErrorRecordOut e;
    e.tool = opts.tool_name;
    e.stage = stage;
    e.time = clock.wall_ms();
    e.account = a.lookup_batch ? nullptr : &a;
    e.platform = platform;
    e.http_status = status;
    const std::string clean = redact_known(message, secrets);
    e.message = clean;
    e.retryable = retryable;
    e.attempts = attempts;
    scratch.clear();
    records::append_error_record(e, &scratch);
    sink.error(scratch);
  }

  // --- accounts ----------------------------------------------------------------------------

  void fail_account(Slot& s, std::optional<int> status, const std::string& message, bool retryable,
                    bool tell = true) {
    const Account& a = *s.account;
    emit_error(a, a.platform, status, message, retryable, s.attempts, "fetch");
    if (tell) observer.account_failed(a, redact_known(message, secrets));
    AccountState st = s.task ? s.task->state() : AccountState{};
    if (!s.task && store != nullptr) {
      auto loaded = store->load(a.key);
      if (loaded) st = *loaded;
    }
    if (a.lookup_batch) {
      // Every id of a failed lookup batch still gets its record ("unknown"), also when the
      // platform stopped before the batch began.
      if (!s.task) s.task = s.platform->adapter->start(a, st, s.platform->config);
      for (const auto& rec : s.task->unanswered(redact_known(message, secrets), clock.wall_ms())) {
        sink.status(rec);
      }
    }
    st.last_failure = clock.wall_ms();
    st.last_error = redact_known(message, secrets);
    st.failures += 1;
    checkpoint(a, st);
    s.finished = true;
    stats.accounts_failed++;
    stats.accounts_done++;
    observer.progress(stats);
  }

  void succeed_account(Slot& s) {
    AccountState st = s.task->state();
    st.last_success = clock.wall_ms();
    st.last_error.clear();
    st.failures = 0;
    checkpoint(*s.account, st);
    s.finished = true;
    stats.accounts_ok++;
    stats.accounts_done++;
    observer.progress(stats);
  }

  std::string blocked_reason(const std::string& name, const PlatformRun& p) const {
    if (p.auth.required && !opts.placeholder_credentials && !creds.has(name)) {
      const std::string vars =
          p.auth.env + (p.auth.secret_env.empty() ? "" : " and " + p.auth.secret_env);
      return "no credential (set " + vars + " or use --credentials)";
    }
    return p.adapter->unusable_reason();
  }

  void stop_platform(PlatformRun& p, const std::string& reason) {
    if (p.stopped) return;
    p.stopped = true;
    p.stop_reason = reason;
    observer.notice(std::string(p.adapter->platform()) + ": " + reason +
                    "; its remaining accounts are left for the next run");
  }

  // --- requests ----------------------------------------------------------------------------

  RateLimiter& budget(PlatformRun& p, const std::string& key) {
    auto& b = p.budgets[key];
    if (!b) b = std::make_unique<RateLimiter>(p.rate.requests, p.rate.window_ms);
    return *b;
  }

  // Tries to start the slot's current call. Returns the ms to wait when it cannot start yet.
  int64_t try_start(Slot& s, uint64_t transfer_id, int64_t now) {
    PlatformRun& p = *s.platform;
    const ApiCall& call = *s.call;
    const std::string platform(p.adapter->platform());
    std::string secret;
    s.cred = -1;
    if (p.auth.style != AuthSpec::Style::kNone) {
      if (opts.placeholder_credentials) {
        secret = "REPLAY";
      } else {
        s.cred = creds.current(platform);
        if (s.cred < 0 && p.auth.required) {
          fail_account(s, std::nullopt, "no usable credential", true, false);
          return 0;
        }
        if (s.cred >= 0) {
          Credential& c = creds.at(platform, s.cred);
          if (p.rate.units_per_day > 0 && c.units_used + call.units > p.rate.units_per_day) {
            c.exhausted = true;
            observer.notice(platform + " key #" + std::to_string(s.cred + 1) + ": daily quota of " +
                            std::to_string(p.rate.units_per_day) + " units used");
            if (creds.current(platform) < 0) {
              stop_platform(p, "daily quota used up on every key");
              return 0;
            }
            return try_start(s, transfer_id, now);
          }
          secret = c.secret;
          if (p.auth.style == AuthSpec::Style::kClientCredentials) {
            switch (p.tokens.get(s.cred, now, &secret, &s.token_generation)) {
              case TokenCache::Want::kUse:
                break;
              case TokenCache::Want::kWait:
                return kTokenWaitMs;
              case TokenCache::Want::kFetch:
                start_token_fetch(s, c, transfer_id);
                return 0;
            }
          }
        }
      }
    }
    s.budget_key = host_of(call.url) + "|" + std::to_string(s.cred);
    RateLimiter& b = budget(p, s.budget_key);
    const int64_t wait = b.try_acquire(now);
    if (wait > 0) {
      if (!s.waited) {
        s.waited = true;
        stats.rate_waits++;
      }
      return wait;
    }
    HttpRequest req;
    req.method = call.method;
    req.url = call.url;
    req.headers = call.headers;
    req.body = call.body;
    req.timeout_ms = opts.timeout_ms;
    req.connect_timeout_ms = opts.connect_timeout_ms;
    if (!secret.empty()) {
      if (p.auth.style == AuthSpec::Style::kQueryParam) {
        req.url += (req.url.find('?') == std::string::npos ? "?" : "&") + p.auth.param + "=" +
                   percent_encode(secret);
      } else if (p.auth.style == AuthSpec::Style::kBearer ||
                 p.auth.style == AuthSpec::Style::kClientCredentials) {
        req.headers.emplace_back("authorization", "Bearer " + secret);
      }
    }
    s.redacted_url = redact_known(display_url(req.url), secrets);
    if (s.cred >= 0 && p.rate.units_per_day > 0) {
      // Google charges units for failed requests too, so they count when sent.
      Credential& c = creds.at(platform, s.cred);
      c.units_used += call.units;
      pending_units[{p.quota_day, c.id}] += call.units;
    }
    s.in_flight = true;
    s.transfer = transfer_id;
    stats.requests++;
    transport.start(transfer_id, std::move(req));
    return 0;
  }

  // Sends the token exchange of the slot's credential in place of its call, which waits.
  // Budgets and quota units are the API's, not the token endpoint's: neither is charged.
  void start_token_fetch(Slot& s, const Credential& c, uint64_t transfer_id) {
    const PlatformRun& p = *s.platform;
    HttpRequest req = token_request(p.auth, p.config.base_url, c);
    req.timeout_ms = opts.timeout_ms;
    req.connect_timeout_ms = opts.connect_timeout_ms;
    s.token_fetch = true;
    s.in_flight = true;
    s.transfer = transfer_id;
    stats.requests++;
    transport.start(transfer_id, std::move(req));
  }

  // The end of a token exchange: keep the token, or retry, or retire the credential. The
  // slot's call is then tried again (with the token) by the loop.
  void handle_token(Slot& s, const HttpResponse& r, int64_t now) {
    PlatformRun& p = *s.platform;
    const std::string platform(p.adapter->platform());
    s.token_fetch = false;
    const std::string name = platform + " key #" + std::to_string(s.cred + 1);
    FailureFacts f;
    f.token_exchange = true;
    f.has_credential = s.cred >= 0;
    if (r.transport_failed()) {
      p.tokens.fetch_failed(s.cred);
      f.what = FailureFacts::What::kTransport;
      f.permanent = r.permanent;
      f.attempts = s.attempts;
      const FailureDecision d = decide_failure(f, opts.retry);
      if (d.step == FailureStep::kFailAccount && d.cause == FailureCause::kAsReported) {
        fail_account(s, std::nullopt, "access token: " + r.transport_error, false);
        return;
      }
      retry_or_give_up(s, now, d, std::nullopt, r, "access token: " + r.transport_error);
      return;
    }
    Result<AccessToken> token = parse_token_response(r);
    const bool ok_status = r.status >= 200 && r.status < 300;
    if (token && ok_status) {
      secrets.push_back(token->value);  // from now on redacted wherever it could appear
      p.tokens.store(s.cred, std::move(*token), now);
      s.attempts = 0;
      return;
    }
    p.tokens.fetch_failed(s.cred);
    std::string why = token ? std::string("a token") : redact_known(token.error().message, secrets);
    why += ", http " + std::to_string(r.status);
    f.kind = classify_token_failure(r);
    f.retry_after_ms = retry_after_ms(r, clock.wall_ms());
    f.attempts = s.attempts;
    const FailureDecision d = decide_failure(f, opts.retry);
    if (d.refund_attempt) s.attempts--;
    switch (d.step) {
      case FailureStep::kRetry:
      case FailureStep::kFailAccount:
        retry_or_give_up(s, now, d, d.wait_ms, r, "access token: " + why);
        return;
      default: {
        Credential& c = creds.at(platform, s.cred);
        if (!c.dead) {
          c.dead = true;
          observer.notice(name + ": no access token (" + why + "): no longer used this run");
        }
        if (creds.current(platform) < 0) stop_platform(p, "every credential was rejected");
        return;
      }
    }
  }

  // A decision to retry (kRetry) or to give up after the last attempt (kOutOfAttempts):
  // `wait` before the next attempt (nullopt: the backoff).
  void retry_or_give_up(Slot& s, int64_t now, const FailureDecision& d, std::optional<int64_t> wait,
                        const HttpResponse& r, const std::string& what) {
    if (d.step != FailureStep::kRetry) {
      fail_account(s, status_of(r), what + " after " + std::to_string(s.attempts) + " attempts",
                   true);
      return;
    }
    stats.retries++;
    s.not_before = now + (wait ? *wait : backoff_ms(opts.retry, s.attempts, rng));
  }

  // Writes a response the task keeps (a raw record) and the status records it gave.
  void keep(Slot& s, const HttpResponse& r, const CallOutcome& outcome, EpochMillis wall) {
    PlatformRun& p = *s.platform;
    const std::string platform(p.adapter->platform());
    // When the body is written with a secret redacted, its sha256 changes: the status records,
    // which name the raw record they come from by sha256, are told the one written.
    std::string body_sha, written_sha;
    if (outcome.emit) {
      RawRecordInfo info;
      info.platform = platform;
      info.adapter = p.adapter->name();
      info.endpoint = s.call->endpoint;
      info.request_url = s.redacted_url;
      // Bodies may echo the credential (Graph's paging.next URLs carry access_token).
      HttpResponse scrubbed;
      info.response = &r;
      if (mentions_secret(r.body)) {
        scrubbed = r;
        scrubbed.body = redact_known(r.body, secrets);
        info.response = &scrubbed;
        if (!outcome.statuses.empty()) {
          body_sha = sha256_hex(r.body);
          written_sha = sha256_hex(scrubbed.body);
        }
      }
      info.fetched_at = r.received_at > 0 ? r.received_at : wall;
      info.tool = opts.tool_version;
      info.account = s.account->lookup_batch ? nullptr : s.account;
      info.page = s.call->page;
      info.cursor = s.call->cursor;
      info.status = outcome.record_status;
      info.extra_headers = &outcome.extra_headers;
      scratch.clear();
      append_raw_record(info, &scratch);
      sink.raw(scratch);
      stats.raw_records++;
      stats.posts += outcome.items;
    }
    // A status reason quotes the platform's words, which could echo the credential.
    for (const auto& st : outcome.statuses) {
      std::string out = mentions_secret(st) ? redact_known(st, secrets) : st;
      if (!body_sha.empty()) {
        for (size_t at = out.find(body_sha); at != std::string::npos; at = out.find(body_sha, at)) {
          out.replace(at, body_sha.size(), written_sha);
        }
      }
      sink.status(out);
    }
  }

  void handle(Slot& s, const HttpResponse& r, int64_t now) {
    s.in_flight = false;
    s.waited = false;
    s.attempts++;
    if (s.token_fetch) {
      handle_token(s, r, now);
      return;
    }
    PlatformRun& p = *s.platform;
    const std::string platform(p.adapter->platform());
    const EpochMillis wall = clock.wall_ms();
    FailureFacts f;
    f.has_credential = s.cred >= 0;
    f.attempts = s.attempts;
    if (r.transport_failed()) {
      f.what = FailureFacts::What::kTransport;
      f.permanent = r.permanent;
      const FailureDecision d = decide_failure(f, opts.retry);
      if (d.step == FailureStep::kFailAccount && d.cause == FailureCause::kAsReported) {
        fail_account(s, std::nullopt, r.transport_error, false);
        return;
      }
      retry_or_give_up(s, now, d, std::nullopt, r,
                       r.transport_error.empty() ? "timeout" : r.transport_error);
      return;
    }
    // A spent budget announced in the headers holds back every request on it.
    if (auto reset = rate_limit_reset_ms(r, wall)) {
      budget(p, s.budget_key).pause_until(now + std::min(*reset, opts.retry.max_retry_after_ms));
    } else if (auto usage = p.adapter->usage_pause_ms(r)) {
      budget(p, s.budget_key).pause_until(now + std::min(*usage, opts.retry.max_retry_after_ms));
    }
    if (r.status >= 200 && r.status < 300) {
      auto outcome = s.task->on_response(r);
      if (!outcome) {
        f.what = FailureFacts::What::kBadResponse;
        f.not_found = outcome.error().code == Error::Code::kNotFound;
        const FailureDecision d = decide_failure(f, opts.retry);
        if (d.step == FailureStep::kFailAccount && d.cause == FailureCause::kAsReported) {
          fail_account(s, status_of(r), outcome.error().message, false);
          return;
        }
        retry_or_give_up(s, now, d, std::nullopt, r, "bad response: " + outcome.error().message);
        return;
      }
      keep(s, r, *outcome, wall);
      s.call.reset();
      s.attempts = 0;
      s.token_renewed = false;
      if (outcome->checkpoint && !checkpoint(*s.account, s.task->state())) return;
      observer.progress(stats);
      return;
    }
    f.kind = p.adapter->classify(r);
    f.retry_after_ms = retry_after_ms(r, wall);
    f.can_renew_token =
        p.auth.style == AuthSpec::Style::kClientCredentials && s.cred >= 0 && !s.token_renewed;
    const FailureDecision d = decide_failure(f, opts.retry);
    if (d.refund_attempt) s.attempts--;  // the next credential gets a fresh try
    const std::string reason = r.failure_detail.empty() ? body_reason(r.body) : r.failure_detail;
    std::string what = reason.empty() ? "request failed" : reason;
    if (reason.empty() && r.status >= 300 && r.status < 400 && !r.header("location").empty()) {
      // A redirect is not followed (t.me sends one for a channel without a public preview).
      what = "redirected to " + redact_url(r.header("location").substr(0, 200));
    }
    carry_out(s, d, r, what, now);
  }

  // Does what decide_failure() decided about a failed API request (not a token exchange).
  void carry_out(Slot& s, const FailureDecision& d, const HttpResponse& r, const std::string& what,
                 int64_t now) {
    PlatformRun& p = *s.platform;
    const std::string platform(p.adapter->platform());
    std::optional<int64_t> wait = d.wait_ms;
    if (d.pause_for_wait) {
      if (!wait) wait = backoff_ms(opts.retry, s.attempts, rng);
      budget(p, s.budget_key).pause_until(now + *wait);
    } else if (d.pause_ms) {
      budget(p, s.budget_key).pause_until(now + *d.pause_ms);
    }
    if (d.rate_wait) stats.rate_waits++;
    const std::string reported = failure_message(r, d.rate_wait ? "rate limited" : what);
    switch (d.step) {
      case FailureStep::kStopPlatform:  // a Retry-After longer than allowed
        stop_platform(p, "rate limited for " + std::to_string(*d.pause_ms / 1000) +
                             " s, longer than the longest wait allowed");
        return;  // the slot sees the stopped platform and records the account as not done
      case FailureStep::kRetry:
        retry_or_give_up(s, now, d, wait, r, reported);
        return;
      case FailureStep::kFailAccount:
        if (d.cause == FailureCause::kOutOfAttempts) {
          retry_or_give_up(s, now, d, wait, r, reported);
        } else if (d.cause == FailureCause::kRetryAfterTooLong) {
          fail_account(s, status_of(r),
                       failure_message(r, "unavailable, retry after " +
                                              std::to_string(*d.wait_ms / 1000) + " s"),
                       true);
        } else {  // kNoCredential
          fail_account(s, status_of(r), failure_message(r, "authentication required: " + what),
                       false);
        }
        return;
      case FailureStep::kRenewToken:
        s.token_renewed = true;
        p.tokens.invalidate(s.cred, s.token_generation);
        return;
      case FailureStep::kRetireCredential: {
        Credential& c = creds.at(platform, s.cred);
        if (!c.dead) {  // requests in flight on the same key report it again
          c.dead = true;
          observer.notice(platform + " key #" + std::to_string(s.cred + 1) + " rejected (" + what +
                          ", http " + std::to_string(r.status) + "): no longer used this run");
        }
        if (creds.current(platform) < 0) stop_platform(p, "every credential was rejected");
        return;
      }
      case FailureStep::kExhaustCredential:
        if (s.cred >= 0 && !creds.at(platform, s.cred).exhausted) {
          creds.at(platform, s.cred).exhausted = true;
          observer.notice(platform + " key #" + std::to_string(s.cred + 1) + ": quota exhausted (" +
                          what + ")");
        }
        if (s.cred < 0 || creds.current(platform) < 0) {
          stop_platform(p, "quota exhausted on every key");
        }
        return;
      case FailureStep::kAbsorbOrFail: {
        // A lookup (recheck, hydrate) may take a 404 or a refusal as its answer: "deleted".
        if (auto answer = s.task->answer_failure(r)) {
          keep(s, r, *answer, clock.wall_ms());
          s.call.reset();
          s.attempts = 0;
          s.token_renewed = false;
          if (answer->checkpoint && !checkpoint(*s.account, s.task->state())) return;
          observer.progress(stats);
          return;
        }
        if (s.task->absorb_failure(r)) {
          s.call.reset();
          s.attempts = 0;
          s.token_renewed = false;
          return;
        }
        const bool not_found = d.cause == FailureCause::kNotFound;
        fail_account(s, status_of(r),
                     failure_message(r, not_found ? "account not found: " + what : what), false);
        return;
      }
    }
  }

  // --- the loop ----------------------------------------------------------------------------

  RunResult run(const std::vector<Account>& accounts, const std::function<bool()>& stop) {
    stats = EngineStats{};
    stats.accounts_total = static_cast<int64_t>(accounts.size());
    stats.started_ms = clock.steady_ms();
    rng.seed(opts.seed != 0 ? opts.seed : static_cast<uint64_t>(clock.wall_ms()));
    std::deque<const Account*> pending;
    std::map<std::string, int64_t> skipped;
    for (const Account& a : accounts) {
      if (platforms.count(a.platform) == 0) {
        skipped[a.platform]++;
        emit_error(a, a.platform, std::nullopt, "no adapter for platform " + a.platform + " yet",
                   false, 0, "fetch");
        stats.accounts_skipped++;
        stats.accounts_done++;
        continue;
      }
      pending.push_back(&a);
    }
    for (const auto& [platform, n] : skipped) {
      observer.notice("skipping " + std::to_string(n) + " " + platform +
                      " account(s): no adapter for that platform yet");
    }
    std::map<std::string, bool> present;
    for (const Account* a : pending) present[a->platform] = true;
    for (auto& [name, p] : platforms) {
      if (!present[name]) continue;
      const std::string why = blocked_reason(name, p);
      if (!why.empty()) stop_platform(p, why);
    }
    std::vector<std::unique_ptr<Slot>> slots;
    std::map<uint64_t, Slot*> by_transfer;
    uint64_t next_transfer = 1;
    std::vector<Completion> done;
    RunEnd end = RunEnd::kDone;
    const size_t concurrency = static_cast<size_t>(std::max(1, opts.concurrency));

    for (;;) {
      if (stop && stop()) {
        end = RunEnd::kInterrupted;
        break;
      }
      if (output_failed) {
        end = RunEnd::kOutputFailed;
        break;
      }
      // Fill free slots. Accounts of a stopped platform are recorded as not done.
      while (slots.size() < concurrency && !pending.empty()) {
        const Account* a = pending.front();
        pending.pop_front();
        auto s = std::make_unique<Slot>();
        s->account = a;
        s->platform = &platforms[a->platform];
        if (s->platform->stopped) {
          fail_account(*s, std::nullopt, "not fetched: " + s->platform->stop_reason, true, false);
          continue;
        }
        AccountState st;
        if (store != nullptr) {
          auto loaded = store->load(a->key);
          if (!loaded) {
            fail_account(*s, std::nullopt, loaded.error().message, true);
            continue;
          }
          st = std::move(*loaded);
        }
        if (!a->lookup_batch && polled_within(st, clock.wall_ms(), opts.min_interval_ms)) {
          stats.accounts_fresh++;
          stats.accounts_done++;
          observer.progress(stats);
          continue;
        }
        s->task = s->platform->adapter->start(*a, std::move(st), s->platform->config);
        slots.push_back(std::move(s));
      }
      if (output_failed) continue;
      if (slots.empty() && pending.empty()) break;

      int64_t now = clock.steady_ms();
      int64_t wake = now + 1000;
      for (auto& sp : slots) {
        Slot& s = *sp;
        if (s.in_flight || s.finished) continue;
        if (s.platform->stopped) {
          fail_account(s, std::nullopt, "not fetched: " + s.platform->stop_reason, true, false);
          continue;
        }
        if (!s.call) {
          s.call = s.task->next_call();
          if (!s.call) {
            succeed_account(s);
            continue;
          }
        }
        if (s.not_before > now) {
          wake = std::min(wake, s.not_before);
          continue;
        }
        const uint64_t id = next_transfer++;
        const int64_t wait = try_start(s, id, now);
        if (s.in_flight) {
          by_transfer[id] = &s;
        } else if (wait > 0) {
          s.not_before = now + wait;
          wake = std::min(wake, s.not_before);
        } else if (!s.finished) {
          wake = now;  // retry at once (e.g. moved to another credential)
        }
        if (output_failed) break;
      }
      // Drop finished slots (in-flight ones are never finished).
      slots.erase(std::remove_if(slots.begin(), slots.end(),
                                 [](const std::unique_ptr<Slot>& s) { return s->finished; }),
                  slots.end());
      if (output_failed) continue;
      if (slots.empty() && pending.empty()) break;

      // A slot freed by a finished account is refilled at once, not after the poll timeout.
      const bool can_fill = slots.size() < concurrency && !pending.empty();
      const bool any_ready =
          can_fill || std::any_of(slots.begin(), slots.end(), [&](const auto& s) {
            return !s->in_flight && !s->finished && (!s->call || s->not_before <= now);
          });
      const int64_t timeout = any_ready ? 0 : std::max<int64_t>(0, wake - clock.steady_ms());
      if (transport.in_flight() == 0 && timeout == 0 && any_ready) continue;
      done.clear();
      transport.poll(std::min<int64_t>(timeout, 1000), &done);
      now = clock.steady_ms();
      for (auto& c : done) {
        auto it = by_transfer.find(c.id);
        if (it == by_transfer.end()) continue;
        Slot* s = it->second;
        by_transfer.erase(it);
        handle(*s, c.response, now);
        if (output_failed) break;
      }
      slots.erase(std::remove_if(slots.begin(), slots.end(),
                                 [](const std::unique_ptr<Slot>& s) { return s->finished; }),
                  slots.end());
    }
    if (!output_failed) {
      if (!sink.flush()) {
        output_failed = true;
        end = RunEnd::kOutputFailed;
      }
    }
    save_units();
    RunResult res;
    res.end = end;
    res.stats = stats;
    res.state_error = state_error;
    return res;
  }
};

Engine::Engine(EngineOptions options, std::vector<std::unique_ptr<Adapter>> adapters,
               Transport& transport, CredentialPool& credentials, StateStore* state, Clock& clock,
               RecordSink& sink, EngineObserver& observer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(adapters), transport, credentials,
                                   state, clock, sink, observer)) {}

Engine::~Engine() = default;

Status Engine::configure() {
  Impl& m = *impl_;
  for (const auto& [platform, base] : m.opts.api_base) {
    bool known = false;
    for (const auto& a : m.adapters) known = known || a->platform() == platform;
    if (!known) return Error::invalid("--api-base: no adapter for platform " + platform);
  }
  for (const auto& [platform, rate] : m.opts.rates) {
    if (rate.requests < 0 || rate.window_ms <= 0 || rate.units_per_day < 0) {
      return Error::invalid("--rate for " + platform + " must be positive");
    }
  }
  for (auto& a : m.adapters) {
    const std::string platform(a->platform());
    PlatformRun p;
    p.adapter = a.get();
    p.auth = a->auth();
    p.rate = a->default_rate();
    auto r = m.opts.rates.find(platform);
    if (r != m.opts.rates.end()) {
      if (r->second.requests > 0) {  // 0: only the quota was given
        p.rate.requests = r->second.requests;
        p.rate.window_ms = r->second.window_ms;
      }
      if (r->second.units_per_day > 0) p.rate.units_per_day = r->second.units_per_day;
    }
    p.quota_day = format_date(m.clock.wall_ms(), p.rate.quota_day_utc_offset_s);
    p.config = m.opts.task;
    auto b = m.opts.api_base.find(platform);
    if (b != m.opts.api_base.end()) {
      auto checked = check_api_base(b->second);
      if (!checked)
        return Error::invalid("--api-base " + platform + ": " + checked.error().message);
      p.config.base_url = *checked;
      p.config.base_overridden = true;
    } else {
      p.config.base_url = a->default_base_url();
      p.config.base_overridden = false;
    }
    p.config.now = m.clock.wall_ms();
    if (p.auth.style == AuthSpec::Style::kClientCredentials) {
      if (!m.opts.placeholder_credentials) {
        Status st = m.creds.load_env_pairs(platform, p.auth.env, p.auth.secret_env);
        if (!st.ok()) return st;
      }
      for (size_t i = 0; i < m.creds.count(platform); ++i) {
        if (m.creds.at(platform, static_cast<int>(i)).client_key.empty()) {
          return Error::invalid(platform + " key #" + std::to_string(i + 1) +
                                ": a client secret without its client key (" + p.auth.env + ")");
        }
      }
    } else if (!m.opts.placeholder_credentials) {
      m.creds.load_env(platform, p.auth.env);
    }
    if (m.store != nullptr && p.rate.units_per_day > 0) {
      for (size_t i = 0; i < m.creds.count(platform); ++i) {
        Credential& c = m.creds.at(platform, static_cast<int>(i));
        auto used = m.store->units_used(c.id, p.quota_day);
        if (!used) return used.error();
        c.units_used = *used;
      }
    }
    m.platforms[platform] = std::move(p);
  }
  m.secrets = m.creds.all_secrets();
  // URLs echoed in bodies and messages carry secrets percent-encoded ("app|secret" tokens).
  const size_t plain = m.secrets.size();
  for (size_t i = 0; i < plain; ++i) {
    std::string encoded = percent_encode(m.secrets[i]);
    if (encoded != m.secrets[i]) m.secrets.push_back(std::move(encoded));
  }
  return {};
}

RunResult Engine::run(const std::vector<Account>& accounts,
                      const std::function<bool()>& stop_requested) {
  return impl_->run(accounts, stop_requested);
}

Adapter* Engine::adapter_for(std::string_view platform) const {
  for (const auto& a : impl_->adapters) {
    if (a->platform() == platform) return a.get();
  }
  return nullptr;
}

TaskConfig Engine::task_config_for(std::string_view platform) const {
  auto it = impl_->platforms.find(std::string(platform));
  return it == impl_->platforms.end() ? impl_->opts.task : it->second.config;
}

RateSpec Engine::rate_for(std::string_view platform) const {
  auto it = impl_->platforms.find(std::string(platform));
  return it == impl_->platforms.end() ? RateSpec{} : it->second.rate;
}

std::string Engine::blocked_reason(std::string_view platform) const {
  auto it = impl_->platforms.find(std::string(platform));
  return it == impl_->platforms.end() ? std::string()
                                      : impl_->blocked_reason(it->first, it->second);
}

}  // namespace pantau::fetch
