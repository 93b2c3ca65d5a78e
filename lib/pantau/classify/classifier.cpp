#include "pantau/classify/classifier.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <memory>

#include "pantau/classify/labels.h"
#include "pantau/json_writer.h"
#include "pantau/record.h"
#include "pantau/utf8.h"

namespace pantau::classify {
namespace {

constexpr uint32_t kTargetTag = 0x80000000u;

enum LabelSlot : size_t {
  kSara = 0,
  kHate,
  kInsult,
  kBlackCampaign,
  kHoax,
  kMoneyPolitics,
  kViolence,
  kCampaign,
  kQuietPeriod,
  kOutsideSchedule,
  kNeutrality,
  kFacilityMisuse
};

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

double round2(double x) { return std::round(x * 100.0) / 100.0; }

// The gazetteer targets, flattened over all gazetteers of the pack.
struct TargetRef {
  const Gazetteer* gazetteer;
  const Target* target;
  bool global;  // from --gazetteer: applies to every election
};

}  // namespace

std::optional<Mode> parse_mode(std::string_view s) {
  if (s == "rules") return Mode::kRules;
  if (s == "model") return Mode::kModel;
  if (s == "both") return Mode::kBoth;
  return std::nullopt;
}

TermNormalizer make_term_normalizer() {
  auto n = std::make_shared<text::TextNormalizer>(&text::SlangTable::builtin());
  return [n](std::string_view s) { return n->normalize(s); };
}

struct Classifier::Impl {
  text::TextNormalizer normalizer{&text::SlangTable::builtin()};
  std::unique_ptr<Matcher> matcher;
  std::vector<TargetRef> targets;
  std::vector<size_t> rule_slot;                // label/signal slot of each rule (or SIZE_MAX)
  std::vector<std::vector<size_t>> rule_damps;  // slots each rule dampens
  size_t slots = 0;                             // labels + signals
  std::vector<size_t> campaign_signal_slots, facility_signal_slots, activity_signal_slots;
  std::vector<size_t> combo_slot;              // label/signal slot of each combination
  std::vector<std::vector<size_t>> combo_all;  // slots each combination needs
  std::vector<uint8_t> combo_fired;
  FeatureExtractor extractor;
  simdjson::dom::parser parser;

  // Per-post scratch.
  text::NormalizedText nt;
  std::vector<Hit> hits;
  std::vector<double> miss;    // per slot: prod(1 - w) of positive rules
  std::vector<double> damp;    // per slot: prod(1 - w) of dampeners
  std::vector<uint8_t> fired;  // per rule
  std::vector<int32_t> fired_list;
  struct FoundTarget {
    TargetOut target;
    uint32_t begin, end;  // normalized bytes of the mention
    std::string rule;
  };
  std::vector<FoundTarget> found;
  std::vector<Feature> feats;
  std::vector<std::string_view> rule_ids;
  Classification scratch;
  std::array<std::vector<Contribution>, kLabelIds.size()> explanations;
  // JSON fragments written for every label and post, escaped once at start-up.
  // Per label: the quoted name_id, name_en and basis (or null).
  std::vector<std::array<std::string, 3>> label_json;
  std::string members;
  std::string rebuilt;

