// pantau: the front. `pantau TOOL ARGS...` runs pantau-TOOL, git-style: first from the front's
// own directory (so a build tree or an unpacked tarball works without PATH changes), then from
// PATH. `pantau`, `pantau --help` list the tools; `pantau help TOOL` shows TOOL's help.
#include <limits.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_codes.h"
#include "flags.h"
#include "pantau/version.h"

namespace {

using Tool = pantau::cli::FlagGroup;

// The tools: the subcommands of the front's flag table.
std::vector<Tool> tools() {
  const auto& groups = pantau::front_flags::kTable.groups;
  return {groups.begin() + 1, groups.end()};
}

void print_usage(FILE* out) {
  std::fprintf(out,
               "pantau: monitor election candidates' social-media accounts for violations\n"
               "\n"
               "Examples:\n"
               "  pantau fetch-accounts accounts.csv | pantau normalize | pantau classify |\n"
               "      pantau report --format html -o report.html\n"
               "  pantau normalize dump.ndjson.gz | pantau classify --only-flagged\n"
               "  pantau help normalize\n"
               "\n"
               "Usage: pantau TOOL [ARGS...]\n"
               "       pantau help TOOL\n"
               "\n"
               "Tools:\n");
  for (const Tool& t : tools()) {
    std::fprintf(out, "  %-16.*s %.*s\n", static_cast<int>(t.subcommand.size()),
                 t.subcommand.data(), static_cast<int>(t.help.size()), t.help.data());
  }
  std::fprintf(out,
               "\n"
               "Each tool reads and writes newline-delimited JSON records (pantau-records(5)).\n"
               "Exit status: 0 ok, 1 failure, 2 usage error, 130 interrupted, 143 terminated.\n");
}

bool find_tool(std::string_view name) {
  for (const Tool& t : tools()) {
    if (name == t.subcommand) return true;
  }
  return false;
}

// Directory of the running executable, from /proc/self/exe ("" if unknown).
std::string self_dir() {
  char buf[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  std::string path(buf, static_cast<size_t>(n));
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// Replaces this process with pantau-TOOL; returns only on failure.
int exec_tool(std::string_view tool, int argc, char** argv, int first_arg) {
  const std::string program = "pantau-" + std::string(tool);
  std::vector<char*> args;
  args.push_back(const_cast<char*>(program.c_str()));
  for (int i = first_arg; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);

  const std::string dir = self_dir();
  if (!dir.empty()) {
    const std::string local = dir + "/" + program;
    if (::access(local.c_str(), X_OK) == 0) {
      ::execv(local.c_str(), args.data());
    }
  }
  ::execvp(program.c_str(), args.data());
  std::fprintf(stderr, "pantau: cannot run %s: %s\n", program.c_str(), std::strerror(errno));
  return pantau::cli::kExitFailure;
}

int unknown_tool(std::string_view name) {
  std::fprintf(stderr, "pantau: '%.*s' is not a pantau tool\n", static_cast<int>(name.size()),
               name.data());
  // A small "did you mean": a tool whose name starts with what was typed.
  for (const Tool& t : tools()) {
    if (!name.empty() && t.subcommand.substr(0, name.size()) == name) {
      std::fprintf(stderr, "Did you mean 'pantau %.*s'?\n", static_cast<int>(t.subcommand.size()),
                   t.subcommand.data());
      break;
    }
  }
  std::fprintf(stderr, "Try 'pantau --help' for the list of tools.\n");
  return pantau::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stdout);
    return pantau::cli::kExitOk;
  }
  const std::string_view cmd = argv[1];
  if (cmd == "-h" || cmd == "--help") {  // front_flags::kTable's flags
    print_usage(stdout);
    return pantau::cli::kExitOk;
  }
  if (cmd == "--version") {
    std::printf("pantau (pantau) %s\n", pantau::kVersion);
    return pantau::cli::kExitOk;
  }
  if (cmd == "help") {
    if (argc < 3) {
      print_usage(stdout);
      return pantau::cli::kExitOk;
    }
    if (!find_tool(argv[2])) return unknown_tool(argv[2]);
    char help[] = "--help";
    char* args[] = {argv[0], argv[2], help};
    return exec_tool(argv[2], 3, args, 2);
  }
  if (!cmd.empty() && cmd[0] == '-') {
    std::fprintf(stderr,
                 "pantau: unknown option '%s'\nUsage: pantau TOOL [ARGS...]\n"
                 "Try 'pantau --help' for more information.\n",
                 argv[1]);
    return pantau::cli::kExitUsage;
  }
  if (!find_tool(cmd)) return unknown_tool(cmd);
  return exec_tool(cmd, argc, argv, 2);
}
