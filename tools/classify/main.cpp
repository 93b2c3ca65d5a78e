// pantau-classify: label posts with suspected violations, with the rule, the words and the
// rule-pack version behind every label. Subcommands train and evaluate the linear model and
// import claims databases. Flags in, library calls in a loop, an exit code out.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/app.h"
#include "flags.h"
#include "pantau/classify/claims.h"
#include "pantau/classify/classifier.h"
#include "pantau/classify/cross_set.h"
#include "pantau/classify/evaluation.h"
#include "pantau/classify/labels.h"
#include "pantau/classify/model.h"
#include "pantau/classify/pack_lint.h"
#include "pantau/classify/review_eval.h"
#include "pantau/classify/review_examples.h"
#include "pantau/classify/rule_pack.h"
#include "pantau/file_io.h"
#include "pantau/line_reader.h"
#include "pantau/records/review.h"

#ifndef PANTAU_SOURCE_RULES_DIR
#define PANTAU_SOURCE_RULES_DIR ""
#endif

namespace {

using namespace pantau;
using namespace pantau::classify;

const cli::ToolInfo kInfo{
    "pantau-classify", "pantau-classify [OPTIONS] [FILE...] | pantau-classify COMMAND [OPTIONS]",
    "pantau-classify: label posts with suspected election violations, with evidence\n\n"
    "Examples:\n"
    "  pantau-normalize raw.ndjson | pantau-classify --only-flagged > flagged.ndjson\n"
    "  pantau-classify --election pilkada-2024 --min-score 0.7 posts.ndjson\n"
    "  pantau-classify --claims claims.ndjson posts.ndjson      # also match known hoaxes\n"
    "  pantau-classify import-claims turnbackhoax/*.csv > claims.ndjson\n"
    "  pantau-classify train --out model.bin labelled.ndjson\n"
    "  pantau-classify eval --mode both --folds 5 labelled.ndjson\n"
    "  pantau-classify eval --lodo set-a.ndjson set-b.ndjson set-c.ndjson\n"
    "  pantau-classify train --reviews findings.csv --out model.bin classified.ndjson\n"
    "  pantau-classify eval --reviews findings.csv classified.ndjson   # before/after\n"};

std::string exe_path() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

// Loads the rule pack, or prints why not (with file and line) and returns null.
std::unique_ptr<RulePack> load_pack(const std::string& rules_opt, cli::Diagnostics& diag) {
  const char* env = std::getenv("PANTAU_RULES");
  auto dir = find_rules_dir(rules_opt, env ? env : "", exe_path(), PANTAU_SOURCE_RULES_DIR);
  if (!dir) {
    diag.error(dir.error().message);
    return nullptr;
  }
  diag.info("rules from " + *dir);
  auto pack = load_rule_pack(*dir, make_term_normalizer());
  if (!pack) {
    diag.error(pack.error().message);
    return nullptr;
  }
  return std::make_unique<RulePack>(std::move(*pack));
}

// Where the compiled pattern databases are cached: $PANTAU_CACHE_DIR (set but empty: no cache),
// else $XDG_CACHE_HOME/pantau, else $HOME/.cache/pantau, else none. Empty variables count as unset
// except PANTAU_CACHE_DIR, whose empty value is the way to turn the cache off.
std::string cache_dir_from_env() {
  if (const char* dir = std::getenv("PANTAU_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
    return std::string(xdg) + "/pantau";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.cache/pantau";
  }
  return {};
}

// Creates the classifier, telling --verbose runs where its pattern databases came from.
Result<std::unique_ptr<Classifier>> create_classifier(const RulePack& pack, ClassifierOptions opts,
                                                      cli::Diagnostics& diag) {
  opts.cache_dir = cache_dir_from_env();
  const std::string dir = opts.cache_dir;
  auto c = Classifier::create(pack, std::move(opts));
  if (c && !dir.empty()) {
    diag.info((*c)->databases_from_cache() ? "pattern databases loaded from the cache in " + dir
                                           : "pattern databases compiled (cache: " + dir + ")");
  }
  return c;
}

Result<std::vector<std::string>> parse_label_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string id = s.substr(start, comma - start);
    if (!id.empty()) {
      if (!label_index(id)) return Error::invalid("unknown label \"" + id + "\"");
      out.push_back(id);
    }
    start = comma + 1;
  }
  if (out.empty()) return Error::invalid("no labels given");
  return out;
}