  size_t slot_of(const RulePack& pack, std::string_view id) const {
    if (auto i = label_index(id)) return *i;
    for (size_t s = 0; s < pack.signals.size(); ++s) {
      if (pack.signals[s] == id) return kLabelIds.size() + s;
    }
    return SIZE_MAX;
  }
};

Classifier::Classifier(const RulePack& pack, ClassifierOptions opts)
    : pack_(pack), opts_(std::move(opts)), impl_(std::make_unique<Impl>()) {}

Classifier::~Classifier() = default;

size_t Classifier::pattern_count() const { return impl_->matcher->pattern_count(); }

void Classifier::set_model(const LinearModel* model, Mode mode) {
  model_ = model;
  mode_ = model ? mode : Mode::kRules;
}

Result<std::unique_ptr<Classifier>> Classifier::create(const RulePack& pack,
                                                       ClassifierOptions opts) {
  std::unique_ptr<Classifier> c(new Classifier(pack, std::move(opts)));
  Impl& m = *c->impl_;
  m.slots = kLabelIds.size() + pack.signals.size();
  std::vector<Pattern> patterns;
  std::vector<std::string> where;  // per pattern: what to blame in a compile error
  for (size_t r = 0; r < pack.rules.size(); ++r) {
    const Rule& rule = pack.rules[r];
    m.rule_slot.push_back(rule.label.empty() ? SIZE_MAX : m.slot_of(pack, rule.label));
    std::vector<size_t> d;
    for (const auto& id : rule.dampens) d.push_back(m.slot_of(pack, id));
    m.rule_damps.push_back(std::move(d));
    for (const auto& term : rule.terms) {
      for (auto& form : term_forms(term.text, rule.morphology)) {
        Pattern p;
        p.expr = std::move(form.literal);
        p.affixes = form.affixes;
        p.tag = static_cast<uint32_t>(r);
        patterns.push_back(std::move(p));
        where.push_back(term.source + ": rule \"" + rule.id + "\"");
      }
    }
    for (const auto& re : rule.regexes) {
      Pattern p;
      p.expr = re;
      p.regex = true;
      p.boundary = rule.boundary;
      p.tag = static_cast<uint32_t>(r);
      patterns.push_back(std::move(p));
      where.push_back(rule.source + ": rule \"" + rule.id + "\"");
    }
  }
  for (size_t gi = 0; gi < pack.gazetteers.size(); ++gi) {
    const Gazetteer& g = pack.gazetteers[gi];
    const bool global = std::find(pack.global_gazetteers.begin(), pack.global_gazetteers.end(),
                                  gi) != pack.global_gazetteers.end();
    for (const auto& t : g.targets) {
      for (const auto& alias : t.aliases) {
        // Names take possessive suffixes ("prabowonya"); short ones must stand alone.
        auto forms = term_forms(alias, alias.size() >= 4 ? Morphology::kNoun : Morphology::kNone);
        for (auto& form : forms) {
          Pattern p;
          p.expr = std::move(form.literal);
          p.affixes = form.affixes;
          p.tag = kTargetTag | static_cast<uint32_t>(m.targets.size());
          patterns.push_back(std::move(p));
          where.push_back(g.path + ":" + std::to_string(t.line) + ": alias \"" + alias + "\"");
        }
      }
      m.targets.push_back({&g, &t, global});
    }
  }
  size_t bad = patterns.size();
  auto matcher = Matcher::compile(patterns, &bad);
  if (!matcher) {
    std::string blame = bad < where.size() ? where[bad] + ": " : std::string();
    return Error::invalid(blame + matcher.error().message);
  }
  m.matcher = std::move(*matcher);
  for (const auto& s : pack.context.campaign_signals)
    m.campaign_signal_slots.push_back(m.slot_of(pack, s));
  for (const auto& s : pack.context.facility_signals)
    m.facility_signal_slots.push_back(m.slot_of(pack, s));
  for (const auto& s : pack.context.activity_signals)
    m.activity_signal_slots.push_back(m.slot_of(pack, s));
  for (const auto& cb : pack.combinations) {
    m.combo_slot.push_back(m.slot_of(pack, cb.label));
    std::vector<size_t> all;
    for (const auto& a : cb.all) all.push_back(m.slot_of(pack, a));
    m.combo_all.push_back(std::move(all));
  }
  m.combo_fired.resize(pack.combinations.size());
  for (const auto& info : pack.labels) {
    std::array<std::string, 3> j;
    append_json_string(info.name_id, &j[0]);
    append_json_string(info.name_en, &j[1]);
    if (info.basis.empty())
      j[2] = "null";
    else
      append_json_string(info.basis, &j[2]);
    m.label_json.push_back(std::move(j));
  }
  m.miss.resize(m.slots);
  m.damp.resize(m.slots);
  m.fired.resize(pack.rules.size());
  return c;
}

Status Classifier::fired_rules(std::string_view text, std::vector<int32_t>* out) {
  Impl& m = *impl_;
  m.normalizer.normalize(text, &m.nt);
  out->clear();
  if (auto s = m.matcher->scan(m.nt.text, &m.hits); !s) return s;
  std::fill(m.fired.begin(), m.fired.end(), 0);
  for (const Hit& h : m.hits) {
    if (h.tag & kTargetTag) continue;
    if (!m.fired[h.tag]) {
      m.fired[h.tag] = 1;
      out->push_back(static_cast<int32_t>(h.tag));
    }
  }
  std::sort(out->begin(), out->end());
  return {};
}

Status Classifier::features(std::string_view text, bool with_rules, FeatureOptions fopts,
                            std::vector<Feature>* out) {
  Impl& m = *impl_;
  m.rule_ids.clear();
  m.fired_list.clear();
  if (with_rules) {
    if (auto s = fired_rules(text, &m.fired_list); !s) return s;
    for (int32_t r : m.fired_list) m.rule_ids.push_back(pack_.rules[static_cast<size_t>(r)].id);
  } else {
    m.normalizer.normalize(text, &m.nt);
  }
  const FeatureOptions& cur = m.extractor.options();
  if (cur.bits != fopts.bits || cur.char_max != fopts.char_max || cur.char_min != fopts.char_min ||
      cur.word_bigrams != fopts.word_bigrams || cur.char_ngrams != fopts.char_ngrams) {
    m.extractor = FeatureExtractor(fopts);
  }
  m.extractor.extract(m.nt.text, m.rule_ids, m.fired_list, out);
  return {};
}

Status Classifier::classify(const PostContext& post, Classification* out) {
  Impl& m = *impl_;
  out->labels.clear();
  out->election.clear();
  // Election: --election, else the account's (when we know its calendar), else the default.
  const ElectionCalendar* cal = nullptr;
  if (!opts_.election.empty()) cal = pack_.calendar(opts_.election);
  if (!cal && opts_.election.empty() && !post.election.empty()) cal = pack_.calendar(post.election);
  if (!cal && opts_.election.empty()) cal = pack_.calendar(pack_.default_election);
  if (cal) out->election = cal->id;
  const Gazetteer* gaz = cal ? pack_.gazetteer_for(cal->id) : nullptr;

  m.normalizer.normalize(post.text, &m.nt);
  const std::string& nt = m.nt.text;
  if (auto s = m.matcher->scan(nt, &m.hits); !s) return s;

  std::fill(m.miss.begin(), m.miss.end(), 1.0);
  std::fill(m.damp.begin(), m.damp.end(), 1.0);
  std::fill(m.fired.begin(), m.fired.end(), 0);
  m.fired_list.clear();
  m.found.clear();

  auto add_target = [&](TargetOut t, const Hit& h, std::string rule) {
    for (const auto& f : m.found) {
      if (f.target == t) return;
    }
    m.found.push_back({std::move(t), h.begin, h.end, std::move(rule)});
  };
  for (const Hit& h : m.hits) {
    if (h.tag & kTargetTag) {
      const TargetRef& ref = m.targets[h.tag & ~kTargetTag];
      if (ref.gazetteer != gaz && !ref.global) continue;
      const Target& t = *ref.target;
      add_target({t.type, t.name, t.ballot_no, t.party}, h, "gazetteer." + t.type);
      continue;
    }
    const Rule& rule = pack_.rules[h.tag];
    if (!m.fired[h.tag]) {
      m.fired[h.tag] = 1;
      m.fired_list.push_back(static_cast<int32_t>(h.tag));
      size_t slot = m.rule_slot[h.tag];
      if (slot != SIZE_MAX) m.miss[slot] *= 1.0 - rule.weight;
      for (size_t d : m.rule_damps[h.tag]) m.damp[d] *= 1.0 - rule.weight;
    }
    if (rule.ballot) {
      int n = trailing_number(std::string_view(nt).substr(h.begin, h.end - h.begin));
      if (n < 0) continue;
      const Target* t = nullptr;
      if (*rule.ballot == BallotScope::kAny && post.has_account &&
          trailing_number(post.ballot_no) == n && !post.owner.empty()) {
        add_target({std::string(post.role), std::string(post.owner), std::string(post.ballot_no),
                    std::string(post.party)},
                   h, rule.id);
        continue;
      }
      if (gaz && *rule.ballot == BallotScope::kTicket) t = gaz->by_ballot(n, "ticket");
      if (gaz && *rule.ballot == BallotScope::kParty) t = gaz->by_ballot(n, "party");
      if (t) {
        add_target({t->type, t->name, t->ballot_no, t->party}, h, rule.id);
      } else {
        add_target({"ballot", "", std::to_string(n), ""}, h, rule.id);
      }
    }
  }
  std::sort(m.fired_list.begin(), m.fired_list.end());

  // Combinations see which slots have a rule that fired (before dampening), all at once.
  for (size_t c = 0; c < pack_.combinations.size(); ++c) {
    const Combination& cb = pack_.combinations[c];
    bool all = !cb.needs_target || !m.found.empty();
    for (size_t s : m.combo_all[c]) all = all && m.miss[s] < 1.0;
    m.combo_fired[c] = all;
  }
  for (size_t c = 0; c < pack_.combinations.size(); ++c) {
    if (m.combo_fired[c]) m.miss[m.combo_slot[c]] *= 1.0 - pack_.combinations[c].weight;
  }

  std::array<double, kLabelIds.size()> score{};
  std::array<uint8_t, kLabelIds.size()> from_model{};
  for (size_t l = 0; l < kLabelIds.size(); ++l) score[l] = (1.0 - m.miss[l]) * m.damp[l];
  auto signal = [&](size_t slot) { return (1.0 - m.miss[slot]) * m.damp[slot]; };

  // The model replaces the rule scores of the labels it knows.
  auto& explanations = m.explanations;
  if (model_ && mode_ != Mode::kRules) {
    for (auto& e : explanations) e.clear();
    m.rule_ids.clear();
    if (model_->uses_rules()) {
      for (int32_t r : m.fired_list) m.rule_ids.push_back(pack_.rules[static_cast<size_t>(r)].id);
    }
    if (m.extractor.options().bits != model_->feature_options().bits ||
        m.extractor.options().char_min != model_->feature_options().char_min ||
        m.extractor.options().char_max != model_->feature_options().char_max) {
      m.extractor = FeatureExtractor(model_->feature_options());
    }
    std::vector<int32_t> idx(m.fired_list.begin(), m.fired_list.end());
    if (!model_->uses_rules()) idx.clear();
    m.extractor.extract(nt, m.rule_ids, idx, &m.feats);
    for (size_t slot = 0; slot < model_->labels().size(); ++slot) {
      auto li = label_index(model_->labels()[slot]);
      if (!li) continue;
      double p = model_->predict(slot, m.feats);
      explanations[*li] = model_->explain(slot, m.feats, 3);
      // A positive needs evidence: without a positive feature it is the bias speaking.
      score[*li] = explanations[*li].empty() ? 0.0 : p;
      from_model[*li] = 1;
    }
  }

  // campaign: direct campaign rules, plus call-to-vote signals when the post names a target
  // or comes from an account that asks for votes for itself.
  const bool self_role = post.has_account && contains(pack_.context.self_roles, post.role);
  const bool gate = !m.found.empty() || self_role;
  if (!from_model[kCampaign]) {
    double calls = 0, activity = 0;
    for (size_t s : m.campaign_signal_slots) calls = std::max(calls, signal(s));
    for (size_t s : m.activity_signal_slots) activity = std::max(activity, signal(s));
    double direct = 1.0 - m.miss[kCampaign];
    double gated = std::max(gate ? calls : 0.0, m.found.empty() ? 0.0 : activity);
    double c = 1.0 - (1.0 - direct) * (1.0 - gated);
    score[kCampaign] = c * m.damp[kCampaign];
  }
  const LabelInfo& campaign_info = pack_.labels[kCampaign];
  const bool is_campaign = score[kCampaign] >= campaign_info.threshold;
  const double camp = is_campaign ? score[kCampaign] : 0.0;

  std::string quiet_note, schedule_note, neutral_note, facility_note;
  if (is_campaign) {
    if (post.has_account && contains(pack_.context.neutral_roles, post.role)) {
      score[kNeutrality] = std::max(score[kNeutrality], camp * m.damp[kNeutrality]);
      neutral_note = "campaign content from an account with registry role " +
                     std::string(post.role) + " (must stay neutral)";
    }
    if (cal && post.has_time && post.has_account &&
        contains(pack_.context.schedule_roles, post.role)) {
      int off = cal->offset_for_region(post.region);
      Phase ph = cal->phase_at(post.created_at, off);
      CivilTime lt = civil_from_millis(post.created_at, off);
      char when[32];
      std::snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.day,
                    lt.hour, lt.minute);
      std::string local = std::string(when) + " " +
                          std::string(cal->zone_name_for_region(post.region)) + " (UTC" +
                          format_offset(off) + ")";
      if (ph == Phase::kQuiet || ph == Phase::kVotingDay) {
        score[kQuietPeriod] = std::max(score[kQuietPeriod], camp * m.damp[kQuietPeriod]);
        quiet_note = "posted " + local +
                     (ph == Phase::kQuiet
                          ? ", in the quiet period " + format_date(cal->quiet_first * 86400000LL) +
                                ".." + format_date(cal->quiet_last * 86400000LL)
                          : ", on voting day " + format_date(cal->voting_day * 86400000LL)) +
                     " of " + cal->id;
      } else if (ph == Phase::kBeforeCampaign) {
        score[kOutsideSchedule] =
            std::max(score[kOutsideSchedule], camp * m.damp[kOutsideSchedule]);
        schedule_note = "posted " + local + ", before the campaign period " +
                        format_date(cal->campaign_first * 86400000LL) + ".." +
                        format_date(cal->campaign_last * 86400000LL) + " of " + cal->id;
      }
    }
    double fac = 0;
    for (size_t s : m.facility_signal_slots) fac = std::max(fac, signal(s));
    if (fac > 0 && !from_model[kFacilityMisuse]) {
      double direct = 1.0 - m.miss[kFacilityMisuse];
      // Both must hold, so the weaker of the two bounds the confidence.
      score[kFacilityMisuse] =
          (1.0 - (1.0 - direct) * (1.0 - std::min(camp, fac))) * m.damp[kFacilityMisuse];
      facility_note = "campaign content naming a government facility, place of worship or school";
    }
  }

