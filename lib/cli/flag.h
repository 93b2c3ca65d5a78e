// A program's flags, described once: the CLI11 registration (and so --help), the OPTIONS section
// of its man page and its bash, zsh and fish completions all come from these tables
// (tools/TOOL/flags.h; tools/gen-docs writes the docs). To add a flag: add its Flag to the tool's
// flags.h and to its table there, register it in main.cpp with cli::add(), then run
// scripts/gen-docs.sh and commit what changed.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::cli {

// What a shell offers for a flag's value (or for a group's operands).
enum class Complete {
  kNothing,     // free text (a number, a time, a name): nothing to offer
  kFile,        // a path
  kDirectory,   // a directory
  kChoices,     // one of Flag::choices
  kChoiceList,  // comma-separated Flag::choices ("sara,hate")
};

struct Flag {
  std::string_view name = {};  // long name without the dashes: "from"
  char short_name = '\0';      // 'q' for -q; '\0': none
  std::string_view value =
      {};                      // the value's name in --help and the man page ("FILE"); "": a switch
  std::string_view help = {};  // the --help line
  std::vector<std::string> choices = {};   // values the shells offer (main.cpp decides the check)
  Complete complete = Complete::kNothing;  // kNothing with choices: kChoices
  bool repeatable = false;                 // may be given more than once (zsh offers it again)
  std::string_view man = {};      // roff body of its OPTIONS entry; "": the help, as a sentence
  std::string_view summary = {};  // the shells' description; "": the help's first clause

  Complete value_completion() const {
    if (complete == Complete::kNothing && !choices.empty()) return Complete::kChoices;
    return complete;
  }
  bool takes_value() const { return !value.empty(); }
};

// The same flag with its own man page text (a common flag a tool says more about).
Flag with_man(Flag flag, std::string_view man);
// The same flag with its own --help line (and man text, which then defaults to it).
Flag with_help(Flag flag, std::string_view help, std::string_view man = {});

// A program's flags (subcommand empty) or one subcommand's.
struct FlagGroup {
  std::string_view subcommand = {};     // "" for the program itself
  std::string_view help = {};           // the subcommand's one-line description
  std::string_view man = {};            // roff that opens the subcommand's part of OPTIONS
  std::vector<Flag> flags = {};         // in the order of the man page
  Complete operands = Complete::kFile;  // what the words that are not flags are
};

struct FlagTable {
  std::string_view program = {};       // "pantau-normalize"
  std::vector<FlagGroup> groups = {};  // the program's own first, then its subcommands
  // The subcommands are programs of their own (pantau TOOL runs pantau-TOOL): the man page
  // leaves them out and the completions hand over to theirs.
  bool delegates = false;
};

// "-q,--quiet" or "--from": the names CLI11 takes.
std::string cli_names(const Flag& flag);

// Registers `flag` on `app` bound to `var`: an option when the flag takes a value (with its value
// name), a flag otherwise. Checks and policies stay with the caller, on the Option returned.
template <typename T>
CLI::Option* add(CLI::App& app, const Flag& flag, T& var) {
  if (!flag.takes_value()) return app.add_flag(cli_names(flag), var, std::string(flag.help));
  return app.add_option(cli_names(flag), var, std::string(flag.help))
      ->type_name(std::string(flag.value));
}
CLI::Option* add_callback(CLI::App& app, const Flag& flag, std::function<void()> callback);

// The check that a value is one of flag.choices.
CLI::IsMember one_of(const Flag& flag);

}  // namespace pantau::cli
