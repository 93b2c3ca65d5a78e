#include "pantau/classify/rule_pack.h"

#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include "pantau/classify/file_util.h"
#include "pantau/classify/labels.h"
#include "pantau/classify/lexicon.h"
#include "pantau/classify/matcher.h"
#include "pantau/classify/toml_util.h"

namespace pantau::classify {
namespace {

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string line_of(const std::string& name, const toml::node& n) {
  return name + ":" + std::to_string(n.source().begin.line);
}

// The pack's file name as it appears in messages: relative to the rules directory's parent
// when short, so "rules/pack.toml:12" reads naturally.
std::string display_path(const std::string& dir, const std::string& rel) {
  namespace fs = std::filesystem;
  fs::path p = fs::path(dir) / rel;
  return p.lexically_normal().string();
}

// Normalizes every alias like post text; a one-letter result would match everywhere.
Status normalize_aliases(Gazetteer* g, const TermNormalizer& normalize) {
  for (auto& target : g->targets) {
    for (auto& alias : target.aliases) {
      std::string a = normalize ? normalize(alias) : alias;
      if (a.size() < 2) {
        return Error::invalid(g->path + ":" + std::to_string(target.line) + ": alias \"" + alias +
                              "\" normalizes to \"" + a + "\", too short to match");
      }
      alias = std::move(a);
    }
  }
  return {};
}

struct Loader {
  const std::string& dir;
  const TermNormalizer& normalize;
  RulePack pack;

  std::string norm(std::string_view s) const { return normalize ? normalize(s) : std::string(s); }

  bool is_label_or_signal(std::string_view id) const {
    if (label_index(id)) return true;
    return std::find(pack.signals.begin(), pack.signals.end(), id) != pack.signals.end();
  }

  Status load_pack_table(const std::string& name, const toml::table& root) {
    const toml::table* p = root["pack"].as_table();
    if (!p) return tomlu::error_at(name, &root, "missing [pack] table");
    if (auto s = tomlu::check_keys(
            name, *p, {"name", "version", "default_election", "threshold", "description"});
        !s) {
      return s;
    }
    auto n = tomlu::get_string(name, *p, "name");
    if (!n) return n.error();
    auto v = tomlu::get_string(name, *p, "version");
    if (!v) return v.error();
    if (!*n || !*v) return tomlu::error_at(name, p, "[pack] needs \"name\" and \"version\"");
    pack.name = **n;
    pack.version = **v;
    auto e = tomlu::get_string(name, *p, "default_election");
    if (!e) return e.error();
    pack.default_election = e->value_or("");
    auto th = tomlu::get_number(name, *p, "threshold");
    if (!th) return th.error();
    double threshold = th->value_or(0.5);
    if (threshold <= 0 || threshold > 1) {
      return tomlu::error_at(name, *p, "threshold", "threshold must be in (0, 1]");
    }
    for (auto id : kLabelIds) {
      LabelInfo info;
      info.id = std::string(id);
      info.name_id = info.id;
      info.name_en = info.id;
      info.threshold = threshold;
      pack.labels.push_back(std::move(info));
    }
    return {};
  }

  Status load_labels(const std::string& name, const toml::table& root) {
    const toml::node* ln = root.get("labels");
    if (!ln) return {};
    const toml::table* labels = ln->as_table();
    if (!labels) return tomlu::error_at(name, ln, "[labels] must be a table");
    for (const auto& [k, v] : *labels) {
      auto idx = label_index(k.str());
      if (!idx) return tomlu::error_at(name, &v, "unknown label \"" + std::string(k.str()) + "\"");
      const toml::table* t = v.as_table();
      if (!t) return tomlu::error_at(name, &v, "a label must be a table");
      if (auto s = tomlu::check_keys(name, *t, {"name_id", "name_en", "basis", "threshold"}); !s) {
        return s;
      }
      LabelInfo& info = pack.labels[*idx];
      for (auto [key, field] :
           {std::pair{"name_id", &info.name_id}, std::pair{"name_en", &info.name_en},
            std::pair{"basis", &info.basis}}) {
        auto s = tomlu::get_string(name, *t, key);
        if (!s) return s.error();
        if (*s) *field = **s;
      }
      auto th = tomlu::get_number(name, *t, "threshold");
      if (!th) return th.error();
      if (*th) {
        if (**th <= 0 || **th > 1) {
          return tomlu::error_at(name, *t, "threshold", "threshold must be in (0, 1]");
        }
        info.threshold = **th;
      }
    }
    return {};
  }