  std::optional<ClaimIndex::Match> claim;
  if (claims_ && !from_model[kHoax]) {
    claim =
        claims_->best_match(nt, pack_.context.hoax_min_containment, pack_.context.hoax_min_shared);
    if (claim) score[kHoax] = 1.0 - (1.0 - score[kHoax]) * (1.0 - claim->containment);
  }

  // Build the emitted labels.
  auto span_of = [&](uint32_t b, uint32_t e, EvidenceOut* ev) {
    auto [ob, oe] = m.nt.original_bytes(b, e);
    ev->start = static_cast<int64_t>(count_code_points(post.text.substr(0, ob)));
    ev->end = ev->start + static_cast<int64_t>(count_code_points(post.text.substr(ob, oe - ob)));
    ev->text.assign(post.text.substr(ob, oe - ob));
  };
  auto add_rule_evidence = [&](LabelOut& lo, size_t rule_index) {
    const Rule& rule = pack_.rules[rule_index];
    if (!contains(lo.rules, rule.id)) lo.rules.push_back(rule.id);
    for (const Hit& h : m.hits) {
      if (h.tag != rule_index || lo.evidence.size() >= opts_.max_evidence) continue;
      EvidenceOut ev;
      ev.rule = rule.id;
      span_of(h.begin, h.end, &ev);
      bool dup = false;
      for (const auto& e : lo.evidence) {
        dup = dup || (e.rule == ev.rule && e.start == ev.start && e.end == ev.end);
      }
      if (!dup) lo.evidence.push_back(std::move(ev));
    }
  };
  auto add_slot_rules = [&](LabelOut& lo, size_t slot) {
    for (int32_t r : m.fired_list) {
      if (m.rule_slot[static_cast<size_t>(r)] == slot)
        add_rule_evidence(lo, static_cast<size_t>(r));
    }
    for (size_t c = 0; c < pack_.combinations.size(); ++c) {
      if (!m.combo_fired[c] || m.combo_slot[c] != slot) continue;
      if (!contains(lo.rules, pack_.combinations[c].id))
        lo.rules.push_back(pack_.combinations[c].id);
      for (size_t s : m.combo_all[c]) {
        for (int32_t r : m.fired_list) {
          if (m.rule_slot[static_cast<size_t>(r)] == s)
            add_rule_evidence(lo, static_cast<size_t>(r));
        }
      }
    }
  };
  auto add_targets = [&](LabelOut& lo) {
    for (const auto& f : m.found) lo.targets.push_back(f.target);
  };
  auto add_campaign_evidence = [&](LabelOut& lo) {
    add_slot_rules(lo, kCampaign);
    if (gate) {
      for (size_t s : m.campaign_signal_slots) add_slot_rules(lo, s);
    }
    if (!m.found.empty()) {
      for (size_t s : m.activity_signal_slots) add_slot_rules(lo, s);
    }
    for (const auto& f : m.found) {
      if (lo.evidence.size() >= opts_.max_evidence) break;
      EvidenceOut ev;
      ev.rule = f.rule;
      span_of(f.begin, f.end, &ev);
      lo.evidence.push_back(std::move(ev));
    }
    add_targets(lo);
    if (m.found.empty() && self_role && !post.owner.empty()) {
      lo.targets.push_back({std::string(post.role), std::string(post.owner),
                            std::string(post.ballot_no), std::string(post.party)});
      EvidenceOut ev;
      ev.rule = "context.self";
      ev.note = "call to vote from the account of " + std::string(post.owner) + " (role " +
                std::string(post.role) + ")";
      lo.evidence.push_back(std::move(ev));
    }
  };
  auto add_note = [&](LabelOut& lo, std::string rule, std::string note) {
    EvidenceOut ev;
    ev.rule = rule;
    ev.note = std::move(note);
    lo.evidence.insert(lo.evidence.begin(), std::move(ev));
    lo.rules.insert(lo.rules.begin(), std::move(rule));
  };

