// pantau-gen-docs: writes what the flag tables (tools/TOOL/flags.h) describe: the OPTIONS section
// and the .TH version of each man page, and the bash, zsh and fish completions. Built, never
// installed; scripts/gen-docs.sh runs it into the tree and the docs.generated test into a
// temporary directory, to compare with what is committed.
//
//   pantau-gen-docs SRC_DIR OUT_DIR   reads SRC_DIR/man/*.1 (the hand-written rest of each page),
//                                     writes OUT_DIR/man/*.1 and OUT_DIR/completions/...
//   pantau-gen-docs --list            prints the paths it writes, relative to OUT_DIR
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "../classify/flags.h"
#include "../fetch-accounts/flags.h"
#include "../normalize/flags.h"
#include "../pantau/flags.h"
#include "../report/flags.h"
#include "cli/flag.h"
#include "pantau/version.h"

namespace {

// Every table, in the order of the files written. A new program adds its table here.
std::vector<const pantau::cli::FlagTable*> tables() {
  return {
      &pantau::front_flags::kTable,  &pantau::normalize_flags::kTable,
      &pantau::report_flags::kTable, &pantau::classify_flags::kTable,
      &pantau::fetch_flags::kTable,
  };
}

using pantau::cli::Complete;
using pantau::cli::Flag;
using pantau::cli::FlagGroup;
using pantau::cli::FlagTable;

constexpr std::string_view kBeginMarker = ".\\\" BEGIN GENERATED OPTIONS";
constexpr std::string_view kEndMarker = ".\\\" END GENERATED OPTIONS";

// "pantau-normalize" -> "tools/normalize/flags.h"; "pantau" -> "tools/pantau/flags.h".
std::string table_source(std::string_view program) {
  constexpr std::string_view kPrefix = "pantau-";
  std::string_view tool =
      program.substr(0, kPrefix.size()) == kPrefix ? program.substr(kPrefix.size()) : program;
  return "tools/" + std::string(tool) + "/flags.h";
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// The shells' description: the summary, else the help up to its first " (", ": " or "; " when
// that leaves two words or more.
std::string summary_of(const Flag& f) {
  if (!f.summary.empty()) return std::string(f.summary);
  std::string help(f.help);
  size_t cut = std::string::npos;
  for (std::string_view sep : {" (", ": ", "; "}) cut = std::min(cut, help.find(sep));
  if (cut != std::string::npos &&
      std::count(help.begin(), help.begin() + static_cast<std::ptrdiff_t>(cut), ' ') >= 1) {
    help.resize(cut);
  }
  return help;
}

std::vector<std::string> long_and_short(const Flag& f) {
  std::vector<std::string> names;
  if (f.short_name != '\0') names.push_back(std::string{'-', f.short_name});
  names.push_back("--" + std::string(f.name));
  return names;
}

std::string join(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : std::string(sep)) + w;
  return out;
}

// ---- man page -------------------------------------------------------------------------------

// "--max-line-bytes" -> "\-\-max-line-bytes": the dashes of a flag as minus signs.
std::string roff_flag(std::string_view name) { return "\\-\\-" + std::string(name); }

// Plain text as roff: backslashes escaped, option names with minus signs, no line starting
// with a control character.
std::string roff_text(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool starts_word = i == 0 || text[i - 1] == ' ' || text[i - 1] == '(' ||
                             (text[i - 1] == '-' && (i < 2 || text[i - 2] != '\\'));
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-' && starts_word) {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string man_header(const Flag& f) {
  const std::string name = roff_flag(f.name);
  if (!f.takes_value()) {
    if (f.short_name == '\0') return ".B " + name;
    return ".BR \\-" + std::string{f.short_name} + " \", \" " + name;
  }
  if (f.short_name == '\0') return ".BI " + name + " \" " + std::string(f.value) + "\"";
  return ".BI \"\\-" + std::string{f.short_name} + ", " + name + " \" " + std::string(f.value);
}

std::string man_body(const Flag& f) {
  if (!f.man.empty()) return std::string(f.man);
  std::string text = roff_text(f.help);
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

std::string man_options(const FlagTable& table) {
  std::string out;
  for (const FlagGroup& g : table.groups) {
    if (!g.subcommand.empty() && table.delegates) continue;  // each tool has its own page
    if (!g.subcommand.empty()) {
      out += ".SS " + std::string(g.subcommand) + "\n";
      if (!g.man.empty()) out += std::string(g.man) + "\n";
    }
    for (const Flag& f : g.flags) out += ".TP\n" + man_header(f) + "\n" + man_body(f) + "\n";
  }
  return out;
}

bool read_file(const std::filesystem::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

// The page with its generated OPTIONS and version; "" (and a message) when the markers are
// missing.
std::string man_page(const FlagTable& table, const std::string& page, const std::string& name) {
  std::istringstream in(page);
  std::string out, line;
  bool inside = false, seen_begin = false, seen_end = false;
  while (std::getline(in, line)) {
    if (line.rfind(".TH ", 0) == 0) {
      // .TH NAME SECTION "DATE" "pantau VERSION" "User Commands"
      const size_t at = line.find("\"pantau ");
      const size_t end = at == std::string::npos ? at : line.find('"', at + 1);
      if (end != std::string::npos) {
        line = line.substr(0, at) + "\"pantau " + pantau::kVersion + line.substr(end);
      }
    }
    if (line.rfind(kBeginMarker, 0) == 0) {
      out += std::string(kBeginMarker) + ": written by pantau-gen-docs from " +
             table_source(table.program) + "; edit there\n" + man_options(table);
      inside = seen_begin = true;
      continue;
    }
    if (line.rfind(kEndMarker, 0) == 0) {
      inside = false;
      seen_end = true;
    }
    if (!inside) out += line + "\n";
  }
  if (!seen_begin || !seen_end) {
    std::fprintf(stderr, "pantau-gen-docs: %s: no '%s' ... '%s' lines around OPTIONS\n",
                 name.c_str(), std::string(kBeginMarker).c_str(), std::string(kEndMarker).c_str());
    return "";
  }
  return out;
}

// ---- completions ----------------------------------------------------------------------------

std::string generated_note(const FlagTable& table) {
  return "# Generated by pantau-gen-docs from " + table_source(table.program) +
         ": edit there, then run scripts/gen-docs.sh.\n";
}

std::vector<std::string> subcommands_of(const FlagTable& table) {
  std::vector<std::string> subs;
  for (const FlagGroup& g : table.groups) {
    if (!g.subcommand.empty()) subs.emplace_back(g.subcommand);
  }
  return subs;
}

// A subcommand's flags as the shells see them: its own, and --help, which CLI11 gives each.
std::vector<Flag> shell_flags(const FlagGroup& g) {
  std::vector<Flag> flags = g.flags;
  if (!g.subcommand.empty()) flags.push_back(pantau::cli::flags::kHelp);
  return flags;
}

std::string choices_words(const Flag& f) { return join(f.choices, " "); }

std::string bash_group(const FlagGroup& g, const std::string& indent) {
  std::vector<std::string> files, dirs, free_text, all;
  std::string choice_cases;
  for (const Flag& f : shell_flags(g)) {
    const std::vector<std::string> names = long_and_short(f);
    all.insert(all.end(), names.rbegin(), names.rend());
    if (!f.takes_value()) continue;
    const std::string pattern = join(names, " | ");
    switch (f.value_completion()) {
      case Complete::kFile:
        files.push_back(pattern);
        break;
      case Complete::kDirectory:
        dirs.push_back(pattern);
        break;
      case Complete::kNothing:
        free_text.push_back(pattern);
        break;
      case Complete::kChoices:
      case Complete::kChoiceList:
        // A choice ending in '=' (PLATFORM=) is the start of the value: no space after it.
        choice_cases.append(indent).append("  ").append(pattern);
        choice_cases += ") COMPREPLY=($(compgen -W '";
        choice_cases += choices_words(f) + "' -- \"$cur\"));";
        if (f.choices.front().back() == '=') choice_cases += " compopt -o nospace;";
        choice_cases += " return ;;\n";
        break;
    }
  }
  std::string out = indent + "case $prev in\n" + choice_cases;
  if (!files.empty())
    out +=
        indent + "  " + join(files, " | ") + ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
  if (!dirs.empty())
    out +=
        indent + "  " + join(dirs, " | ") + ") COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n";
  if (!free_text.empty()) out += indent + "  " + join(free_text, " | ") + ") return ;;\n";
  out += indent + "esac\n";
  out += indent + "opts='" + join(all, " ") + "'";
  return out;
}

std::string bash(const FlagTable& table) {
  std::string fn = "_" + replace_all(std::string(table.program), "-", "_");
  const std::vector<std::string> subs = subcommands_of(table);
  std::string out = "# bash completion for " + std::string(table.program) + "\n" +
                    generated_note(table) + fn + "() {\n" +
                    "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} opts";
  if (subs.empty()) {
    out += "\n" + bash_group(table.groups[0], "  ") + "\n";
  } else {
    out += " cmd=\"\" w\n  for w in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do\n    case $w in " +
           join(subs, " | ") + ") cmd=$w ;; esac\n  done\n  case $cmd in\n";
    for (size_t i = 1; i < table.groups.size(); ++i) {
      out += "    " + std::string(table.groups[i].subcommand) + ")\n" +
             bash_group(table.groups[i], "      ") + " ;;\n";
    }
    out += "    *)\n" + bash_group(table.groups[0], "      ") + " ;;\n  esac\n";
  }
  out +=
      "  if [[ $cur == -* ]]; then\n    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
      "    return\n  fi\n";
  if (!subs.empty()) {
    out += "  [[ -n $cmd ]] || COMPREPLY=($(compgen -W '" + join(subs, " ") + "' -- \"$cur\"))\n";
  }
  bool any_files = false;
  for (const FlagGroup& g : table.groups) any_files = any_files || g.operands == Complete::kFile;
  if (any_files) out += "  COMPREPLY+=($(compgen -f -- \"$cur\"))\n";
  out += "}\ncomplete -F " + fn + " " + std::string(table.program) + "\n";
  return out;
}

// Inside '...' with [descriptions]: quotes closed and reopened, brackets escaped.
std::string zsh_quote(std::string_view s) {
  std::string out = replace_all(std::string(s), "\\", "\\\\");
  out = replace_all(out, "'", "'\\''");
  out = replace_all(out, "[", "\\[");
  return replace_all(out, "]", "\\]");
}

std::string zsh_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ':') c = ' ';
  }
  return out;
}