// --check beyond loading: terms that equal a neutral word (an error), and with post files, the
// terms that none of the posts exercises (listed on stdout: "unexercised<TAB>where<TAB>rule<TAB>
// term").
int lint_pack(const RulePack& pack, const cli::InputOptions& in, cli::Diagnostics& diag) {
  for (const auto& c : neutral_collisions(pack)) {
    diag.error(c.term_source + ": rule \"" + c.rule + "\": term \"" + c.term +
               "\" is the neutral word of " + c.neutral_source +
               " once normalized: mark the rule addressed or in_context, or drop the term");
  }
  if (!in.files.empty()) {
    LineReader reader(in.files, static_cast<size_t>(in.max_line_bytes));
    simdjson::dom::parser parser;
    auto norm = make_term_normalizer();
    std::vector<std::string> texts;
    Line line;
    for (;;) {
      auto r = reader.next(&line);
      if (!r) {
        diag.error(r.error().message);
        continue;
      }
      if (!*r) break;
      simdjson::dom::element rec;
      std::string_view text;
      if (parser.parse(line.text.data(), line.text.size()).get(rec) || rec["text"].get(text)) {
        diag.error_at(line.input, line.number, "not a record with a \"text\" string");
        continue;
      }
      texts.push_back(norm(text));
    }
    auto unused = unexercised_terms(pack, texts);
    std::string report;
    for (const auto& u : unused) {
      report += "unexercised\t" + u.term_source + "\t" + u.rule + "\t" + u.term + "\n";
    }
    size_t terms = 0;
    for (const auto& r : pack.rules) terms += r.terms.size();
    std::printf("%s%zu of %zu terms exercised by %zu posts\n", report.c_str(),
                terms - unused.size(), terms, texts.size());
  }
  return diag.error_count() ? cli::kExitFailure : cli::kExitOk;
}

// Reads labelled examples; bad lines are reported and skipped (or stop the run with --strict).
// With `joiner` (--reviews), records without "gold" are posts: those staff decided about become
// examples in *reviewed, the others are passed over.
bool read_examples(const cli::InputOptions& in, const std::vector<std::string>& labels,
                   cli::Diagnostics& diag, std::vector<Example>* out,
                   ReviewJoiner* joiner = nullptr, std::vector<Example>* reviewed = nullptr) {
  LineReader reader(in.files, static_cast<size_t>(in.max_line_bytes));
  Line line;
  for (;;) {
    auto r = reader.next(&line);
    if (!r) {
      diag.error(r.error().message);
      if (in.strict) return false;
      continue;
    }
    if (!*r) break;
    if (joiner != nullptr && !ReviewJoiner::is_labelled(line.text)) {
      auto ex = joiner->take(line.text);
      if (!ex) {
        diag.error_at(line.input, line.number, ex.error().message);
        if (in.strict) return false;
        continue;
      }
      if (*ex) {
        (*ex)->input = std::string(line.input);
        (*ex)->line = line.number;
        reviewed->push_back(std::move(**ex));
      }
      continue;
    }
    auto ex = parse_example(line.text, labels);
    if (!ex) {
      diag.error_at(line.input, line.number, ex.error().message);
      if (in.strict) return false;
      continue;
    }
    ex->input = std::string(line.input);
    ex->line = line.number;
    if (ex->set.empty()) {  // the file's name without its directory and extension
      std::string_view name = line.input;
      if (size_t slash = name.rfind('/'); slash != std::string_view::npos) {
        name.remove_prefix(slash + 1);
      }
      if (size_t dot = name.find('.'); dot != std::string_view::npos && dot > 0) {
        name = name.substr(0, dot);
      }
      ex->set = std::string(name);
    }
    out->push_back(std::move(*ex));
  }
  return true;
}

struct ModelFlags {
  std::string mode = "both";
  std::string labels = "sara,hate,insult,black_campaign";
  std::string model_off = "insult";
  uint32_t epochs = 12;
  uint32_t bits = 18;
  uint64_t seed = 1;
  bool balance = false;
  std::vector<std::string> reviews;
  float review_weight = 3;
  std::vector<std::string> claims;
};

