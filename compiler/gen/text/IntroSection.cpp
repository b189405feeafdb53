// The introduction: who the controller is, which services the policy covers, certifications.
#include "gen/text/English.h"
#include "gen/text/Sections.h"

namespace policyc::gen::text {

std::vector<Block> buildIntroduction(const SectionContext &context) {
  const model::PolicyModel &model = context.model;
  const Phrases &phrases = context.phrases;
  std::vector<Block> blocks;

  std::vector<Trace> headerTraces;
  if (model.policy.present)
    addTrace(headerTraces,
             phrases.trace(model.policy.controller.empty() ? model.policy.range
                                                           : model.policy.controllerRange));
  // The controller's name may carry its own defined term ("Acme, Inc. ("Acme")"), so "we" is
  // defined in a sentence of its own.
  std::string text;
  if (!model.policy.controller.empty())
    text =
        endSentence("In this privacy policy, “we” and “us” mean " + model.policy.controller) + " ";
  text += "This privacy policy explains how we collect, use, disclose, keep and protect personal "
          "information.";
  blocks.push_back(Block::paragraph(plainText(text), headerTraces));

  // The services covered: every top-level collection point.
  const model::Vocabulary &sources = model.sources();
  std::vector<std::string> services;
  std::vector<Trace> serviceTraces;
  for (model::NodeId id = 0; id < sources.size(); id = sources[id].last + 1) {
    services.push_back(phrases.fullName(model::VocabularyKind::Source, id));
    addTrace(serviceTraces, phrases.trace(sources[id].range));
  }
  if (!services.empty())
    blocks.push_back(Block::paragraph(plainText(endSentence("It applies to " + joinList(services))),
                                      serviceTraces));

  const std::vector<std::string> &certifications = model.policy.certifications;
  if (!certifications.empty())
    blocks.push_back(Block::paragraph(
        plainText(
            endSentence("We hold the following " +
                        plural(certifications.size(), "certification", "certifications").str() +
                        ": " + joinList(certifications))),
        {phrases.trace(model.policy.range)}));
  return blocks;
}

} // namespace policyc::gen::text