  Status load_signals(const std::string& name, const toml::table& root) {
    const toml::node* sn = root.get("signals");
    if (!sn) return {};
    const toml::table* t = sn->as_table();
    if (!t) return tomlu::error_at(name, sn, "[signals] must be a table of descriptions");
    for (const auto& [k, v] : *t) {
      std::string id(k.str());
      if (!valid_id(id)) return tomlu::error_at(name, &v, "bad signal id \"" + id + "\"");
      if (label_index(id)) {
        return tomlu::error_at(name, &v, "signal \"" + id + "\" has the name of a label");
      }
      pack.signals.push_back(id);
    }
    return {};
  }

  Status add_terms(Rule* rule, const std::vector<LexiconEntry>& entries, const std::string& file,
                   std::unordered_set<std::string>* seen) {
    for (const auto& e : entries) {
      std::string t = norm(e.term);
      if (t.size() < 2) {
        // A one-letter literal would fire on every letter of every post.
        return Error::invalid(file + ":" + std::to_string(e.line) + ": term \"" + e.term +
                              "\" normalizes to \"" + t + "\", too short to match");
      }
      if (!seen->insert(t).second) continue;  // duplicates across lines/files: keep the first
      rule->terms.push_back({std::move(t), file + ":" + std::to_string(e.line)});
    }
    return {};
  }

  Status load_rule(const std::string& name, const toml::table& t,
                   std::unordered_set<std::string>* ids) {
    if (auto s =
            tomlu::check_keys(name, t,
                              {"id", "label", "dampens", "weight", "morphology", "terms", "lexicon",
                               "regex", "boundary", "ballot", "description", "addressed",
                               "negatable", "cancels", "cancel_within", "spares", "in_context"});
        !s) {
      return s;
    }
    Rule rule;
    rule.source = line_of(name, t);
    auto id = tomlu::get_string(name, t, "id");
    if (!id) return id.error();
    if (!*id || !valid_id(**id)) {
      return tomlu::error_at(name, &t, "rule needs an \"id\" of lowercase letters, digits, . _ -");
    }
    rule.id = **id;
    auto at = [&](std::string_view key, const std::string& m) {
      return tomlu::error_at(name, t, key, "rule \"" + rule.id + "\": " + m);
    };
    if (!ids->insert(rule.id).second) return at("id", "duplicate rule id");
    auto label = tomlu::get_string(name, t, "label");
    if (!label) return label.error();
    rule.label = label->value_or("");
    if (!rule.label.empty() && !is_label_or_signal(rule.label)) {
      return at("label", "unknown label or signal \"" + rule.label + "\"");
    }
    auto dampens = tomlu::get_string_array(name, t, "dampens");
    if (!dampens) return dampens.error();
    for (const auto& d : *dampens) {
      if (!is_label_or_signal(d)) return at("dampens", "unknown label or signal \"" + d + "\"");
    }
    rule.dampens = std::move(*dampens);
    auto cancels = tomlu::get_string_array(name, t, "cancels");
    if (!cancels) return cancels.error();
    rule.cancels = std::move(*cancels);
    if (int(!rule.label.empty()) + int(!rule.dampens.empty()) + int(!rule.cancels.empty()) != 1) {
      return at("label", "give one of \"label\", \"dampens\" or \"cancels\"");
    }
    auto cw = tomlu::get_number(name, t, "cancel_within");
    if (!cw) return cw.error();
    if (*cw) {
      if (rule.cancels.empty()) return at("cancel_within", "only a rule that cancels has one");
      if (**cw < 1 || **cw > 100 || **cw != static_cast<double>(static_cast<uint32_t>(**cw))) {
        return at("cancel_within", "must be a whole number 1..100");
      }
      rule.cancel_within = static_cast<uint32_t>(**cw);
    }
    auto spares = tomlu::get_string_array(name, t, "spares");
    if (!spares) return spares.error();
    rule.spares = std::move(*spares);
    if (!rule.spares.empty() && rule.dampens.empty()) {
      return at("spares", "only a rule that dampens can spare rules");
    }
    for (auto [key, flag] : {std::pair<std::string_view, bool*>{"addressed", &rule.addressed},
                             {"negatable", &rule.negatable},
                             {"in_context", &rule.in_context}}) {
      auto f = tomlu::get_bool(name, t, key);
      if (!f) return f.error();
      *flag = f->value_or(false);
    }
    auto w = tomlu::get_number(name, t, "weight");
    if (!w) return w.error();
    rule.weight = w->value_or(0.5);
    if (!(rule.weight > 0 && rule.weight <= 1)) return at("weight", "weight must be in (0, 1]");
    auto morph = tomlu::get_string(name, t, "morphology");
    if (!morph) return morph.error();
    if (*morph) {
      auto m = parse_morphology(**morph);
      if (!m)
        return at("morphology", "morphology must be \"none\", \"noun\", \"verb\" or \"active\"");
      rule.morphology = *m;
    }
    auto b = tomlu::get_bool(name, t, "boundary");
    if (!b) return b.error();
    rule.boundary = b->value_or(true);
    auto ballot = tomlu::get_string(name, t, "ballot");
    if (!ballot) return ballot.error();
    if (*ballot) {
      rule.ballot = parse_ballot_scope(**ballot);
      if (!rule.ballot) return at("ballot", "ballot must be \"ticket\", \"party\" or \"any\"");
    }
    auto desc = tomlu::get_string(name, t, "description");
    if (!desc) return desc.error();
    rule.description = desc->value_or("");

    std::unordered_set<std::string> seen;
    auto terms = tomlu::get_string_array(name, t, "terms");
    if (!terms) return terms.error();
    if (!terms->empty()) {
      std::vector<LexiconEntry> entries;
      uint32_t line = t.get("terms")->source().begin.line;
      for (const auto& term : *terms) {
        auto expanded = expand_entry(term);
        if (!expanded) return at("terms", expanded.error().message);
        for (auto& e : *expanded) entries.push_back({std::move(e), line});
      }
      if (auto s = add_terms(&rule, entries, name, &seen); !s) return s;
    }
    auto lexicons = tomlu::get_string_array(name, t, "lexicon");
    if (!lexicons) return lexicons.error();
    for (const auto& rel : *lexicons) {
      std::string path = display_path(dir, rel);
      auto entries = load_lexicon(path);
      if (!entries) {
        if (entries.error().code == Error::Code::kNotFound) {
          return at("lexicon", "cannot open lexicon " + entries.error().message);
        }
        return entries.error();
      }
      if (auto s = add_terms(&rule, *entries, path, &seen); !s) return s;
    }
    auto regexes = tomlu::get_string_array(name, t, "regex");
    if (!regexes) return regexes.error();
    for (const auto& re : *regexes) {
      if (auto s = check_regex(re); !s) return at("regex", "bad regex: " + s.message());
    }
    rule.regexes = std::move(*regexes);
    if (rule.terms.empty() && rule.regexes.empty()) {
      return at("id", "rule has no terms, lexicon or regex");
    }
    pack.rules.push_back(std::move(rule));
    return {};
  }

