#include "pantau/fetch/exchange_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "pantau/fetch/redact.h"
#include "pantau/fetch/url.h"
#include "pantau/file_io.h"
#include "pantau/sha256.h"

namespace pantau::fetch {
namespace {

// Splits at the first empty line ("\n\n" or "\r\n\r\n"); *rest gets what follows.
std::string_view split_block(std::string_view text, std::string_view* rest) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) break;
    size_t next = nl + 1;
    if (next < text.size() && text[next] == '\n') {
      *rest = text.substr(next + 1);
      return text.substr(0, nl);
    }
    if (next + 1 < text.size() && text[next] == '\r' && text[next + 1] == '\n') {
      *rest = text.substr(next + 2);
      return text.substr(0, nl);
    }
    pos = next;
  }
  *rest = {};
  return text;
}

}  // namespace

std::string canonical_request_line(std::string_view method, std::string_view url) {
  std::string redacted = redact_url(url);
  size_t q = redacted.find('?');
  std::string line(method);
  line.push_back(' ');
  if (q == std::string::npos) return line + redacted;
  size_t hash = redacted.find('#', q);
  std::string_view query = std::string_view(redacted).substr(
      q + 1, hash == std::string::npos ? std::string::npos : hash - q - 1);
  QueryParams params = parse_query(query);
  std::stable_sort(params.begin(), params.end());
  return line + redacted.substr(0, q) + "?" + build_query(params);
}

std::string exchange_key(std::string_view method, std::string_view url, std::string_view body) {
  std::string key = canonical_request_line(method, url);
  if (body.empty()) return key;
  // One line per body keeps the files editable by hand; a body with line breaks (none of ours
  // has any) is named by its hash instead.
  if (body.find_first_of("\r\n") == std::string_view::npos) {
    return key + "\nrequest-body: " + std::string(body);
  }
  return key + "\nrequest-body-sha256: " + sha256_hex(body);
}

std::string exchange_file_name(std::string_view request_line) {
  return sha256_hex(request_line).substr(0, 32) + ".http";
}

std::string format_exchange(std::string_view request_line, const HttpResponse& r) {
  std::string out(request_line);
  out += "\n";
  if (r.received_at > 0) out += "fetched-at: " + format_rfc3339(r.received_at) + "\n";
  out += "\nHTTP/1.1 " + std::to_string(r.status) + "\n";
  for (const auto& [name, value] : r.headers) {
    if (name == "set-cookie") continue;  // session cookies are credentials too
    out += name + ": " + value + "\n";
  }
  out += "\n";
  out += r.body;
  return out;
}

Result<Exchange> parse_exchange(std::string_view text) {
  Exchange ex;
  std::string_view rest;
  std::string_view request = split_block(text, &rest);
  size_t nl = request.find('\n');
  std::string_view first = request.substr(0, nl);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  size_t sp = first.find(' ');
  if (sp == std::string_view::npos) return Error::invalid("first line is not 'METHOD URL'");
  ex.request_line = canonical_request_line(first.substr(0, sp), trim(first.substr(sp + 1)));
  std::string body_line;
  if (nl != std::string_view::npos) {
    int ignored = 0;
    Headers meta;
    // The request block's other lines are "name: value" metadata.
    std::string fake_head = "HTTP/1.1 200\n" + std::string(request.substr(nl + 1));
    if (parse_response_head(fake_head, &ignored, &meta)) {
      for (const auto& [n, v] : meta) {
        if (n == "fetched-at") {
          auto t = parse_datetime(v);
          if (!t) return Error::invalid("fetched-at is not an RFC 3339 time");
          ex.response.received_at = *t;
        } else if (n == "request-body" || n == "request-body-sha256") {
          body_line = "\n" + n + ": " + v;
        }
      }
    }
  }
  ex.request_line += body_line;
  std::string_view body;
  std::string_view head = split_block(rest, &body);
  if (!parse_response_head(head, &ex.response.status, &ex.response.headers)) {
    return Error::invalid("no 'HTTP/1.1 STATUS' response line after the request block");
  }
  ex.response.body = std::string(body);
  return ex;
}

