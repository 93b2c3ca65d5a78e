#include "fake_platform_server.h"

#include <httplib.h>

#include <chrono>
#include <string>

namespace pantau::fetch::test {
namespace {

std::string iso(int64_t ms) {
  const int64_t secs = ms / 1000;
  const int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  // civil_from_days (Howard Hinnant), enough for test times after 1970.
  int64_t z = days + 719468;
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.000Z",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                static_cast<long long>(rem % 60));
  return buf;
}

// "s<serial>" cursors: the page starts below that serial.
int cursor_start(const std::string& token, int total) {
  if (token.size() > 1 && token[0] == 's') return std::stoi(token.substr(1));
  return total;
}

void json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

}  // namespace

int64_t steady_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

FakePlatformServer::FakePlatformServer(FakeConfig config)
    : config_(config), server_(std::make_unique<httplib::Server>()) {
  const int threads = config_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_keep_alive_max_count(100000);
  server_->set_keep_alive_timeout(30);
  // Headers and body go out in separate writes; without this, Nagle waits for a delayed ACK.
  server_->set_tcp_nodelay(true);
  server_->Get(".*",
               [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
  // POST APIs (TikTok's token and video query) are answered by a fault handler only.
  server_->Post(".*",
                [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
  port_ = server_->bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakePlatformServer::~FakePlatformServer() { stop(); }

void FakePlatformServer::stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

void FakePlatformServer::wait() {
  if (thread_.joinable()) thread_.join();
}

std::string FakePlatformServer::base() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakePlatformServer::set_fault(Fault f) {
  std::lock_guard<std::mutex> lock(mu_);
  fault_ = std::move(f);
}

std::vector<Hit> FakePlatformServer::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

void FakePlatformServer::handle(const httplib::Request& req, httplib::Response& res) {
  const int64_t n = ++count_;
  Hit hit{steady_now_ms(), req.path, req.get_param_value("key")};
  if (!req.params.empty()) {
    std::string q;
    for (const auto& [k, v] : req.params) q += (q.empty() ? "?" : "&") + k + "=" + v;
    hit.path += q;
  }
  const std::string auth = req.get_header_value("Authorization");
  if (hit.auth.empty() && auth.rfind("Bearer ", 0) == 0) hit.auth = auth.substr(7);
  Fault fault;
  {
    std::lock_guard<std::mutex> lock(mu_);
    hits_.push_back(hit);
    fault = fault_;
  }
  if (config_.delay_ms > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(config_.delay_ms));
  if (fault && fault(req, res, n)) return;

  const int total = total_items();
  const int per_page = config_.per_page;
  const std::string& path = req.path;
  auto page_of = [&](int start, int limit, auto&& item) {
    std::string items;
    int s = std::min(start, total) - 1;
    int emitted = 0;
    for (; s >= 0 && emitted < limit; --s, ++emitted) {
      if (!items.empty()) items += ",";
      items += item(s);
    }
    return std::make_pair(items, s);  // s: serial below the page (-1 at the end)
  };
  auto time_of = [&](int serial) { return iso(config_.base_time_ms + int64_t{serial} * 60000); };
  auto limit_param = [&](const char* name, int dflt) {
    const std::string v = req.get_param_value(name);
    return std::min(v.empty() ? dflt : std::stoi(v), per_page);
  };

  // --- YouTube Data API v3 -------------------------------------------------------------
  if (path.size() >= 9 && path.substr(path.size() - 9) == "/channels") {
    std::string name = req.get_param_value("forHandle");
    if (!name.empty() && name[0] == '@') name = name.substr(1);
    if (name.empty()) name = req.get_param_value("forUsername");
    if (name.empty()) {
      name = req.get_param_value("id");
      if (name.rfind("UC", 0) == 0) name = name.substr(2);
    }
    if (name.rfind("dead", 0) == 0) {
      json(
          res, 200,
          R"({"kind":"youtube#channelListResponse","pageInfo":{"totalResults":0,"resultsPerPage":1}})");
      return;
    }
    json(res, 200,
         R"({"kind":"youtube#channelListResponse","items":[{"kind":"youtube#channel","id":"UC)" +
             name + R"(","snippet":{"title":")" + name + R"(","customUrl":"@)" + name +
             R"("},"contentDetails":{"relatedPlaylists":{"likes":"","uploads":"UU)" + name +
             R"("}}}]})");
    return;
  }
  if (path.size() >= 14 && path.substr(path.size() - 14) == "/playlistItems") {
    const std::string name = req.get_param_value("playlistId").substr(2);
    const int start = cursor_start(req.get_param_value("pageToken"), total);
    auto [items, below] = page_of(start, limit_param("maxResults", 50), [&](int s) {
      const std::string vid = name + "_" + std::to_string(s);
      return R"({"kind":"youtube#playlistItem","id":"PI)" + vid +
             R"(","snippet":{"publishedAt":")" + time_of(s) + R"(","channelId":"UC)" + name +
             R"(","title":"video )" + std::to_string(s) +
             R"(","resourceId":{"kind":"youtube#video","videoId":")" + vid +
             R"("}},"contentDetails":{"videoId":")" + vid + R"(","videoPublishedAt":")" +
             time_of(s) + R"("}})";
    });
    std::string next =
        below >= 0 ? R"("nextPageToken":"s)" + std::to_string(below + 1) + R"(",)" : "";
    json(res, 200,
         R"({"kind":"youtube#playlistItemListResponse",)" + next +
             R"("pageInfo":{"totalResults":)" + std::to_string(total) +
             R"(,"resultsPerPage":50},"items":[)" + items + "]}");
    return;
  }
  if (path.size() >= 7 && path.substr(path.size() - 7) == "/videos") {
    std::string ids = req.get_param_value("id");
    std::string items;
    size_t pos = 0;
    while (pos <= ids.size()) {
      size_t comma = ids.find(',', pos);
      std::string id =
          ids.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      if (!id.empty()) {
        if (!items.empty()) items += ",";
        items += R"({"kind":"youtube#video","id":")" + id +
                 R"(","snippet":{"title":"t","description":"d"},"statistics":{"viewCount":"1"}})";
      }
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    json(res, 200, R"({"kind":"youtube#videoListResponse","items":[)" + items + "]}");
    return;
  }
  if (path.size() >= 15 && path.substr(path.size() - 15) == "/commentThreads") {
    json(res, 200, R"({"kind":"youtube#commentThreadListResponse","items":[]})");
    return;
  }
  // --- Mastodon -------------------------------------------------------------------------
  if (path == "/api/v1/accounts/lookup") {
    const std::string acct = req.get_param_value("acct");
    if (acct.rfind("dead", 0) == 0) {
      json(res, 404, R"({"error":"Record not found"})");
      return;
    }
    json(res, 200,
         R"({"id":")" + acct + R"(","username":")" + acct + R"(","acct":")" + acct + R"("})");
    return;
  }
  if (path.rfind("/api/v1/accounts/", 0) == 0 && path.size() > 9 &&
      path.substr(path.size() - 9) == "/statuses") {
    const std::string id = path.substr(17, path.size() - 17 - 9);
    const std::string max_id = req.get_param_value("max_id");
    const int start = max_id.empty() ? total : std::stoi(max_id) - 1000000;
    auto [items, below] = page_of(start, limit_param("limit", 40), [&](int s) {
      return R"({"id":")" + std::to_string(1000000 + s) + R"(","created_at":")" + time_of(s) +
             R"(","content":"<p>post )" + std::to_string(s) + R"(</p>","account":{"id":")" + id +
             R"(","acct":")" + id + R"("}})";
    });
    if (below >= 0) {
      res.set_header("Link", "<" + base() + "/api/v1/accounts/" + id +
                                 "/statuses?limit=" + req.get_param_value("limit") + "&max_id=" +
                                 std::to_string(1000000 + below + 1) + R"(>; rel="next")");
    }
    res.set_header("X-RateLimit-Limit", "300");
    res.set_header("X-RateLimit-Remaining", "299");
    json(res, 200, "[" + items + "]");
    return;
  }
  // --- Bluesky --------------------------------------------------------------------------
  if (path == "/xrpc/app.bsky.feed.getAuthorFeed") {
    std::string actor = req.get_param_value("actor");
    if (actor.rfind("did:plc:", 0) == 0) actor = actor.substr(8);
    if (actor.rfind("dead", 0) == 0) {
      json(res, 400, R"({"error":"InvalidRequest","message":"Profile not found"})");
      return;
    }
    const int start = cursor_start(req.get_param_value("cursor"), total);
    auto [items, below] = page_of(start, limit_param("limit", 100), [&](int s) {
      return R"({"post":{"uri":"at://did:plc:)" + actor + "/app.bsky.feed.post/" +
             std::to_string(s) + R"(","cid":"c","author":{"did":"did:plc:)" + actor +
             R"(","handle":")" + actor + R"("},"record":{"text":"post","createdAt":")" +
             time_of(s) + R"("},"indexedAt":")" + time_of(s) + R"("}})";
    });
    std::string cursor = below >= 0 ? R"(,"cursor":"s)" + std::to_string(below + 1) + R"(")" : "";
    json(res, 200, R"({"feed":[)" + items + "]" + cursor + "}");
    return;
  }
  json(res, 404, R"({"error":"no such endpoint"})");
}

}  // namespace pantau::fetch::test