void add_model_flags(CLI::App* cmd, ModelFlags* f, const cli::Flag& mode,
                     const cli::Flag& reviews) {
  namespace flag = classify_flags;
  cli::add(*cmd, mode, f->mode);
  cli::add(*cmd, flag::kLabels, f->labels);
  cli::add(*cmd, flag::kEpochs, f->epochs);
  cli::add(*cmd, flag::kBits, f->bits)->check(CLI::Range(8, 24));
  cli::add(*cmd, flag::kSeed, f->seed);
  cli::add(*cmd, flag::kBalance, f->balance);
  cli::add(*cmd, flag::kModelOff, f->model_off);
  cli::add(*cmd, reviews, f->reviews);
  cli::add(*cmd, flag::kModelClaims, f->claims);
  cli::add(*cmd, flag::kReviewWeight, f->review_weight)->check(CLI::Range(0.0, 100.0));
}

Result<EvalOptions> eval_options(const ModelFlags& f) {
  EvalOptions o;
  auto labels = parse_label_list(f.labels);
  if (!labels) return labels.error();
  o.labels = *labels;
  auto mode = parse_mode(f.mode);
  if (!mode) return Error::invalid("--mode must be rules, model or both");
  o.mode = *mode;
  o.seed = f.seed;
  o.train.epochs = f.epochs;
  o.train.seed = f.seed;
  o.train.balance = f.balance;
  o.features.bits = f.bits;
  return o;
}

