// gen json: the resolved model as JSON, schema "policyc-ir/1" (docs/json-ir.md, validated
// against docs/schema/policyc-ir.schema.json). Besides the statements as written it carries
// what they mean, as the model derives it once (model/Effects.h, model/Periods.h), so that
// other tools read the meaning instead of deriving it again.
#include "gen/Generator.h"

#include "basic/SourceLocation.h"
#include "model/Effects.h"
#include "model/Periods.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace policyc::gen {

namespace {
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

class IrWriter {
public:
  explicit IrWriter(const GeneratorContext &context) : context(context), model(context.model) {}

  /// Streams the document: each entry is built as a small json::Value and printed at once,
  /// so memory stays proportional to the largest entry, not to the output (tens of
  /// megabytes for a policy of 10,000 statements). Keys are written in sorted order, as
  /// json::Value prints the keys of every entry.
  void write(llvm::json::OStream &json) const {
    json.object([&] {
      json.attributeArray("categories", [&] { vocabulary(json, model::VocabularyKind::Category); });
      each(json, "consents", model.consents, &IrWriter::consent);
      json.attribute("deadlines", deadlines());
      each(json, "effects", model.effects().all(), &IrWriter::effect);
      each(json, "events", model.events, &IrWriter::event);
      json.attribute("files", files());
      each(json, "notes", model.notes, &IrWriter::note);
      each(json, "notices", model.notices, &IrWriter::notice);
      json.attribute("policy", policy());
      each(json, "protections", model.protections, &IrWriter::protection);
      json.attributeArray("purposes", [&] { vocabulary(json, model::VocabularyKind::Purpose); });
      json.attributeArray("recipients",
                          [&] { vocabulary(json, model::VocabularyKind::Recipient); });
      each(json, "retentions", model.retentions, &IrWriter::retention);
      each(json, "rights", model.rights, &IrWriter::right);
      each(json, "rules", model.rules, &IrWriter::rule);
      json.attribute("schema", "policyc-ir/1");
      json.attribute("source", context.options.sourcePath);
      json.attributeArray("sources", [&] { vocabulary(json, model::VocabularyKind::Source); });
      json.attribute("version", Object{{"major", kMajorVersion}, {"minor", kMinorVersion}});
    });
  }

  /// docs/json-ir.md, "Versions": the major version changes when a field is removed or its
  /// meaning changes, the minor version when fields are added.
  static constexpr int kMajorVersion = 1;
  static constexpr int kMinorVersion = 2;

private:
  /// `key`: an array of `entry(item)` for every item of `items`.
  template <typename Items, typename Item>
  void each(llvm::json::OStream &json, llvm::StringRef key, const Items &items,
            Value (IrWriter::*entry)(const Item &) const) const {
    json.attributeArray(key, [&] {
      for (const Item &item : items)
        json.value((this->*entry)(item));
    });
  }

  Value location(llvm::SMRange range) const {
    auto loc = presumedLoc(context.sources, range.Start);
    if (!loc)
      return nullptr;
    return Object{{"file", loc->file}, {"line", loc->line}, {"column", loc->column}};
  }

  Object statement(const model::StatementInfo &info) const {
    return Object{{"id", info.id}, {"location", location(info.range)}};
  }

  Value files() const {
    Array result;
    for (const std::string &file : model.files)
      result.push_back(file);
    return Value(std::move(result));
  }

  Value policy() const {
    const model::PolicyInfo &info = model.policy;
    if (!info.present)
      return nullptr;
    Array contacts;
    for (const model::Contact &contact : info.contacts)
      contacts.push_back(Object{{"kind", model::spelling(contact.kind)}, {"value", contact.value}});
    Array frameworks;
    for (const model::FrameworkRef &framework : info.frameworks)
      frameworks.push_back(model::spelling(framework.framework));
    Array certifications;
    for (const std::string &certification : info.certifications)
      certifications.push_back(certification);
    return Object{{"title", info.title},
                  {"controller", info.controller},
                  {"effective", info.effective ? Value(info.effective->iso()) : Value(nullptr)},
                  {"contacts", std::move(contacts)},
                  {"transfersUnder", std::move(frameworks)},
                  {"certifications", std::move(certifications)}};
  }