  Status load_combination(const std::string& name, const toml::table& t,
                          std::unordered_set<std::string>* ids) {
    if (auto s = tomlu::check_keys(name, t,
                                   {"id", "label", "all", "needs_target", "within", "target_after",
                                    "weight", "description"});
        !s) {
      return s;
    }
    Combination c;
    c.source = line_of(name, t);
    auto id = tomlu::get_string(name, t, "id");
    if (!id) return id.error();
    if (!*id || !valid_id(**id)) {
      return tomlu::error_at(name, &t,
                             "combine needs an \"id\" of lowercase letters, digits, . _ -");
    }
    c.id = **id;
    auto at = [&](std::string_view key, const std::string& m) {
      return tomlu::error_at(name, t, key, "combine \"" + c.id + "\": " + m);
    };
    if (!ids->insert(c.id).second) return at("id", "duplicate rule id");
    auto label = tomlu::get_string(name, t, "label");
    if (!label) return label.error();
    c.label = label->value_or("");
    if (!is_label_or_signal(c.label))
      return at("label", "unknown label or signal \"" + c.label + "\"");
    auto all = tomlu::get_string_array(name, t, "all");
    if (!all) return all.error();
    if (all->empty()) return at("all", "\"all\" must list at least one label or signal");
    for (const auto& a : *all) {
      if (!is_label_or_signal(a)) return at("all", "unknown label or signal \"" + a + "\"");
    }
    c.all = std::move(*all);
    auto nt = tomlu::get_bool(name, t, "needs_target");
    if (!nt) return nt.error();
    c.needs_target = nt->value_or(false);
    auto within = tomlu::get_number(name, t, "within");
    if (!within) return within.error();
    double wv = within->value_or(0);
    if (!(wv >= 0 && wv <= 1000) || wv != static_cast<double>(static_cast<uint32_t>(wv))) {
      return at("within", "within must be a whole number of words, 0..1000");
    }
    c.within = static_cast<uint32_t>(wv);
    auto ta = tomlu::get_bool(name, t, "target_after");
    if (!ta) return ta.error();
    c.target_after = ta->value_or(false);
    if (c.target_after && (!c.needs_target || c.within == 0)) {
      return at("target_after", "target_after needs needs_target and within");
    }
    auto w = tomlu::get_number(name, t, "weight");
    if (!w) return w.error();
    c.weight = w->value_or(0.5);
    if (!(c.weight > 0 && c.weight <= 1)) return at("weight", "weight must be in (0, 1]");
    auto desc = tomlu::get_string(name, t, "description");
    if (!desc) return desc.error();
    pack.combinations.push_back(std::move(c));
    return {};
  }