Result<std::unique_ptr<ReplayTransport>> ReplayTransport::open(const std::string& dir) {
  std::unique_ptr<ReplayTransport> t(new ReplayTransport());
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return Error::io(dir + ": " + std::strerror(errno));
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 5 && n.substr(n.size() - 5) == ".http") names.push_back(n);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());  // a duplicate request resolves the same way each run
  EpochMillis start = 0;
  for (const auto& n : names) {
    const std::string path = dir + "/" + n;
    auto text = read_file(path);
    if (!text) return text.error();
    auto ex = parse_exchange(*text);
    if (!ex) return Error::invalid(path + ": " + ex.error().message);
    if (ex->response.received_at > 0 && (start == 0 || ex->response.received_at < start)) {
      start = ex->response.received_at;
    }
    t->exchanges_[ex->request_line] = std::move(ex->response);
  }
  t->clock_ = std::make_unique<ReplayClock>(start > 0 ? start : now_millis());
  return t;
}

void ReplayTransport::start(uint64_t id, HttpRequest request) {
  Completion c;
  c.id = id;
  const std::string line = exchange_key(request.method, request.url, request.body);
  auto it = exchanges_.find(line);
  if (it == exchanges_.end()) {
    std::string shown = line;
    std::replace(shown.begin(), shown.end(), '\n', ' ');
    c.response.transport_error = "no recorded exchange for " + shown;
    c.response.permanent = true;
  } else {
    c.response = it->second;
    if (c.response.received_at == 0) c.response.received_at = clock_->wall_ms();
  }
  ready_.push_back(std::move(c));
}

void ReplayTransport::poll(int64_t timeout_ms, std::vector<Completion>* done) {
  if (ready_.empty() && timeout_ms > 0) {
    // Nothing in flight: the engine is waiting for a budget or a backoff. No server to wait for:
    // virtual time moves on instead (clock.h).
    clock_->advance(timeout_ms);
  }
  for (auto& c : ready_) done->push_back(std::move(c));
  ready_.clear();
}

RecordingTransport::RecordingTransport(Transport& inner, std::string dir)
    : inner_(inner), dir_(std::move(dir)) {
  ::mkdir(dir_.c_str(), 0755);
}

void RecordingTransport::start(uint64_t id, HttpRequest request) {
  if (request.sensitive) {  // a token exchange: not written anywhere
    inner_.start(id, std::move(request));
    return;
  }
  lines_[id] = exchange_key(request.method, request.url, request.body);
  std::vector<std::string> secrets = secrets_in_url(request.url);
  for (const auto& [name, value] : request.headers) {
    if (name == "authorization" && value.rfind("Bearer ", 0) == 0)
      secrets.push_back(value.substr(7));
  }
  if (!secrets.empty()) secrets_[id] = std::move(secrets);
  inner_.start(id, std::move(request));
}

void RecordingTransport::poll(int64_t timeout_ms, std::vector<Completion>* done) {
  const size_t first = done->size();
  inner_.poll(timeout_ms, done);
  for (size_t i = first; i < done->size(); ++i) {
    const Completion& c = (*done)[i];
    auto it = lines_.find(c.id);
    if (it == lines_.end()) continue;
    auto secrets = secrets_.find(c.id);
    if (!c.response.transport_failed() && status_.ok()) {
      std::string text = format_exchange(it->second, c.response);
      // Bodies may echo the credential (Graph's paging.next URLs carry access_token).
      if (secrets != secrets_.end()) text = redact_known(text, secrets->second);
      Status s = write_file_atomic(dir_ + "/" + exchange_file_name(it->second), text);
      if (!s.ok()) status_ = s;
    }
    if (secrets != secrets_.end()) secrets_.erase(secrets);
    lines_.erase(it);
  }
}

}  // namespace pantau::fetch
