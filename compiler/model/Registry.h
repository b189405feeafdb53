// Enumerations for the built-in words of the language (Registry.def) with their spellings,
// display texts and lookups.
#ifndef POLICYC_MODEL_REGISTRY_H
#define POLICYC_MODEL_REGISTRY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace policyc::model {

enum class Right : uint8_t {
#define RIGHT(ID, DISPLAY) ID,
#include "model/Registry.def"
};
enum class ChannelKind : uint8_t {
#define CHANNEL(ID, DISPLAY) ID,
#include "model/Registry.def"
};
enum class NoticeKind : uint8_t {
#define NOTICE(ID, DISPLAY) ID,
#include "model/Registry.def"
};
enum class NoteSection : uint8_t {
#define SECTION(ID, TITLE) ID,
#include "model/Registry.def"
};
enum class ContactKind : uint8_t {
#define CONTACT_KIND(ID, DISPLAY) ID,
#include "model/Registry.def"
};
enum class LegalBasis : uint8_t {
#define BASIS(ID, DISPLAY) ID,
#include "model/Registry.def"
};
enum class RecipientKind : uint8_t {
#define RECIPIENT_KIND(ID, SPELLING, DISPLAY) ID,
#include "model/Registry.def"
};
enum class Framework : uint8_t {
#define FRAMEWORK(ID, DISPLAY, FROM, UNTIL) ID,
#include "model/Registry.def"
};

/// One built-in word: how policies spell it and how generated text says it.
struct RegistryEntry {
  llvm::StringLiteral spelling;
  llvm::StringLiteral display;
};

/// The rows of one registry, in declaration order; the enumerator is the index.
template <typename Enum> llvm::ArrayRef<RegistryEntry> registryEntries();
template <> llvm::ArrayRef<RegistryEntry> registryEntries<Right>();
template <> llvm::ArrayRef<RegistryEntry> registryEntries<ChannelKind>();
template <> llvm::ArrayRef<RegistryEntry> registryEntries<NoticeKind>();
template <> llvm::ArrayRef<RegistryEntry> registryEntries<NoteSection>();
template <> llvm::ArrayRef<RegistryEntry> registryEntries<ContactKind>();
template <> llvm::ArrayRef<RegistryEntry> registryEntries<LegalBasis>();
template <> llvm::ArrayRef<RegistryEntry> registryEntries<RecipientKind>();
template <> llvm::ArrayRef<RegistryEntry> registryEntries<Framework>();

template <typename Enum> llvm::StringRef spelling(Enum value) {
  return registryEntries<Enum>()[static_cast<size_t>(value)].spelling;
}
/// The display text; for NoteSection, the section title.
template <typename Enum> llvm::StringRef display(Enum value) {
  return registryEntries<Enum>()[static_cast<size_t>(value)].display;
}
template <typename Enum> std::optional<Enum> lookup(llvm::StringRef word) {
  auto entries = registryEntries<Enum>();
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i].spelling == word)
      return static_cast<Enum>(i);
  return std::nullopt;
}
template <typename Enum> size_t registrySize() {
  return registryEntries<Enum>().size();
}

/// Validity window of a transfer framework as ISO dates; empty for unbounded.
struct FrameworkValidity {
  llvm::StringLiteral validFrom;
  llvm::StringLiteral validUntil; ///< exclusive
};
FrameworkValidity frameworkValidity(Framework framework);

} // namespace policyc::model

#endif
