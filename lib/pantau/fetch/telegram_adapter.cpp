// Telegram public channels through the web preview t.me/s/<channel> (no login, no credential):
// an HTML page of the channel's latest ~20 messages, oldest first; ?before=<id> gives the page
// of messages older than that id. We page backwards from the newest, asking for the messages
// before the smallest id on each page, and stop at the high-water mark (message ids are integers
// that grow with time in each channel, so "seen" is a numeric comparison), at --since, at a page
// with no messages, or at --max-pages. The pages are written as raw records (endpoint
// channel_page) for pantau-normalize; this adapter only reads ids and times (telegram_page.h).
//
// A channel that does not exist, is private or has its preview disabled answers with a redirect
// to t.me/<channel> (the transport does not follow redirects) or with a page without messages:
// both mean "not found" on the first page of a run.
//
// Budget: Telegram documents none for t.me. It is a public web page, so we are polite: one
// request per 2 seconds per host by default (--rate telegram=N/W changes it), and 429 / 5xx
// back off as everywhere.
#include <charconv>
#include <string>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/telegram_page.h"
#include "pantau/fetch/url.h"
#include "pantau/records/endpoint.h"

namespace pantau::fetch {
namespace {

// The high-water mark is a decimal id; 0 when there is none (or it is not a number).
int64_t id_or_zero(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() ? v : 0;
}

class TelegramTask : public AccountTask {
 public:
  TelegramTask(const Account& account, AccountState state, const TaskConfig& config)
      : account_(account), state_(std::move(state)), config_(config) {
    const bool resuming = begin_run(&state_, config_);
    before_ = resuming ? id_or_zero(state_.cursor) : 0;
    page_ = state_.cursor_page + 1;
    floor_ = config_.since > 0 ? 0 : id_or_zero(state_.newest_id);
  }

  std::optional<ApiCall> next_call() override {
    if (done_) return std::nullopt;
    ApiCall c;
    c.endpoint = records::endpoint::kTelegramChannelPage;
    c.page = page_;
    c.url = config_.base_url + "/s/" + percent_encode(account_.handle);
    if (before_ > 0) {
      c.cursor = std::to_string(before_);
      c.url += "?" + build_query({{"before", c.cursor}});
    }
    return c;
  }

  Result<CallOutcome> on_response(const HttpResponse& r) override {
    auto parsed = parse_telegram_page(r.body);
    if (!parsed) return parsed.error();
    const TelegramPage& page = *parsed;
    if (!page.complete) return Error::invalid("page cut short (no </html> at the end)");
    CallOutcome o;
    // Only messages older than what was asked for count: a page that ignored ?before= would
    // otherwise send us round in circles.
    int64_t smallest = 0;
    size_t listed = 0;
    bool reached_floor = false;
    for (const TelegramMessage& m : page.messages) {
      if (before_ > 0 && m.id >= before_) continue;
      ++listed;
      if (smallest == 0 || m.id < smallest) smallest = m.id;
      if (state_.current_handle.empty() || page_ == 1) state_.current_handle = m.channel;
      if (m.id > id_or_zero(state_.run_top_id)) {
        state_.run_top_id = std::to_string(m.id);
        state_.run_top_time = m.time;
      }
      if (m.id <= floor_ || (config_.since > 0 && m.time > 0 && m.time < config_.since)) {
        reached_floor = true;
        continue;
      }
      if (config_.until > 0 && m.time > config_.until) continue;
      if (!m.service) ++o.items;
    }
    if (listed == 0 && before_ == 0) {
      return Error::not_found(page.no_messages_found
                                  ? "account not found: t.me/s shows \"No posts found\""
                                  : "account not found: no public preview on t.me/s");
    }
    // A page of nothing but seen (or too new) messages adds nothing: not written again.
    o.emit = o.items > 0;
    o.checkpoint = true;
    ++pages_done_;
    if (reached_floor || listed == 0 || smallest <= 1) {
      finish();
      return o;
    }
    before_ = smallest;
    if (continue_run(&state_, config_, std::to_string(before_), &page_, pages_done_)) done_ = true;
    return o;
  }

  const AccountState& state() const override { return state_; }

 private:
  // finish_run() compares times; message ids are the order here (several messages share a
  // second), so the mark moves by id.
  void finish() {
    if (config_.until == 0 && id_or_zero(state_.run_top_id) > id_or_zero(state_.newest_id)) {
      state_.newest_id = state_.run_top_id;
      state_.newest_time = state_.run_top_time;
    }
    state_.run_top_id.clear();
    state_.run_top_time = 0;
    finish_run(&state_, config_);
    done_ = true;
  }

  const Account& account_;
  AccountState state_;
  const TaskConfig& config_;
  int64_t before_ = 0;
  int64_t floor_ = 0;
  int64_t page_ = 1;
  int64_t pages_done_ = 0;
  bool done_ = false;
};

class TelegramAdapter : public Adapter {
 public:
  std::string_view platform() const override { return "telegram"; }
  std::string default_base_url() const override { return "https://t.me"; }
  AuthSpec auth() const override { return {}; }
  RateSpec default_rate() const override { return {1, 2000, 0}; }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& config) override {
    return std::make_unique<TelegramTask>(account, std::move(state), config);
  }

  Failure classify(const HttpResponse& r) const override {
    // t.me answers a channel without a public preview with a redirect to t.me/<channel>.
    if (r.status >= 300 && r.status < 400) return Failure::kNotFound;
    // There is no credential to reject: a 401/403 is the page refusing us, not a bad key.
    if (r.status == 401 || r.status == 403) return Failure::kPermanent;
    return classify_by_status(r.status);
  }
};

}  // namespace

std::unique_ptr<Adapter> make_telegram_adapter() { return std::make_unique<TelegramAdapter>(); }

}  // namespace pantau::fetch
