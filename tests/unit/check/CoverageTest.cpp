// findUncovered() must find a point exactly when one exists, and the point must lie in the
// target and outside every cover.
#include "check/Coverage.h"

#include <catch2/catch.hpp>

#include <random>

using namespace policyc;
using namespace policyc::check;

namespace {
constexpr model::NodeId kUniverse = 6;

model::NodeSet randomSet(std::mt19937 &random) {
  model::NodeSet set;
  unsigned intervals = std::uniform_int_distribution<unsigned>(1, 2)(random);
  for (unsigned i = 0; i < intervals; ++i) {
    model::NodeId first = std::uniform_int_distribution<model::NodeId>(0, kUniverse - 1)(random);
    model::NodeId last = std::uniform_int_distribution<model::NodeId>(first, kUniverse - 1)(random);
    set.add({first, last});
  }
  return set;
}

Box randomBox(std::mt19937 &random) {
  Box box;
  for (unsigned axis = 0; axis < kNumAxes; ++axis)
    box.sets[axis] = randomSet(random);
  return box;
}

bool inBox(const Box &box, const Point &point, unsigned axes) {
  for (unsigned axis = 0; axis < axes; ++axis)
    if (!box.sets[axis].contains(point[axis]))
      return false;
  return true;
}
} // namespace

TEST_CASE("findUncovered agrees with enumerating every point", "[check][coverage]") {
  std::mt19937 random(42);
  AxisVocabularies none{nullptr, nullptr, nullptr, nullptr};
  for (unsigned round = 0; round < 400; ++round) {
    unsigned axes = std::uniform_int_distribution<unsigned>(1, kNumAxes)(random);
    Box target = randomBox(random);
    std::vector<Box> covers(std::uniform_int_distribution<unsigned>(0, 6)(random));
    std::vector<const Box *> pointers;
    for (Box &cover : covers) {
      cover = randomBox(random);
      pointers.push_back(&cover);
    }
    bool exists = false;
    Point point{};
    for (point[0] = 0; point[0] < kUniverse && !exists; ++point[0])
      for (point[1] = 0; point[1] < kUniverse && !exists; ++point[1])
        for (point[2] = 0; point[2] < kUniverse && !exists; ++point[2])
          for (point[3] = 0; point[3] < kUniverse && !exists; ++point[3]) {
            if (!inBox(target, point, kNumAxes))
              continue;
            bool covered = false;
            for (const Box &cover : covers)
              covered = covered || inBox(cover, point, axes);
            exists = !covered;
          }
    std::optional<Point> found = findUncovered(target, pointers, none, axes);
    REQUIRE(found.has_value() == exists);
    if (!found)
      continue;
    CHECK(inBox(target, *found, kNumAxes));
    for (const Box &cover : covers)
      CHECK_FALSE(inBox(cover, *found, axes));
  }
}

TEST_CASE("witnesses prefer leaves", "[check][coverage]") {
  // contact = 0 { email = 1; phone = 2; }: the uncovered part of contact besides email is the
  // node contact itself and phone; phone is the concrete answer.
  model::Vocabulary categories;
  categories.nodes.resize(3);
  categories.nodes[0].last = 2;
  categories.nodes[1].parent = 0;
  categories.nodes[1].last = 1;
  categories.nodes[2].parent = 0;
  categories.nodes[2].last = 2;
  AxisVocabularies vocabularies{&categories, nullptr, nullptr, nullptr};
  Box target;
  for (model::NodeSet &set : target.sets)
    set = model::NodeSet::range(0, 0);
  target.sets[CategoryAxis] = model::NodeSet::range(0, 2);
  Box email = target;
  email.sets[CategoryAxis] = model::NodeSet::range(1, 1);
  std::optional<Point> found = findUncovered(target, {&email}, vocabularies);
  REQUIRE(found);
  CHECK((*found)[CategoryAxis] == 2);
  CHECK(witnessPoint(target, vocabularies)[CategoryAxis] == 1);
}
