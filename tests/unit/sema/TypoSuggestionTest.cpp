// "Did you mean": the edit distance (with swaps of neighbouring letters) against a plain
// reference implementation, the choice among candidates, and its cost on very long names.
#include "basic/DiagnosticEngine.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace policyc;

namespace {
/// Optimal string alignment distance, the textbook full-matrix way.
unsigned referenceDistance(const std::string &a, const std::string &b) {
  std::vector<std::vector<unsigned>> d(a.size() + 1, std::vector<unsigned>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i)
    d[i][0] = static_cast<unsigned>(i);
  for (size_t j = 0; j <= b.size(); ++j)
    d[0][j] = static_cast<unsigned>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}
} // namespace

TEST_CASE("typo distance: swaps of neighbouring letters count once", "[typo]") {
  CHECK(typoDistance("emial", "email", 3) == 1);
  CHECK(typoDistance("marketng", "marketing", 3) == 1);
  CHECK(typoDistance("contcat", "contact", 3) == 1);
  CHECK(typoDistance("abc", "abc", 3) == 0);
  CHECK(typoDistance("", "abc", 3) == 3);
  CHECK(typoDistance("kitten", "sitting", 3) == 3);
  // Anything beyond the limit is limit + 1.
  CHECK(typoDistance("kitten", "sitting", 2) == 3);
  CHECK(typoDistance("a", "abcdefgh", 3) == 4);
}

TEST_CASE("typo distance agrees with the reference on random words", "[typo]") {
  std::mt19937 random(42);
  auto word = [&] {
    std::string text(1 + random() % 9, 'a');
    for (char &c : text)
      c = static_cast<char>('a' + random() % 4); // a small alphabet makes near misses common
    return text;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string a = word();
    std::string b = word();
    unsigned limit = random() % 4;
    unsigned expected = std::min(referenceDistance(a, b), limit + 1);
    INFO(a << " / " << b << " limit " << limit);
    REQUIRE(typoDistance(a, b, limit) == expected);
  }
}

TEST_CASE("the closest candidate wins; ties go to the closer length, then alphabet", "[typo]") {
  std::vector<std::string> candidates = {"marketing", "market", "billing", "shipping"};
  CHECK(closestMatch("marketng", candidates) == "marketing");
  CHECK(closestMatch("markt", candidates) == "market");
  CHECK(closestMatch("zzzzzz", candidates) == "");
  // The typo itself is never suggested.
  CHECK(closestMatch("market", std::vector<std::string>{"market"}) == "");
  // One edit per four letters, at least one and at most three.
  CHECK(maxTypoDistance("ab") == 1);
  CHECK(maxTypoDistance("marketing") == 2);
  CHECK(maxTypoDistance("a_very_long_category_name") == 3);
  CHECK(didYouMean("x") == "; did you mean 'x'?");
  CHECK(didYouMean("") == "");
}

TEST_CASE("typo distance on 100,000-character names", "[typo]") {
  // Only a band 2 * limit + 1 wide around the diagonal is computed; the full matrix (10^10
  // cells here) would make this test hit the suite's timeout.
  std::string a(100'000, 'a');
  std::string b = a;
  b[50'000] = 'b';
  CHECK(typoDistance(a, b, 3) == 1);
  CHECK(typoDistance(a, a + "bcde", 3) == 4);
  CHECK(closestMatch(b, std::vector<std::string>{a, a + "x", "short"}) == a);
}
