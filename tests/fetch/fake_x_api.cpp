#include "fake_x_api.h"

#include <httplib.h>
#include <simdjson.h>

#include <chrono>

#include "pantau/time.h"

namespace pantau::fetch::test {
namespace {

// Decimal ids compare by length, then digits.
bool id_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

// id + k for a decimal id (enough digits for snowflakes: carry through the string).
std::string id_plus(std::string id, int k) {
  int carry = k;
  for (size_t i = id.size(); i > 0 && carry > 0; --i) {
    int d = id[i - 1] - '0' + carry;
    id[i - 1] = static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  if (carry > 0) id.insert(0, std::to_string(carry));
  return id;
}

void replace_all(std::string* s, const std::string& from, const std::string& to) {
  for (size_t p = s->find(from); p != std::string::npos; p = s->find(from, p + to.size())) {
    s->replace(p, from.size(), to);
  }
}

EpochMillis time_of(const std::string& s) {
  auto t = parse_datetime(s);
  return t ? *t : 0;
}

void problem(httplib::Response& res, const std::string& body) {
  res.status = 200;
  res.set_content(body, "application/json; charset=utf-8");
}

}  // namespace

FakeXApi::FakeXApi(const std::string& fixture_page) {
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(fixture_page).value();
  for (simdjson::dom::element t : doc["data"].get_array()) {
    tweets_.push_back({std::string(t["id"].get_string().value()),
                       std::string(t["created_at"].get_string().value()), simdjson::minify(t)});
  }
  includes_ = simdjson::minify(doc["includes"]);
}

void FakeXApi::add_posts(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  for (int i = 0; i < n; ++i) {
    Tweet t = tweets_.front();
    const std::string id = id_plus(t.id, 1000);
    replace_all(&t.json, "\"" + t.id + "\"", "\"" + id + "\"");
    t.id = id;
    tweets_.insert(tweets_.begin(), std::move(t));
  }
}

std::vector<std::string> FakeXApi::ids() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (const auto& t : tweets_) out.push_back(t.id);
  return out;
}

void FakeXApi::set_remaining(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  remaining_ = n;
}

bool FakeXApi::serve(const httplib::Request& req, httplib::Response& res) {
  const std::string& path = req.path;
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  res.set_header("x-rate-limit-limit", "1500");
  res.set_header("x-rate-limit-remaining", std::to_string(remaining_));
  res.set_header("x-rate-limit-reset", std::to_string(remaining_ > 0 ? now_s + 900 : now_s + 2));

  const std::string lookup = "/2/users/by/username/";
  if (path.rfind(lookup, 0) == 0) {
    const std::string name = path.substr(lookup.size());
    if (name.rfind("dead", 0) == 0) {
      problem(res, R"({"errors":[{"value":")" + name +
                       R"(","detail":"Could not find user with username: [)" + name +
                       R"(].","title":"Not Found Error","resource_type":"user",)"
                       R"("parameter":"username","resource_id":")" +
                       name +
                       R"(","type":"https://api.twitter.com/2/problems/resource-not-found"}]})");
      return true;
    }
    if (name.rfind("gone", 0) == 0) {
      problem(res, R"({"errors":[{"value":")" + name + R"(","detail":"User has been suspended: [)" +
                       name +
                       R"(].","title":"Forbidden","resource_type":"user",)"
                       R"("parameter":"username","resource_id":")" +
                       name +
                       R"(","type":"https://api.twitter.com/2/problems/resource-not-found"}]})");
      return true;
    }
    std::string id = name == "locked" ? "3" : kUserId;
    problem(res, R"({"data":{"id":")" + id + R"(","name":"Philly","username":")" + name +
                     R"(","protected":)" + (name == "locked" ? "true" : "false") + "}}");
    return true;
  }
  if (path.rfind("/2/users/", 0) != 0 || path.size() < 16 ||
      path.substr(path.size() - 7) != "/tweets") {
    return false;
  }
  const std::string user = path.substr(9, path.size() - 9 - 7);
  if (user == "3") {
    problem(res, R"({"errors":[{"parameter":"id","resource_id":"3","value":"3",)"
                 R"("detail":"Sorry, you are not authorized to see the user with id: [3].",)"
                 R"("title":"Authorization Error","resource_type":"user",)"
                 R"("type":"https://api.twitter.com/2/problems/not-authorized-for-resource"}]})");
    return true;
  }
  const std::string since_id = req.get_param_value("since_id");
  const std::string token = req.get_param_value("pagination_token");
  const EpochMillis start =
      req.has_param("start_time") ? time_of(req.get_param_value("start_time")) : 0;
  const EpochMillis end = req.has_param("end_time") ? time_of(req.get_param_value("end_time")) : 0;
  const int max = req.has_param("max_results") ? std::stoi(req.get_param_value("max_results")) : 10;
  if (max < 5 || max > 100 || (!token.empty() && token.rfind("nt", 0) != 0)) {
    res.status = 400;
    res.set_content(
        R"({"title":"Invalid Request","type":"https://api.twitter.com/2/problems/invalid-request"})",
        "application/problem+json");
    return true;
  }
  const std::string below = token.empty() ? std::string() : token.substr(2);  // at or below
  std::string data, newest, oldest, next;
  int n = 0;
  for (const Tweet& t : tweets_) {
    if (!since_id.empty() && !id_less(since_id, t.id)) continue;
    if (!below.empty() && id_less(below, t.id)) continue;
    const EpochMillis when = time_of(t.created_at);
    if ((start > 0 && when < start) || (end > 0 && when >= end)) continue;
    if (n == max) {
      next = "nt" + t.id;
      break;
    }
    if (!data.empty()) data += ",";
    data += t.json;
    if (newest.empty()) newest = t.id;
    oldest = t.id;
    ++n;
  }
  if (n == 0) {
    problem(res, R"({"meta":{"result_count":0}})");
    return true;
  }
  std::string meta = R"({"newest_id":")" + newest + R"(","oldest_id":")" + oldest +
                     R"(","result_count":)" + std::to_string(n);
  if (!next.empty()) meta += R"(,"next_token":")" + next + "\"";
  problem(res,
          R"({"data":[)" + data + R"(],"includes":)" + includes_ + R"(,"meta":)" + meta + "}}");
  return true;
}

}  // namespace pantau::fetch::test