std::string zsh_spec(const Flag& f) {
  std::string exclusive;
  if (f.name == "help" || f.name == "version") {
    exclusive = "(- *)";
  } else if (f.short_name != '\0' && !f.repeatable) {
    exclusive = "(" + join(long_and_short(f), " ") + ")";
  }
  const std::string repeat = f.repeatable ? "*" : "";
  // '(-q --quiet)'{-q,--quiet}'[...]' offers both names; a long-only flag is one word.
  const std::string names = f.short_name != '\0'
                                ? (exclusive.empty() ? "" : "'" + exclusive + "'") +
                                      (repeat.empty() ? "" : "'*'") + "{" +
                                      join(long_and_short(f), ",") + "}'"
                                : "'" + exclusive + repeat + "--" + std::string(f.name);
  std::string spec = names + "[" + zsh_quote(summary_of(f)) + "]";
  if (f.takes_value()) {
    spec += ":" + zsh_quote(zsh_lower(f.value)) + ":";
    switch (f.value_completion()) {
      case Complete::kFile:
        spec += "_files";
        break;
      case Complete::kDirectory:
        spec += "_files -/";
        break;
      case Complete::kChoices:
        spec += "(" + choices_words(f) + ")";
        break;
      case Complete::kChoiceList:
        spec += "_sequence compadd - " + choices_words(f);
        break;
      case Complete::kNothing:
        break;
    }
  }
  return spec + "'";
}

