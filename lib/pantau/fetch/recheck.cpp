#include "pantau/fetch/recheck.h"

#include <simdjson.h>

#include <algorithm>
#include <unordered_map>

#include "pantau/fetch/lookup.h"
#include "pantau/fetch/raw_record.h"
#include "pantau/normalize/normalizer.h"
#include "pantau/records/status.h"
#include "pantau/sha256.h"

namespace pantau::fetch {

namespace {

constexpr std::string_view kRunPrefix = "recheck-run:";

// The text of each post an answer holds, as pantau-normalize maps it (so that it compares with
// the "text" of the post records it was read from), by the lookup's match key.
struct CurrentText {
  std::string text;
  bool has_text = false;
};

class LookupTask : public AccountTask {
 public:
  LookupTask(const Lookup& lookup, std::string_view adapter_name,
             const std::vector<RecheckItem>& items, AccountState state, const TaskConfig& config,
             const std::string& run_tag, normalize::RecordNormalizer& normalizer,
             simdjson::dom::parser& parser)
      : lookup_(lookup),
        adapter_name_(adapter_name),
        items_(items),
        state_(std::move(state)),
        config_(config),
        run_tag_(run_tag),
        normalizer_(normalizer),
        parser_(parser) {
    done_ = state_.window == run_tag_;
  }

  std::optional<ApiCall> next_call() override {
    if (done_ || items_.empty()) return std::nullopt;
    ApiCall c = lookup_.call(items_, config_);
    endpoint_ = c.endpoint;
    url_ = c.url;
    return c;
  }

  Result<CallOutcome> on_response(const HttpResponse& r) override {
    if (Status ok = lookup_.accept(r); !ok.ok()) return ok.error();
    simdjson::dom::element doc;
    const bool parsed = lookup_.json() && !parser_.parse(r.body).get(doc);
    if (lookup_.json() && !parsed) return Error::invalid("the lookup's answer is not JSON");
    const simdjson::dom::element* body = parsed ? &doc : nullptr;
    const auto now = current_texts(r);
    CallOutcome o;
    for (const auto& item : items_) {
      auto it = now.find(lookup_.match_key(item.native_id));
      if (it == now.end()) {
        const Verdict v = lookup_.missing(item, body, r);
        append(item, v.status, v.reason, nullptr, r, &o);
        continue;
      }
      o.items++;
      if (auto v = lookup_.returned(item, body)) {
        append(item, v->status, v->reason, &it->second, r, &o);
        continue;
      }
      const std::string now_sha = it->second.has_text ? sha256_hex(it->second.text) : "";
      const bool edited = !item.sha256_before.empty() && now_sha != item.sha256_before;
      append(item, edited ? PostStatus::kEdited : PostStatus::kPresent, "", &it->second, r, &o);
    }
    finish(&o);
    return o;
  }

  std::optional<CallOutcome> answer_failure(const HttpResponse& r) override {
    auto v = lookup_.failed(r);
    if (!v) return std::nullopt;
    CallOutcome o;
    for (const auto& item : items_) append(item, v->status, v->reason, nullptr, r, &o);
    finish(&o);
    return o;
  }

  std::vector<std::string> unanswered(std::string_view reason, EpochMillis now) override {
    std::vector<std::string> out;
    if (done_) return out;
    for (const auto& item : items_) {
      records::StatusOut s = info_of(item);
      s.status = PostStatus::kUnknown;
      s.checked_at = format_rfc3339(now);
      s.reason = reason;
      out.emplace_back();
      records::append_status_record(s, &out.back());
    }
    return out;
  }

  const AccountState& state() const override { return state_; }

 private:
  static records::StatusOut info_of(const RecheckItem& item) {
    records::StatusOut s;
    s.id = item.id;
    s.platform = item.platform;
    s.native_id = item.native_id;
    s.sha256_before = item.sha256_before;
    return s;
  }

