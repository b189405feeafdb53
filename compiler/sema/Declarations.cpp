// Declarations: the policy header, vocabulary trees with their attributes, consents, events.
#include "sema/SemaImpl.h"

#include "llvm/ADT/STLExtras.h"

namespace policyc::sema {

using model::NodeId;
using model::VocabularyKind;

namespace {
model::VocabularyKind toModel(ast::VocabularyKind kind) {
  switch (kind) {
  case ast::VocabularyKind::Category:
    return VocabularyKind::Category;
  case ast::VocabularyKind::Purpose:
    return VocabularyKind::Purpose;
  case ast::VocabularyKind::Recipient:
    return VocabularyKind::Recipient;
  case ast::VocabularyKind::Source:
    return VocabularyKind::Source;
  }
  llvm_unreachable("unknown vocabulary kind");
}

} // namespace

llvm::ArrayRef<llvm::StringLiteral> flagAttributes(VocabularyKind kind) {
  // `open` (the members listed are examples) applies to every vocabulary.
  static constexpr llvm::StringLiteral kCategory[] = {"sensitive", "anonymous", "tracking", "open"};
  static constexpr llvm::StringLiteral kSource[] = {"anonymous", "tracking", "open"};
  static constexpr llvm::StringLiteral kPurpose[] = {"marketing", "open"};
  static constexpr llvm::StringLiteral kRecipient[] = {
      "internal", "processor", "third_party", "public", "authority", "abroad", "open"};
  switch (kind) {
  case VocabularyKind::Category:
    return kCategory;
  case VocabularyKind::Source:
    return kSource;
  case VocabularyKind::Recipient:
    return kRecipient;
  case VocabularyKind::Purpose:
    return kPurpose;
  }
  llvm_unreachable("unknown vocabulary kind");
}

namespace {
model::NodeFlag flagFor(llvm::StringRef attribute) {
  if (attribute == "sensitive")
    return model::NodeFlag::Sensitive;
  if (attribute == "anonymous")
    return model::NodeFlag::Anonymous;
  if (attribute == "tracking")
    return model::NodeFlag::Tracking;
  if (attribute == "marketing")
    return model::NodeFlag::Marketing;
  return model::NodeFlag::Abroad;
}

/// A word some other kind of declaration accepts, for "does not apply" messages.
bool isAnyAttribute(llvm::StringRef word) {
  for (VocabularyKind kind : {VocabularyKind::Category, VocabularyKind::Source,
                              VocabularyKind::Recipient, VocabularyKind::Purpose})
    if (llvm::is_contained(flagAttributes(kind), word))
      return true;
  return word == "basis" || word == "opt_in" || word == "opt_out";
}

bool isBuiltinName(VocabularyKind kind, llvm::StringRef name) {
  switch (kind) {
  case VocabularyKind::Category:
    return name == "identifying";
  case VocabularyKind::Recipient:
    return name == "us" || name == "external";
  default:
    return false;
  }
}
} // namespace

bool SemaImpl::checkNotBuiltin(const ast::Identifier &name, VocabularyKind kind) {
  if (!isBuiltinName(kind, name.text))
    return true;
  llvm::StringRef what = name.text == "us" ? "recipient" : "group";
  diags.report(name.range, diag::err_redefines_builtin, name.text, what);
  return false;
}

void SemaImpl::declarePolicyHeader(const ast::PolicyHeader &header) {
  if (firstHeader) {
    diags.report(header.range.Start, diag::err_duplicate_policy_header)
        .note(firstHeader->range, diag::note_previous_definition);
    return;
  }
  firstHeader = &header;
  model::PolicyInfo &info = model->policy;
  info.present = true;
  info.title = header.title.value;
  info.range = header.range;
  llvm::StringMap<const ast::PolicyField *> seen;
  for (const ast::PolicyField &field : header.fields) {
    // contact, transfers and certification may repeat; the others may not.
    bool unique = field.kind == ast::PolicyField::Kind::Controller ||
                  field.kind == ast::PolicyField::Kind::Effective;
    if (unique) {
      auto [it, inserted] = seen.try_emplace(field.keyword.text, &field);
      if (!inserted) {
        diags.report(field.keyword.range, diag::err_duplicate_policy_field, field.keyword.text)
            .note(it->getValue()->range, diag::note_previous_definition);
        continue;
      }
    }
    switch (field.kind) {
    case ast::PolicyField::Kind::Controller:
      info.controller = field.value.value;
      info.controllerRange = field.range;
      break;
    case ast::PolicyField::Kind::Effective:
      info.effective = date(field.date);
      info.effectiveRange = field.range;
      break;
    case ast::PolicyField::Kind::Contact:
      if (auto kind =
              registryWord<model::ContactKind>(field.contactKind, diag::err_unknown_contact_kind))
        info.contacts.push_back({*kind, field.value.value, field.range});
      break;
    case ast::PolicyField::Kind::Transfers:
      for (const ast::Identifier &name : field.names)
        if (auto framework = registryWord<model::Framework>(name, diag::err_unknown_framework))
          info.frameworks.push_back({*framework, name.range});
      break;
    case ast::PolicyField::Kind::Certification:
      info.certifications.push_back(field.value.value);
      break;
    }
  }
}

void SemaImpl::buildVocabularies(llvm::ArrayRef<const ast::TranslationUnit *> units) {
  std::array<std::vector<const ast::VocabularyNode *>, model::kNumVocabularies> roots;
  for (const ast::TranslationUnit *unit : units)
    for (const auto &item : unit->items)
      if (const auto *decl = llvm::dyn_cast<ast::VocabularyDecl>(item.get()))
        roots[static_cast<size_t>(toModel(decl->vocabulary))].push_back(&decl->root);
  for (unsigned i = 0; i < model::kNumVocabularies; ++i)
    buildVocabulary(static_cast<VocabularyKind>(i), roots[i]);
}

void SemaImpl::buildVocabulary(VocabularyKind kind,
                               llvm::ArrayRef<const ast::VocabularyNode *> roots) {
  model::Vocabulary &vocabulary = model->vocabulary(kind);
  vocabulary.kind = kind;
  if (kind == VocabularyKind::Recipient) {
    // The built-in recipient `us`: the controller itself.
    model::VocabularyNode &us = vocabulary.nodes.emplace_back();
    us.name = "us";
    us.path = us.name;
    us.description = model->policy.controller;
    us.recipientKind = model::RecipientKind::internal;
    us.builtin = true;
    us.last = 0;
    vocabulary.byPath["us"] = 0;
    model->usRecipient = 0;
  }
  llvm::StringMap<const ast::VocabularyNode *> topLevel;
  for (const ast::VocabularyNode *root : roots) {
    if (!checkNotBuiltin(root->name, kind))
      continue;
    auto [it, inserted] = topLevel.try_emplace(root->name.text, root);
    if (!inserted) {
      diags
          .report(root->name.range, diag::err_duplicate_definition, vocabularyName(kind),
                  root->name.text)
          .note(it->getValue()->name.range, diag::note_previous_definition);
      continue;
    }
    addNode(vocabulary, *root, model::kNoNode, 0);
  }
}

void SemaImpl::addNode(model::Vocabulary &vocabulary, const ast::VocabularyNode &node,
                       NodeId parent, uint16_t depth) {
  NodeId id = vocabulary.size();
  {
    model::VocabularyNode entry;
    entry.name = node.name.text;
    entry.path = parent == model::kNoNode ? node.name.text
                                          : vocabulary.nodes[parent].path + "." + node.name.text;
    if (node.description)
      entry.description = node.description->value;
    entry.parent = parent;
    entry.depth = depth;
    entry.range = node.name.range;
    if (parent != model::kNoNode) {
      const model::VocabularyNode &parentNode = vocabulary.nodes[parent];
      entry.flags = parentNode.flags;
      entry.recipientKind = parentNode.recipientKind;
      entry.basis = parentNode.basis;
    }
    vocabulary.byPath[entry.path] = id;
    vocabulary.nodes.push_back(std::move(entry));
  }
  applyAttributes(vocabulary.kind, vocabulary.nodes[id], node.attributes);
  if (vocabulary.kind == VocabularyKind::Recipient && parent == model::kNoNode &&
      !vocabulary.nodes[id].recipientKind)
    diags.report(node.name.range, diag::err_missing_recipient_kind, node.name.text);

  llvm::StringMap<const ast::VocabularyNode *> siblings;
  for (const ast::VocabularyNode &child : node.children) {
    auto [it, inserted] = siblings.try_emplace(child.name.text, &child);
    if (!inserted) {
      diags
          .report(child.name.range, diag::err_duplicate_definition, vocabularyName(vocabulary.kind),
                  vocabulary.nodes[id].path + "." + child.name.text)
          .note(it->getValue()->name.range, diag::note_previous_definition);
      continue;
    }
    addNode(vocabulary, child, id, depth + 1);
  }
  vocabulary.nodes[id].last = vocabulary.size() - 1;
}

void SemaImpl::applyAttributes(VocabularyKind kind, model::VocabularyNode &node,
                               const std::vector<ast::Attribute> &attributes) {
  const ast::Attribute *kindAttribute = nullptr;
  llvm::StringMap<const ast::Attribute *> seen;
  for (const ast::Attribute &attribute : attributes) {
    llvm::StringRef key = attribute.key.text;
    if (!seen.try_emplace(key, &attribute).second) {
      diags.report(attribute.range, diag::warn_duplicate_attribute, key);
      continue;
    }
    if (key == "basis") {
      if (kind != VocabularyKind::Purpose) {
        diags.report(attribute.key.range, diag::err_attribute_not_applicable, key,
                     vocabularyName(kind));
        continue;
      }
      if (auto basis = registryWord<model::LegalBasis>(*attribute.value, diag::err_unknown_basis))
        node.basis = *basis;
      continue;
    }
    auto allowed = flagAttributes(kind);
    if (!llvm::is_contained(allowed, key)) {
      if (isAnyAttribute(key)) {
        diags.report(attribute.key.range, diag::err_attribute_not_applicable, key,
                     vocabularyName(kind));
        continue;
      }
      std::vector<std::string> candidates;
      for (llvm::StringLiteral word : allowed)
        candidates.push_back(word.str());
      if (kind == VocabularyKind::Purpose)
        candidates.push_back("basis");
      diags.report(attribute.key.range, diag::err_unknown_attribute, key, vocabularyName(kind),
                   didYouMean(closestMatch(key, candidates)));
      continue;
    }
    if (key == "open") {
      // Not a flag: flags are inherited, and a member's list is not open because its
      // parent's is.
      node.open = true;
      continue;
    }
    if (auto recipientKind = model::lookup<model::RecipientKind>(key)) {
      if (kindAttribute) {
        diags.report(attribute.key.range, diag::err_conflicting_attributes, key,
                     kindAttribute->key.text);
        continue;
      }
      kindAttribute = &attribute;
      node.recipientKind = *recipientKind;
      continue;
    }
    model::NodeFlag flag = flagFor(key);
    node.ownFlags |= flag;
    node.flags |= flag;
  }
}

void SemaImpl::declareConsent(const ast::ConsentDecl &decl) {
  auto found = model->consentsByName.find(decl.name.text);
  if (found != model->consentsByName.end()) {
    diags.report(decl.name.range, diag::err_duplicate_definition, "consent", decl.name.text)
        .note(model->consents[found->getValue()].range, diag::note_previous_definition);
    return;
  }
  model::Consent consent;
  consent.name = decl.name.text;
  consent.range = decl.name.range;
  if (decl.description)
    consent.description = decl.description->value;
  const ast::Attribute *mode = nullptr;
  for (const ast::Attribute &attribute : decl.attributes) {
    llvm::StringRef key = attribute.key.text;
    if (key == "opt_in" || key == "opt_out") {
      if (mode && mode->key.text != key) {
        diags.report(attribute.key.range, diag::err_conflicting_attributes, key, mode->key.text);
        continue;
      }
      if (mode) {
        diags.report(attribute.range, diag::warn_duplicate_attribute, key);
        continue;
      }
      mode = &attribute;
      consent.optIn = key == "opt_in";
      continue;
    }
    if (isAnyAttribute(key)) {
      diags.report(attribute.key.range, diag::err_attribute_not_applicable, key, "consent");
      continue;
    }
    diags.report(attribute.key.range, diag::err_unknown_attribute, key, "consent",
                 didYouMean(closestMatch(key, std::vector<std::string>{"opt_in", "opt_out"})));
  }
  for (const ast::Withdrawal &withdrawal : decl.withdrawals)
    if (auto list = channels(withdrawal.channels))
      consent.withdrawals.insert(consent.withdrawals.end(), list->begin(), list->end());
  model->consentsByName[consent.name] = static_cast<model::ConsentId>(model->consents.size());
  model->consents.push_back(std::move(consent));
}

void SemaImpl::declareEvent(const ast::EventDecl &decl) {
  auto found = model->eventsByName.find(decl.name.text);
  if (found != model->eventsByName.end()) {
    diags.report(decl.name.range, diag::err_duplicate_definition, "event", decl.name.text)
        .note(model->events[found->getValue()].range, diag::note_previous_definition);
    return;
  }
  model::Event event;
  event.name = decl.name.text;
  event.range = decl.name.range;
  if (decl.description)
    event.description = decl.description->value;
  model->eventsByName[event.name] = static_cast<model::EventId>(model->events.size());
  model->events.push_back(std::move(event));
}

} // namespace policyc::sema
