#include "fake_tiktok_server.h"

#include <httplib.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "fake_platform_server.h"
#include "pantau/time.h"

namespace pantau::fetch::test {
namespace {

constexpr int64_t kDayS = 86400;

void json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=UTF-8");
}

std::string api_error(const std::string& code, const std::string& message) {
  return R"({"data":{},"error":{"code":")" + code + R"(","message":")" + message +
         R"(","log_id":"20240214010203ABCDEF0123456789AB"}})";
}

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// "YYYYMMDD" -> days since the epoch; -1 when malformed.
int64_t day_of(std::string_view s) {
  if (s.size() != 8) return -1;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
  }
  auto num = [&](size_t at, size_t n) { return std::stoi(std::string(s.substr(at, n))); };
  return days_from_civil(num(0, 4), num(4, 2), num(6, 2));
}

std::string form_value(const std::string& body, const std::string& name) {
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t amp = body.find('&', pos);
    std::string part = body.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    size_t eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) {
      return httplib::detail::decode_url(part.substr(eq + 1), true);
    }
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return {};
}

}  // namespace

std::string FakeTiktokServer::video_id(int serial) {
  return std::to_string(7320768196569599275ULL + static_cast<uint64_t>(serial));
}

FakeTiktokServer::FakeTiktokServer(FakeTiktokConfig config)
    : config_(std::move(config)), server_(std::make_unique<httplib::Server>()) {
  server_->new_task_queue = [] { return new httplib::ThreadPool(8); };
  server_->set_tcp_nodelay(true);
  server_->Post("/v2/oauth/token/", [this](const httplib::Request& req, httplib::Response& res) {
    handle_token(req, res);
  });
  server_->Post(
      ".*", [this](const httplib::Request& req, httplib::Response& res) { handle_api(req, res); });
  server_->Get(".*", [](const httplib::Request&, httplib::Response& res) {
    json(res, 405, api_error("invalid_params", "Method not allowed"));
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeTiktokServer::~FakeTiktokServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string FakeTiktokServer::base() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeTiktokServer::set_fault(Fault f) {
  std::lock_guard<std::mutex> lock(mu_);
  fault_ = std::move(f);
}

void FakeTiktokServer::revoke_tokens() {
  std::lock_guard<std::mutex> lock(mu_);
  valid_.clear();
}

std::vector<TiktokHit> FakeTiktokServer::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

std::vector<std::string> FakeTiktokServer::tokens_issued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return issued_;
}

void FakeTiktokServer::handle_token(const httplib::Request& req, httplib::Response& res) {
  ++token_requests_;
  if (req.get_header_value("Content-Type") != "application/x-www-form-urlencoded" ||
      form_value(req.body, "grant_type") != "client_credentials") {
    json(res, 400, R"({"error":"invalid_request","error_description":"bad grant","log_id":"x"})");
    return;
  }
  if (form_value(req.body, "client_key") != config_.client_key ||
      form_value(req.body, "client_secret") != config_.client_secret) {
    json(
        res, 401,
        R"({"error":"invalid_client","error_description":"Client key or secret is incorrect.","log_id":"x"})");
    return;
  }
  std::string token;
  {
    std::lock_guard<std::mutex> lock(mu_);
    token = "clt.fake-access-token-" + std::to_string(issued_.size() + 1) + "-secretish";
    issued_.push_back(token);
    valid_.insert(token);
  }
  json(res, 200,
       R"({"access_token":")" + token + R"(","expires_in":)" + std::to_string(config_.expires_in) +
           R"(,"token_type":"Bearer"})");
}

void FakeTiktokServer::handle_api(const httplib::Request& req, httplib::Response& res) {
  const int64_t n = ++count_;
  TiktokHit hit;
  hit.at_ms = steady_now_ms();
  hit.path = req.path;
  hit.body = req.body;
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) hit.token = auth.substr(7);
  Fault fault;
  bool valid = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    fault = fault_;
    valid = valid_.count(hit.token) > 0;
  }
  auto answer = [&](int status, const std::string& body) {
    json(res, status, body);
    hit.status = status;
  };
  auto record = [&] {
    if (hit.status == 0) hit.status = res.status;
    std::lock_guard<std::mutex> lock(mu_);
    hits_.push_back(hit);
  };
  if (fault && fault(req, res, n)) {
    record();
    return;
  }
  if (!valid) {
    answer(401, api_error("access_token_invalid",
                          "The access token is invalid or not found in the request."));
    record();
    return;
  }
  if (req.get_header_value("Content-Type") != "application/json") {
    answer(400, api_error("invalid_params", "Content-Type must be application/json"));
    record();
    return;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element body;
  if (parser.parse(req.body).get(body)) {
    answer(400, api_error("invalid_params", "Invalid request body"));
    record();
    return;
  }
  const int total = config_.videos + extra_;
  auto time_of = [&](int s) {
    return config_.newest_s + int64_t{s - (config_.videos - 1)} * config_.spacing_s;
  };

  if (req.path == "/v2/research/video/comment/list/") {
    uint64_t video = 0;
    int64_t cursor = 0, max_count = 0;
    if (body["video_id"].get_uint64().get(video) || body["cursor"].get_int64().get(cursor) ||
        body["max_count"].get_int64().get(max_count) || max_count < 1 || max_count > 100) {
      answer(400, api_error("invalid_params", "Invalid count or cursor"));
      record();
      return;
    }
    std::string items;
    const int64_t end = std::min<int64_t>(cursor + max_count, config_.comments_per_video);
    for (int64_t k = cursor; k < end; ++k) {
      if (!items.empty()) items += ",";
      items += R"({"id":)" + std::to_string(video + 1000000 + 1000 * static_cast<uint64_t>(k)) +
               R"(,"video_id":)" + std::to_string(video) + R"(,"parent_comment_id":)" +
               std::to_string(video) + R"(,"text":"comment )" + std::to_string(k) +
               R"(","like_count":0,"create_time":1706745600})";
    }
    answer(200, R"({"data":{"comments":[)" + items + R"(],"cursor":)" +
                    std::to_string(std::max(end, cursor)) + R"(,"has_more":)" +
                    (end < config_.comments_per_video ? "true" : "false") +
                    R"(},"error":{"code":"ok","message":"","log_id":"x"}})");
    record();
    return;
  }
  if (req.path != "/v2/research/video/query/") {
    answer(404, api_error("invalid_params", "no such endpoint"));
    record();
    return;
  }
  std::string_view user, start_s, end_s, search_id;
  int64_t cursor = 0, max_count = 0;
  if (body["query"]["and"].at(0)["field_values"].at(0).get_string().get(user) ||
      body["start_date"].get_string().get(start_s) || body["end_date"].get_string().get(end_s) ||
      body["cursor"].get_int64().get(cursor) || body["max_count"].get_int64().get(max_count)) {
    answer(400, api_error("invalid_params", "Invalid request body"));
    record();
    return;
  }
  if (body["search_id"].get_string().get(search_id)) search_id = {};
  const int64_t start_day = day_of(start_s), end_day = day_of(end_s);
  if (start_day < 0 || end_day < start_day || end_day - start_day > 29 || max_count < 1 ||
      max_count > 100 || cursor < 0) {
    answer(400, api_error("invalid_params", "Invalid count or cursor"));
    record();
    return;
  }
  if (user.rfind("dead", 0) == 0) {
    answer(400, api_error("invalid_params",
                          "Username " + std::string(user) + " is invalid: cannot find the user"));
    record();
    return;
  }
  if (user == "fixture" || user == "nulbytes") {
    const std::string dir = config_.fixtures_dir + "/";
    if (user == "nulbytes") {
      answer(200, slurp(dir + "video_query_unicode_nul_bytes.json"));
    } else if (cursor == 0) {
      answer(200, slurp(dir + "video_query_page1.json"));
    } else if (cursor == 100 && search_id == "7354367454467855403") {
      answer(200, slurp(dir + "video_query_page2_DERIVED.json"));
    } else {
      answer(400, api_error("invalid_params",
                            "Search Id " + std::string(search_id) + " is invalid or expired"));
    }
    record();
    return;
  }
  // Synthetic: the window's videos in a fixed but unsorted order.
  std::vector<int> in_window;
  for (int s = 0; s < total; ++s) {
    const int64_t day = time_of(s) / kDayS;
    if (day >= start_day && day <= end_day) in_window.push_back(s);
  }
  std::sort(in_window.begin(), in_window.end(), [](int a, int b) {
    return (a * 2654435761u) % 1000003u < (b * 2654435761u) % 1000003u;
  });
  const std::string expected_search =
      std::to_string(7000000000000000000LL + start_day * 100000 + end_day);
  if (cursor > 0 && search_id != expected_search) {
    answer(400, api_error("invalid_params",
                          "Search Id " + std::string(search_id) + " is invalid or expired"));
    record();
    return;
  }
  const int64_t end = std::min<int64_t>(cursor + max_count, static_cast<int64_t>(in_window.size()));
  std::string items;
  for (int64_t i = cursor; i < end; ++i) {
    const int s = in_window[static_cast<size_t>(i)];
    if (!items.empty()) items += ",";
    items += R"({"id":)" + video_id(s) + R"(,"username":")" + std::string(user) +
             R"(","create_time":)" + std::to_string(time_of(s)) +
             R"(,"video_description":"video )" + std::to_string(s) +
             R"( #pemilu","comment_count":)" + std::to_string(config_.comments_per_video) +
             R"(,"hashtag_names":["pemilu"]})";
  }
  answer(200, R"({"data":{"videos":[)" + items + R"(],"cursor":)" +
                  std::to_string(std::max(end, cursor)) + R"(,"has_more":)" +
                  (end < static_cast<int64_t>(in_window.size()) ? "true" : "false") +
                  R"(,"search_id":")" + expected_search +
                  R"("},"error":{"code":"ok","message":"","log_id":"x"}})");
  record();
}

}  // namespace pantau::fetch::test
