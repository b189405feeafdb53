#include "model/Registry.h"

namespace policyc::model {

namespace {
constexpr RegistryEntry kRights[] = {
#define RIGHT(ID, DISPLAY) {#ID, DISPLAY},
#include "model/Registry.def"
};
constexpr RegistryEntry kChannels[] = {
#define CHANNEL(ID, DISPLAY) {#ID, DISPLAY},
#include "model/Registry.def"
};
constexpr RegistryEntry kNotices[] = {
#define NOTICE(ID, DISPLAY) {#ID, DISPLAY},
#include "model/Registry.def"
};
constexpr RegistryEntry kSections[] = {
#define SECTION(ID, TITLE) {#ID, TITLE},
#include "model/Registry.def"
};
constexpr RegistryEntry kContactKinds[] = {
#define CONTACT_KIND(ID, DISPLAY) {#ID, DISPLAY},
#include "model/Registry.def"
};
constexpr RegistryEntry kBases[] = {
#define BASIS(ID, DISPLAY) {#ID, DISPLAY},
#include "model/Registry.def"
};
constexpr RegistryEntry kRecipientKinds[] = {
#define RECIPIENT_KIND(ID, SPELLING, DISPLAY) {SPELLING, DISPLAY},
#include "model/Registry.def"
};
constexpr RegistryEntry kFrameworks[] = {
#define FRAMEWORK(ID, DISPLAY, FROM, UNTIL) {#ID, DISPLAY},
#include "model/Registry.def"
};
constexpr FrameworkValidity kFrameworkValidity[] = {
#define FRAMEWORK(ID, DISPLAY, FROM, UNTIL) {FROM, UNTIL},
#include "model/Registry.def"
};
} // namespace

template <> llvm::ArrayRef<RegistryEntry> registryEntries<Right>() {
  return kRights;
}
template <> llvm::ArrayRef<RegistryEntry> registryEntries<ChannelKind>() {
  return kChannels;
}
template <> llvm::ArrayRef<RegistryEntry> registryEntries<NoticeKind>() {
  return kNotices;
}
template <> llvm::ArrayRef<RegistryEntry> registryEntries<NoteSection>() {
  return kSections;
}
template <> llvm::ArrayRef<RegistryEntry> registryEntries<ContactKind>() {
  return kContactKinds;
}
template <> llvm::ArrayRef<RegistryEntry> registryEntries<LegalBasis>() {
  return kBases;
}
template <> llvm::ArrayRef<RegistryEntry> registryEntries<RecipientKind>() {
  return kRecipientKinds;
}
template <> llvm::ArrayRef<RegistryEntry> registryEntries<Framework>() {
  return kFrameworks;
}

FrameworkValidity frameworkValidity(Framework framework) {
  return kFrameworkValidity[static_cast<size_t>(framework)];
}

} // namespace policyc::model
