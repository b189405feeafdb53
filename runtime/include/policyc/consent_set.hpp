// A set of granted consents, one bit per consent of a policy. Generated headers instantiate
// it with their own `Consent` enumeration, so a set of one policy cannot be passed to another.
#ifndef POLICYC_CONSENT_SET_HPP
#define POLICYC_CONSENT_SET_HPP

#include "policyc/packed.hpp"

#include <cstddef>
#include <cstdint>

namespace policyc {

template <typename ConsentEnum, std::size_t Count> class ConsentSet {
public:
  using consent_type = ConsentEnum;
  static constexpr std::size_t size = Count;

  constexpr ConsentSet() noexcept = default;

  /// Every consent granted.
  static constexpr ConsentSet all() noexcept {
    ConsentSet granted;
    for (std::size_t index = 0; index < Count; ++index)
      granted.words_[index / 64] |= std::uint64_t{1} << (index % 64);
    return granted;
  }

  constexpr bool has(ConsentEnum consent) const noexcept {
    const std::size_t index = static_cast<std::size_t>(consent);
    // Bits from Count up are never set, so the test is against the storage: when the index
    // is known to be small (a generated decision masks it), the compiler drops the test.
    return index < kWords * 64 && ((words_[index / 64] >> (index % 64)) & 1u) != 0;
  }
  /// The consents whose entry in `opt_in` is 0: what a data subject has before choosing.
  static constexpr ConsentSet opt_outs(const detail::PackedTable<1> &opt_in) noexcept {
    ConsentSet granted;
    for (std::size_t index = 0; index < Count; ++index)
      if (opt_in[index] == 0)
        granted.words_[index / 64] |= std::uint64_t{1} << (index % 64);
    return granted;
  }

  /// Grants `consent`; out-of-range values are ignored.
  constexpr ConsentSet &grant(ConsentEnum consent) noexcept {
    const std::size_t index = static_cast<std::size_t>(consent);
    if (index < Count)
      words_[index / 64] |= std::uint64_t{1} << (index % 64);
    return *this;
  }
  constexpr ConsentSet &withdraw(ConsentEnum consent) noexcept {
    const std::size_t index = static_cast<std::size_t>(consent);
    if (index < Count)
      words_[index / 64] &= ~(std::uint64_t{1} << (index % 64));
    return *this;
  }
  constexpr ConsentSet &set(ConsentEnum consent, bool granted) noexcept {
    return granted ? grant(consent) : withdraw(consent);
  }
  constexpr ConsentSet with(ConsentEnum consent) const noexcept {
    ConsentSet copy = *this;
    copy.grant(consent);
    return copy;
  }
  constexpr ConsentSet without(ConsentEnum consent) const noexcept {
    ConsentSet copy = *this;
    copy.withdraw(consent);
    return copy;
  }
  constexpr std::size_t count() const noexcept {
    std::size_t total = 0;
    for (std::uint64_t word : words_)
      for (; word != 0; word &= word - 1)
        ++total;
    return total;
  }

  friend constexpr bool operator==(const ConsentSet &a, const ConsentSet &b) noexcept {
    for (std::size_t i = 0; i < kWords; ++i)
      if (a.words_[i] != b.words_[i])
        return false;
    return true;
  }
  friend constexpr bool operator!=(const ConsentSet &a, const ConsentSet &b) noexcept {
    return !(a == b);
  }

private:
  // At least one word, so that a policy without consents still has a usable (empty) set.
  static constexpr std::size_t kWords = Count == 0 ? 1 : (Count + 63) / 64;
  std::uint64_t words_[kWords] = {};
};

} // namespace policyc

#endif
