// The `command` source: an external collector the user configures per platform, run once per
// account, e.g. --collector tiktok='yt-dlp -J --flat-playlist {url}' or
// --collector instagram='gallery-dl -j {url}'. This is how TikTok, Instagram and Facebook
// accounts are covered without official API access.
//
// The template's placeholders {url}, {handle}, {id} and {key} are replaced inside single
// arguments (there is no shell, so registry data cannot inject commands). What the collector
// prints becomes one raw record (adapter "command:<name>", endpoint <name>, request_url the
// command line, status its exit status, headers with the collector's version); it must be a
// JSON document (yt-dlp -J, gallery-dl -j) or JSON lines (yt-dlp -j), else the run counts as
// failed and is retried like a garbled response. A failure's error record carries the exit
// status and the tail of stderr. Budgets, timeouts (--timeout), retries and isolation are the
// engine's, as for the API adapters.
#include <string>
#include <vector>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/command_transport.h"
#include "pantau/fetch/url.h"
#include "pantau/record.h"

namespace pantau::fetch {
namespace {

std::string base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string substitute(std::string_view arg, const Account& a) {
  std::string out;
  for (size_t i = 0; i < arg.size(); ++i) {
    if (arg[i] == '{') {
      size_t close = arg.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = arg.substr(i + 1, close - i - 1);
        const std::string* value = nullptr;
        if (name == "url") value = &a.url;
        if (name == "handle") value = &a.handle;
        if (name == "id") value = &a.platform_id;
        if (name == "key") value = &a.key;
        if (value != nullptr) {
          out += *value;
          i = close;
          continue;
        }
      }
    }
    out.push_back(arg[i]);
  }
  return out;
}

class CommandTask : public AccountTask {
 public:
  CommandTask(simdjson::dom::parser& parser, const CollectorSpec& spec, const Account& account,
              AccountState state)
      : parser_(parser), spec_(spec), account_(account), state_(std::move(state)) {}

  std::optional<ApiCall> next_call() override {
    if (done_) return std::nullopt;
    ApiCall c;
    c.endpoint = base_name(spec_.argv[0]);
    std::vector<std::string> argv;
    for (const auto& arg : spec_.argv) argv.push_back(substitute(arg, account_));
    c.url = command_url(argv);
    return c;
  }

  Result<CallOutcome> on_response(const HttpResponse& r) override {
    CallOutcome o;
    std::string_view out = trim(r.body);
    if (out.empty()) return Error::invalid("collector printed nothing");
    simdjson::dom::element doc;
    if (!parser_.parse(out.data(), out.size()).get(doc)) {
      // yt-dlp -J: a playlist with "entries"; gallery-dl -j: an array of messages.
      simdjson::dom::array entries;
      if (!doc["entries"].get_array().get(entries)) {
        o.items = static_cast<int64_t>(entries.size());
      } else if (!doc.get_array().get(entries)) {
        o.items = static_cast<int64_t>(entries.size());
      } else {
        o.items = 1;
      }
    } else {
      // JSON lines (yt-dlp -j): every line must parse.
      int64_t lines = 0;
      while (!out.empty()) {
        size_t nl = out.find('\n');
        std::string_view line = trim(out.substr(0, nl));
        out = nl == std::string_view::npos ? std::string_view{} : out.substr(nl + 1);
        if (line.empty()) continue;
        if (auto err = parser_.parse(line.data(), line.size()).get(doc)) {
          return Error::invalid("collector output is not JSON (line " + std::to_string(lines + 1) +
                                "): " + json_error_message(err));
        }
        ++lines;
      }
      o.items = lines;
    }
    o.record_status = 0;
    o.extra_headers.emplace_back("x-collector-version", spec_.version);
    o.checkpoint = true;
    done_ = true;
    return o;
  }

  const AccountState& state() const override { return state_; }

 private:
  simdjson::dom::parser& parser_;
  const CollectorSpec& spec_;
  const Account& account_;
  AccountState state_;
  bool done_ = false;
};

class CommandAdapter : public Adapter {
 public:
  explicit CommandAdapter(CollectorSpec spec)
      : spec_(std::move(spec)), name_("command:" + base_name(spec_.argv[0])) {}

  std::string_view platform() const override { return spec_.platform; }
  std::string_view name() const override { return name_; }
  std::string default_base_url() const override { return {}; }
  AuthSpec auth() const override { return {}; }
  // Scrapers are gentler than APIs: one run a second per collector by default.
  RateSpec default_rate() const override { return {60, 60 * 1000, 0}; }

  std::unique_ptr<AccountTask> start(const Account& account, AccountState state,
                                     const TaskConfig& /*config*/) override {
    return std::make_unique<CommandTask>(parser_, spec_, account, std::move(state));
  }

  std::pair<int64_t, int64_t> estimate(const Account& /*account*/, const AccountState& /*state*/,
                                       const TaskConfig& /*config*/,
                                       int64_t /*pages*/) const override {
    return {1, 0};
  }

 private:
  CollectorSpec spec_;
  std::string name_;
  simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<Adapter> make_command_adapter(CollectorSpec spec) {
  return std::make_unique<CommandAdapter>(std::move(spec));
}

}  // namespace pantau::fetch