  void append(const RecheckItem& item, PostStatus status, std::string_view reason,
              const CurrentText* now, const HttpResponse& r, CallOutcome* o) {
    records::StatusOut s = info_of(item);
    s.status = status;
    s.checked_at = format_rfc3339(r.received_at);
    s.reason = reason;
    std::string now_sha;
    if (now != nullptr && now->has_text) now_sha = sha256_hex(now->text);
    s.sha256_now = now_sha;
    if (status == PostStatus::kEdited && now != nullptr) s.text_now = now->text;
    const std::string raw_sha = sha256_hex(r.body);
    s.raw_sha256 = raw_sha;
    s.fetched_at = format_rfc3339(r.received_at);
    o->statuses.emplace_back();
    records::append_status_record(s, &o->statuses.back());
  }

  void finish(CallOutcome* o) {
    done_ = true;
    state_.window = run_tag_;
    o->checkpoint = true;
  }

  // Runs the answer through pantau-normalize's mapping, as the raw record it becomes.
  std::unordered_map<std::string, CurrentText> current_texts(const HttpResponse& r) {
    RawRecordInfo info;
    info.platform = lookup_.platform();
    info.adapter = adapter_name_;
    info.endpoint = endpoint_;
    info.request_url = url_;
    info.response = &r;
    info.fetched_at = r.received_at;
    info.tool = "recheck";
    std::string line;
    append_raw_record(info, &line);
    const size_t size = line.size();
    line.append(simdjson::SIMDJSON_PADDING, ' ');
    Line l;
    l.text = std::string_view(line.data(), size);
    l.capacity = line.size();
    l.input = "recheck";
    l.number = 1;
    std::string out;
    (void)normalizer_.normalize_line(l, &out);  // an answer without posts is no error here
    std::unordered_map<std::string, CurrentText> texts;
    simdjson::dom::parser p;
    size_t at = 0;
    while (at < out.size()) {
      size_t end = out.find('\n', at);
      if (end == std::string::npos) end = out.size();
      simdjson::dom::element rec;
      std::string_view kind, native_id, text;
      if (!p.parse(out.data() + at, end - at).get(rec) && !rec["kind"].get_string().get(kind) &&
          kind == "post" && !rec["native_id"].get_string().get(native_id)) {
        CurrentText t;
        if (!rec["text"].get_string().get(text)) {
          t.text = std::string(text);
          t.has_text = true;
        }
        texts.emplace(lookup_.match_key(native_id), std::move(t));
      }
      at = end + 1;
    }
    return texts;
  }

  const Lookup& lookup_;
  std::string_view adapter_name_;
  const std::vector<RecheckItem>& items_;
  AccountState state_;
  TaskConfig config_;
  const std::string& run_tag_;
  normalize::RecordNormalizer& normalizer_;
  simdjson::dom::parser& parser_;
  bool done_ = false;
  std::string endpoint_, url_;
};

normalize::NormalizeOptions quiet_normalize() { return normalize::NormalizeOptions{}; }

class RecheckAdapter : public Adapter {
 public:
  RecheckAdapter(std::unique_ptr<Adapter> platform, std::unique_ptr<Lookup> lookup,
                 const RecheckPlan& plan, std::string run_tag)
      : platform_(std::move(platform)),
        lookup_(std::move(lookup)),
        plan_(plan),
        run_tag_(std::move(run_tag)),
        normalizer_(quiet_normalize()) {}

  std::string_view platform() const override { return platform_->platform(); }
  std::string_view name() const override { return platform_->name(); }
  std::string default_base_url() const override { return platform_->default_base_url(); }
  AuthSpec auth() const override { return platform_->auth(); }
  RateSpec default_rate() const override { return platform_->default_rate(); }
  Failure classify(const HttpResponse& r) const override { return platform_->classify(r); }
  std::string unusable_reason() const override { return platform_->unusable_reason(); }
  std::optional<int64_t> usage_pause_ms(const HttpResponse& r) const override {
    return platform_->usage_pause_ms(r);
  }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    auto it = plan_.items.find(account.key);
    static const std::vector<RecheckItem> kNone;
    return std::make_unique<LookupTask>(*lookup_, platform_->name(),
                                        it == plan_.items.end() ? kNone : it->second,
                                        std::move(state), config, run_tag_, normalizer_, parser_);
  }

  std::pair<int64_t, int64_t> estimate(const Account& /*account*/, const AccountState& state,
                                       const TaskConfig& /*config*/,
                                       int64_t /*pages*/) const override {
    const int64_t n = state.window == run_tag_ ? 0 : 1;
    return {n, n};
  }