  for (size_t l = 0; l < kLabelIds.size(); ++l) {
    const LabelInfo& info = pack_.labels[l];
    if (score[l] <= 0 || score[l] < info.threshold || score[l] < opts_.min_score) continue;
    LabelOut lo;
    lo.label = l;
    lo.rules.reserve(8);
    lo.evidence.reserve(8);
    lo.score = round2(std::min(1.0, score[l]));
    if (from_model[l]) {
      for (const auto& c : explanations[l]) {
        const Feature& f = m.feats[c.feature];
        if (f.rule >= 0) {
          add_rule_evidence(lo, static_cast<size_t>(f.rule));
          continue;
        }
        EvidenceOut ev;
        ev.rule = "model." + std::string(kLabelIds[l]);
        span_of(f.begin, f.end, &ev);
        bool dup = false;
        for (const auto& e : lo.evidence) dup = dup || (e.start == ev.start && e.end == ev.end);
        if (!dup) lo.evidence.push_back(std::move(ev));
      }
      if (!contains(lo.rules, "model." + std::string(kLabelIds[l]))) {
        lo.rules.push_back("model." + std::string(kLabelIds[l]));
      }
      add_targets(lo);
    } else if (l == kCampaign) {
      add_campaign_evidence(lo);
    } else if (l == kNeutrality || l == kQuietPeriod || l == kOutsideSchedule ||
               l == kFacilityMisuse) {
      add_slot_rules(lo, l);
      add_campaign_evidence(lo);
      if (l == kFacilityMisuse) {
        for (size_t s : m.facility_signal_slots) add_slot_rules(lo, s);
        if (!facility_note.empty()) add_note(lo, "context.facility", facility_note);
      }
      if (l == kNeutrality && !neutral_note.empty())
        add_note(lo, "context.neutrality", neutral_note);
      if (l == kQuietPeriod && !quiet_note.empty())
        add_note(lo, "context.quiet_period", quiet_note);
      if (l == kOutsideSchedule && !schedule_note.empty()) {
        add_note(lo, "context.outside_schedule", schedule_note);
      }
    } else if (l == kHoax) {
      add_slot_rules(lo, l);
      if (claim) {
        EvidenceOut ev;
        ev.rule = "hoax.claims";
        span_of(claim->begin, claim->end, &ev);
        ev.claim_id = claim->claim->id;
        ev.claim_url = claim->claim->url;
        ev.similarity = round2(claim->containment);
        lo.evidence.push_back(std::move(ev));
        lo.rules.push_back("hoax.claims");
      }
    } else {
      add_slot_rules(lo, l);
      add_targets(lo);
    }
    if (lo.evidence.empty()) continue;  // every label names its evidence, or is not emitted
    std::stable_sort(lo.evidence.begin(), lo.evidence.end(),
                     [](const EvidenceOut& a, const EvidenceOut& b) {
                       // Notes first, then spans in text order.
                       if ((a.start < 0) != (b.start < 0)) return a.start < 0;
                       return a.start < b.start;
                     });
    if (lo.evidence.size() > opts_.max_evidence) lo.evidence.resize(opts_.max_evidence);
    out->labels.push_back(std::move(lo));
  }
  std::sort(out->labels.begin(), out->labels.end(), [](const LabelOut& a, const LabelOut& b) {
    return kLabelIds[a.label] < kLabelIds[b.label];
  });
  return {};
}