std::string zsh_arguments(const FlagGroup& g, const std::string& indent, const std::string& extra) {
  std::string out = indent + "_arguments";
  for (const Flag& f : shell_flags(g)) out += " \\\n" + indent + "  " + zsh_spec(f);
  out += extra;
  if (g.operands == Complete::kFile) out += " \\\n" + indent + "  '*:file:_files'";
  return out + "\n";
}

std::string zsh(const FlagTable& table) {
  std::string out = "#compdef " + std::string(table.program) + "\n# zsh completion for " +
                    std::string(table.program) + "\n" + generated_note(table);
  std::string subcommand_arg;
  if (table.groups.size() > 1) {
    out += "if (( CURRENT > 2 )); then\n  case ${words[2]} in\n";
    subcommand_arg = " \\\n  '1: :((";
    for (size_t i = 1; i < table.groups.size(); ++i) {
      const FlagGroup& g = table.groups[i];
      out += "    " + std::string(g.subcommand) + ")\n" + zsh_arguments(g, "      ", "") +
             "      return ;;\n";
      std::string desc = replace_all(zsh_quote(g.help), "\"", "\\\"");
      subcommand_arg += (i > 1 ? " " : "") + std::string(g.subcommand) + "\\:\"" +
                        replace_all(desc, ":", "\\:") + "\"";
    }
    out += "  esac\nfi\n";
    subcommand_arg += "))'";
  }
  return out + zsh_arguments(table.groups[0], "", subcommand_arg);
}