  Status load_roles(const std::string& name, const toml::table& c, std::string_view key,
                    std::vector<std::string>* out) {
    if (!c.get(key)) return {};
    auto roles = tomlu::get_string_array(name, c, key);
    if (!roles) return roles.error();
    for (const auto& r : *roles) {
      if (!is_known_role(r)) return tomlu::error_at(name, c, key, "unknown role \"" + r + "\"");
    }
    *out = std::move(*roles);
    return {};
  }

  Status load_signal_list(const std::string& name, const toml::table& c, std::string_view key,
                          std::vector<std::string>* out) {
    if (!c.get(key)) return {};
    auto list = tomlu::get_string_array(name, c, key);
    if (!list) return list.error();
    for (const auto& s : *list) {
      if (!is_label_or_signal(s)) {
        return tomlu::error_at(name, c, key, "unknown signal \"" + s + "\"");
      }
    }
    *out = std::move(*list);
    return {};
  }

  Status load_context(const std::string& name, const toml::table& root) {
    const toml::node* cn = root.get("context");
    if (!cn) return {};
    const toml::table* c = cn->as_table();
    if (!c) return tomlu::error_at(name, cn, "[context] must be a table");
    if (auto s = tomlu::check_keys(
            name, *c,
            {"campaign_signals", "activity_signals", "self_roles", "schedule_roles",
             "neutral_roles", "facility_signals", "hoax_min_containment", "hoax_min_shared",
             "addressee_words", "negation_words", "report_words", "first_person_words",
             "rebuttal_words", "facility_within"});
        !s) {
      return s;
    }
    ContextRules& ctx = pack.context;
    if (auto s = load_signal_list(name, *c, "campaign_signals", &ctx.campaign_signals); !s)
      return s;
    if (auto s = load_signal_list(name, *c, "facility_signals", &ctx.facility_signals); !s)
      return s;
    if (auto s = load_signal_list(name, *c, "activity_signals", &ctx.activity_signals); !s)
      return s;
    if (auto s = load_roles(name, *c, "self_roles", &ctx.self_roles); !s) return s;
    if (auto s = load_roles(name, *c, "schedule_roles", &ctx.schedule_roles); !s) return s;
    if (auto s = load_roles(name, *c, "neutral_roles", &ctx.neutral_roles); !s) return s;
    auto mc = tomlu::get_number(name, *c, "hoax_min_containment");
    if (!mc) return mc.error();
    if (*mc) {
      if (**mc <= 0 || **mc > 1) {
        return tomlu::error_at(name, *c, "hoax_min_containment", "must be in (0, 1]");
      }
      ctx.hoax_min_containment = **mc;
    }
    auto ms = tomlu::get_number(name, *c, "hoax_min_shared");
    if (!ms) return ms.error();
    if (*ms) {
      if (**ms < 1 || **ms > 1000)
        return tomlu::error_at(name, *c, "hoax_min_shared", "must be 1..1000");
      ctx.hoax_min_shared = static_cast<uint32_t>(**ms);
    }
    auto fw = tomlu::get_number(name, *c, "facility_within");
    if (!fw) return fw.error();
    if (*fw) {
      if (**fw < 0 || **fw > 1000 || **fw != static_cast<double>(static_cast<uint32_t>(**fw))) {
        return tomlu::error_at(name, *c, "facility_within", "must be a whole number 0..1000");
      }
      ctx.facility_within = static_cast<uint32_t>(**fw);
    }
    for (auto [key, list] : {std::pair<std::string_view, std::vector<std::string>*>{
                                 "addressee_words", &ctx.addressee_words},
                             {"negation_words", &ctx.negation_words},
                             {"report_words", &ctx.report_words},
                             {"first_person_words", &ctx.first_person_words},
                             {"rebuttal_words", &ctx.rebuttal_words}}) {
      if (!c->get(key)) continue;
      auto words = tomlu::get_string_array(name, *c, key);
      if (!words) return words.error();
      list->clear();
      for (const auto& w : *words) {
        std::string n = norm(w);
        if (n.empty() || n.find(' ') != std::string::npos) {
          return tomlu::error_at(name, *c, key, "\"" + w + "\" is not one word");
        }
        list->push_back(std::move(n));
      }
    }
    return {};
  }