namespace {

// Rule ids are checked to be [a-z0-9_.-] at load time (and ours are too): no escaping needed.
void append_id(std::string_view id, std::string* out) {
  out->push_back('"');
  out->append(id);
  out->push_back('"');
}

void append_int(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void append_string_or_null(std::string_view s, std::string* out) {
  if (s.empty())
    out->append("null");
  else
    append_json_string(s, out);
}

}  // namespace

// Written by hand rather than with JsonWriter: this runs for every post, and the keys are
// constants that need no escaping (PERFORMANCE.md: escaping dominated a prototype's output).
void Classifier::append_members(const Classification& c, std::string* out) const {
  out->append("\"labels\":[");
  bool first_label = true;
  for (const auto& lo : c.labels) {
    if (!first_label) out->push_back(',');
    first_label = false;
    const auto& fixed = impl_->label_json[lo.label];
    out->append("{\"label\":");
    append_id(kLabelIds[lo.label], out);
    out->append(",\"score\":");
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, lo.score);
    out->append(buf, r.ptr);
    out->append(",\"name_id\":");
    out->append(fixed[0]);
    out->append(",\"name_en\":");
    out->append(fixed[1]);
    out->append(",\"basis\":");
    out->append(fixed[2]);
    out->append(",\"rules\":[");
    for (size_t i = 0; i < lo.rules.size(); ++i) {
      if (i) out->push_back(',');
      append_id(lo.rules[i], out);
    }
    out->append("],\"evidence\":[");
    for (size_t i = 0; i < lo.evidence.size(); ++i) {
      const EvidenceOut& e = lo.evidence[i];
      if (i) out->push_back(',');
      out->append("{\"rule\":");
      append_id(e.rule, out);
      if (e.start >= 0) {
        out->append(",\"start\":");
        append_int(e.start, out);
        out->append(",\"end\":");
        append_int(e.end, out);
        out->append(",\"text\":");
        append_json_string(e.text, out);
      }
      if (!e.note.empty()) {
        out->append(",\"note\":");
        append_json_string(e.note, out);
      }
      if (!e.claim_id.empty()) {
        out->append(",\"claim_id\":");
        append_json_string(e.claim_id, out);
        out->append(",\"claim_url\":");
        append_string_or_null(e.claim_url, out);
        out->append(",\"similarity\":");
        auto rs = std::to_chars(buf, buf + sizeof buf, e.similarity);
        out->append(buf, rs.ptr);
      }
      out->push_back('}');
    }
    out->append("],\"targets\":[");
    for (size_t i = 0; i < lo.targets.size(); ++i) {
      const TargetOut& t = lo.targets[i];
      if (i) out->push_back(',');
      out->append("{\"type\":");
      append_json_string(t.type, out);
      out->append(",\"name\":");
      append_string_or_null(t.name, out);
      out->append(",\"ballot_no\":");
      append_string_or_null(t.ballot_no, out);
      out->append(",\"party\":");
      append_string_or_null(t.party, out);
      out->push_back('}');
    }
    out->append("]}");
  }
  out->append("],\"classifier\":{\"pack\":");
  append_json_string(pack_.name, out);
  out->append(",\"version\":");
  append_json_string(pack_.version, out);
  out->append(",\"model\":");
  if (model_ && mode_ != Mode::kRules)
    append_json_string(model_->name, out);
  else
    out->append("null");
  out->append(",\"election\":");
  append_string_or_null(c.election, out);
  out->push_back('}');
}

