// Running external collectors (yt-dlp, gallery-dl, ...) as transfers, so that they get the same
// scheduling, budgets, timeouts, retries and failure isolation as API requests.
//
// A collector request is an HttpRequest whose URL is "command:" followed by the argument vector,
// arguments separated by single spaces, each percent-encoded for '%' and ' ' only (so the URL
// reads like the command line and can be redacted, recorded and replayed like any other).
// There is no shell: registry values substituted into a template stay single arguments.
//
// The process runs in its own process group with stdin from /dev/null. Its result is an
// HttpResponse: exit status 0 -> status 200; 126/127 (cannot run) -> 400; any other exit ->
// 500; killed by a signal -> 500. Headers "x-exit-status" and, on failure, "x-stderr-tail"
// (the last 500 bytes of stderr) describe it; failure_detail says it in words. A process that
// outlives its timeout is killed (the whole group) and reported as a timed-out transfer.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/fetch/http.h"
#include "pantau/result.h"

namespace pantau::fetch {

inline constexpr std::string_view kCommandScheme = "command:";

// "command:yt-dlp -J https://..." from an argument vector, and back.
std::string command_url(const std::vector<std::string>& argv);
std::vector<std::string> command_argv(std::string_view url);

// Splits a template such as "yt-dlp -J --flat-playlist {url}" into arguments: whitespace
// separates, single and double quotes group, backslash escapes the next character.
Result<std::vector<std::string>> split_command_template(std::string_view text);

class CommandTransport : public Transport {
 public:
  explicit CommandTransport(size_t max_output_bytes = size_t{256} << 20);
  ~CommandTransport() override;
  CommandTransport(const CommandTransport&) = delete;
  CommandTransport& operator=(const CommandTransport&) = delete;

  void start(uint64_t id, HttpRequest request) override;
  void poll(int64_t timeout_ms, std::vector<Completion>* done) override;
  size_t in_flight() const override { return running_.size() + finished_.size(); }

 private:
  struct Process;
  void finish(Process& p, std::vector<Completion>* done);

  size_t max_output_;
  std::vector<std::unique_ptr<Process>> running_;
  std::vector<Completion> finished_;  // failed to start: reported at the next poll
};

// Sends "command:" URLs to `commands` and everything else to `network`.
class MuxTransport : public Transport {
 public:
  MuxTransport(Transport& network, Transport& commands) : network_(network), commands_(commands) {}
  void start(uint64_t id, HttpRequest request) override;
  void poll(int64_t timeout_ms, std::vector<Completion>* done) override;
  size_t in_flight() const override { return network_.in_flight() + commands_.in_flight(); }

 private:
  Transport& network_;
  Transport& commands_;
};

// Runs `argv` to completion (at most `timeout_ms`) and returns the first line of its standard
// output, e.g. for "yt-dlp --version". Errors when it cannot run or exits non-zero.
Result<std::string> command_first_line(const std::vector<std::string>& argv, int64_t timeout_ms);

}  // namespace pantau::fetch
