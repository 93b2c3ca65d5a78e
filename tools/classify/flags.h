// pantau-classify's flags and those of its subcommands, described once: main.cpp registers them,
// tools/gen-docs writes the OPTIONS of man/pantau-classify.1 and the completions from kTable
// (see cli/flag.h).
#pragma once

#include <string>
#include <vector>

#include "cli/common_flags.h"
#include "pantau/classify/labels.h"

namespace pantau::classify_flags {

inline std::vector<std::string> label_ids() {
  return {classify::kLabelIds.begin(), classify::kLabelIds.end()};
}
// The calendars of the installed pack (rules/elections/*.toml), offered by the shells.
inline const std::vector<std::string> kElections = {"pemilu-2024", "pilkada-2024"};

// classify [FILE...]
inline const cli::Flag kRules{.name = "rules",
                              .value = "DIR",
                              .help = "Rule pack directory (default: $PANTAU_RULES, installed)",
                              .complete = cli::Complete::kDirectory,
                              .man = R"roff(Use the rule pack in
.IR DIR .)roff"};
inline const cli::Flag kElection{
    .name = "election",
    .value = "ID",
    .help = "Election calendar to apply to every post (default: the account's)",
    .choices = kElections,
    .man = R"roff(Apply the calendar
.I ID
(e.g.
.BR pemilu-2024 ,
.BR pilkada-2024 )
to every post, whatever the account says.)roff"};
inline const cli::Flag kOnlyFlagged{
    .name = "only-flagged",
    .help = "Write only posts with at least one label",
    .man = R"roff(Write only posts that got at least one label (records of other kinds still
pass through).)roff"};
inline const cli::Flag kMinScore{.name = "min-score",
                                 .value = "X",
                                 .help = "Drop labels scoring below this (0..1)",
                                 .man = R"roff(Do not emit labels scoring below
.I X
(0..1). Labels also have their own thresholds in the pack (0.5 by default).)roff"};
inline const cli::Flag kClaims{.name = "claims",
                               .value = "FILE",
                               .help = "Debunked claims (NDJSON or CSV) for hoax matching",
                               .complete = cli::Complete::kFile,
                               .repeatable = true,
                               .man = R"roff(Match posts against the debunked claims in
.I FILE
(NDJSON records with
.BR id ,
.BR title ,
.BR text ,
.BR url ,
.BR date ,
or a CSV with those columns); may be repeated. A post that contains most of
a claim's word 3-grams gets a
.B hoax
label whose evidence names
.B claim_id
and
.BR claim_url .)roff"};
inline const cli::Flag kGazetteer{
    .name = "gazetteer",
    .value = "FILE",
    .help = "Extra targets (a district's candidate list) for every election",
    .complete = cli::Complete::kFile,
    .repeatable = true,
    .man = R"roff(Add the targets in
.I FILE
(the gazetteer format of the pack's
.BR gazetteer/*.toml ,
e.g. a district's list of DPRD candidates from the KPU) to every election, so
that posts naming local candidates can be campaign content; may be repeated.)roff"};
inline const cli::Flag kModel{.name = "model",
                              .value = "FILE",
                              .help = "Linear model trained with 'train'",
                              .complete = cli::Complete::kFile,
                              .man = R"roff(Use a linear model trained with
.BR "pantau-classify train" .
For the labels it was trained for, a label the rules emit is never taken
away: it keeps its rule evidence, and its
.B score
becomes the calibrated probability that it is right given both the rules and
the model. The model alone adds a label only when its calibrated probability
reaches the label's gate, chosen on held-out folds when the model was trained
(see
.BR train );
such a label's evidence names the words that carried the decision (never a
masked token: names, @mentions, hashtags, links and numbers are not model
features).)roff"};
inline const cli::Flag kMode{.name = "mode",
                             .value = "MODE",
                             .help = "With --model: model or both (default both)",
                             .choices = {"model", "both"},
                             .man = R"roff(With
.BR \-\-model :
.B both
(default: rules OR the model above its gate, as above) or
.B model
(the model alone decides its labels, at probability 0.5, and the rules' hits
for those labels are dropped: for comparison only).)roff"};
inline const cli::Flag kCheck{
    .name = "check",
    .help =
        "Load and lint the rule pack, print a summary and exit; with FILEs of posts, also list "
        "the terms none of them exercises",
    .man = R"roff(Load and check the rule pack, print its name, version and size, and exit.
It also lints the pack: a term that, once normalized, is a word of the pack's neutral list
(\fB[neutral]\fR in pack.toml: religions, ethnic groups, animals, institutions, common verbs)
is an error naming the lexicon file and line, unless its rule counts terms only in context
(\fBaddressed\fR, \fBin_context\fR, or a signal); the exit status is then 1.
With \fIFILE\fRs of posts, it also lists on standard output the terms that none of the posts
exercises, one per line (\fBunexercised\fR, where, rule, term, tab-separated), then how many
terms were exercised; unexercised terms are a report, not a failure.)roff"};

// classify train and classify eval
inline const cli::Flag kModelRules{.name = "rules",
                                   .value = "DIR",
                                   .help = "Rule pack directory",
                                   .complete = cli::Complete::kDirectory,
                                   .man = R"roff(Use the rule pack in
.IR DIR .)roff"};
inline const cli::Flag kModelStrict{
    .name = "strict",
    .help = "Stop at the first bad line",
    .man = R"roff(Stop at the first bad line instead of reporting it and going on.)roff"};
inline const cli::Flag kLabels{.name = "labels",
                               .value = "LIST",
                               .help = "Comma-separated label ids to learn and score",
                               .choices = label_ids(),
                               .complete = cli::Complete::kChoiceList,
                               .man = R"roff(Comma-separated label ids to learn (default
.BR sara,hate,insult,black_campaign ).)roff"};
inline const cli::Flag kModelOff{
    .name = "model-off",
    .value = "LIST",
    .help = "Labels the model scores but never adds (default insult; \"\": none)",
    .choices = label_ids(),
    .complete = cli::Complete::kChoiceList,
    .man = R"roff(Labels the model scores but never adds (default
.BR insult :
in leave-one-dataset-out evaluation the model added more wrong insults than
right ones on a set whose share of insults differs from the training sets';
an empty value turns none off).)roff"};
inline const cli::Flag kEpochs{
    .name = "epochs", .value = "N", .help = "Training passes over the data (default 12)"};
inline const cli::Flag kBits{
    .name = "bits",
    .value = "N",
    .help = "Hash the features into 2^N buckets per label (8..24)",
    .man = "Hash the features into 2^\\fIN\\fR buckets per label (8..24; default 18)."};
inline const cli::Flag kSeed{.name = "seed",
                             .value = "N",
                             .help = "Seed of the training order and the folds",
                             .man = "Seed of the example order and of the folds (default 1)."};
inline const cli::Flag kBalance{.name = "balance",
                                .help = "Weight positive examples up to the negatives"};

// classify train and eval: staff's decisions and debunked claims as labelled data
inline const cli::Flag kTrainReviews{
    .name = "reviews",
    .value = "FILE",
    .help =
        "Staff's decisions (filled findings CSV or review records) as labelled data; repeatable",
    .complete = cli::Complete::kFile,
    .repeatable = true,
    .man = R"roff(Staff's decisions about findings as labelled data; repeatable. Each
.I FILE
is a findings CSV with
.B keputusan
filled in or
.B review
records, read as
.B pantau-report \-\-reviews
reads them (see
.BR pantau-records (5)).
A decision is joined to its post by the finding id, which is the post id: give
the reviewed posts (the classified NDJSON the report was made from) among the
.IR FILE s;
with
.BR \-\-reviews ,
records without
.B gold
are taken as posts, and those without a decision are passed over. A confirmed
finding
.RB ( benar ", " dilaporkan )
is a positive for its labels, a dismissed one
.RB ( "bukan pelanggaran" )
a negative;
.B perlu dicek
is ignored. The labels are the ones the review names (the CSV's
.B labels
cell, the record's
.BR label ),
else the post's own; labels not in
.B \-\-labels
are left out, and the other labels are unknown for that post. The reviewed
posts form one more data set,
.BR reviews ,
beside the labelled files. Reviews are decisions about findings only, so a
label learned from reviews alone is never added by the model; its rule hits
are scored by the calibrated probability when the held-out reviews hold at
least 5 confirmed and 5 dismissed findings of the label, else by the share
confirmed. A bad review line is reported as
.IR FILE : LINE
and skipped; the model is still written and the exit status is 1.)roff"};
inline const cli::Flag kEvalReviews = cli::with_man(
    kTrainReviews, R"roff(Did a district's decisions help? The reviewed findings (joined as for
.BR train )
are split by a seeded hash of their id
.RB ( \-\-seed ):
about one in three is held back, and stays held back as more decisions come.
The held-back findings are scored twice: "before" by the
.B \-\-model
given, else a model trained on the labelled records among the
.IR FILE s,
else the rules alone; "after" by a model trained on the labelled records plus
the other reviews. Per label and over all, the output gives the confirmed and
dismissed held-back findings, how many of each a report with
.B \-\-min-score
would keep, precision and recall of "kept" against "confirmed", and the AUC of
the score (the chance that a confirmed finding scores above a dismissed one;
0.5 is chance, \- when one kind is missing).
.B \-\-json
writes the same figures. Not with
.BR \-\-lodo .)roff");
inline const cli::Flag kModelClaims{
    .name = "claims",
    .value = "FILE",
    .help = "Debunked claims for hoax matching, as when classifying (a claims match is a rule hit)",
    .complete = cli::Complete::kFile,
    .repeatable = true,
    .man = R"roff(Debunked claims, as for classifying: a claims match is a hoax rule hit in
training and evaluation too (repeatable).)roff"};
inline const cli::Flag kReviewWeight{
    .name = "review-weight",
    .value = "W",
    .help = "How much a reviewed finding counts against one labelled example (default 3)",
    .man = R"roff(How much a reviewed finding counts in training against one labelled example
(its gradient is multiplied by
.IR W ;
default 3: a district's own decision on its own posts is worth more than a
public example from another source).)roff"};
inline const cli::Flag kEvalMinScore{
    .name = "min-score",
    .value = "X",
    .help = "With --reviews: the report's --min-score the before/after counts assume (default 0.5)",
    .man = R"roff(With
.BR \-\-reviews :
the report threshold the kept counts assume (default 0.5).)roff"};

// classify train
inline constexpr std::string_view kTrainHelp = "Train the linear model from labelled NDJSON";
inline const cli::Flag kTrainOut{.name = "out",
                                 .value = "FILE",
                                 .help = "Where to write the model",
                                 .complete = cli::Complete::kFile,
                                 .man = R"roff(Where to write the model (required).)roff"};
inline const cli::Flag kTrainMode{
    .name = "mode",
    .value = "MODE",
    .help = "Accepted for compatibility: model or both (the model uses text features only)",
    .choices = {"model", "both"},
    .man = R"roff(Accepted for compatibility: the model is trained on text features only, and
is combined with the rules when classifying.)roff",
    .summary = "Model or both (accepted for compatibility)"};

// classify eval
inline constexpr std::string_view kEvalHelp =
    "Score rules and/or model on labelled NDJSON: precision, recall, F1";
inline const cli::Flag kEvalMode{
    .name = "mode",
    .value = "MODE",
    .help = "rules, model or both (model features plus fired rules)",
    .choices = {"rules", "model", "both"},
    .man = R"roff(Rules only (default), or a model trained by k-fold cross-validation (text
features, or text features plus fired rules).)roff"};
inline const cli::Flag kFolds{
    .name = "folds",
    .value = "K",
    .help = "Cross-validation folds for model/both (default 5)",
    .man =
        R"roff(Folds for cross-validation (default 5; the assignment is a seeded shuffle).)roff"};
inline const cli::Flag kEvalModel{
    .name = "model",
    .value = "FILE",
    .help = "Score this trained model instead of cross-validating",
    .complete = cli::Complete::kFile,
    .man = R"roff(Score this trained model instead of cross-validating.)roff"};
inline const cli::Flag kLodo{
    .name = "lodo",
    .help =
        "Leave one data set out: train on the others, test on it, for each set (a record's "
        "\"set\", else its file's name)",
    .man = R"roff(Leave one data set out: each record's data set is its
.B set
field, else its file's name. Texts that occur in more than one set, exactly
or once lowercased without links, @handles, USER/URL placeholders and
punctuation, stay only in the first set listed. Then for each set in turn a
model is trained and calibrated (as by
.BR train )
on the other sets and tested on it; for each set and each label it is
annotated for, the output gives precision, recall and F1 with bootstrap 95%
intervals for the rules alone, the model alone and the default combination
(rules OR the model above its gate), the gate, the reliability curve of the
default's score (calibrated probability against the observed fraction right,
10 bins) and its expected calibration error (ECE), and whether the default is
below the rules anywhere.)roff",
    .summary = "Leave one data set out"};
inline const cli::Flag kBootstrap{
    .name = "bootstrap",
    .value = "N",
    .help = "With --lodo: resamples for the 95% intervals (default 1000; 0: none)",
    .man = R"roff(With
.BR \-\-lodo :
resamples for the intervals (default 1000, seeded by
.BR \-\-seed ;
0: none).)roff",
    .summary = "Resamples for the 95% intervals (with --lodo)"};
inline const cli::Flag kEvalJson{.name = "json",
                                 .value = "FILE",
                                 .help = "Also write the figures as JSON to FILE",
                                 .complete = cli::Complete::kFile,
                                 .man = R"roff(Also write the figures as JSON.)roff"};
inline const cli::Flag kEvalElection{.name = "election",
                                     .value = "ID",
                                     .help = "Election calendar for every example",
                                     .choices = kElections,
                                     .man = R"roff(Calendar for every example.)roff"};

// classify import-claims
inline constexpr std::string_view kImportHelp =
    "Convert a fact-checkers' export into claims NDJSON on stdout";
inline const cli::Flag kImportFrom{.name = "from",
                                   .value = "FORMAT",
                                   .help = "Input format: turnbackhoax (default)",
                                   .choices = {"turnbackhoax"},
                                   .man = R"roff(.B turnbackhoax
(default): the CSV files of the TurnBackHoax 2024 data set
.RB ( categorized_hoaxes.csv
with ID and TITLE, and the
.B *_sentiment_results.csv
files with HOAX_TEXT), joined by ID. The data carries no URLs or dates.)roff"};

inline constexpr std::string_view kAsForTrain = "As for\n.BR train .";

inline const cli::FlagTable kTable{
    .program = "pantau-classify",
    .groups = {
        {.flags =
             {kRules, kElection, kOnlyFlagged, kMinScore, kClaims, kGazetteer, kModel, kMode,
              kCheck,
              cli::with_man(
                  cli::flags::kStrict,
                  R"roff(Stop at the first bad line instead of reporting it and going on.)roff"),
              cli::with_man(cli::flags::kMaxLineBytes,
                            R"roff(Longest accepted input line (default 16M).
A post record needs a few MiB at most: a post's text over 256 KiB (the
longest a platform allows is 63,206 characters) is an error, and the post
passes through unclassified.)roff"),
              cli::flags::kLineBuffered, cli::flags::kQuiet,
              cli::with_man(
                  cli::flags::kVerbose,
                  R"roff(Say where the rules came from and how many claims were indexed.)roff"),
              cli::flags::kHelp, cli::flags::kVersion}},
        {.subcommand = "train",
         .help = kTrainHelp,
         .man = R"roff(Reads labelled NDJSON (records with
.B text
and
.BR gold ,
a list of label ids; optionally
.BR set ,
the data set, else the file's name, and
.BR labelled ,
the label ids the set was annotated for, else all) and writes a model: word and
character n-grams of the normalized text with names, @mentions, hashtags,
links and numbers masked. Texts repeated across sets are used once. For each
label, the model's log-odds and the rules' decision are turned into one
calibrated probability (a logistic regression, Platt scaling with the rule
decision as a second input) fitted on held-out folds: one fold per data set
when two or more sets are annotated for the label, else seeded 3-fold. The
label's gate is the probability from which the model alone may add it: the
value among 0.50..0.95 with the best F1 of "rules OR model" on those folds
among those that are no worse than the rules on any held-out set; the model is
turned off for the label (it scores, never adds) when none is.)roff",
         .flags = {kTrainOut, kTrainMode, kLabels, kModelOff, kEpochs, kBits, kSeed, kBalance,
                   kTrainReviews, kModelClaims, kReviewWeight, kModelRules, kModelStrict}},
        {.subcommand = "eval",
         .help = kEvalHelp,
         .man = R"roff(Scores the classifier on labelled NDJSON and prints per-label support, true
and false positives, false negatives, precision, recall and F1, the
example-based accuracy (mean |gold \(*C predicted| / |gold \(*U predicted|), the
exact-match accuracy and how many positives carry evidence.)roff",
         .flags = {kEvalMode, kFolds, kEvalModel, kLodo, kBootstrap, kEvalJson, kEvalElection,
                   kEvalReviews, kEvalMinScore, cli::with_man(kLabels, kAsForTrain),
                   cli::with_man(kModelOff, kAsForTrain), cli::with_man(kEpochs, kAsForTrain),
                   cli::with_man(kBits, kAsForTrain), cli::with_man(kSeed, kAsForTrain),
                   cli::with_man(kBalance, kAsForTrain), cli::with_man(kReviewWeight, kAsForTrain),
                   cli::with_man(kModelClaims, kAsForTrain), kModelRules, kModelStrict}},
        {.subcommand = "import-claims",
         .help = kImportHelp,
         .man = R"roff(Converts fact-checkers' exports into claims NDJSON on standard output.)roff",
         .flags = {kImportFrom}}}};

}  // namespace pantau::classify_flags