  void vocabulary(llvm::json::OStream &json, model::VocabularyKind kind) const {
    const model::Vocabulary &vocabulary = model.vocabulary(kind);
    for (model::NodeId id = 0; id < vocabulary.size(); ++id) {
      const model::VocabularyNode &node = vocabulary[id];
      Array attributes;
      if (node.has(model::NodeFlag::Sensitive))
        attributes.push_back("sensitive");
      if (node.has(model::NodeFlag::Anonymous))
        attributes.push_back("anonymous");
      if (node.has(model::NodeFlag::Tracking))
        attributes.push_back("tracking");
      if (node.has(model::NodeFlag::Abroad))
        attributes.push_back("abroad");
      if (node.has(model::NodeFlag::Marketing))
        attributes.push_back("marketing");
      if (node.open)
        attributes.push_back("open");
      Object entry{{"id", id},
                   {"path", node.path},
                   {"name", node.name},
                   {"description", node.description},
                   {"parent", node.parent == model::kNoNode ? Value(nullptr) : Value(node.parent)},
                   {"last", node.last},
                   {"attributes", std::move(attributes)},
                   {"builtin", node.builtin},
                   {"location", location(node.range)}};
      if (node.recipientKind)
        entry["kind"] = model::spelling(*node.recipientKind);
      if (node.basis)
        entry["basis"] = model::spelling(*node.basis);
      json.value(std::move(entry));
    }
  }

  static Value channels(const std::vector<model::Channel> &list) {
    Array result;
    for (const model::Channel &channel : list)
      result.push_back(
          Object{{"kind", model::spelling(channel.kind)}, {"address", channel.address}});
    return Value(std::move(result));
  }

  Value consent(const model::Consent &consent) const {
    return Object{{"name", consent.name},
                  {"description", consent.description},
                  {"mode", consent.optIn ? "opt_in" : "opt_out"},
                  {"withdrawal", channels(consent.withdrawals)},
                  {"location", location(consent.range)}};
  }

  Value event(const model::Event &event) const {
    return Object{{"name", event.name},
                  {"description", event.description},
                  {"location", location(event.range)}};
  }

  /// A set of node ids as closed intervals [first, last], in ascending order.
  static Value intervals(const model::NodeSet &set) {
    Array result;
    for (const model::Interval &interval : set.getIntervals())
      result.push_back(Array{interval.first, interval.last});
    return Value(std::move(result));
  }

  /// A clause: what was written, and the node intervals it stands for.
  static Value selectors(const model::SelectorList &list) {
    Array written;
    for (const model::Selector &selector : list.selectors)
      written.push_back(selector.spelling);
    return Object{{"written", list.written ? Value(std::move(written)) : Value(nullptr)},
                  {"nodes", intervals(list.nodes)}};
  }

  Value rule(const model::Rule &rule) const {
    Object entry = statement(rule.info);
    entry["kind"] = model::ruleKeyword(rule.kind);
    entry["prohibition"] = rule.prohibition;
    entry["categories"] = selectors(rule.categories);
    entry["sources"] = selectors(rule.sources);
    if (rule.kind == model::RuleKind::Link) {
      entry["linked"] = selectors(rule.linked);
    } else {
      entry["purposes"] = selectors(rule.purposes);
      entry["recipients"] = selectors(rule.recipients);
    }
    entry["only"] = rule.only;
    entry["necessity"] = rule.necessity == model::Necessity::Required   ? "required"
                         : rule.necessity == model::Necessity::Optional ? "optional"
                                                                        : "unspecified";
    Array consents;
    for (model::ConsentId consent : rule.consents)
      consents.push_back(model.consents[consent].name);
    entry["consents"] = std::move(consents);
    return Value(std::move(entry));
  }

  Value duration(const std::optional<model::Duration> &value) const {
    if (!value)
      return nullptr;
    return Object{{"amount", value->amount},
                  {"unit", model::unitName(value->unit, true)},
                  {"hours", value->hours()}};
  }

  Value retention(const model::Retention &retention) const {
    Object entry = statement(retention.info);
    static constexpr const char *kKinds[] = {"for", "within", "until", "while", "as_needed"};
    entry["kind"] = kKinds[static_cast<size_t>(retention.kind)];
    entry["categories"] = selectors(retention.categories);
    entry["sources"] = selectors(retention.sources);
    entry["length"] = duration(retention.length);
    entry["event"] = retention.event == model::kNone ? Value(nullptr)
                                                     : Value(model.events[retention.event].name);
    if (retention.kind == model::RetentionKind::AsNeeded)
      entry["purposes"] = selectors(retention.purposes);
    return Value(std::move(entry));
  }