Status Classifier::read_post(const simdjson::dom::object& post, PostContext* ctx) {
  *ctx = PostContext{};
  simdjson::dom::element v;
  if (!post["text"].get(v) && !v.is_null()) {
    if (v.get_string().get(ctx->text)) return Error::invalid("\"text\" is not a string");
  }
  Status problem;
  if (!post["created_at"].get(v) && !v.is_null()) {
    std::string_view s;
    if (v.get_string().get(s)) {
      problem = Error::invalid("\"created_at\" is not a string");
    } else if (auto t = parse_datetime(s)) {
      ctx->has_time = true;
      ctx->created_at = *t;
    } else {
      problem = Error::invalid("\"created_at\": " + t.error().message);
    }
  }
  simdjson::dom::object acc;
  if (!post["account"].get(v) && !v.get_object().get(acc)) {
    ctx->has_account = true;
    for (auto [key, field] :
         {std::pair{"role", &ctx->role}, std::pair{"owner", &ctx->owner},
          std::pair{"party", &ctx->party}, std::pair{"ballot_no", &ctx->ballot_no},
          std::pair{"election", &ctx->election}, std::pair{"region", &ctx->region}}) {
      simdjson::dom::element f;
      if (acc[key].get(f) || f.is_null()) continue;
      std::string_view s;
      if (!f.get_string().get(s)) {
        *field = s;
      } else if (problem.ok()) {
        problem = Error::invalid("\"account." + std::string(key) + "\" is not a string");
      }
    }
  }
  return problem;
}

