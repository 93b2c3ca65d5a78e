#include "pantau/fetch/command_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "pantau/fetch/url.h"
#include "pantau/time.h"

extern char** environ;

namespace pantau::fetch {
namespace {

constexpr size_t kStderrTail = 500;

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string encode_arg(std::string_view a) {
  std::string out;
  for (char c : a) {
    if (c == '%') {
      out += "%25";
    } else if (c == ' ') {
      out += "%20";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

struct CommandTransport::Process {
  uint64_t id = 0;
  pid_t pid = -1;
  int out_fd = -1;
  int err_fd = -1;
  int64_t deadline = 0;
  int64_t timeout_ms = 0;
  std::string out;
  std::string err;
  bool too_big = false;
  bool timed_out = false;
};

std::string command_url(const std::vector<std::string>& argv) {
  std::string url(kCommandScheme);
  for (size_t i = 0; i < argv.size(); ++i) {
    if (i > 0) url.push_back(' ');
    url += encode_arg(argv[i]);
  }
  return url;
}

std::vector<std::string> command_argv(std::string_view url) {
  std::vector<std::string> argv;
  if (url.substr(0, kCommandScheme.size()) != kCommandScheme) return argv;
  url.remove_prefix(kCommandScheme.size());
  while (!url.empty()) {
    size_t sp = url.find(' ');
    argv.push_back(percent_decode(url.substr(0, sp), false));
    if (sp == std::string_view::npos) break;
    url.remove_prefix(sp + 1);
  }
  return argv;
}

Result<std::vector<std::string>> split_command_template(std::string_view text) {
  std::vector<std::string> argv;
  std::string cur;
  bool in_arg = false;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < text.size()) {
        cur.push_back(text[++i]);
      } else {
        cur.push_back(c);
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      in_arg = true;
    } else if (c == '\\' && i + 1 < text.size()) {
      cur.push_back(text[++i]);
      in_arg = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_arg) argv.push_back(std::move(cur));
      cur.clear();
      in_arg = false;
    } else {
      cur.push_back(c);
      in_arg = true;
    }
  }
  if (quote != 0) return Error::invalid("unterminated quote in command template");
  if (in_arg) argv.push_back(std::move(cur));
  if (argv.empty()) return Error::invalid("empty command template");
  return argv;
}

CommandTransport::CommandTransport(size_t max_output_bytes) : max_output_(max_output_bytes) {}

CommandTransport::~CommandTransport() {
  for (auto& p : running_) {
    ::kill(-p->pid, SIGKILL);
    ::waitpid(p->pid, nullptr, 0);
    if (p->out_fd >= 0) ::close(p->out_fd);
    if (p->err_fd >= 0) ::close(p->err_fd);
  }
}

void CommandTransport::start(uint64_t id, HttpRequest request) {
  const std::vector<std::string> argv = command_argv(request.url);
  auto fail = [&](const std::string& why) {
    Completion c;
    c.id = id;
    c.response.transport_error = why;
    c.response.permanent = true;
    c.response.received_at = now_millis();
    finished_.push_back(std::move(c));
  };
  if (argv.empty()) {
    fail("not a command");
    return;
  }
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    fail(std::string("pipe: ") + std::strerror(errno));
    return;
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    fail(std::string("pipe: ") + std::strerror(errno));
    return;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so a timeout kills the collector and whatever it started (ffmpeg).
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, args[0], &fa, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  ::close(err[1]);
  if (rc != 0) {
    ::close(out[0]);
    ::close(err[0]);
    // A collector that is not installed will not appear by retrying.
    fail("cannot run " + argv[0] + ": " + std::strerror(rc));
    return;
  }
  ::fcntl(out[0], F_SETFL, O_NONBLOCK);
  ::fcntl(err[0], F_SETFL, O_NONBLOCK);
  auto p = std::make_unique<Process>();
  p->id = id;
  p->pid = pid;
  p->out_fd = out[0];
  p->err_fd = err[0];
  p->timeout_ms = request.timeout_ms;
  p->deadline = steady_ms() + request.timeout_ms;
  running_.push_back(std::move(p));
}

void CommandTransport::finish(Process& p, std::vector<Completion>* done) {
  int wstatus = 0;
  while (::waitpid(p.pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  Completion c;
  c.id = p.id;
  HttpResponse& r = c.response;
  r.received_at = now_millis();
  if (p.timed_out || p.too_big) {
    r.timed_out = p.timed_out;
    r.transport_error = p.timed_out ? "collector still running after " +
                                          std::to_string(p.timeout_ms / 1000) + " s: killed"
                                    : "collector output larger than the limit";
    done->push_back(std::move(c));
    return;
  }
  int exit_status = -1;
  if (WIFEXITED(wstatus)) exit_status = WEXITSTATUS(wstatus);
  std::string tail = p.err.size() > kStderrTail ? p.err.substr(p.err.size() - kStderrTail) : p.err;
  for (char& ch : tail) {
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  }
  tail = std::string(trim(tail));
  r.headers.emplace_back("x-exit-status", std::to_string(exit_status));
  if (exit_status == 0) {
    r.status = 200;
  } else {
    r.status = exit_status == 126 || exit_status == 127 ? 400 : 500;
    r.headers.emplace_back("x-stderr-tail", tail);
    r.failure_detail = WIFSIGNALED(wstatus)
                           ? "collector killed by signal " + std::to_string(WTERMSIG(wstatus))
                           : "collector exited with status " + std::to_string(exit_status);
    if (!tail.empty()) r.failure_detail += ": " + tail;
  }
  r.body = std::move(p.out);
  done->push_back(std::move(c));
}

void CommandTransport::poll(int64_t timeout_ms, std::vector<Completion>* done) {
  for (auto& c : finished_) done->push_back(std::move(c));
  finished_.clear();
  if (running_.empty()) {
    if (done->empty() && timeout_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(timeout_ms, 1000)));
    }
    return;
  }
  const int64_t now = steady_ms();
  int64_t wait = done->empty() ? timeout_ms : 0;
  std::vector<pollfd> fds;
  for (auto& p : running_) {
    wait = std::min(wait, std::max<int64_t>(0, p->deadline - now));
    if (p->out_fd >= 0) fds.push_back({p->out_fd, POLLIN, 0});
    if (p->err_fd >= 0) fds.push_back({p->err_fd, POLLIN, 0});
  }
  if (!fds.empty()) ::poll(fds.data(), fds.size(), static_cast<int>(std::min<int64_t>(wait, 1000)));
  char buf[65536];
  auto drain = [&](Process& p, int* fd, std::string* into, bool capped) {
    for (;;) {
      ssize_t n = ::read(*fd, buf, sizeof buf);
      if (n > 0) {
        if (capped && into->size() + static_cast<size_t>(n) > max_output_) {
          p.too_big = true;
          return;
        }
        into->append(buf, static_cast<size_t>(n));
        // Only the end of stderr is ever shown; keep it bounded.
        if (!capped && into->size() > 4 * kStderrTail) into->erase(0, into->size() - kStderrTail);
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        ::close(*fd);
        *fd = -1;
      }
      return;
    }
  };
  const int64_t after = steady_ms();
  for (auto it = running_.begin(); it != running_.end();) {
    Process& p = **it;
    if (p.out_fd >= 0) drain(p, &p.out_fd, &p.out, true);
    if (p.err_fd >= 0) drain(p, &p.err_fd, &p.err, false);
    const bool expired = after >= p.deadline;
    if ((expired || p.too_big) && (p.out_fd >= 0 || p.err_fd >= 0)) {
      p.timed_out = expired && !p.too_big;
      ::kill(-p.pid, SIGKILL);
      if (p.out_fd >= 0) ::close(p.out_fd);
      if (p.err_fd >= 0) ::close(p.err_fd);
      p.out_fd = p.err_fd = -1;
    }
    if (p.out_fd < 0 && p.err_fd < 0) {
      finish(p, done);
      it = running_.erase(it);
    } else {
      ++it;
    }
  }
}

void MuxTransport::start(uint64_t id, HttpRequest request) {
  if (std::string_view(request.url).substr(0, kCommandScheme.size()) == kCommandScheme) {
    commands_.start(id, std::move(request));
  } else {
    network_.start(id, std::move(request));
  }
}

void MuxTransport::poll(int64_t timeout_ms, std::vector<Completion>* done) {
  const bool net = network_.in_flight() > 0;
  const bool cmd = commands_.in_flight() > 0;
  if (net && cmd) {
    // Both kinds busy: alternate in short slices so neither waits on the other.
    network_.poll(std::min<int64_t>(timeout_ms, 10), done);
    commands_.poll(done->empty() ? std::min<int64_t>(timeout_ms, 10) : 0, done);
  } else if (cmd) {
    commands_.poll(timeout_ms, done);
  } else {
    network_.poll(timeout_ms, done);
  }
}

Result<std::string> command_first_line(const std::vector<std::string>& argv, int64_t timeout_ms) {
  CommandTransport t(size_t{1} << 20);
  HttpRequest req;
  req.url = command_url(argv);
  req.timeout_ms = timeout_ms;
  t.start(1, std::move(req));
  std::vector<Completion> done;
  while (done.empty()) t.poll(100, &done);
  const HttpResponse& r = done[0].response;
  if (r.transport_failed()) return Error::io(r.transport_error);
  if (r.status != 200) return Error::io(r.failure_detail);
  std::string_view out = r.body;
  out = out.substr(0, out.find('\n'));
  return std::string(trim(out));
}

}  // namespace pantau::fetch