 private:
  std::unique_ptr<Adapter> platform_;
  std::unique_ptr<Lookup> lookup_;
  const RecheckPlan& plan_;
  std::string run_tag_;
  normalize::RecordNormalizer normalizer_;
  simdjson::dom::parser parser_;
};

}  // namespace

RecheckPlan plan_recheck(std::vector<RecheckItem> items, int64_t max_requests) {
  RecheckPlan plan;
  std::string all;
  // Per platform and group, the batch being filled (its index in plan.batches).
  std::map<std::pair<std::string, std::string>, size_t> open;
  std::map<std::string, std::unique_ptr<Lookup>> lookups;
  for (auto& item : items) {
    all += item.id + "\n";
    auto& lookup = lookups[item.platform];
    if (!lookup) lookup = make_lookup(item.platform);
    if (!lookup) {
      plan.unsupported.push_back(std::move(item));
      continue;
    }
    const auto group = std::make_pair(item.platform, lookup->group_of(item));
    auto o = open.find(group);
    if (o != open.end() && plan.items[plan.batches[o->second].key].size() < lookup->batch_limit()) {
      plan.items[plan.batches[o->second].key].push_back(std::move(item));
      continue;
    }
    if (max_requests > 0 && static_cast<int64_t>(plan.batches.size()) >= max_requests) {
      plan.deferred.push_back(std::move(item));
      continue;
    }
    Account a;
    a.platform = item.platform;
    a.role = "other";
    a.lookup_batch = true;
    // Provisional key (the batch's first id); the final key digests all of its ids.
    a.key = "recheck:" + item.id;
    open[group] = plan.batches.size();
    plan.items[a.key].push_back(std::move(item));
    plan.batches.push_back(std::move(a));
  }
  // Keys from the ids, so that a rerun with the same input finds its batches in the state.
  std::map<std::string, std::vector<RecheckItem>> keyed;
  for (auto& a : plan.batches) {
    auto& its = plan.items[a.key];
    std::string ids;
    for (const auto& it : its) ids += it.id + "\n";
    const std::string key = "recheck:" + a.platform + ":" + sha256_hex(ids).substr(0, 24) + ":" +
                            std::to_string(its.size());
    keyed[key] = std::move(its);
    a.key = key;
  }
  plan.items = std::move(keyed);
  plan.run_key = std::string(kRunPrefix) + sha256_hex(all).substr(0, 32);
  return plan;
}

std::string unsupported_status(const RecheckItem& item, EpochMillis now) {
  records::StatusOut s;
  s.id = item.id;
  s.platform = item.platform;
  s.native_id = item.native_id;
  s.status = PostStatus::kUnknown;
  s.checked_at = format_rfc3339(now);
  const std::string reason = "recheck is not available for " + item.platform + " (docs/fetch.md)";
  s.reason = reason;
  s.sha256_before = item.sha256_before;
  std::string out;
  records::append_status_record(s, &out);
  return out;
}

Result<std::string> begin_recheck_run(StateStore* state, const std::string& run_key,
                                      EpochMillis now, bool dry_run) {
  const std::string fresh = "recheck@" + format_rfc3339(now);
  if (state == nullptr) return fresh;
  auto st = state->load(run_key);
  if (!st) return st.error();
  if (!st->cursor.empty()) return st->cursor;
  if (dry_run) return fresh;
  st->cursor = fresh;
  Status s = state->save(run_key, *st);
  if (!s.ok()) return s.error();
  return fresh;
}

Status end_recheck_run(StateStore* state, const std::string& run_key) {
  if (state == nullptr) return {};
  auto st = state->load(run_key);
  if (!st) return st.error();
  st->cursor.clear();
  st->last_success = now_millis();
  return state->save(run_key, *st);
}

std::vector<std::unique_ptr<Adapter>> make_recheck_adapters(
    std::vector<std::unique_ptr<Adapter>> platform_adapters, const RecheckPlan& plan,
    const std::string& run_tag) {
  std::vector<std::unique_ptr<Adapter>> out;
  for (auto& a : platform_adapters) {
    auto lookup = make_lookup(a->platform());
    if (!lookup) continue;
    out.push_back(std::make_unique<RecheckAdapter>(std::move(a), std::move(lookup), plan, run_tag));
  }
  return out;
}

}  // namespace pantau::fetch