std::string fish_quote(std::string_view s) {
  std::string out = replace_all(std::string(s), "\\", "\\\\");
  return "'" + replace_all(out, "'", "\\'") + "'";
}

std::string fish(const FlagTable& table) {
  const std::string prefix = "complete -c " + std::string(table.program);
  const std::vector<std::string> subs = subcommands_of(table);
  std::string out =
      "# fish completion for " + std::string(table.program) + "\n" + generated_note(table);
  if (!subs.empty()) out += "set -l subs " + join(subs, " ") + "\n";
  const std::string top = subs.empty() ? "" : " -n \"not __fish_seen_subcommand_from $subs\"";
  for (size_t i = 1; i < table.groups.size(); ++i) {
    out += prefix + top + " -a " + std::string(table.groups[i].subcommand) + " -d " +
           fish_quote(table.groups[i].help) + "\n";
  }
  for (const FlagGroup& g : table.groups) {
    const std::string when = g.subcommand.empty() ? top
                                                  : " -n \"__fish_seen_subcommand_from " +
                                                        std::string(g.subcommand) + "\"";
    for (const Flag& f : shell_flags(g)) {
      std::string line = prefix + when;
      if (f.short_name != '\0') line += " -s " + std::string{f.short_name};
      line += " -l " + std::string(f.name);
      if (f.takes_value()) {
        switch (f.value_completion()) {
          case Complete::kFile:
            line += " -r -F";
            break;
          case Complete::kDirectory:
            line += " -x -a '(__fish_complete_directories)'";
            break;
          case Complete::kChoices:
          case Complete::kChoiceList:
            line += " -x -a " + fish_quote(choices_words(f));
            break;
          case Complete::kNothing:
            line += " -x";
            break;
        }
      }
      out += line + " -d " + fish_quote(summary_of(f)) + "\n";
    }
  }
  if (table.groups[0].operands == Complete::kNothing) out += prefix + " -f\n";
  return out;
}

// ---- the front ------------------------------------------------------------------------------
// `pantau TOOL ARGS` runs pantau-TOOL: the completions offer the tools (and `help TOOL`), then
// hand over to the tool's own completion.

std::string delegating_bash(const FlagTable& table) {
  const std::string subs = join(subcommands_of(table), " ");
  std::vector<std::string> flags;
  for (const Flag& f : table.groups[0].flags) {
    for (const auto& n : long_and_short(f)) flags.push_back(n);
  }
  return "# bash completion for " + std::string(table.program) +
         " (the front); each tool has its own completion file.\n" + generated_note(table) +
         "_pantau() {\n"
         "  local cur=${COMP_WORDS[COMP_CWORD]}\n"
         "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
         "    COMPREPLY=($(compgen -W '" +
         subs + " help " + join(flags, " ") +
         "' -- \"$cur\"))\n"
         "    return\n"
         "  fi\n"
         "  local tool=${COMP_WORDS[1]}\n"
         "  if [ \"$tool\" = help ]; then\n"
         "    COMPREPLY=($(compgen -W '" +
         subs +
         "' -- \"$cur\"))\n"
         "    return\n"
         "  fi\n"
         "  # Delegate to the tool's own completion when it is loaded (bash-completion loads it "
         "lazily).\n"
         "  local fn=\"_pantau_${tool//-/_}\"\n"
         "  if ! declare -F \"$fn\" >/dev/null && declare -F _completion_loader >/dev/null; then\n"
         "    _completion_loader \"pantau-$tool\" >/dev/null 2>&1\n"
         "  fi\n"
         "  if declare -F \"$fn\" >/dev/null; then\n"
         "    COMP_WORDS=(\"pantau-$tool\" \"${COMP_WORDS[@]:2}\")\n"
         "    COMP_CWORD=$((COMP_CWORD - 1))\n"
         "    \"$fn\"\n"
         "  else\n"
         "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "  fi\n"
         "}\n"
         "complete -F _pantau pantau\n";
}

