#include "fake_graph_server.h"

#include <httplib.h>
#include <simdjson.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "pantau/time.h"
#include "test_support.h"

namespace pantau::fetch::test {
namespace {

void json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=UTF-8");
}

// The text between "<open>" and the next ')' after it, or "".
std::string call_argument(const std::string& s, const std::string& open) {
  size_t p = s.find(open);
  if (p == std::string::npos) return {};
  p += open.size();
  size_t close = s.find(')', p);
  return close == std::string::npos ? std::string() : s.substr(p, close - p);
}

std::string new_post(int i) {
  const std::string n = std::to_string(i);
  return R"({"id":"19292868552_99000000000000)" + n + R"(","created_time":"2021-07-10T0)" + n +
         R"(:00:00+0000","message":"new post )" + n +
         R"(","permalink_url":"https://www.facebook.com/19292868552/posts/99000000000000)" + n +
         R"(/","comments":{"data":[],"summary":{"total_count":0}}})";
}

std::string new_media(int i) {
  const std::string n = std::to_string(i);
  return R"({"id":"1799000000000000)" + n + R"(","caption":"new media )" + n +
         R"(","media_type":"IMAGE","permalink":"https://www.instagram.com/p/NEW)" + n +
         R"(/","timestamp":"2021-08-18T0)" + n + R"(:00:00+0000"})";
}

}  // namespace

FakeGraphServer::FakeGraphServer(std::string fixture_dir)
    : dir_(std::move(fixture_dir)), server_(std::make_unique<httplib::Server>()) {
  server_->new_task_queue = [] { return new httplib::ThreadPool(8); };
  server_->set_tcp_nodelay(true);
  server_->Get(".*",
               [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
  port_ = server_->bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeGraphServer::~FakeGraphServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string FakeGraphServer::base() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v19.0";
}

void FakeGraphServer::set_fault(Fault f) {
  std::lock_guard<std::mutex> lock(mu_);
  fault_ = std::move(f);
}

void FakeGraphServer::set_app_usage(std::string json) {
  std::lock_guard<std::mutex> lock(mu_);
  app_usage_ = std::move(json);
}

std::vector<GraphHit> FakeGraphServer::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

std::string FakeGraphServer::fixture(const std::string& name) const {
  std::string body = pantau::test::read_file(dir_ + "/" + name);
  if (body.empty()) {
    std::cerr << "missing fixture " << dir_ << "/" << name << "\n";
    std::abort();
  }
  return body;
}

void FakeGraphServer::handle(const httplib::Request& req, httplib::Response& res) {
  const int64_t n = ++count_;
  GraphHit hit;
  hit.at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now().time_since_epoch())
                  .count();
  hit.path = req.path;
  hit.access_token = req.get_param_value("access_token");
  std::string q;
  for (const auto& [k, v] : req.params) q += (q.empty() ? "?" : "&") + k + "=" + v;
  hit.path += q;
  Fault fault;
  std::string usage;
  {
    std::lock_guard<std::mutex> lock(mu_);
    hits_.push_back(hit);
    fault = fault_;
    usage = app_usage_;
  }
  if (fault && fault(req, res, n)) return;
  if (!usage.empty()) res.set_header("X-App-Usage", usage);

  const std::string& path = req.path;
  const int fresh = new_posts_;
  simdjson::dom::parser parser;
  auto ends_with = [&](const std::string& tail) {
    return path.size() > tail.size() &&
           path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
  };

  // --- Facebook Page posts ---------------------------------------------------------------
  if (ends_with("/posts")) {
    const std::string page = path.substr(7, path.size() - 7 - 6);  // "/v19.0/" ... "/posts"
    if (page != "FacebookforDevelopers" && page != "19292868552") {
      json(res, 400, fixture("fb_error_803_unknown_alias.json"));
      return;
    }
    const std::string after = req.get_param_value("after");
    if (!after.empty() && after != "after") {
      json(res, 400, fixture("fb_error_100_missing_permission.json"));
      return;
    }
    std::string body = fixture(after.empty() ? "fb_page_feed_full_fields_page1.json"
                                             : "fb_page_feed_full_fields_page2.json");
    const std::string since_text = req.get_param_value("since");
    if (fresh == 0 && since_text.empty()) {
      json(res, 200, body);
      return;
    }
    // Rebuilt: the new posts on top, then the fixture's posts at or after since.
    const int64_t since_ms = since_text.empty() ? 0 : std::stoll(since_text) * 1000;
    simdjson::dom::element doc = parser.parse(body).value();
    std::string items;
    if (after.empty()) {
      for (int i = fresh; i >= 1; --i) items += (items.empty() ? "" : ",") + new_post(i);
    }
    bool dropped = false;
    for (simdjson::dom::element it : doc["data"].get_array()) {
      auto t = pantau::parse_datetime(std::string_view(it["created_time"].get_string()));
      if (since_ms > 0 && t && *t < since_ms) {
        dropped = true;
        continue;
      }
      items += (items.empty() ? "" : ",") + simdjson::minify(it);
    }
    // Graph pages no further than since.
    std::string paging =
        dropped ? R"({"cursors":{"before":"before"}})" : simdjson::minify(doc["paging"].value());
    json(res, 200, R"({"data":[)" + items + R"(],"paging":)" + paging + "}");
    return;
  }
  // --- Facebook comments -------------------------------------------------------------------
  if (ends_with("/comments")) {
    const std::string after = req.get_param_value("after");
    json(res, 200,
         fixture(after.empty() ? "fb_post_comments_page1.json" : "fb_post_comments_page2.json"));
    return;
  }
  // --- Instagram business_discovery --------------------------------------------------------
  const std::string fields = req.get_param_value("fields");
  if (fields.rfind("business_discovery", 0) == 0) {
    const std::string user = call_argument(fields, "username(");
    if (user != "facebookfordevelopers") {
      json(res, 400, fixture("ig_error_110_2207013_user_not_found.json"));
      return;
    }
    const std::string after = call_argument(fields, ".after(");
    std::string body = fixture(after.empty() ? "ig_business_discovery_media_page1.json"
                                             : "ig_business_discovery_media_page2.json");
    if (fresh == 0 || !after.empty()) {
      json(res, 200, body);
      return;
    }
    simdjson::dom::element doc = parser.parse(body).value();
    simdjson::dom::element bd = doc["business_discovery"].value();
    std::string items;
    for (int i = fresh; i >= 1; --i) items += (items.empty() ? "" : ",") + new_media(i);
    for (simdjson::dom::element it : bd["media"]["data"].get_array()) {
      items += "," + simdjson::minify(it);
    }
    json(res, 200,
         R"({"business_discovery":{"id":")" + std::string(bd["id"].get_string().value()) +
             R"(","username":"facebookfordevelopers","media":{"data":[)" + items +
             R"(],"paging":)" + simdjson::minify(bd["media"]["paging"].value()) + R"(}},"id":")" +
             std::string(doc["id"].get_string().value()) + R"("})");
    return;
  }
  json(res, 400,
       R"({"error":{"message":"Unknown path components","type":"OAuthException","code":2500}})");
}

}  // namespace pantau::fetch::test