  // [neutral] lexicon = [...]: the ordinary words that pack_lint.h checks the terms against.
  Status load_neutral(const std::string& name, const toml::table& root) {
    const toml::node* nn = root.get("neutral");
    if (!nn) return {};
    const toml::table* n = nn->as_table();
    if (!n) return tomlu::error_at(name, nn, "[neutral] must be a table");
    if (auto s = tomlu::check_keys(name, *n, {"lexicon", "description"}); !s) return s;
    auto lexicons = tomlu::get_string_array(name, *n, "lexicon");
    if (!lexicons) return lexicons.error();
    for (const auto& rel : *lexicons) {
      std::string path = display_path(dir, rel);
      auto entries = load_lexicon(path);
      if (!entries) {
        if (entries.error().code == Error::Code::kNotFound) {
          return tomlu::error_at(name, *n, "lexicon",
                                 "cannot open lexicon " + entries.error().message);
        }
        return entries.error();
      }
      for (const auto& e : *entries) {
        pack.neutral_words.push_back({norm(e.term), path + ":" + std::to_string(e.line)});
      }
    }
    return {};
  }

  // cancels = [...] and spares = [...] name rules of the pack.
  Status check_rule_refs() const {
    for (const auto& r : pack.rules) {
      for (const auto* list : {&r.cancels, &r.spares}) {
        for (const auto& id : *list) {
          bool found = false;
          for (const auto& o : pack.rules) found = found || o.id == id;
          if (!found) {
            return Error::invalid(r.source + ": rule \"" + r.id + "\": unknown rule \"" + id +
                                  "\"");
          }
        }
      }
    }
    return {};
  }

  Status load_elections() {
    namespace fs = std::filesystem;
    std::string edir = display_path(dir, "elections");
    std::error_code ec;
    if (!fs::is_directory(edir, ec)) return {};
    auto files = list_files(edir, ".toml");
    if (!files) return files.error();
    for (const auto& f : *files) {
      auto cal = load_calendar(f);
      if (!cal) return cal.error();
      if (pack.calendar(cal->id)) {
        return Error::invalid(f + ":1: election \"" + cal->id + "\" is defined twice");
      }
      int gi = -1;
      if (!cal->gazetteer.empty()) {
        std::string gpath = display_path(dir, cal->gazetteer);
        for (size_t i = 0; i < pack.gazetteers.size(); ++i) {
          if (pack.gazetteers[i].path == gpath) gi = static_cast<int>(i);
        }
        if (gi < 0) {
          auto g = load_gazetteer(gpath);
          if (!g) return g.error();
          if (auto s = normalize_aliases(&*g, normalize); !s) return s;
          pack.gazetteers.push_back(std::move(*g));
          gi = static_cast<int>(pack.gazetteers.size() - 1);
        }
      }
      pack.calendars.push_back(std::move(*cal));
      pack.calendar_gazetteer.push_back(gi);
    }
    return {};
  }