Status Classifier::process_line(const Line& line, std::string* out) {
  Impl& m = *impl_;
  simdjson::dom::element doc;
  if (auto err =
          m.parser
              .parse(reinterpret_cast<const uint8_t*>(line.text.data()), line.text.size(), false)
              .get(doc)) {
    return Error::invalid("invalid JSON: " + json_error_message(err));
  }
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return Error::invalid("record is not a JSON object");
  std::string_view kind;
  simdjson::dom::element kv;
  if (!obj["kind"].get(kv) && kv.get_string().get(kind)) {
    return Error::invalid("\"kind\" is not a string");
  }
  if (kind != kind::kPost) {
    append_passthrough(line, out);
    return {};
  }
  PostContext ctx;
  Status problem = read_post(obj, &ctx);
  if (!problem.ok() && problem.message() == "\"text\" is not a string") {
    append_passthrough(line, out);
    return problem;
  }
  if (auto s = classify(ctx, &m.scratch); !s) {
    append_passthrough(line, out);
    return s;
  }
  if (opts_.only_flagged && m.scratch.labels.empty()) return problem;
  m.members.clear();
  append_members(m.scratch, &m.members);
  if (line.utf8_repaired) m.members.append(",\"utf8_repaired\":true");
  // A post classified before: drop its old labels, keep everything else in place.
  simdjson::dom::element old;
  bool has_old = !obj["labels"].get(old) || !obj["classifier"].get(old);
  std::string_view record = line.text;
  while (!record.empty() && (record.back() == ' ' || record.back() == '\t'))
    record.remove_suffix(1);
  if (!has_old) {
    append_with_members(record, m.members, out);
    return problem;
  }
  m.rebuilt.clear();
  m.rebuilt.push_back('{');
  bool first = true;
  for (auto field : obj) {
    if (field.key == "labels" || field.key == "classifier") continue;
    if (field.key == kUtf8RepairedField && line.utf8_repaired) continue;
    if (!first) m.rebuilt.push_back(',');
    first = false;
    append_json_string(field.key, &m.rebuilt);
    m.rebuilt.push_back(':');
    m.rebuilt.append(simdjson::minify(field.value));
  }
  m.rebuilt.push_back('}');
  append_with_members(m.rebuilt, m.members, out);
  return problem;
}

}  // namespace pantau::classify