  Value right(const model::RightStatement &right) const {
    Object entry = statement(right.info);
    Array names;
    for (model::Right kind : right.rights)
      names.push_back(model::spelling(kind));
    entry["rights"] = std::move(names);
    entry["channels"] = channels(right.channels);
    entry["deadline"] = duration(right.deadline);
    return Value(std::move(entry));
  }

  Value notice(const model::Notice &notice) const {
    Object entry = statement(notice.info);
    entry["notice"] = model::spelling(notice.notice);
    entry["lead"] = duration(notice.lead);
    entry["channels"] = channels(notice.channels);
    return Value(std::move(entry));
  }

  Value protection(const model::Protection &protection) const {
    Object entry = statement(protection.info);
    entry["categories"] = selectors(protection.categories);
    entry["sources"] = selectors(protection.sources);
    entry["state"] = protection.state == model::ProtectionState::AtRest ? "at_rest" : "in_transit";
    Array measures;
    for (const std::string &measure : protection.measures)
      measures.push_back(measure);
    entry["measures"] = std::move(measures);
    entry["description"] = protection.description;
    return Value(std::move(entry));
  }

  Value note(const model::Note &note) const {
    Object entry = statement(note.info);
    entry["section"] = model::spelling(note.section);
    entry["text"] = note.text;
    return Value(std::move(entry));
  }

  /// A box of one relation, by the names of the axes the relation uses.
  static Value box(model::Relation relation, const model::Box &box) {
    Object result{{"categories", intervals(box.sets[model::CategoryAxis])},
                  {"sources", intervals(box.sets[model::SourceAxis])}};
    switch (relation) {
    case model::Relation::Collect:
      break;
    case model::Relation::Tuple:
      result["purposes"] = intervals(box.sets[model::PurposeAxis]);
      result["recipients"] = intervals(box.sets[model::RecipientAxis]);
      break;
    case model::Relation::Link:
      result["linked"] = intervals(box.sets[model::LinkedAxis]);
      break;
    }
    return Value(std::move(result));
  }

  Value effect(const model::Effect &effect) const {
    Array consents;
    for (model::ConsentId consent : effect.consents)
      consents.push_back(model.consents[consent].name);
    return Object{{"statement", effect.statement()},
                  {"relation", model::relationName(effect.relation)},
                  {"forbids", effect.forbids},
                  {"origin", model::originName(effect.origin)},
                  {"consents", std::move(consents)},
                  {"members", box(effect.relation, effect.members)},
                  {"questions", box(effect.relation, effect.questions)}};
  }

  /// The rights and notices some statement names, in registry order, each with the deadline
  /// or lead time model/Periods.h resolves for it.
  Value deadlines() const {
    Array rightList;
    for (size_t i = 0; i < model::registrySize<model::Right>(); ++i) {
      auto right = static_cast<model::Right>(i);
      model::DeadlineDecision decision = model::rightDeadline(model, right);
      if (!decision.statement)
        continue;
      rightList.push_back(Object{{"right", model::spelling(right)},
                                 {"statement", decision.statement->id},
                                 {"deadline", duration(decision.duration)}});
    }
    Array noticeList;
    for (size_t i = 0; i < model::registrySize<model::NoticeKind>(); ++i) {
      auto notice = static_cast<model::NoticeKind>(i);
      model::DeadlineDecision decision = model::noticeLead(model, notice);
      if (!decision.statement)
        continue;
      noticeList.push_back(Object{{"notice", model::spelling(notice)},
                                  {"statement", decision.statement->id},
                                  {"lead", duration(decision.duration)}});
    }
    return Object{{"rights", std::move(rightList)}, {"notices", std::move(noticeList)}};
  }

  const GeneratorContext &context;
  const model::PolicyModel &model;
};
} // namespace

bool generateJson(const GeneratorContext &context, llvm::raw_ostream &out) {
  {
    llvm::json::OStream json(out, /*IndentSize=*/2);
    IrWriter(context).write(json);
  }
  out << "\n";
  return true;
}

} // namespace policyc::gen