int run(int argc, char** argv) {
  CLI::App app;
  cli::Diagnostics diag(kInfo.program);
  cli::InputOptions in;
  // Posts only: a post's text is at most kMaxTextBytes (the classifier refuses more), so a post
  // record needs a few MiB at most; 16 MiB leaves room and bounds what one line can cost.
  in.max_line_bytes = kMaxPostLineBytes;
  cli::OutputOptions out_opts;
  std::string rules_dir, election, model_path, mode_name;
  std::vector<std::string> claims_paths, gazetteer_paths;
  double min_score = 0;
  bool only_flagged = false, check = false;
  cli::configure_app(app, kInfo);
  cli::add_input_options(app, &in);
  cli::add_output_options(app, &out_opts);
  namespace flag = classify_flags;
  cli::add(app, flag::kRules, rules_dir);
  cli::add(app, flag::kElection, election);
  cli::add(app, flag::kOnlyFlagged, only_flagged);
  cli::add(app, flag::kMinScore, min_score)->check(CLI::Range(0.0, 1.0));
  cli::add(app, flag::kClaims, claims_paths);
  cli::add(app, flag::kGazetteer, gazetteer_paths);
  cli::add(app, flag::kModel, model_path);
  cli::add(app, flag::kMode, mode_name);
  cli::add(app, flag::kCheck, check);
  cli::add_verbosity_options(app, &diag);

  // train
  cli::InputOptions train_in;
  ModelFlags train_flags;
  std::string train_out, train_rules;
  CLI::App* train = app.add_subcommand("train", std::string(flag::kTrainHelp));
  train
      ->add_option("files", train_in.files,
                   "Labelled NDJSON (text + gold); with --reviews also the posts reviewed")
      ->type_name("FILE...");
  cli::add(*train, flag::kTrainOut, train_out)->required();
  cli::add(*train, flag::kModelRules, train_rules);
  cli::add(*train, flag::kModelStrict, train_in.strict);
  add_model_flags(train, &train_flags, flag::kTrainMode, flag::kTrainReviews);

  // eval
  cli::InputOptions eval_in;
  ModelFlags eval_flags;
  eval_flags.mode = "rules";
  uint32_t folds = 5, bootstrap = 1000;
  bool lodo = false;
  std::string eval_rules, eval_model, eval_json, eval_election;
  CLI::App* eval = app.add_subcommand("eval", std::string(flag::kEvalHelp));
  eval->add_option("files", eval_in.files,
                   "Labelled NDJSON (text + gold); with --reviews also the posts reviewed")
      ->type_name("FILE...");
  cli::add(*eval, flag::kModelRules, eval_rules);
  cli::add(*eval, flag::kEvalModel, eval_model);
  cli::add(*eval, flag::kFolds, folds)->check(CLI::Range(2, 100));
  cli::add(*eval, flag::kLodo, lodo);
  cli::add(*eval, flag::kBootstrap, bootstrap);
  cli::add(*eval, flag::kEvalJson, eval_json);
  cli::add(*eval, flag::kEvalElection, eval_election);
  cli::add(*eval, flag::kModelStrict, eval_in.strict);
  double eval_min_score = 0.5;
  cli::add(*eval, flag::kEvalMinScore, eval_min_score)->check(CLI::Range(0.0, 1.0));
  add_model_flags(eval, &eval_flags, flag::kEvalMode, flag::kEvalReviews);

  // import-claims
  std::vector<std::string> import_files;
  std::string import_format = "turnbackhoax";
  CLI::App* import = app.add_subcommand("import-claims", std::string(flag::kImportHelp));
  import->add_option("files", import_files, "Input files (TurnBackHoax CSVs)")
      ->type_name("FILE...")
      ->required();
  cli::add(*import, flag::kImportFrom, import_format);

  app.require_subcommand(0, 1);
  if (auto code = cli::parse_args(app, kInfo, argc, argv)) return *code;

  if (import->parsed()) {
    if (import_format != "turnbackhoax") {
      diag.error("unknown --from format \"" + import_format + "\" (known: turnbackhoax)");
      return cli::kExitUsage;
    }
    auto claims = import_turnbackhoax(import_files);
    if (!claims) {
      diag.error(claims.error().message);
      return cli::kExitFailure;
    }
    OutputStream out(STDOUT_FILENO, "<stdout>", false);
    std::string rec;
    for (const auto& c : *claims) {
      rec.clear();
      append_claim_json(c, &rec);
      out.write_line(rec);
    }
    return cli::finish(out, diag, cli::LoopEnd::kDone);
  }

  if (train->parsed() || eval->parsed()) {
    const bool is_train = train->parsed();
    ModelFlags& flags = is_train ? train_flags : eval_flags;
    auto opts = eval_options(flags);
    if (!opts) {
      diag.error(opts.error().message);
      return cli::kExitUsage;
    }
    if (is_train && opts->mode == Mode::kRules) {
      diag.error("train --mode must be model or both");
      return cli::kExitUsage;
    }
    opts->folds = eval_model.empty() ? folds : 0;
    auto pack = load_pack(is_train ? train_rules : eval_rules, diag);
    if (!pack) return cli::kExitFailure;
    ClassifierOptions copts;
    copts.election = eval_election;
    auto classifier = create_classifier(*pack, copts, diag);
    if (!classifier) {
      diag.error(classifier.error().message);
      return cli::kExitFailure;
    }
    ClaimIndex train_claims;
    if (!flags.claims.empty()) {
      auto norm = make_term_normalizer();
      for (const auto& p : flags.claims) {
        auto list = load_claims(p);
        if (!list) {
          diag.error(list.error().message);
          return cli::kExitFailure;
        }
        for (auto& c : *list) train_claims.add(std::move(c), norm);
      }
      (*classifier)->set_claims(&train_claims);
    }
    // Staff's decisions: bad lines are reported as FILE:LINE and skipped, the run goes on and
    // exits 1 at the end (as pantau-report --reviews does).
    records::ReviewBook reviews;
    std::unique_ptr<ReviewJoiner> joiner;
    if (!flags.reviews.empty()) {
      for (const auto& path : flags.reviews) {
        std::vector<std::string> errors;
        Status s = records::load_reviews(path, &reviews, &errors);
        if (!s.ok()) errors.push_back(s.message());
        for (const auto& e : errors) diag.error(e);
      }
      joiner = std::make_unique<ReviewJoiner>(&reviews, opts->labels, flags.review_weight);
    }
    std::vector<Example> examples, reviewed;
    cli::InputOptions& input = is_train ? train_in : eval_in;
    if (!read_examples(input, opts->labels, diag, &examples, joiner.get(), &reviewed)) {
      return cli::kExitFailure;
    }
    if (joiner) {
      const ReviewJoinStats& st = joiner->finish();
      diag.info(std::to_string(reviews.size()) + " decisions read: " + std::to_string(st.examples) +
                " reviewed posts as examples (" + std::to_string(st.positives) + " confirmed, " +
                std::to_string(st.negatives) + " dismissed), " + std::to_string(st.needs_check) +
                " perlu dicek, " + std::to_string(st.no_label) + " without a label to learn, " +
                std::to_string(st.no_post) + " whose post is not in the input");
      if (st.examples == 0) {
        diag.warning(
            "no review decision could be used: are the reviewed posts (classified "
            "NDJSON) among the inputs, and their labels in --labels?");
      }
    }
    LodoOptions lopts;
    lopts.labels = opts->labels;
    lopts.seed = opts->seed;
    lopts.bootstrap = bootstrap;
    lopts.train = opts->train;
    lopts.features = opts->features;
    if (!eval_flags.model_off.empty() || !train_flags.model_off.empty()) {
      auto off = parse_label_list(flags.model_off);
      if (!off && !flags.model_off.empty()) {
        diag.error("--model-off: " + off.error().message);
        return cli::kExitUsage;
      }
      if (off) lopts.model_off = *off;
    }
    if (is_train) {
      examples.insert(examples.end(), std::make_move_iterator(reviewed.begin()),
                      std::make_move_iterator(reviewed.end()));
      if (examples.empty()) {
        diag.error("nothing to train on");
        return cli::kExitFailure;
      }
      // A text-feature model, its calibration fitted on held-out folds (by data set when
      // there are several), without the texts that repeat across sets.
      uint64_t repeated = 0;
      for (const auto& d : dedup_across_sets(&examples)) repeated += d.exact + d.near;
      if (repeated) diag.info(std::to_string(repeated) + " texts repeated across sets left out");
      auto data = prepare_sets(**classifier, examples, lopts);
      if (!data) {
        diag.error(data.error().message);
        return cli::kExitFailure;
      }
      std::vector<size_t> all(examples.size());
      for (size_t i = 0; i < all.size(); ++i) all[i] = i;
      auto model = std::make_unique<LinearModel>(train_calibrated(*data, all, lopts));
      model->pack = pack->name;
      model->version = pack->version;
      const std::string reviewed_note =
          joiner ? " (" + std::to_string(joiner->stats().examples) + " from staff reviews)" : "";
      model->trained_on = std::to_string(examples.size()) + " examples" + reviewed_note;
      if (auto s = model->save(train_out); !s) {
        diag.error(s.message());
        return cli::kExitFailure;
      }
      diag.info("trained on " + std::to_string(examples.size()) + " examples" + reviewed_note);
      return diag.error_count() ? cli::kExitFailure : cli::kExitOk;
    }
    std::unique_ptr<LinearModel> model;
    if (!eval_model.empty()) {
      auto m = LinearModel::load(eval_model);
      if (!m) {
        diag.error(m.error().message);
        return cli::kExitFailure;
      }
      model = std::make_unique<LinearModel>(std::move(*m));
      if (opts->mode == Mode::kRules) opts->mode = Mode::kBoth;
      (*classifier)->set_model(model.get(), opts->mode);
    }
    if (joiner) {
      if (lodo) {
        diag.error("--reviews and --lodo are separate evaluations: give one");
        return cli::kExitUsage;
      }
      ReviewEvalOptions ropts;
      ropts.train = lopts;
      ropts.mode = opts->mode == Mode::kModel ? Mode::kModel : Mode::kBoth;
      ropts.min_score = eval_min_score;
      auto report = evaluate_reviews(**classifier, examples, reviewed, model.get(), ropts);
      if (!report) {
        diag.error(report.error().message);
        return cli::kExitFailure;
      }
      OutputStream out(STDOUT_FILENO, "<stdout>", false);
      out.write(report->table());
      if (!eval_json.empty()) {
        std::string j = report->json();
        j.push_back('\n');
        if (Status s = write_file_atomic(eval_json, j); !s.ok()) {
          diag.error(s.message());
          return cli::kExitFailure;
        }
      }
      return cli::finish(out, diag, cli::LoopEnd::kDone);
    }
    if (lodo) {
      if (!eval_model.empty()) {
        diag.error("--lodo trains its own models: drop --model");
        return cli::kExitUsage;
      }
      auto report = evaluate_lodo(**classifier, std::move(examples), lopts);
      if (!report) {
        diag.error(report.error().message);
        return cli::kExitFailure;
      }
      OutputStream out(STDOUT_FILENO, "<stdout>", false);
      out.write(report->table());
      if (!eval_json.empty()) {
        std::string j = report->json();
        j.push_back('\n');
        if (Status s = write_file_atomic(eval_json, j); !s.ok()) {
          diag.error(s.message());
          return cli::kExitFailure;
        }
      }
      return cli::finish(out, diag, cli::LoopEnd::kDone);
    }
    auto metrics = evaluate(**classifier, examples, *opts);
    if (!metrics) {
      diag.error(metrics.error().message);
      return cli::kExitFailure;
    }
    std::string data;
    for (const auto& f : eval_in.files) data += (data.empty() ? "" : " ") + f;
    OutputStream out(STDOUT_FILENO, "<stdout>", false);
    out.write(metrics->table());
    if (!eval_json.empty()) {
      std::string j = metrics->json(flags.mode, opts->mode == Mode::kRules ? 0 : opts->folds,
                                    data.empty() ? "<stdin>" : data);
      j.push_back('\n');
      if (Status s = write_file_atomic(eval_json, j); !s.ok()) {
        diag.error(s.message());
        return cli::kExitFailure;
      }
    }
    return cli::finish(out, diag, cli::LoopEnd::kDone);
  }

  // The filter.
  auto pack = load_pack(rules_dir, diag);
  if (!pack) return cli::kExitFailure;
  if (!election.empty() && !pack->calendar(election)) {
    std::string known;
    for (const auto& c : pack->calendars) known += (known.empty() ? "" : ", ") + c.id;
    diag.error("unknown election \"" + election + "\" (known: " + known + ")");
    return cli::kExitUsage;
  }
  for (const auto& g : gazetteer_paths) {
    if (auto s = add_gazetteer(pack.get(), g, make_term_normalizer()); !s) {
      diag.error(s.message());
      return cli::kExitFailure;
    }
  }
  ClassifierOptions copts;
  copts.election = election;
  copts.min_score = min_score;
  copts.only_flagged = only_flagged;
  auto classifier = create_classifier(*pack, copts, diag);
  if (!classifier) {
    diag.error(classifier.error().message);
    return cli::kExitFailure;
  }
  if (check) {
    std::string elections;
    for (const auto& c : pack->calendars) elections += (elections.empty() ? "" : ", ") + c.id;
    std::printf("%s %s: %zu rules, %zu terms, %zu patterns, elections: %s\n", pack->name.c_str(),
                pack->version.c_str(), pack->rules.size(), pack->term_count(),
                (*classifier)->pattern_count(), elections.c_str());
    return lint_pack(*pack, in, diag);
  }
  std::unique_ptr<LinearModel> model;
  if (!model_path.empty()) {
    auto m = LinearModel::load(model_path);
    if (!m) {
      diag.error(m.error().message);
      return cli::kExitFailure;
    }
    model = std::make_unique<LinearModel>(std::move(*m));
    auto mode = parse_mode(mode_name.empty() ? "both" : mode_name);
    if (!mode || *mode == Mode::kRules) {
      diag.error("--mode must be model or both");
      return cli::kExitUsage;
    }
    if (model->uses_rules() && *mode == Mode::kModel) {
      diag.warning("the model was trained with rule features; --mode model ignores them");
    }
    (*classifier)->set_model(model.get(), *mode);
  } else if (!mode_name.empty()) {
    diag.error("--mode needs --model");
    return cli::kExitUsage;
  }
  ClaimIndex claims;
  if (!claims_paths.empty()) {
    auto norm = make_term_normalizer();
    for (const auto& p : claims_paths) {
      auto list = load_claims(p);
      if (!list) {
        diag.error(list.error().message);
        return cli::kExitFailure;
      }
      for (auto& c : *list) claims.add(std::move(c), norm);
    }
    diag.info(std::to_string(claims.size()) + " claims indexed");
    (*classifier)->set_claims(&claims);
  }
  cli::warn_if_stdin_is_terminal(in, diag);

  OutputStream out(STDOUT_FILENO, "<stdout>", out_opts.line_buffered);
  std::string record;
  auto end = cli::for_each_line(in, diag, out, [&](const Line& line) -> Status {
    record.clear();
    Status s = (*classifier)->process_line(line, &record);
    if (!record.empty()) out.write_line(record);
    return s;
  });
  return cli::finish(out, diag, end);
}

}  // namespace

int main(int argc, char** argv) {
  return pantau::cli::run_main(kInfo.program, [&] { return run(argc, argv); });
}
