#include "cli/flag.h"

#include <utility>

namespace pantau::cli {

Flag with_man(Flag flag, std::string_view man) {
  flag.man = man;
  return flag;
}

Flag with_help(Flag flag, std::string_view help, std::string_view man) {
  flag.help = help;
  flag.man = man;
  flag.summary = {};
  return flag;
}

std::string cli_names(const Flag& flag) {
  std::string names;
  if (flag.short_name != '\0') names = std::string{'-', flag.short_name, ','};
  return names + "--" + std::string(flag.name);
}

CLI::Option* add_callback(CLI::App& app, const Flag& flag, std::function<void()> callback) {
  return app.add_flag_callback(cli_names(flag), std::move(callback), std::string(flag.help));
}

CLI::IsMember one_of(const Flag& flag) { return CLI::IsMember(flag.choices); }

}  // namespace pantau::cli