std::string delegating_zsh(const FlagTable& table) {
  std::string tools;
  for (size_t i = 1; i < table.groups.size(); ++i) {
    tools += "  '" + std::string(table.groups[i].subcommand) + ":" +
             zsh_quote(table.groups[i].help) + "'\n";
  }
  tools += "  'help:show the help of a tool'\n";
  std::string specs;
  for (const Flag& f : table.groups[0].flags) specs += " " + zsh_spec(f);
  return "#compdef " + std::string(table.program) + "\n# zsh completion for " +
         std::string(table.program) + " (the front).\n" + generated_note(table) +
         "local -a tools\ntools=(\n" + tools +
         ")\n"
         "if (( CURRENT == 2 )); then\n"
         "  _describe 'pantau tool' tools\n"
         "  _arguments" +
         specs +
         "\n"
         "elif [[ $words[2] == help ]]; then\n"
         "  _describe 'pantau tool' tools\n"
         "else\n"
         "  local tool=pantau-$words[2]\n"
         "  words=($tool ${words[3,-1]})\n"
         "  (( CURRENT-- ))\n"
         "  _normal\n"
         "fi\n";
}

std::string delegating_fish(const FlagTable& table) {
  const std::string subs = join(subcommands_of(table), " ");
  const std::string prefix = "complete -c " + std::string(table.program);
  const std::string top = " -n \"not __fish_seen_subcommand_from $tools\"";
  std::string out = "# fish completion for " + std::string(table.program) + " (the front).\n" +
                    generated_note(table) + "set -l tools " + subs + " help\n" + prefix + " -f\n";
  for (size_t i = 1; i < table.groups.size(); ++i) {
    out += prefix + top + " -a " + std::string(table.groups[i].subcommand) + " -d " +
           fish_quote(table.groups[i].help) + "\n";
  }
  out += prefix + top + " -a help -d 'show the help of a tool'\n";
  for (const Flag& f : table.groups[0].flags) {
    out += prefix + top + (f.short_name != '\0' ? " -s " + std::string{f.short_name} : "") +
           " -l " + std::string(f.name) + " -d " + fish_quote(summary_of(f)) + "\n";
  }
  return out + prefix + " -n \"__fish_seen_subcommand_from help\" -a \"" + subs + "\"\n";
}

// ---- files ----------------------------------------------------------------------------------

struct Output {
  std::string path;  // relative to OUT_DIR
  std::string text;
};

bool outputs(const std::filesystem::path& src, std::vector<Output>* out) {
  bool ok = true;
  for (const FlagTable* table : tables()) {
    const std::string program(table->program);
    const std::string page_path = "man/" + program + ".1";
    std::string page;
    if (!src.empty()) {
      if (!read_file(src / page_path, &page)) {
        std::fprintf(stderr, "pantau-gen-docs: cannot read %s\n", (src / page_path).c_str());
        ok = false;
        continue;
      }
      page = man_page(*table, page, page_path);
      ok = ok && !page.empty();
    }
    out->push_back({page_path, page});
    out->push_back(
        {"completions/bash/" + program, table->delegates ? delegating_bash(*table) : bash(*table)});
    out->push_back(
        {"completions/zsh/_" + program, table->delegates ? delegating_zsh(*table) : zsh(*table)});
    out->push_back({"completions/fish/" + program + ".fish",
                    table->delegates ? delegating_fish(*table) : fish(*table)});
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  std::vector<Output> files;
  if (args.size() == 1 && args[0] == "--list") {
    outputs({}, &files);
    for (const Output& f : files) std::printf("%s\n", f.path.c_str());
    return 0;
  }
  if (args.size() != 2) {
    std::fprintf(stderr, "Usage: pantau-gen-docs SRC_DIR OUT_DIR | --list\n");
    return 2;
  }
  if (!outputs(std::filesystem::path(args[0]), &files)) return 1;
  const std::filesystem::path out_dir(args[1]);
  for (const Output& f : files) {
    const std::filesystem::path path = out_dir / f.path;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    // Through a temporary file and a rename, so a failed run never leaves half a page.
    const std::filesystem::path tmp = path.string() + ".gen-docs.tmp";
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    o << f.text;
    o.close();
    if (!o || (std::filesystem::rename(tmp, path, ec), ec)) {
      std::fprintf(stderr, "pantau-gen-docs: cannot write %s\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