  Status load() {
    pack.dir = dir;
    std::string name = display_path(dir, "pack.toml");
    auto contents = read_file(name);
    if (!contents) return contents.error();
    auto doc = tomlu::parse(*contents, name);
    if (!doc) return doc.error();
    const toml::table& root = *doc;
    if (auto s = tomlu::check_keys(
            name, root, {"pack", "labels", "signals", "rules", "combine", "context", "neutral"});
        !s) {
      return s;
    }
    if (auto s = load_pack_table(name, root); !s) return s;
    if (auto s = load_labels(name, root); !s) return s;
    if (auto s = load_signals(name, root); !s) return s;
    if (auto s = load_context(name, root); !s) return s;
    if (auto s = load_neutral(name, root); !s) return s;
    std::unordered_set<std::string> ids;
    if (const toml::node* rn = root.get("rules")) {
      const toml::array* rules = rn->as_array();
      if (!rules) return tomlu::error_at(name, rn, "rules must be written as [[rules]] tables");
      for (const auto& el : *rules) {
        const toml::table* t = el.as_table();
        if (!t) return tomlu::error_at(name, &el, "rules must be written as [[rules]] tables");
        if (auto s = load_rule(name, *t, &ids); !s) return s;
      }
    }
    if (const toml::node* cn = root.get("combine")) {
      const toml::array* combos = cn->as_array();
      if (!combos) return tomlu::error_at(name, cn, "combinations must be [[combine]] tables");
      for (const auto& el : *combos) {
        const toml::table* t = el.as_table();
        if (!t) return tomlu::error_at(name, &el, "combinations must be [[combine]] tables");
        if (auto s = load_combination(name, *t, &ids); !s) return s;
      }
    }
    if (auto s = check_rule_refs(); !s) return s;
    if (auto s = load_elections(); !s) return s;
    if (!pack.default_election.empty() && !pack.calendars.empty() &&
        !pack.calendar(pack.default_election)) {
      return tomlu::error_at(
          name, root, "pack",
          "default_election \"" + pack.default_election + "\" has no calendar in elections/");
    }
    return {};
  }
};

}  // namespace

const LabelInfo* RulePack::label(std::string_view id) const {
  auto i = label_index(id);
  return i && *i < labels.size() ? &labels[*i] : nullptr;
}

const ElectionCalendar* RulePack::calendar(std::string_view id) const {
  for (const auto& c : calendars) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const Gazetteer* RulePack::gazetteer_for(std::string_view election) const {
  for (size_t i = 0; i < calendars.size(); ++i) {
    if (calendars[i].id == election) {
      int g = calendar_gazetteer[i];
      return g >= 0 ? &gazetteers[static_cast<size_t>(g)] : nullptr;
    }
  }
  return nullptr;
}

size_t RulePack::term_count() const {
  std::unordered_set<std::string> all;
  for (const auto& r : rules) {
    for (const auto& t : r.terms) all.insert(t.text);
  }
  for (const auto& g : gazetteers) {
    for (const auto& t : g.targets) {
      for (const auto& a : t.aliases) all.insert(a);
    }
  }
  return all.size();
}

Result<RulePack> load_rule_pack(const std::string& dir, const TermNormalizer& normalize) {
  Loader loader{dir, normalize, {}};
  if (auto s = loader.load(); !s) return s.error();
  return std::move(loader.pack);
}

Status add_gazetteer(RulePack* pack, const std::string& path, const TermNormalizer& normalize) {
  auto g = load_gazetteer(path);
  if (!g) return g.error();
  if (auto s = normalize_aliases(&*g, normalize); !s) return s;
  pack->gazetteers.push_back(std::move(*g));
  pack->global_gazetteers.push_back(pack->gazetteers.size() - 1);
  return {};
}

Result<std::string> find_rules_dir(const std::string& explicit_dir, const std::string& env_dir,
                                   const std::string& exe_path, const std::string& source_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto has_pack = [&](const fs::path& d) { return fs::is_regular_file(d / "pack.toml", ec); };
  if (!explicit_dir.empty()) return explicit_dir;
  if (!env_dir.empty()) return env_dir;
  std::vector<fs::path> candidates;
  if (!exe_path.empty()) {
    fs::path exe_dir = fs::path(exe_path).parent_path();
    candidates.push_back(exe_dir / ".." / "share" / "pantau" / "rules");
    candidates.push_back(exe_dir / ".." / ".." / ".." / "rules");
    candidates.push_back(exe_dir / ".." / ".." / "rules");
  }
  if (!source_dir.empty()) candidates.push_back(source_dir);
  for (const auto& c : candidates) {
    if (has_pack(c)) return c.lexically_normal().string();
  }
  return Error::not_found(
      "no rule pack found (looked in <exe dir>/../share/pantau/rules and the source tree); "
      "use --rules DIR or set PANTAU_RULES");
}

}  // namespace pantau::classify
